#include "tessera/studio/ProjectCreationJob.h"

#include "tessera/core/Error.h"
#include "tessera/project/ProjectCreation.h"

#include <QMetaObject>
#include <QThread>

namespace tessera {

ProjectCreationJob::ProjectCreationJob(NewProjectRequest request, QObject* parent)
    : QObject(parent)
    , m_request(std::move(request))
{
}

ProjectCreationJob::~ProjectCreationJob()
{
    if (m_thread) {
        m_cancelled = true;
        m_thread->wait();
    }
}

void ProjectCreationJob::start()
{
    m_thread = QThread::create([this] {
        const auto progress = [this](double fraction) {
            QMetaObject::invokeMethod(this, [this, fraction] { Q_EMIT progressed(fraction); }, Qt::QueuedConnection);
            return !m_cancelled.load();
        };
        QStringList report;
        QString error;
        try {
            report = createProjectFromSong(m_request.path, m_request.settings, m_request.songPath,
                m_request.lyricsPath, progress);
        } catch (const Error& e) {
            error = e.message();
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            this,
            [this, report, error] {
                if (error.isEmpty())
                    Q_EMIT finished(m_request.path, report);
                else
                    Q_EMIT failed(error);
            },
            Qt::QueuedConnection);
    });
    m_thread->setParent(this);
    m_thread->start();
}

} // namespace tessera
