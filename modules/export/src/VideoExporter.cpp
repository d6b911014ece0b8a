// The export pipeline: validate, create the temporary output, render frames on one thread while
// this thread converts and encodes them, report progress after every frame, and commit (sync and
// rename over the target) only after the last byte is written. Any exception on the way unwinds
// in the order that keeps the target safe: stop the renderer, close the encoders, delete the
// temporary.
#include "tessera/export/VideoExporter.h"

#include "internal/FrameRenderer.h"
#include "internal/MovieWriter.h"
#include "internal/PngSequenceWriter.h"
#include "internal/TemporaryOutput.h"
#include "tessera/export/ExportError.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <memory>

extern "C" {
#include <libavutil/log.h>
}

namespace tessera {

using namespace exporting;

namespace {

std::unique_ptr<FrameSink> makeSink(const ExportSettings& settings, const TemporaryOutput& output)
{
    if (settings.format == ExportFormat::PngSequence)
        return std::make_unique<PngSequenceWriter>(output.path(), settings.outputPath, settings.frameCount);
    return std::make_unique<MovieWriter>(settings, output.path());
}

qint64 sizeOnDisk(const QString& path)
{
    const QFileInfo info(path);
    if (!info.isDir())
        return info.size();
    qint64 total = 0;
    for (const QFileInfo& file : QDir(path).entryInfoList(QDir::Files))
        total += file.size();
    return total;
}

ExportProgress progressAt(qint64 done, qint64 count, double seconds)
{
    ExportProgress progress;
    progress.framesDone = done;
    progress.frameCount = count;
    progress.framesPerSecond = seconds > 0.0 ? double(done) / seconds : 0.0;
    progress.etaSeconds
        = progress.framesPerSecond > 0.0 ? double(count - done) / progress.framesPerSecond : 0.0;
    return progress;
}

} // namespace

void setExportLogging(bool verbose)
{
    av_log_set_level(verbose ? AV_LOG_INFO : AV_LOG_QUIET);
}

ExportResult exportVideo(
    const ExportSettings& settings, FrameSource& source, const ExportProgressCallback& progress)
{
    if (const QString problem = settings.validationError(); !problem.isEmpty())
        throw ExportError(
            settings.outputPath.isEmpty() ? QStringLiteral("(no file)") : settings.outputPath, problem);
    QElapsedTimer clock;
    clock.start();

    // Declared in this order so that unwinding stops the renderer first and deletes the temporary last.
    TemporaryOutput output(settings.outputPath,
        settings.format == ExportFormat::PngSequence ? TemporaryOutput::Kind::Folder
                                                     : TemporaryOutput::Kind::File);
    std::unique_ptr<FrameSink> sink = makeSink(settings, output);
    {
        FrameRenderer renderer(source, settings);
        for (qint64 index = 0; index < settings.frameCount; ++index) {
            sink->write(renderer.next(), index);
            if (progress && !progress(progressAt(index + 1, settings.frameCount, clock.nsecsElapsed() / 1e9)))
                throw ExportCancelled(settings.outputPath);
        }
    }
    sink->finish();
    const bool hasAudio = sink->hasAudio();
    sink.reset();
    output.commit();

    ExportResult result;
    result.outputPath = settings.outputPath;
    result.frameCount = settings.frameCount;
    result.durationSeconds = settings.durationSeconds();
    result.bytes = sizeOnDisk(settings.outputPath);
    result.hasAudio = hasAudio;
    result.elapsedSeconds = clock.nsecsElapsed() / 1e9;
    result.framesPerSecond
        = result.elapsedSeconds > 0.0 ? double(result.frameCount) / result.elapsedSeconds : 0.0;
    return result;
}

} // namespace tessera
