#pragma once

#include <QMainWindow>
#include <memory>

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
class EditHistory;
class PlaybackController;
class PreviewPanel;
class ProjectComposition;
class ProjectSummaryView;
class TimelineView;
class PromptEditorModel;
class PromptEditorPanel;
struct NewProjectRequest;
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
    ~MainWindow() override;

    //! Opens a project; on failure shows the reason and keeps the current project.
    bool openProject(const QString& path);
    //! Creates and opens a new, empty project at path.
    bool createProject(const QString& path);
    //! Creates a project from a song and lyrics on a worker thread (with a progress dialog and
    //! cancel), then opens it; projectChanged or errorShown tells when it is over.
    void createProjectFromSong(const NewProjectRequest& request);
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
    void promptNew();
    void promptOpen();
    void showError(const QString& title, const QString& message);
    void adoptCatalog(std::unique_ptr<Catalog> catalog);
    void refreshSummary();
    void buildViewer();
    void applyProjectColour();

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
    qint64 m_selectedSegment = 0;
    QString m_songLoadedFor; //!< the project whose song the player has
};

} // namespace tessera
