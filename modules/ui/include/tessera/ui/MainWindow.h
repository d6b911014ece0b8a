#pragma once

#include <QMainWindow>
#include <memory>

class QDockWidget;
class QMenu;
class QSettings;
class QUndoGroup;
class QUndoView;

namespace tessera {

class Catalog;
class EditHistory;
class ProjectSummaryView;
class ViewerModel;
class ViewerPanel;
class RecentProjects;

//! The studio's main window: File menu (New, Open, Open Recent, Quit) and the project summary.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    //! settings holds window layout and recent projects; it must outlive the window.
    explicit MainWindow(QSettings& settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    //! Opens a project; on failure shows the reason and keeps the current project.
    bool openProject(const QString& path);
    //! Creates and opens a new project at path.
    bool createProject(const QString& path);
    const Catalog* catalog() const { return m_catalog.get(); }
    //! The open project's undo history; null when no project is open.
    EditHistory* history() const { return m_history.get(); }
    ProjectSummaryView* summaryView() const { return m_summary; }
    //! The colour-managed viewer; null when no OCIO config could be loaded at all.
    ViewerPanel* viewerPanel() const { return m_viewerPanel; }

Q_SIGNALS:
    void projectChanged(const QString& path);
    //! A user-facing error was shown (also for tests and logs).
    void errorShown(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus(const QList<QDockWidget*>& docks);
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
};

} // namespace tessera
