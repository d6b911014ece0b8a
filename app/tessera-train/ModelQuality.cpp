#include "ModelQuality.h"

#include <algorithm>
#include <random>
#include <stdexcept>

namespace tessera::train {

namespace {

constexpr int kThumbnailSide = 16;
constexpr std::size_t kBatch = 8;

//! 16x16 RGB thumbnail (box filter) as floats in [0, 1].
std::vector<float> thumbnail(const std::uint8_t* rgb, int size)
{
    if (size < kThumbnailSide || size % kThumbnailSide != 0)
        throw std::invalid_argument("model quality: image side " + std::to_string(size) + " is not a multiple of 16");
    const int factor = size / kThumbnailSide;
    std::vector<float> out(kThumbnailSide * kThumbnailSide * 3, 0.0f);
    for (int y = 0; y < size; ++y) {
        for (int x = 0; x < size; ++x) {
            for (int c = 0; c < 3; ++c)
                out[std::size_t(((y / factor) * kThumbnailSide + x / factor) * 3 + c)] += rgb[(y * size + x) * 3 + c] / 255.0f;
        }
    }
    for (float& v : out)
        v /= float(factor * factor);
    return out;
}

bool isWordCharacter(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

} // namespace

const std::vector<std::string>& qualityPrompts()
{
    // Every word here occurs in at least one caption of emoji-test.txt (fully-qualified, no skin tones).
    static const std::vector<std::string> prompts = {"heart", "moon", "fire", "sun", "rose", "star", "rain",
        "snowflake", "wave", "cloud", "tree", "flower", "eye", "hand", "cat", "dog", "bird", "fish", "night", "city",
        "car", "guitar", "kiss", "crown", "diamond", "rainbow", "lightning", "umbrella", "house", "mountain", "skull",
        "ghost", "angel", "clock", "key", "bell", "rocket", "globe", "apple", "candle"};
    return prompts;
}

bool captionNames(const std::string& caption, const std::string& word)
{
    std::string lower = caption;
    std::transform(lower.begin(), lower.end(), lower.begin(),
        [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
    std::size_t start = 0;
    while (start < lower.size()) {
        while (start < lower.size() && !isWordCharacter(lower[start]))
            ++start;
        std::size_t end = start;
        while (end < lower.size() && isWordCharacter(lower[end]))
            ++end;
        const std::string part = lower.substr(start, end - start);
        if (!part.empty() && (part == word || part == word + "s" || part == word + "es"))
            return true;
        start = end;
    }
    return false;
}

RetrievalJudge::RetrievalJudge(const std::vector<CaptionedImage>& data, int size)
{
    m_captions.reserve(data.size());
    m_thumbnails.reserve(data.size());
    for (const CaptionedImage& image : data) {
        m_captions.push_back(image.caption);
        m_thumbnails.push_back(thumbnail(image.rgb.data(), size));
    }
}

std::vector<int> RetrievalJudge::nearest(const std::uint8_t* rgb, int size, int count) const
{
    return nearestTo(thumbnail(rgb, size), count);
}

std::vector<int> RetrievalJudge::nearestTo(const std::vector<float>& query, int count) const
{
    std::vector<std::pair<float, int>> distances;
    distances.reserve(m_thumbnails.size());
    for (std::size_t i = 0; i < m_thumbnails.size(); ++i) {
        float sum = 0.0f;
        for (std::size_t j = 0; j < query.size(); ++j) {
            const float difference = query[j] - m_thumbnails[i][j];
            sum += difference * difference;
        }
        distances.emplace_back(sum, int(i));
    }
    count = std::min(count, int(distances.size()));
    std::partial_sort(distances.begin(), distances.begin() + count, distances.end());
    std::vector<int> out;
    for (int i = 0; i < count; ++i)
        out.push_back(distances[std::size_t(i)].second);
    return out;
}

bool RetrievalJudge::anyNames(const std::vector<int>& neighbours, const std::string& word) const
{
    return std::any_of(neighbours.begin(), neighbours.end(),
        [&](int i) { return captionNames(m_captions[std::size_t(i)], word); });
}

double RetrievalJudge::chance(const std::vector<std::string>& prompts, int draws, std::uint32_t seed) const
{
    if (m_thumbnails.empty() || prompts.empty() || draws <= 0)
        return 0.0;
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> pick(0, int(m_thumbnails.size()) - 1);
    int hits = 0;
    for (const std::string& prompt : prompts) {
        for (int d = 0; d < draws; ++d)
            hits += anyNames(nearestTo(m_thumbnails[std::size_t(pick(random))], kNearest), prompt) ? 1 : 0;
    }
    return double(hits) / double(prompts.size() * std::size_t(draws));
}

std::vector<JudgedImage> generateAndJudge(const DiffusionPipeline& pipeline, const RetrievalJudge& judge,
                                          const std::vector<std::string>& prompts,
                                          const std::vector<std::uint64_t>& seeds,
                                          const GenerationRequest& settings)
{
    std::vector<JudgedImage> judged;
    std::vector<GenerationRequest> requests;
    for (const std::string& prompt : prompts) {
        for (const std::uint64_t seed : seeds) {
            GenerationRequest request = settings;
            request.prompt = prompt;
            request.seed = seed;
            requests.push_back(request);
            judged.push_back(JudgedImage{prompt, seed, {}, {}, false});
        }
    }
    for (std::size_t first = 0; first < requests.size(); first += kBatch) {
        const std::size_t last = std::min(requests.size(), first + kBatch);
        std::vector<RgbImage> images = pipeline.generateBatch(
            std::vector<GenerationRequest>(requests.begin() + long(first), requests.begin() + long(last)));
        for (std::size_t i = first; i < last; ++i)
            judged[i].image = std::move(images[i - first]);
    }
    for (JudgedImage& item : judged) {
        if (item.image.width != item.image.height)
            throw std::invalid_argument("model quality: the model draws " + std::to_string(item.image.width) + "x"
                                        + std::to_string(item.image.height) + " images, not square ones");
        item.nearest = judge.nearest(item.image.pixels.data(), item.image.width);
        item.hit = judge.anyNames(item.nearest, item.prompt);
    }
    return judged;
}

double hitRate(const std::vector<JudgedImage>& images)
{
    if (images.empty())
        return 0.0;
    const auto hits = std::count_if(images.begin(), images.end(), [](const JudgedImage& item) { return item.hit; });
    return double(hits) / double(images.size());
}

} // namespace tessera::train
