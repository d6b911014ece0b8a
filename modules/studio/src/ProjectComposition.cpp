#include "tessera/studio/ProjectComposition.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/render/Composition.h"
#include "tessera/studio/BackgroundTask.h"

#include <QTimer>

namespace tessera {

struct ProjectComposition::Result
{
    std::shared_ptr<const Composition> composition;
    QString error;
};

ProjectComposition::ProjectComposition(QObject* parent)
    : QObject(parent)
    , m_debounce(new QTimer(this))
{
    // Typing in the prompt editor writes on every keystroke; reload once the burst settles.
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(120);
    connect(m_debounce, &QTimer::timeout, this, &ProjectComposition::startLoad);
}

ProjectComposition::~ProjectComposition() = default; // the load's task, a child, waits for it

void ProjectComposition::setProjectPath(const QString& path)
{
    m_path = path;
    m_composition.reset();
    Q_EMIT loaded();
    if (!path.isEmpty())
        startLoad();
}

void ProjectComposition::reload()
{
    if (!m_path.isEmpty())
        m_debounce->start();
}

void ProjectComposition::startLoad()
{
    if (m_running) {
        m_again = true;
        return;
    }
    m_running = true;
    auto result = std::make_shared<Result>();
    m_result = result;
    const QString path = m_path;
    // A connection of its own: a Catalog is used from one thread at a time.
    m_task = new BackgroundTask(
        QStringLiteral("composition"),
        [result, path](BackgroundTask::Control&) {
            const auto catalog = Catalog::open(path);
            result->composition = std::make_shared<const Composition>(loadComposition(*catalog));
        },
        this);
    connect(m_task, &BackgroundTask::failed, this, [result](const QString& message) { result->error = message; });
    connect(m_task, &BackgroundTask::finished, this, &ProjectComposition::finishLoad);
    m_task->start(QThread::LowPriority);
}

void ProjectComposition::finishLoad()
{
    m_task->deleteLater();
    m_task = nullptr;
    m_running = false;
    const std::shared_ptr<Result> result = std::move(m_result);
    if (m_again) {
        m_again = false;
        startLoad();
        return;
    }
    if (!result->error.isEmpty()) {
        Q_EMIT loadFailed(result->error);
        return;
    }
    m_composition = result->composition;
    Q_EMIT loaded();
}

} // namespace tessera
