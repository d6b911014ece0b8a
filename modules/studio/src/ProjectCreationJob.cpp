#include "tessera/studio/ProjectCreationJob.h"

#include "tessera/project/ProjectCreation.h"
#include "tessera/studio/BackgroundTask.h"

#include <memory>

namespace tessera {

ProjectCreationJob::ProjectCreationJob(NewProjectRequest request, QObject* parent)
    : QObject(parent)
    , m_request(std::move(request))
{
}

ProjectCreationJob::~ProjectCreationJob() = default; // the task, a child, cancels and waits

void ProjectCreationJob::cancel()
{
    if (m_task)
        m_task->cancel();
}

void ProjectCreationJob::start()
{
    auto report = std::make_shared<QStringList>();
    m_task = new BackgroundTask(
        QStringLiteral("new project"),
        [this, report](BackgroundTask::Control& control) {
            const auto progress = [&control](double fraction) {
                control.progress(fraction);
                return !control.cancelled();
            };
            *report = createProjectFromSong(m_request.path, m_request.settings, m_request.songPath,
                m_request.lyricsPath, progress);
        },
        this);
    connect(m_task, &BackgroundTask::progressed, this, &ProjectCreationJob::progressed);
    connect(m_task, &BackgroundTask::succeeded, this, [this, report] { Q_EMIT finished(m_request.path, *report); });
    connect(m_task, &BackgroundTask::failed, this, [this](const QString& message) { Q_EMIT failed(message); });
    m_task->start();
}

} // namespace tessera
