#pragma once

#include "tessera/export/ExportProgress.h"
#include "tessera/export/ExportSettings.h"
#include "tessera/export/FrameSource.h"

#include <QString>

namespace tessera {

//! What a finished export wrote.
struct ExportResult
{
    QString outputPath;
    qint64 frameCount = 0;
    double durationSeconds = 0.0;
    qint64 bytes = 0; //!< the file's size (all PNGs together for a sequence)
    bool hasAudio = false;
    double elapsedSeconds = 0.0;
    double framesPerSecond = 0.0; //!< frames / elapsed
};

//! Encodes settings.frameCount frames from `source` (and the song, when set) to settings.outputPath.
//! Blocks until done: call it from a worker thread (or a command-line main). Frames are rendered on
//! an internal thread while this thread converts and encodes (x264 adds its own threads). The output
//! is written under a temporary name beside the target and renamed over it only once complete and
//! synced, so a failure, a cancel or a crash never leaves a partial file at the target nor harms an
//! existing one. Throws ExportError ("<file>: <problem>"), ExportCancelled, or what the source threw.
ExportResult exportVideo(
    const ExportSettings& settings, FrameSource& source, const ExportProgressCallback& progress = {});

//! FFmpeg's (and x264's) messages on stderr, off when false. FFmpeg's log level is process-wide:
//! this is the same switch as the audio module's setDecoderLogging.
void setExportLogging(bool verbose);

} // namespace tessera
