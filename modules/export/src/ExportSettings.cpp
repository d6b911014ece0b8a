#include "tessera/export/ExportSettings.h"

#include "tessera/core/EnumNames.h"

#include <QStringList>
#include <algorithm>

namespace tessera {

namespace {

constexpr int kMaxLongSide = 3840;
constexpr int kMaxShortSide = 2160;
constexpr int kMinSide = 16;
//! Ten hours at 240 fps: a bound that catches nonsense, not any real video.
constexpr qint64 kMaxFrames = qint64(240) * 3600 * 10;

const QStringList& x264Presets()
{
    static const QStringList presets { QStringLiteral("ultrafast"), QStringLiteral("superfast"),
        QStringLiteral("veryfast"), QStringLiteral("faster"), QStringLiteral("fast"),
        QStringLiteral("medium"), QStringLiteral("slow"), QStringLiteral("slower"),
        QStringLiteral("veryslow"), QStringLiteral("placebo") };
    return presets;
}

} // namespace

namespace {
constexpr EnumNames<ExportFormat, 3> kFormatNames{{{
    {ExportFormat::H264Mp4, "h264"},
    {ExportFormat::ProRes422Mov, "prores"},
    {ExportFormat::PngSequence, "png"},
}}};
} // namespace

QString exportFormatName(ExportFormat format)
{
    return kFormatNames.name(format);
}

std::optional<ExportFormat> exportFormatFromName(const QString& name)
{
    return kFormatNames.value(name);
}

double ExportSettings::durationSeconds() const
{
    return frameRate.secondsAt(frameCount);
}

QString ExportSettings::validationError() const
{
    if (outputPath.isEmpty())
        return QStringLiteral("no output file given");
    if (width <= 0 || height <= 0)
        return QStringLiteral("frame size %1x%2 is empty").arg(width).arg(height);
    if (width % 2 != 0 || height % 2 != 0)
        return QStringLiteral("frame size %1x%2 must have an even width and height (4:2:0 video)")
            .arg(width)
            .arg(height);
    if (std::min(width, height) < kMinSide)
        return QStringLiteral("frame size %1x%2 is too small (at least %3 pixels a side)")
            .arg(width)
            .arg(height)
            .arg(kMinSide);
    if (std::max(width, height) > kMaxLongSide || std::min(width, height) > kMaxShortSide)
        return QStringLiteral("frame size %1x%2 is too large (at most %3x%4, or %4x%3 upright)")
            .arg(width)
            .arg(height)
            .arg(kMaxLongSide)
            .arg(kMaxShortSide);
    if (const QString problem = frameRate.validationError(); !problem.isEmpty())
        return problem;
    if (frameCount <= 0)
        return QStringLiteral("no frames to export");
    if (frameCount > kMaxFrames)
        return QStringLiteral("%1 frames is more than the %2 an export may have")
            .arg(frameCount)
            .arg(kMaxFrames);
    if (crf < 0 || crf > 51)
        return QStringLiteral("crf %1 is outside 0 to 51").arg(crf);
    if (!x264Presets().contains(x264Preset))
        return QStringLiteral("unknown x264 preset \"%1\" (%2)")
            .arg(x264Preset, x264Presets().join(QStringLiteral(", ")));
    if (!(audioStartSeconds >= 0.0))
        return QStringLiteral("audio start %1 s is negative").arg(audioStartSeconds);
    if (audioBitrate < 32000 || audioBitrate > 512000)
        return QStringLiteral("audio bitrate %1 is outside 32k to 512k").arg(audioBitrate);
    return {};
}

} // namespace tessera
