#include "tessera/studio/ProjectSession.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/core/ProjectSettings.h"
#include "tessera/studio/CatalogWatcher.h"
#include "tessera/studio/EditHistory.h"
#include "tessera/studio/GenerationQueue.h"
#include "tessera/studio/GradeModel.h"
#include "tessera/studio/GridBrowserModel.h"
#include "tessera/studio/ModelPickerModel.h"
#include "tessera/studio/PromptEditorModel.h"

#include <QFileInfo>

namespace tessera {

std::unique_ptr<ProjectSession> ProjectSession::open(const QString& path, ProjectComposition* composition)
{
    return std::make_unique<ProjectSession>(Catalog::open(path), composition);
}

std::unique_ptr<ProjectSession> ProjectSession::create(const QString& path, ProjectComposition* composition)
{
    ProjectSettings settings;
    settings.name = QFileInfo(path).completeBaseName();
    return std::make_unique<ProjectSession>(Catalog::create(path, settings), composition);
}

ProjectSession::ProjectSession(std::unique_ptr<Catalog> catalog, ProjectComposition* composition, QObject* parent)
    : QObject(parent)
    , m_catalog(std::move(catalog))
    , m_history(std::make_unique<EditHistory>(*m_catalog))
    // Generation runs on the queue's worker with its own connection; the watcher notices its
    // commits (and those of a tessera-cli on the same file) and the models re-read.
    , m_queue(std::make_unique<GenerationQueue>(*m_catalog))
    , m_modelPicker(std::make_unique<ModelPickerModel>(*m_catalog, *m_history, *m_queue))
    , m_promptEditor(std::make_unique<PromptEditorModel>(*m_catalog, *m_history, composition))
    , m_grid(std::make_unique<GridBrowserModel>(*m_catalog, *m_history, m_queue.get()))
    , m_grade(std::make_unique<GradeModel>(*m_catalog, *m_history))
    , m_watcher(std::make_unique<CatalogWatcher>(*m_catalog))
{
    connect(m_history.get(), &EditHistory::edited, this, [this] {
        reloadModels();
        Q_EMIT edited();
    });
    connect(m_watcher.get(), &CatalogWatcher::changed, this, [this] {
        m_queue->refresh();
        m_grid->reload();
        reloadModels();
        Q_EMIT committedElsewhere();
    });
}

ProjectSession::~ProjectSession() = default; // members go in reverse order: watcher first, catalog last

void ProjectSession::start()
{
    // Built while the previous session of the same file may still have been running a job: its
    // worker has put that job back to queued since, so the queue re-reads before its worker starts.
    m_queue->refresh();
    m_queue->start();
}

QString ProjectSession::path() const
{
    return m_catalog->path();
}

void ProjectSession::reloadModels()
{
    m_grade->reload();
    m_promptEditor->reload();
}

} // namespace tessera
