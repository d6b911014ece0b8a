#pragma once

#include "tessera/render/ProjectExport.h"

#include <QMainWindow>
#include <QSize>
#include <functional>
#include <memory>

class QDialog;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressDialog;
class QScrollArea;
class QSettings;
class QUndoGroup;
class QUndoView;

namespace tessera {

class Catalog;
class CatalogWatcher;
class EditHistory;
class GenerationQueue;
class GenerationQueuePanel;
class GradeModel;
class GradePanel;
class GridBrowser;
class GridBrowserModel;
class ModelPickerModel;
class PerformConsole;
class PlaybackController;
class PreviewPanel;
class ProjectComposition;
class ProjectSummaryView;
class TesseractView;
class TimelineView;
class PromptEditorModel;
class PromptEditorPanel;
struct NewProjectRequest;
struct StudioPreferences;
class ViewerModel;
class ViewerPanel;
class RecentProjects;

//! The studio's main window: the live preview in the centre, the timeline below, the prompt
//! editor and the colour viewer on the right, the project summary and the undo history on the
//! left (docks whose layout is saved), menus and a transport toolbar with standard shortcuts.
//! Every edit is written to the catalog at once through EditHistory: there is no Save.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    //! settings holds window layout and recent projects; it must outlive the window.
    explicit MainWindow(QSettings& settings, QWidget* parent = nullptr);
    //! What the first start leaves of the screen for the window manager's frame and title bar.
    static constexpr QSize kFrameAllowance{40, 80};
    ~MainWindow() override;

    //! What runs the ESRGAN network for exports that upscale small cells (the studio's main
    //! passes the engine's upscaler module; unset, exports use the upscales the project holds).
    void setCellUpscaler(CellUpscaler upscaler) { m_cellUpscaler = std::move(upscaler); }

    //! Puts the saved Preferences into effect: colour config and threads (the environment), the
    //! preview cache, model folders and the precision of the jobs queued from now on.
    void applyPreferences();
    //! Opens a project; on failure shows the reason and keeps the current project.
    bool openProject(const QString& path);
    //! Creates and opens a new, empty project at path.
    bool createProject(const QString& path);
    //! Creates a project from a song and lyrics on a worker thread (with a progress dialog and
    //! cancel), then opens it; projectChanged or errorShown tells when it is over. afterFailure:
    //! what to do with the request and the error when it fails instead of a message box (File >
    //! New reopens its dialog, filled in, the error in it).
    void createProjectFromSong(const NewProjectRequest& request,
        std::function<void(const NewProjectRequest&, const QString&)> afterFailure = {});
    //! Opens the demo project from the user's data folder, creating it first from the bundled
    //! demo song and lyrics when it is not there (what the first start shows). False when the
    //! demo data is not installed.
    bool openDemoProject();
    //! On the studio's first start (settings without studio/firstStartDone) opens the demo
    //! project and records that it was shown; later starts do nothing. True when it opened it.
    bool openDemoOnFirstStart();
    //! Opens the most recent project that still exists (what a start after the first shows);
    //! false when there is none.
    bool openLastProject();
    //! Where openDemoProject keeps the demo project.
    static QString demoProjectPath();
    //! Shows File > Export Video's dialog (null without a project with a song).
    QDialog* showExportDialog();
    //! Replaces the open project's timeline with segments from a lyrics file (undoable).
    bool importLyrics(const QString& lyricsPath);
    const Catalog* catalog() const { return m_catalog.get(); }
    //! The open project's undo history; null when no project is open.
    EditHistory* history() const { return m_history.get(); }
    ProjectSummaryView* summaryView() const { return m_summary; }
    //! The colour-managed viewer; null when no OCIO config could be loaded at all.
    ViewerPanel* viewerPanel() const { return m_viewerPanel; }
    PreviewPanel* previewPanel() const { return m_preview; }
    TimelineView* timeline() const { return m_timeline; }
    PlaybackController* playback() const { return m_playback; }
    ProjectComposition* composition() const { return m_composition; }
    //! The prompt editor of the open project; null when none is open.
    PromptEditorPanel* promptEditor() const { return m_promptPanel; }
    //! The open project's generation queue, grid browser and grading; null when none is open.
    GenerationQueue* generationQueue() const { return m_queue.get(); }
    GenerationQueuePanel* generationPanel() const { return m_queuePanel; }
    GridBrowserModel* gridModel() const { return m_gridModel.get(); }
    TesseractView* tesseract() const { return m_tesseract; }
    GridBrowser* gridBrowser() const { return m_gridBrowser; }
    GradeModel* gradeModel() const { return m_gradeModel.get(); }
    GradePanel* gradePanel() const { return m_gradePanel; }
    //! Raises a dock by object name (gridDock, generationDock, viewerDock, ...), for screenshots.
    bool raiseDock(const QString& objectName);
    //! The selected segment's catalog id (0: none).
    qint64 selectedSegment() const { return m_selectedSegment; }

public Q_SLOTS:
    //! Selects a segment: the prompt editor shows it and playback loops over it when looping.
    void selectSegment(qint64 segmentId);

Q_SIGNALS:
    void projectChanged(const QString& path);
    //! The timeline received the song's waveform, beats and curves (after opening a project).
    void timelineAudioLoaded();
    //! A user-facing error was shown (also for tests and logs).
    void errorShown(const QString& message);
    //! Lyrics were imported but some lines of the file were not readable as they are: shown in a
    //! dialog that stays until read, each problem naming its line.
    void lyricsImportProblems(const QStringList& problems);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus(const QList<QDockWidget*>& docks);
    QDockWidget* addDock(const QString& title, const QString& objectName, QWidget* widget, Qt::DockWidgetArea area);
    void buildPlayback();
    void songLoaded();
    void promptImportLyrics();
    void promptExport();
    void buildTimelineMenu();
    void loadTimelineAudio();
    void resetLayout();
    void rebuildRecentMenu();
    //! File > New Project from Song; filled from an earlier request that failed, when given.
    void promptNew(const NewProjectRequest* previous = nullptr, const QString& problem = {});
    void keepTheSelectionOnAnExistingSegment();
    void applyGenerationPrecision(const StudioPreferences& preferences);
    void promptOpen();
    void showError(const QString& title, const QString& message);
    void adoptCatalog(std::unique_ptr<Catalog> catalog);
    void refreshSummary();
    void buildViewer();
    void applyProjectColour();
    void releaseProjectPanels();
    void buildProjectPanels();
    void foreignCommit();
    void currentCellChanged();
    void promptPreferences();
    //! Playback > Perform Live: the perform console over the open project, its output window.
    void openPerformConsole();
    QDockWidget* placeholderDock(const QString& title, const QString& objectName, const QString& text, Qt::DockWidgetArea area);

    QSettings& m_settings;
    std::unique_ptr<RecentProjects> m_recent;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<EditHistory> m_history; // declared after m_catalog: destroyed before it
    QUndoGroup* m_undoGroup = nullptr;
    QUndoView* m_historyView = nullptr;
    ProjectSummaryView* m_summary = nullptr;
    QMenu* m_recentMenu = nullptr;
    std::unique_ptr<ViewerModel> m_viewerModel;
    ViewerPanel* m_viewerPanel = nullptr;
    QDockWidget* m_viewerDock = nullptr;
    TesseractView* m_tesseract = nullptr;
    QDockWidget* m_promptDock = nullptr;
    QScrollArea* m_promptScroll = nullptr;
    ProjectComposition* m_composition = nullptr;
    PreviewPanel* m_preview = nullptr;
    PlaybackController* m_playback = nullptr;
    std::unique_ptr<PromptEditorModel> m_promptModel; // refers to m_catalog and m_history
    PromptEditorPanel* m_promptPanel = nullptr;
    QLabel* m_timeLabel = nullptr;
    TimelineView* m_timeline = nullptr;
    QDockWidget* m_timelineDock = nullptr;
    QByteArray m_defaultState; //!< the layout before the saved one was restored (View > Reset Layout)
    // Per project, released before the history and the catalog they refer to.
    std::unique_ptr<GenerationQueue> m_queue;
    GenerationQueuePanel* m_queuePanel = nullptr;
    std::unique_ptr<ModelPickerModel> m_modelPicker; // refers to m_queue, m_history and m_catalog
    QDockWidget* m_queueDock = nullptr;
    std::unique_ptr<GridBrowserModel> m_gridModel;
    GridBrowser* m_gridBrowser = nullptr;
    QDockWidget* m_gridDock = nullptr;
    std::unique_ptr<GradeModel> m_gradeModel;
    GradePanel* m_gradePanel = nullptr;
    QWidget* m_viewerArea = nullptr;
    std::unique_ptr<CatalogWatcher> m_watcher;
    qint64 m_selectedSegment = 0;
    QString m_songLoadedFor; //!< the project whose song the player has
    CellUpscaler m_cellUpscaler;
    std::unique_ptr<PerformConsole> m_performConsole; //!< a show of the project it was opened on
};

} // namespace tessera
