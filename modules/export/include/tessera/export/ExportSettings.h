#pragma once

#include "tessera/core/FrameRate.h"

#include <QString>
#include <QtGlobal>
#include <optional>

namespace tessera {

//! What the exporter writes.
enum class ExportFormat {
    H264Mp4, //!< H.264 High (libx264, yuv420p, BT.709) with AAC audio in MP4, index first
    ProRes422Mov, //!< ProRes 422 (prores_ks, yuv422p10le, BT.709) with PCM audio in QuickTime
    PngSequence, //!< a folder of NAME_000001.png ... (RGB, no audio), NAME being the folder's name
};

QString exportFormatName(ExportFormat format); //!< "h264", "prores", "png"
std::optional<ExportFormat> exportFormatFromName(const QString& name); //!< the reverse

//! Everything the exporter needs besides the frames: a plain value, checked by validationError().
struct ExportSettings
{
    //! The file to write (a folder for PngSequence); it appears there only once complete.
    QString outputPath;
    ExportFormat format = ExportFormat::H264Mp4;
    int width = 1920; //!< even; the long side at most 3840 and the short one at most 2160
    int height = 1080; //!< even
    FrameRate frameRate;
    qint64 frameCount = 0;

    int crf
        = 18; //!< x264 constant rate factor, 1 to 51 (High profile); 0 is lossless (High 4:4:4 Predictive)
    QString x264Preset = QStringLiteral("medium"); //!< ultrafast ... placebo

    //! The song; empty means a silent video. Its audio covers exactly the video's span
    //! [audioStartSeconds, audioStartSeconds + duration), silence-padded past the song's end.
    QString audioPath;
    double audioStartSeconds = 0.0; //!< where in the song frame 0 sits (range exports)
    int audioBitrate = 192000; //!< AAC bits per second (MP4 only)

    //! frameCount / frame rate, exactly as the container will state it.
    double durationSeconds() const;
    //! Empty when valid, else the first problem in words.
    QString validationError() const;
};

} // namespace tessera
