#include "internal/LinearScaling.h"

#include <QImage>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace tessera::internal {

namespace {

QImage toFloatImage(const LinearImage& image)
{
    QImage out(image.width, image.height, QImage::Format_RGBX32FPx4);
    for (int y = 0; y < image.height; ++y) {
        auto* line = reinterpret_cast<float*>(out.scanLine(y));
        const float* source = image.pixel(0, y);
        for (int x = 0; x < image.width; ++x) {
            line[4 * x] = source[3 * x];
            line[4 * x + 1] = source[3 * x + 1];
            line[4 * x + 2] = source[3 * x + 2];
            line[4 * x + 3] = 1.0f;
        }
    }
    return out;
}

} // namespace

LinearImage placeInFrame(const LinearImage& image, int width, int height, FrameFit fit)
{
    LinearImage frame(width, height);
    if (image.isNull() || width <= 0 || height <= 0)
        return frame;
    const double scaleX = double(width) / image.width;
    const double scaleY = double(height) / image.height;
    const double scale = fit == FrameFit::Fill ? std::max(scaleX, scaleY) : std::min(scaleX, scaleY);
    const int scaledWidth = std::max(1, int(std::lround(image.width * scale)));
    const int scaledHeight = std::max(1, int(std::lround(image.height * scale)));
    QImage scaled;
    if (scaledWidth == image.width && scaledHeight == image.height)
        scaled = toFloatImage(image);
    else
        scaled = toFloatImage(image).scaled(scaledWidth, scaledHeight, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    // Centre it: a negative offset crops (Fill), a positive one leaves black bars (Fit).
    const int offsetX = (width - scaledWidth) / 2;
    const int offsetY = (height - scaledHeight) / 2;
    for (int y = std::max(0, offsetY); y < std::min(height, offsetY + scaledHeight); ++y) {
        const auto* line = reinterpret_cast<const float*>(scaled.constScanLine(y - offsetY));
        float* target = frame.pixel(0, y);
        for (int x = std::max(0, offsetX); x < std::min(width, offsetX + scaledWidth); ++x) {
            const float* source = line + 4 * (x - offsetX);
            target[3 * x] = source[0];
            target[3 * x + 1] = source[1];
            target[3 * x + 2] = source[2];
        }
    }
    return frame;
}

} // namespace tessera::internal
