#include "tessera/studio/ExportJob.h"

#include "tessera/core/Error.h"
#include "tessera/export/ExportError.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QThread>

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

ExportJob::~ExportJob()
{
    if (m_thread) {
        m_cancelled = true;
        m_thread->wait();
    }
}

void ExportJob::start()
{
    m_running = true;
    m_thread = QThread::create([this] {
        const auto progress = [this](const ExportProgress& p) {
            // At most one queued report per whole percent: the GUI never drowns in them.
            const qint64 percent = p.frameCount > 0 ? p.framesDone * 100 / p.frameCount : 0;
            if (percent != m_lastReported.exchange(percent) || p.framesDone == p.frameCount) {
                QMetaObject::invokeMethod(this, [this, p] {
                    Q_EMIT progressed(p.framesDone, p.frameCount, p.framesPerSecond, p.etaSeconds);
                }, Qt::QueuedConnection);
            }
            return !m_cancelled.load();
        };
        QString error;
        bool cancelled = false;
        ProjectExportResult result;
        try {
            result = exportProject(m_request, progress);
        } catch (const ExportCancelled& e) {
            cancelled = true;
            error = e.message();
        } catch (const Error& e) {
            error = e.message();
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(this, [this, result, error, cancelled] {
            m_running = false;
            if (error.isEmpty())
                Q_EMIT finished(result.video.outputPath, result.video.elapsedSeconds, result.video.framesPerSecond);
            else
                Q_EMIT failed(error, cancelled);
        }, Qt::QueuedConnection);
    });
    m_thread->setParent(this);
    m_thread->start();
}

} // namespace tessera
