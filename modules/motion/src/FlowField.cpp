#include "tessera/motion/FlowField.h"

#include "tessera/motion/MotionError.h"

#include <QDataStream>
#include <QIODevice>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace tessera {

namespace {

constexpr quint32 kMagic = 0x574c4654; // "TFLW" in the file (little-endian)
constexpr quint8 kFormat = 1;
constexpr quint8 kStillFlag = 1;
constexpr float kSubpixel = 16.0f; //!< stored vectors are in 1/16 px: finer than any warp shows
constexpr int kMaxSide = 4096;

} // namespace

bool FlowField::isStill() const
{
    return std::all_of(xy.begin(), xy.end(), [](float v) { return v == 0.0f; });
}

FlowField FlowField::resized(int w, int h) const
{
    FlowField out(w, h);
    if (isStill() || isNull() || w <= 0 || h <= 0)
        return out;
    if (w == width && h == height)
        return *this;
    out.xy.resize(std::size_t(w) * std::size_t(h) * 2);
    const cv::Mat source(height, width, CV_32FC2, const_cast<float*>(xy.data()));
    cv::Mat target(h, w, CV_32FC2, out.xy.data());
    cv::resize(source, target, target.size(), 0, 0, w < width ? cv::INTER_AREA : cv::INTER_LINEAR);
    const float sx = float(w) / float(width);
    const float sy = float(h) / float(height);
    for (std::size_t i = 0; i < out.xy.size(); i += 2) {
        out.xy[i] *= sx;
        out.xy[i + 1] *= sy;
    }
    return out;
}

void FlowField::addScaled(const FlowField& other, float factor)
{
    if (other.xy.empty() || factor == 0.0f)
        return;
    if (xy.empty())
        xy.assign(other.xy.size(), 0.0f);
    const std::size_t n = std::min(xy.size(), other.xy.size());
    for (std::size_t i = 0; i < n; ++i)
        xy[i] += factor * other.xy[i];
}

QByteArray FlowField::encode() const
{
    QByteArray out;
    QDataStream stream(&out, QIODevice::WriteOnly);
    stream.setByteOrder(QDataStream::LittleEndian);
    const bool still = isStill();
    stream << kMagic << kFormat << quint8(still ? kStillFlag : 0) << quint16(width) << quint16(height);
    if (still)
        return out;
    QByteArray vectors(int(xy.size() * sizeof(qint16)), Qt::Uninitialized);
    auto* packed = reinterpret_cast<uchar*>(vectors.data());
    for (std::size_t i = 0; i < xy.size(); ++i) {
        const float scaled = std::clamp(std::round(xy[i] * kSubpixel), float(std::numeric_limits<qint16>::min()),
            float(std::numeric_limits<qint16>::max()));
        const auto value = quint16(qint16(scaled));
        packed[2 * i] = uchar(value & 0xff); // little-endian whatever the machine
        packed[2 * i + 1] = uchar(value >> 8);
    }
    return out + qCompress(vectors, 6);
}

FlowField FlowField::decode(const QByteArray& bytes, const QString& source)
{
    QDataStream stream(bytes);
    stream.setByteOrder(QDataStream::LittleEndian);
    quint32 magic = 0;
    quint8 format = 0;
    quint8 flags = 0;
    quint16 w = 0;
    quint16 h = 0;
    stream >> magic >> format >> flags >> w >> h;
    if (stream.status() != QDataStream::Ok || magic != kMagic)
        throw MotionError(source, QStringLiteral("not a stored optical flow"));
    if (format != kFormat)
        throw MotionError(source, QStringLiteral("an optical flow in format %1, this build reads %2").arg(format).arg(kFormat));
    if (w == 0 || h == 0 || w > kMaxSide || h > kMaxSide)
        throw MotionError(source, QStringLiteral("an optical flow of %1x%2 pixels").arg(w).arg(h));
    FlowField field(w, h);
    if (flags & kStillFlag)
        return field;
    constexpr int kHeader = 10; // magic, format, flags, width, height
    const QByteArray vectors = qUncompress(bytes.mid(kHeader));
    const std::size_t count = std::size_t(w) * std::size_t(h) * 2;
    if (std::size_t(vectors.size()) != count * sizeof(qint16))
        throw MotionError(source, QStringLiteral("a truncated or corrupt optical flow of %1x%2 pixels").arg(w).arg(h));
    field.xy.resize(count);
    const auto* packed = reinterpret_cast<const uchar*>(vectors.constData());
    for (std::size_t i = 0; i < count; ++i)
        field.xy[i] = float(qint16(quint16(packed[2 * i] | (packed[2 * i + 1] << 8)))) / kSubpixel;
    return field;
}

} // namespace tessera
