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
    const bool shrinks = width <= rgb.width() && height <= rgb.height();
    cv::resize(view, resized, cv::Size(width, height), 0.0, 0.0, shrinks ? cv::INTER_AREA : cv::INTER_LINEAR);
    return resized;
}

} // namespace

double structuralSimilarity(const QImage& a, const QImage& b)
{
    if (a.isNull() || b.isNull())
        throw MotionError({}, QStringLiteral("cannot compare a missing image"));
    // Compared at the smaller size, but never below the window: a tiny imported image is enlarged.
    const int width = std::max(kWindow, std::min(a.width(), b.width()));
    const int height = std::max(kWindow, std::min(a.height(), b.height()));
    const cv::Scalar perChannel = cv::quality::QualitySSIM::compute(rgbAt(a, width, height), rgbAt(b, width, height), cv::noArray());
    return (perChannel[0] + perChannel[1] + perChannel[2]) / 3.0;
}

} // namespace tessera
