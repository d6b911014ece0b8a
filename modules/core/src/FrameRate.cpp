#include "tessera/core/FrameRate.h"

#include <QStringList>
#include <cmath>

namespace tessera {

namespace {

//! Above this the rational products (index * denominator, rate * 1001) could lose exactness.
constexpr int kMaxTerm = 1000000;

} // namespace

double FrameRate::secondsAt(qint64 index) const
{
    // One division from exact integers, never an accumulated float frame duration.
    return double(index * denominator) / double(numerator);
}

qint64 FrameRate::firstFrameAtOrAfter(double seconds) const
{
    const double frames = seconds * double(numerator) / double(denominator);
    // A time that is a frame time up to float noise belongs to that frame.
    const double nearest = std::round(frames);
    if (std::abs(frames - nearest) < 1e-6)
        return qint64(nearest);
    return qint64(std::ceil(frames));
}

QString FrameRate::validationError() const
{
    if (numerator <= 0 || denominator <= 0)
        return QStringLiteral("frame rate %1 is not positive").arg(toString());
    if (numerator > kMaxTerm || denominator > kMaxTerm)
        return QStringLiteral("frame rate %1 has terms above %2").arg(toString()).arg(kMaxTerm);
    const double fps = framesPerSecond();
    if (fps < 1.0 || fps > 240.0)
        return QStringLiteral("frame rate %1 is unsupported (1 to 240 frames per second)").arg(toString());
    return {};
}

QString FrameRate::toString() const
{
    if (denominator == 1)
        return QString::number(numerator);
    return QStringLiteral("%1/%2").arg(numerator).arg(denominator);
}

std::optional<FrameRate> FrameRate::fromString(const QString& text)
{
    const QString trimmed = text.trimmed();
    const QStringList parts = trimmed.split(QLatin1Char('/'));
    bool okNum = false;
    bool okDen = true;
    if (parts.size() == 2) {
        const int num = parts[0].toInt(&okNum);
        const int den = parts[1].toInt(&okDen);
        if (okNum && okDen)
            return FrameRate { num, den };
        return std::nullopt;
    }
    if (parts.size() != 1)
        return std::nullopt;
    const int whole = trimmed.toInt(&okNum);
    if (okNum)
        return FrameRate { whole, 1 };
    const double value = trimmed.toDouble(&okNum);
    if (!okNum || value <= 0.0)
        return std::nullopt;
    // Decimal spellings of the NTSC rates mean N*1000/1001, which no short decimal states exactly.
    const double ntsc = std::round(value * 1.001);
    if (std::abs(ntsc / 1.001 - value) < 0.005)
        return FrameRate { int(ntsc) * 1000, 1001 };
    return std::nullopt;
}

} // namespace tessera
