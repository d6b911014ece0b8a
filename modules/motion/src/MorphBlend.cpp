#include "tessera/motion/MorphBlend.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace tessera {

namespace {

//! An image whose content moved along a field, and which of its pixels received any.
struct WarpedImage
{
    cv::Mat image;                 //!< CV_32FC3
    std::vector<std::uint8_t> covered; //!< 1 where some content landed
};

//! Moves each pixel of `image` to where `field` sends it. OpenCV warps backward only (remap
//! samples, for each target pixel, a source position), and moving content forward needs the
//! inverse map, which no library here builds. So each source pixel is splatted to the four
//! target pixels around where it lands, recording where to sample back; remap then samples. Where
//! several land on one pixel, the one that moved farthest wins: in a morph between cells the
//! subject that moves passes in front of the ground that stays.
WarpedImage warpForward(const LinearImage& image, const FlowField& field)
{
    const int w = image.width;
    const int h = image.height;
    const std::size_t n = std::size_t(w) * std::size_t(h);
    cv::Mat mapX(h, w, CV_32FC1);
    cv::Mat mapY(h, w, CV_32FC1);
    std::vector<float> moved(n, -1.0f);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const std::size_t at = (std::size_t(y) * std::size_t(w) + std::size_t(x)) * 2;
            const float dx = field.xy[at];
            const float dy = field.xy[at + 1];
            const float distance = dx * dx + dy * dy;
            const int x0 = int(std::floor(float(x) + dx));
            const int y0 = int(std::floor(float(y) + dy));
            for (int ty = y0; ty <= y0 + 1; ++ty)
                for (int tx = x0; tx <= x0 + 1; ++tx) {
                    if (tx < 0 || ty < 0 || tx >= w || ty >= h)
                        continue;
                    const std::size_t target = std::size_t(ty) * std::size_t(w) + std::size_t(tx);
                    if (distance > moved[target]) {
                        moved[target] = distance;
                        mapX.at<float>(ty, tx) = float(tx) - dx;
                        mapY.at<float>(ty, tx) = float(ty) - dy;
                    }
                }
        }
    WarpedImage out;
    out.covered.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        out.covered[i] = moved[i] >= 0.0f ? 1 : 0;
        if (!out.covered[i]) {
            mapX.at<float>(int(i) / w, int(i) % w) = float(int(i) % w);
            mapY.at<float>(int(i) / w, int(i) % w) = float(int(i) / w);
        }
    }
    const cv::Mat source(h, w, CV_32FC3, const_cast<float*>(image.rgb.data()));
    cv::remap(source, out.image, mapX, mapY, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    return out;
}

} // namespace

LinearImage morphBlend(const std::vector<MorphInput>& inputs)
{
    if (inputs.empty() || !inputs.front().image)
        return {};
    const int w = inputs.front().image->width;
    const int h = inputs.front().image->height;
    const std::size_t n = std::size_t(w) * std::size_t(h);
    const bool anyMoves = std::any_of(inputs.begin(), inputs.end(), [](const MorphInput& input) {
        return !input.displacement.isNull() && !input.displacement.isStill();
    });
    LinearImage dissolve(w, h);
    LinearImage moved(w, h);
    std::vector<float> coverage(n, 0.0f);
    for (const MorphInput& input : inputs) {
        const std::vector<float>& source = input.image->rgb;
        for (std::size_t k = 0; k < dissolve.rgb.size(); ++k)
            dissolve.rgb[k] += input.weight * source[k];
        if (!anyMoves)
            continue;
        if (input.displacement.isNull() || input.displacement.isStill()) {
            for (std::size_t k = 0; k < moved.rgb.size(); ++k)
                moved.rgb[k] += input.weight * source[k];
            for (float& c : coverage)
                c += input.weight;
            continue;
        }
        const WarpedImage warped = warpForward(*input.image, input.displacement.resized(w, h));
        const auto* pixels = reinterpret_cast<const float*>(warped.image.data);
        for (std::size_t i = 0; i < n; ++i) {
            if (!warped.covered[i])
                continue;
            coverage[i] += input.weight;
            for (std::size_t c = 0; c < 3; ++c)
                moved.rgb[i * 3 + c] += input.weight * pixels[i * 3 + c];
        }
    }
    if (!anyMoves)
        return dissolve; // exactly the dissolve's arithmetic, so a still morph is the same frame
    // Each pixel from the images that cover it, in their proportions; uncovered: the dissolve.
    for (std::size_t i = 0; i < n; ++i) {
        if (coverage[i] <= 0.0f)
            continue;
        for (std::size_t c = 0; c < 3; ++c)
            dissolve.rgb[i * 3 + c] = moved.rgb[i * 3 + c] / coverage[i];
    }
    return dissolve;
}

} // namespace tessera
