#include "tessera/motion/CellFlow.h"

#include "tessera/motion/MotionError.h"

#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

#include <algorithm>
#include <cmath>

namespace tessera {

namespace {

//! The image as 8-bit grey at the given size, in memory of its own.
cv::Mat grayAt(const QImage& image, int width, int height)
{
    const QImage gray = image.convertToFormat(QImage::Format_Grayscale8)
                            .scaled(width, height, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return cv::Mat(gray.height(), gray.width(), CV_8UC1, const_cast<uchar*>(gray.constBits()), std::size_t(gray.bytesPerLine()))
        .clone();
}

//! DIS flow, coarse to fine through blur. DIS is local: it follows a motion up to about a patch
//! wide at its coarsest pyramid level, so a subject that moved by a third of the cell is lost
//! (measured: a disc moved 48 px in a 128 px image gets -2 px). Blurring both images heavily
//! first widens every structure until the motion is within reach; each sharper pass starts from
//! the flow before it (DIS refines a given flow) and recovers the detail.
cv::Mat disCoarseToFine(const cv::Mat& from, const cv::Mat& to)
{
    const double side = std::max(from.cols, from.rows);
    cv::Mat flow;
    for (const double blurFraction : {1.0 / 5.0, 1.0 / 10.0, 1.0 / 20.0, 1.0 / 40.0, 0.0}) {
        // Into new matrices: `from` itself must stay sharp for the passes after this one.
        cv::Mat a;
        cv::Mat b;
        const double sigma = side * blurFraction;
        if (sigma >= 0.5) {
            cv::GaussianBlur(from, a, cv::Size(), sigma);
            cv::GaussianBlur(to, b, cv::Size(), sigma);
        } else {
            a = from;
            b = to;
        }
        cv::Ptr<cv::DISOpticalFlow> dis = cv::DISOpticalFlow::create(cv::DISOpticalFlow::PRESET_MEDIUM);
        dis->calc(a, b, flow);
    }
    return flow;
}

//! Mean absolute difference between `from` and `to` sampled where the flow says each pixel went.
double residualAlong(const cv::Mat& from, const cv::Mat& to, const cv::Mat& flow)
{
    cv::Mat map(flow.size(), CV_32FC2);
    for (int y = 0; y < flow.rows; ++y)
        for (int x = 0; x < flow.cols; ++x) {
            const cv::Vec2f v = flow.at<cv::Vec2f>(y, x);
            map.at<cv::Vec2f>(y, x) = cv::Vec2f(float(x) + v[0], float(y) + v[1]);
        }
    cv::Mat warped;
    cv::remap(to, warped, map, cv::noArray(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    return cv::mean(cv::abs(cv::Mat_<float>(from) - cv::Mat_<float>(warped)))[0];
}

//! Of the pixels that differ between the images, the fraction where following the forward flow
//! and then the backward flow from where it lands comes back within a pixel (1% of the side).
double agreeingFraction(const cv::Mat& from, const cv::Mat& to, const cv::Mat& forward, const cv::Mat& backward)
{
    constexpr int kChanged = 8; // grey levels
    const float tolerance = std::max(1.0f, 0.01f * float(std::max(from.cols, from.rows)));
    cv::Mat map(forward.size(), CV_32FC2);
    for (int y = 0; y < forward.rows; ++y)
        for (int x = 0; x < forward.cols; ++x) {
            const cv::Vec2f v = forward.at<cv::Vec2f>(y, x);
            map.at<cv::Vec2f>(y, x) = cv::Vec2f(float(x) + v[0], float(y) + v[1]);
        }
    cv::Mat back;
    cv::remap(backward, back, map, cv::noArray(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    int changed = 0;
    int agreeing = 0;
    for (int y = 0; y < forward.rows; ++y)
        for (int x = 0; x < forward.cols; ++x) {
            if (std::abs(int(from.at<uchar>(y, x)) - int(to.at<uchar>(y, x))) <= kChanged)
                continue;
            ++changed;
            const cv::Vec2f roundTrip = forward.at<cv::Vec2f>(y, x) + back.at<cv::Vec2f>(y, x);
            agreeing += std::hypot(roundTrip[0], roundTrip[1]) < tolerance ? 1 : 0;
        }
    return changed == 0 ? 1.0 : double(agreeing) / changed;
}

} // namespace

CellFlowPair estimateCellFlows(const QImage& from, const QImage& to)
{
    if (from.isNull() || to.isNull())
        return {};
    // Large cells are brought down to the estimate's size; tiny ones (the bundled model's 32 px,
    // an 8 px test image) up to kFlowSmallestSide, below which DIS has no room for its patches.
    constexpr int kFlowSmallestSide = 32;
    const int longSide = std::max(from.width(), from.height());
    const double scale = std::clamp(double(kFlowEstimateSide) / longSide, 0.0, std::max(1.0, double(kFlowSmallestSide) / longSide));
    const int width = std::max(1, int(std::lround(from.width() * scale)));
    const int height = std::max(1, int(std::lround(from.height() * scale)));
    const cv::Mat a = grayAt(from, width, height);
    const cv::Mat b = grayAt(to, width, height);
    cv::Mat forward;
    cv::Mat backward;
    try {
        forward = disCoarseToFine(a, b);
        backward = disCoarseToFine(b, a);
    } catch (const cv::Exception& error) {
        throw MotionError(QStringLiteral("optical flow"),
            QStringLiteral("cannot estimate it between %1x%2 images: %3").arg(width).arg(height).arg(QString::fromStdString(error.err)));
    }
    const int storedWidth = std::max(1, int(std::lround(width * std::min(1.0, double(kFlowStoredSide) / std::max(width, height)))));
    const int storedHeight = std::max(1, int(std::lround(height * std::min(1.0, double(kFlowStoredSide) / std::max(width, height)))));
    const CellFlowPair still{FlowField(storedWidth, storedHeight), FlowField(storedWidth, storedHeight)};

    // Keep the motion only where it explains the change, both ways; otherwise (new content, not
    // moved content, or a motion too large to follow) a morph would smear or tear the picture,
    // and still fields make it the dissolve. Two tests, measured on 128-256 px images:
    // - the neighbour sampled along the flow is much closer than the neighbour where it stands:
    //   a moved subject leaves 0-36% of the difference, DIS bending unrelated smooth noise onto
    //   other noise 59-67% (but an unrelated photograph can get down to 44%: hence the second);
    // - the two flows agree (forward then backward returns home) on the pixels that change: 85-89%
    //   of them for a photograph shifted 40 px, 49% for the moving disc (the half it uncovers has
    //   no match), 0-10% for unrelated photographs or noise and for a disc moved beyond reach.
    constexpr double kNoChange = 0.5;          // grey levels: the images are the same
    constexpr double kExplainedFraction = 0.5; // the flow removes at least half of the change
    constexpr double kAgreeingFraction = 0.3;  // of the changing pixels, the flows agree on these
    const double change = cv::mean(cv::abs(cv::Mat_<float>(a) - cv::Mat_<float>(b)))[0];
    if (change < kNoChange || residualAlong(a, b, forward) > kExplainedFraction * change
        || residualAlong(b, a, backward) > kExplainedFraction * change
        || agreeingFraction(a, b, forward, backward) < kAgreeingFraction)
        return still;

    const auto stored = [&](const cv::Mat& flow) {
        FlowField field(width, height);
        field.xy.assign(reinterpret_cast<const float*>(flow.datastart), reinterpret_cast<const float*>(flow.dataend));
        return field.resized(storedWidth, storedHeight);
    };
    return {stored(forward), stored(backward)};
}

FlowField estimateCellFlow(const QImage& from, const QImage& to)
{
    return estimateCellFlows(from, to).forward;
}

} // namespace tessera
