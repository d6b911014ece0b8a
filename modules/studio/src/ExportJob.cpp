#include "tessera/studio/ExportJob.h"

#include "tessera/studio/BackgroundTask.h"

#include <QCoreApplication>

#include <memory>

namespace tessera {

QVector<ExportPreset> exportPresets()
{
    // translate() with a literal context, which lupdate reads (a helper's tr() it files elsewhere).
    return {
        {QCoreApplication::translate("tessera::ExportPreset", "Web 1080p (H.264, MP4)"), ExportFormat::H264Mp4, 1920, 1080, 20, QStringLiteral("medium"), QStringLiteral(".mp4")},
        {QCoreApplication::translate("tessera::ExportPreset", "4K UHD (H.264, MP4)"), ExportFormat::H264Mp4, 3840, 2160, 18, QStringLiteral("medium"), QStringLiteral(".mp4")},
        {QCoreApplication::translate("tessera::ExportPreset", "ProRes 422 for editing (MOV)"), ExportFormat::ProRes422Mov, 0, 0, 18, QStringLiteral("medium"), QStringLiteral(".mov")},
        {QCoreApplication::translate("tessera::ExportPreset", "PNG sequence (folder)"), ExportFormat::PngSequence, 0, 0, 18, QStringLiteral("medium"), QString()},
    };
}

ExportJob::ExportJob(ProjectExportRequest request, QObject* parent)
    : QObject(parent)
    , m_request(std::move(request))
{
}

ExportJob::~ExportJob() = default; // the task, a child, cancels and waits

void ExportJob::cancel()
{
    if (m_task)
        m_task->cancel();
}

bool ExportJob::isRunning() const
{
    return m_task && m_task->isRunning();
}

void ExportJob::start()
{
    auto result = std::make_shared<ProjectExportResult>();
    m_task = new BackgroundTask(
        QStringLiteral("export"),
        [this, result](BackgroundTask::Control& control) {
            const auto progress = [this, &control](const ExportProgress& p) {
                // At most one queued report per whole percent: the GUI never drowns in them.
                const qint64 percent = p.frameCount > 0 ? p.framesDone * 100 / p.frameCount : 0;
                if (percent != m_lastReported.exchange(percent) || p.framesDone == p.frameCount) {
                    control.post(
                        [this, p] { Q_EMIT progressed(p.framesDone, p.frameCount, p.framesPerSecond, p.etaSeconds); });
                }
                return !control.cancelled();
            };
            *result = exportProject(m_request, progress);
        },
        this);
    connect(m_task, &BackgroundTask::succeeded, this, [this, result] {
        Q_EMIT finished(result->video.outputPath, result->video.elapsedSeconds, result->video.framesPerSecond);
    });
    connect(m_task, &BackgroundTask::failed, this, &ExportJob::failed);
    m_task->start();
}

} // namespace tessera
