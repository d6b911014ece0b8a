#include "tessera/motion/ImageSimilarity.h"

#include "tessera/motion/MotionError.h"

#include <opencv2/imgproc.hpp>
#include <opencv2/quality/qualityssim.hpp>

#include <algorithm>

namespace tessera {

namespace {

constexpr int kWindow = 11; //!< the quality module's Gaussian window

//! The image as 8-bit RGB at the given size, in memory of its own.
cv::Mat rgbAt(const QImage& image, int width, int height)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    const cv::Mat view(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar*>(rgb.constBits()), std::size_t(rgb.bytesPerLine()));
    if (rgb.width() == width && rgb.height() == height)
        return view.clone();
    cv::Mat resized;
    cv::resize(view, resized, cv::Size(width, height), 0.0, 0.0, cv::INTER_AREA);
    return resized;
}

} // namespace

double structuralSimilarity(const QImage& a, const QImage& b)
{
    for (const QImage* image : {&a, &b}) {
        if (image->isNull())
            throw MotionError({}, QStringLiteral("cannot compare a missing image"));
        if (image->width() < kWindow || image->height() < kWindow) {
            throw MotionError({}, QStringLiteral("cannot compare a %1x%2 image: similarity needs at least %3 px a side")
                                      .arg(image->width())
                                      .arg(image->height())
                                      .arg(kWindow));
        }
    }
    const int width = std::min(a.width(), b.width());
    const int height = std::min(a.height(), b.height());
    const cv::Scalar perChannel = cv::quality::QualitySSIM::compute(rgbAt(a, width, height), rgbAt(b, width, height), cv::noArray());
    return (perChannel[0] + perChannel[1] + perChannel[2]) / 3.0;
}

} // namespace tessera
