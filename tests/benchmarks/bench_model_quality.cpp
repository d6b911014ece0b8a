// bench_model_quality: does the bundled model draw what the prompt names?
//
// For 40 prompts that name things found among the training captions (common lyric nouns) times 4
// seeds, each generated image counts as a hit when one of its 5 nearest training images (L2 on
// 16x16 thumbnails) has a caption that shares the prompt's word. The same figure for randomly
// chosen training images (each one's own 5 nearest, itself included) is the chance level; the
// quality figure is reported with its ratio to chance. Also writes a contact sheet of the 160
// images with their prompts and nearest training image.
//
//   build/benchmarks/bench_model_quality [MODEL_DIR] [SHEET.png]
//
// MODEL_DIR defaults to the bundled model (resources/models/tessera-emoji-32); settings are the
// CLI's defaults (model's sampler, 30 steps, the model's recommended guidance). Needs fonts-noto-color-emoji and
// unicode-data, as training does.
#include "EmojiDataset.h"

#include "tessera/diffusion/DiffusionPipeline.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QString>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace {

using tessera::train::CaptionedImage;

// Every word here occurs in at least one caption of emoji-test.txt (fully-qualified, no skin tones).
const char* const kPrompts[] = {"heart", "moon", "fire", "sun", "rose", "star", "rain", "snowflake", "wave",
    "cloud", "tree", "flower", "eye", "hand", "cat", "dog", "bird", "fish", "night", "city", "car", "guitar",
    "kiss", "crown", "diamond", "rainbow", "lightning", "umbrella", "house", "mountain", "skull", "ghost",
    "angel", "clock", "key", "bell", "rocket", "globe", "apple", "candle"};
constexpr int kSeeds = 4;
constexpr int kNearest = 5;
constexpr int kThumb = 16;

//! 16x16 RGB thumbnail (box filter) as floats in [0, 1].
std::vector<float> thumbnail(const std::uint8_t* rgb, int size)
{
    const int factor = size / kThumb;
    std::vector<float> out(kThumb * kThumb * 3, 0.0f);
    for (int y = 0; y < kThumb * factor; ++y) {
        for (int x = 0; x < kThumb * factor; ++x) {
            for (int c = 0; c < 3; ++c)
                out[((y / factor) * kThumb + x / factor) * 3 + c] += rgb[(y * size + x) * 3 + c] / 255.0f;
        }
    }
    for (float& v : out)
        v /= float(factor * factor);
    return out;
}

//! Indices of the k training thumbnails nearest to `query` (squared L2).
std::vector<int> nearest(const std::vector<float>& query, const std::vector<std::vector<float>>& training, int k)
{
    std::vector<std::pair<float, int>> distances;
    distances.reserve(training.size());
    for (std::size_t i = 0; i < training.size(); ++i) {
        float sum = 0.0f;
        for (std::size_t j = 0; j < query.size(); ++j) {
            const float d = query[j] - training[i][j];
            sum += d * d;
        }
        distances.emplace_back(sum, int(i));
    }
    std::partial_sort(distances.begin(), distances.begin() + k, distances.end());
    std::vector<int> out;
    for (int i = 0; i < k; ++i)
        out.push_back(distances[std::size_t(i)].second);
    return out;
}

//! Whether the caption has the word (or its plural) as a whole word, ignoring case.
bool captionNames(const std::string& caption, const QString& word)
{
    static const QRegularExpression separators(QStringLiteral("[^a-z0-9]+"));
    for (const QString& part : QString::fromStdString(caption).toLower().split(separators, Qt::SkipEmptyParts)) {
        if (part == word || part == word + QLatin1Char('s') || part == word + QStringLiteral("es"))
            return true;
    }
    return false;
}

bool anyNames(const std::vector<int>& neighbours, const std::vector<CaptionedImage>& data, const QString& word)
{
    return std::any_of(neighbours.begin(), neighbours.end(),
        [&](int i) { return captionNames(data[std::size_t(i)].caption, word); });
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const std::string model = argc > 1 ? argv[1] : TESSERA_BUNDLED_MODEL;
    const QString sheetPath = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("model-quality.png");
    try {
        tessera::train::EmojiDatasetOptions options;
        const std::vector<CaptionedImage> data = tessera::train::renderEmojiDataset(options);
        std::vector<std::vector<float>> thumbs;
        for (const CaptionedImage& image : data)
            thumbs.push_back(thumbnail(image.rgb.data(), options.size));

        const tessera::DiffusionPipeline pipeline(model, tessera::ComputeDevice::Cpu);
        // TESSERA_BENCH_GUIDANCE overrides the guidance (default: the model's recommended one).
        const double guidance = qEnvironmentVariableIsSet("TESSERA_BENCH_GUIDANCE")
            ? qEnvironmentVariable("TESSERA_BENCH_GUIDANCE").toDouble()
            : pipeline.recommendedGuidance();
        // TESSERA_BENCH_STEPS and TESSERA_BENCH_SAMPLER (ddim, euler, euler_a, dpmpp_2m...) explore
        // other settings; the defaults are the CLI's.
        const int steps = qEnvironmentVariableIsSet("TESSERA_BENCH_STEPS") ? qEnvironmentVariableIntValue("TESSERA_BENCH_STEPS") : 30;
        const std::string sampler = qEnvironmentVariable("TESSERA_BENCH_SAMPLER").toStdString();
        std::vector<tessera::GenerationRequest> requests;
        for (const char* prompt : kPrompts) {
            for (int seed = 0; seed < kSeeds; ++seed) {
                tessera::GenerationRequest request;
                request.prompt = prompt;
                request.seed = std::uint64_t(seed);
                request.guidance = guidance;
                request.steps = steps;
                if (!sampler.empty())
                    request.sampler = tessera::samplerKindFromShortName(sampler, &request.karras);
                requests.push_back(request);
            }
        }
        QElapsedTimer timer;
        timer.start();
        std::vector<tessera::RgbImage> images;
        for (std::size_t i = 0; i < requests.size(); i += 8) {
            const std::vector<tessera::GenerationRequest> batch(requests.begin() + long(i),
                requests.begin() + long(std::min(requests.size(), i + 8)));
            for (auto& image : pipeline.generateBatch(batch))
                images.push_back(std::move(image));
        }
        const double seconds = double(timer.nsecsElapsed()) * 1e-9;

        const int promptCount = int(std::size(kPrompts));
        int hits = 0;
        std::vector<int> nearestOf(images.size());
        for (std::size_t i = 0; i < images.size(); ++i) {
            const int size = images[i].width;
            const std::vector<int> found = nearest(thumbnail(images[i].pixels.data(), size), thumbs, kNearest);
            nearestOf[i] = found.front();
            hits += anyNames(found, data, QString::fromLatin1(kPrompts[i / kSeeds])) ? 1 : 0;
        }
        // Chance: random training images in place of generated ones, many draws for a steady figure.
        std::mt19937 random(20261202);
        std::uniform_int_distribution<int> pick(0, int(data.size()) - 1);
        int chanceHits = 0;
        const int draws = 100;
        for (int p = 0; p < promptCount; ++p) {
            for (int d = 0; d < draws; ++d) {
                const int index = pick(random);
                chanceHits += anyNames(nearest(thumbs[std::size_t(index)], thumbs, kNearest), data,
                                  QString::fromLatin1(kPrompts[p])) ? 1 : 0;
            }
        }
        const double quality = 100.0 * hits / double(images.size());
        const double chance = 100.0 * chanceHits / double(promptCount * draws);
        std::printf("model: %s\n", model.c_str());
        std::printf("sampled %zu images (%d prompts x %d seeds, %d steps, %s, guidance %.2f) in %.1f s = %.3f s/image\n",
            images.size(), promptCount, kSeeds, steps, sampler.empty() ? "the model's sampler" : sampler.c_str(), guidance, seconds, seconds / double(images.size()));
        std::printf("quality: %d of %zu images (%.1f%%) have a training image naming the prompt among their %d nearest\n",
            hits, images.size(), quality, kNearest);
        std::printf("chance (random training images, %d draws per prompt): %.1f%%; ratio %.2fx (target: >= 50%% and >= 3x)\n",
            draws, chance, chance > 0 ? quality / chance : 0.0);

        // Contact sheet: per prompt a row of its 4 images, then the nearest training image of each.
        const int cell = 64, label = 90;
        QImage sheet(label + (2 * kSeeds) * cell + 8, promptCount * cell, QImage::Format_RGB888);
        sheet.fill(Qt::white);
        QPainter painter(&sheet);
        for (int p = 0; p < promptCount; ++p) {
            painter.setPen(Qt::black);
            painter.drawText(QRect(4, p * cell, label - 8, cell), Qt::AlignVCenter | Qt::AlignLeft,
                QString::fromLatin1(kPrompts[p]));
            for (int s = 0; s < kSeeds; ++s) {
                const std::size_t i = std::size_t(p * kSeeds + s);
                const QImage tile(images[i].pixels.data(), images[i].width, images[i].height, images[i].width * 3,
                    QImage::Format_RGB888);
                painter.drawImage(QRect(label + s * cell, p * cell, cell, cell), tile);
                const CaptionedImage& near = data[std::size_t(nearestOf[i])];
                const QImage nearTile(near.rgb.data(), options.size, options.size, options.size * 3, QImage::Format_RGB888);
                painter.drawImage(QRect(label + 8 + (kSeeds + s) * cell, p * cell, cell, cell), nearTile);
            }
        }
        painter.end();
        if (!sheet.save(sheetPath, "PNG")) {
            std::fprintf(stderr, "bench_model_quality: %s: cannot write the PNG\n", qPrintable(sheetPath));
            return 1;
        }
        std::printf("contact sheet (generated | nearest training image): %s\n", qPrintable(sheetPath));
    } catch (const std::exception& error) {
        std::fprintf(stderr, "bench_model_quality: %s\n", error.what());
        return 1;
    }
    return 0;
}
