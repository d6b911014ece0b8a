#include "tessera/color/ExposureMatch.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace tessera {

namespace {

//! Luminance below this (about 2^-16) counts as black: log2 of 0 would be -inf and a few
//! black pixels must not drag the median.
constexpr double kBlackLuminance = 1.0 / 65536.0;

double median(std::vector<double> values)
{
    if (values.empty())
        return std::numeric_limits<double>::quiet_NaN();
    const std::size_t middle = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(middle), values.end());
    const double upper = values[middle];
    if (values.size() % 2 == 1)
        return upper;
    const double lower = *std::max_element(values.begin(), values.begin() + std::ptrdiff_t(middle));
    return (lower + upper) / 2.0;
}

} // namespace

const std::array<float, 256>& srgbDecodeTable()
{
    // Written out here (rather than asked of OCIO) so the matcher stays a pure function usable
    // without a config; it is the same piecewise curve as the bundled config's "sRGB - Texture".
    static const std::array<float, 256> table = [] {
        std::array<float, 256> values{};
        for (int code = 0; code < 256; ++code) {
            const double v = code / 255.0;
            values[std::size_t(code)] = float(v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4));
        }
        return values;
    }();
    return table;
}

double medianLog2Luminance(const QImage& image, const std::array<float, 256>& decode)
{
    if (image.isNull())
        return std::numeric_limits<double>::quiet_NaN();
    const QImage rgba = image.format() == QImage::Format_RGBA8888 ? image : image.convertToFormat(QImage::Format_RGBA8888);
    // A log-luminance per code triple would need a 16M-entry table; per pixel is cheap enough
    // (a 512x512 cell takes a few ms).
    std::vector<double> logs;
    logs.reserve(std::size_t(rgba.width()) * std::size_t(rgba.height()));
    for (int y = 0; y < rgba.height(); ++y) {
        const uchar* pixel = rgba.constScanLine(y);
        for (int x = 0; x < rgba.width(); ++x, pixel += 4) {
            const double luminance = 0.2126 * decode[pixel[0]] + 0.7152 * decode[pixel[1]] + 0.0722 * decode[pixel[2]];
            logs.push_back(std::log2(std::max(luminance, kBlackLuminance)));
        }
    }
    return median(std::move(logs));
}

ExposureMatch matchExposure(const QVector<QImage>& cells, const std::array<float, 256>& decode)
{
    ExposureMatch match;
    std::vector<double> valid;
    for (const QImage& cell : cells) {
        const double value = medianLog2Luminance(cell, decode);
        match.medianLog2.append(value);
        if (!std::isnan(value))
            valid.push_back(value);
    }
    match.targetLog2 = valid.empty() ? 0.0 : median(valid);
    for (const double value : match.medianLog2)
        match.offsetStops.append(std::isnan(value) ? 0.0 : match.targetLog2 - value);
    return match;
}

} // namespace tessera
