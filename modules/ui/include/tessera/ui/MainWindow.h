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

class PerformConsole;
class PlaybackController;
class PreviewPanel;
class ProjectComposition;
class ProjectSession;
class ProjectSummaryView;
class TesseractView;
class TimelineView;
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
    //! The open project: its catalog, undo history, generation queue and models; null when no
    //! project is open. The panels are found by type or object name (findChild).
    ProjectSession* session() const { return m_session.get(); }
    //! Raises a dock by object name (gridDock, generationDock, viewerDock, ...), for screenshots.
    bool raiseDock(const QString& objectName);
    //! The selected segment's catalog id (0: none).
    qint64 selectedSegment() const;

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
    void adoptSession(std::unique_ptr<ProjectSession> session);
    void connectSession();
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
    //! Everything of the open project. Declared before the widgets' pointers, but the panels over
    //! it are deleted first, by releaseProjectPanels (the destructor and every swap).
    std::unique_ptr<ProjectSession> m_session;
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
    QLabel* m_timeLabel = nullptr;
    TimelineView* m_timeline = nullptr;
    QDockWidget* m_timelineDock = nullptr;
    QByteArray m_defaultState; //!< the layout before the saved one was restored (View > Reset Layout)
    QDockWidget* m_queueDock = nullptr;
    QDockWidget* m_gridDock = nullptr;
    QWidget* m_viewerArea = nullptr;
    QString m_songLoadedFor; //!< the project whose song the player has
    CellUpscaler m_cellUpscaler;
    std::unique_ptr<PerformConsole> m_performConsole; //!< a show of the project it was opened on
};

} // namespace tessera
