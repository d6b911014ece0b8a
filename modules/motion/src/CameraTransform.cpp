#include "tessera/motion/CameraTransform.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace tessera {

LinearImage cameraTransform(const LinearImage& image, const CameraPose& pose)
{
    if (pose.isIdentity() || image.isNull())
        return image;
    const cv::Point2f centre(float(image.width) / 2.0f, float(image.height) / 2.0f);
    // A zoom of -100% or beyond would collapse the picture: the camera stops at a tenth.
    const double scale = std::max(0.1, 1.0 + pose.zoom);
    cv::Mat matrix = cv::getRotationMatrix2D(centre, pose.rotateDegrees, scale);
    matrix.at<double>(0, 2) += pose.shiftX * image.width;
    matrix.at<double>(1, 2) += pose.shiftY * image.height;
    LinearImage out(image.width, image.height);
    const cv::Mat source(image.height, image.width, CV_32FC3, const_cast<float*>(image.rgb.data()));
    cv::Mat target(out.height, out.width, CV_32FC3, out.rgb.data());
    cv::warpAffine(source, target, matrix, target.size(), cv::INTER_LINEAR, cv::BORDER_REFLECT_101);
    return out;
}

} // namespace tessera
