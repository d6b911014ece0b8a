#pragma once

#include <QObject>
#include <QString>
#include <memory>

namespace tessera {

class Catalog;
class CatalogWatcher;
class EditHistory;
class GenerationQueue;
class GradeModel;
class GridBrowserModel;
class ModelPickerModel;
class ProjectComposition;
class PromptEditorModel;

//! Everything that lives as long as an open project, owned in one declared order: the catalog,
//! its undo history, the generation queue (and its worker), the models the studio's panels show
//! (prompt editor, grid browser, grade, model picker) and the watcher that notices other
//! connections' commits. The members are declared in the order they are built; C++ destroys
//! them in the reverse, so every model goes before the queue, the history and the catalog it
//! refers to. A window builds its panels over a session and swaps sessions whole (the panels go
//! first); nothing here is a widget. Model: MuseScore's per-project context.
class ProjectSession : public QObject
{
    Q_OBJECT
public:
    //! Opens the project at path (throws CatalogError naming the file and the problem).
    static std::unique_ptr<ProjectSession> open(const QString& path, ProjectComposition* composition = nullptr);
    //! Creates a new, empty project at path, named after the file (throws CatalogError).
    static std::unique_ptr<ProjectSession> create(const QString& path, ProjectComposition* composition = nullptr);
    //! Takes an open catalog. composition: the one the preview composes from, for the prompt
    //! editor's axis plots (may be null). The queue's worker does not start until start().
    explicit ProjectSession(std::unique_ptr<Catalog> catalog, ProjectComposition* composition = nullptr,
        QObject* parent = nullptr);
    ~ProjectSession() override;

    //! Starts the generation queue's worker (queued jobs run, interrupted ones resume).
    void start();

    Catalog& catalog() { return *m_catalog; }
    const Catalog& catalog() const { return *m_catalog; }
    QString path() const;
    EditHistory& history() { return *m_history; }
    GenerationQueue& queue() { return *m_queue; }
    ModelPickerModel& modelPicker() { return *m_modelPicker; }
    PromptEditorModel& promptEditor() { return *m_promptEditor; }
    GridBrowserModel& grid() { return *m_grid; }
    GradeModel& grade() { return *m_grade; }
    //! The segment the studio's panels show (0: none), kept with the project it belongs to.
    qint64 selectedSegment() const { return m_selectedSegment; }
    void setSelectedSegment(qint64 segmentId) { m_selectedSegment = segmentId; }

Q_SIGNALS:
    //! An undoable edit of this session was done, undone or redone; the models have re-read.
    void edited();
    //! Another connection committed (the queue's worker, tessera-cli on the same file); the
    //! session's models have re-read, views outside it (preview, viewer, summary) should too.
    void committedElsewhere();

private:
    void reloadModels();

    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<EditHistory> m_history;
    std::unique_ptr<GenerationQueue> m_queue;
    std::unique_ptr<ModelPickerModel> m_modelPicker;
    std::unique_ptr<PromptEditorModel> m_promptEditor;
    std::unique_ptr<GridBrowserModel> m_grid;
    std::unique_ptr<GradeModel> m_grade;
    std::unique_ptr<CatalogWatcher> m_watcher;
    qint64 m_selectedSegment = 0;
};

} // namespace tessera
