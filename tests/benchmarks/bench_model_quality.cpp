// bench_model_quality: does the bundled model draw what the prompt names?
//
// For 40 prompts that name things found among the training captions (common lyric nouns) times 4
// seeds, each generated image counts as a hit when one of its 5 nearest training images (L2 on
// 16x16 thumbnails) has a caption that shares the prompt's word. The same figure for randomly
// chosen training images (each one's own 5 nearest, itself included) is the chance level; the
// quality figure is reported with its ratio to chance. Also writes a contact sheet of the 160
// images with their prompts and nearest training image. The judge is the training tool's
// (app/tessera-train/ModelQuality.h), the same one the model_quality test asserts a threshold with
// on a fixed subset; the first line printed is the commit the benchmark was built from.
//
//   build/benchmarks/bench_model_quality [MODEL_DIR] [SHEET.png]
//
// MODEL_DIR defaults to the bundled model (resources/models/tessera-emoji-32); settings are the
// CLI's defaults (model's sampler, 30 steps, the model's recommended guidance, fp32;
// TESSERA_BENCH_PRECISION=bf16 measures the quality bf16 keeps). Needs fonts-noto-color-emoji and
// unicode-data, as training does.
#include "EmojiDataset.h"
#include "ModelQuality.h"
#include "source_commit.h"

#include "tessera/diffusion/DiffusionPipeline.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QString>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace {

using tessera::train::CaptionedImage;

constexpr int kSeeds = 4;

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const std::string model = argc > 1 ? argv[1] : TESSERA_BUNDLED_MODEL;
    const QString sheetPath = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("model-quality.png");
    try {
        std::printf("commit: %s (the checkout this benchmark was built from)\n", TESSERA_SOURCE_COMMIT);
        tessera::train::EmojiDatasetOptions options;
        const std::vector<CaptionedImage> data = tessera::train::renderEmojiDataset(options);
        const tessera::train::RetrievalJudge judge(data, options.size);

        // TESSERA_BENCH_PRECISION: fp32 (default), bf16 or auto, to measure the quality each keeps.
        const tessera::ComputePrecision precision = tessera::parseComputePrecision(
            qEnvironmentVariable("TESSERA_BENCH_PRECISION", QStringLiteral("fp32")).toStdString());
        const tessera::DiffusionPipeline pipeline(model, tessera::ComputeDevice::Cpu, std::string(), precision);
        // TESSERA_BENCH_GUIDANCE overrides the guidance (default: the model's recommended one).
        const double guidance = qEnvironmentVariableIsSet("TESSERA_BENCH_GUIDANCE")
            ? qEnvironmentVariable("TESSERA_BENCH_GUIDANCE").toDouble()
            : pipeline.recommendedGuidance();
        // TESSERA_BENCH_STEPS and TESSERA_BENCH_SAMPLER (ddim, euler, euler_a, dpmpp_2m...) explore
        // other settings; the defaults are the CLI's.
        const int steps = qEnvironmentVariableIsSet("TESSERA_BENCH_STEPS") ? qEnvironmentVariableIntValue("TESSERA_BENCH_STEPS") : 30;
        const std::string sampler = qEnvironmentVariable("TESSERA_BENCH_SAMPLER").toStdString();
        tessera::GenerationRequest settings;
        settings.guidance = guidance;
        settings.steps = steps;
        if (!sampler.empty())
            settings.sampler = tessera::samplerKindFromShortName(sampler, &settings.karras);
        const std::vector<std::string>& prompts = tessera::train::qualityPrompts();
        std::vector<std::uint64_t> seeds;
        for (int seed = 0; seed < kSeeds; ++seed)
            seeds.push_back(std::uint64_t(seed));
        QElapsedTimer timer;
        timer.start();
        const std::vector<tessera::train::JudgedImage> images
            = tessera::train::generateAndJudge(pipeline, judge, prompts, seeds, settings);
        const double seconds = double(timer.nsecsElapsed()) * 1e-9;

        const int promptCount = int(prompts.size());
        const auto hits = std::count_if(images.begin(), images.end(), [](const auto& image) { return image.hit; });
        // Chance: random training images in place of generated ones, many draws for a steady figure.
        const int draws = 100;
        const double quality = 100.0 * tessera::train::hitRate(images);
        const double chance = 100.0 * judge.chance(prompts, draws, 20261202);
        std::printf("model: %s, precision %s\n", model.c_str(), pipeline.precisionName().c_str());
        std::printf("sampled %zu images (%d prompts x %d seeds, %d steps, %s, guidance %.2f) in %.1f s = %.3f s/image\n",
            images.size(), promptCount, kSeeds, steps, sampler.empty() ? "the model's sampler" : sampler.c_str(), guidance, seconds, seconds / double(images.size()));
        std::printf("quality: %ld of %zu images (%.1f%%) have a training image naming the prompt among their %d nearest\n",
            long(hits), images.size(), quality, tessera::train::RetrievalJudge::kNearest);
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
                QString::fromStdString(prompts[std::size_t(p)]));
            for (int s = 0; s < kSeeds; ++s) {
                const std::size_t i = std::size_t(p * kSeeds + s);
                const tessera::RgbImage& image = images[i].image;
                const QImage tile(image.pixels.data(), image.width, image.height, image.width * 3, QImage::Format_RGB888);
                painter.drawImage(QRect(label + s * cell, p * cell, cell, cell), tile);
                const CaptionedImage& near = data[std::size_t(images[i].nearest.front())];
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
