#include "tessera/ui/MainWindow.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/ProjectSummary.h"
#include "tessera/ui/EditHistory.h"
#include "tessera/ui/ProjectSummaryView.h"
#include "tessera/ui/RecentProjects.h"
#include "tessera/ui/ViewerModel.h"
#include "tessera/ui/ViewerPanel.h"
#include "tessera/color/ColorError.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QDockWidget>
#include <QStatusBar>
#include <QUndoGroup>
#include <QUndoStack>
#include <QUndoView>

namespace tessera {

namespace {
const QString kProjectFilter = QStringLiteral("Tessera projects (*.tessera)");
}

MainWindow::MainWindow(QSettings& settings, QWidget* parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_recent(std::make_unique<RecentProjects>(settings))
    , m_undoGroup(new QUndoGroup(this))
    , m_historyView(new QUndoView(m_undoGroup))
    , m_summary(new ProjectSummaryView(this))
{
    setWindowTitle(tr("Tessera"));
    // The viewer is the studio's centre; the project summary sits beside it.
    auto* summaryDock = new QDockWidget(tr("Project"), this);
    summaryDock->setObjectName(QStringLiteral("projectDock"));
    summaryDock->setWidget(m_summary);
    addDockWidget(Qt::LeftDockWidgetArea, summaryDock);
    auto* historyDock = new QDockWidget(tr("History"), this);
    historyDock->setObjectName(QStringLiteral("historyDock"));
    m_historyView->setEmptyLabel(tr("<opened>"));
    historyDock->setWidget(m_historyView);
    addDockWidget(Qt::RightDockWidgetArea, historyDock);
    buildViewer();
    buildMenus({summaryDock, historyDock});
    statusBar()->showMessage(tr("Ready"));
    resize(1280, 800);
    restoreGeometry(m_settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(m_settings.value(QStringLiteral("mainWindow/state")).toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus(const QList<QDockWidget*>& docks)
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newAction = file->addAction(tr("&New Project..."), this, &MainWindow::promptNew);
    newAction->setShortcut(QKeySequence::New);
    QAction* openAction = file->addAction(tr("&Open Project..."), this, &MainWindow::promptOpen);
    openAction->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addSeparator();
    QAction* quitAction = file->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);
    quitAction->setMenuRole(QAction::QuitRole);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_undoGroup->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_undoGroup->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dock : docks)
        view->addAction(dock->toggleViewAction());
}

void MainWindow::buildViewer()
{
    try {
        m_viewerModel = std::make_unique<ViewerModel>(resolveColorConfig({}));
    } catch (const ColorError& error) {
        // Without any config (not even the bundled one) the studio still works, minus the viewer.
        statusBar()->showMessage(tr("Viewer unavailable: %1").arg(error.message()));
        setCentralWidget(new QWidget(this));
        return;
    }
    m_viewerPanel = new ViewerPanel(*m_viewerModel, this);
    setCentralWidget(m_viewerPanel);
}

void MainWindow::applyProjectColour()
{
    if (!m_viewerModel)
        return;
    try {
        ConfigResolveOptions options;
        options.projectDir = QFileInfo(m_catalog->path()).absolutePath();
        const ResolvedColorConfig resolved = resolveColorConfig(m_catalog->settings().color, options);
        if (resolved.fellBack())
            showError(tr("Colour settings"), resolved.fallbackReason);
        m_viewerModel->setConfig(resolved);
    } catch (const ColorError& error) {
        showError(tr("Colour settings"), error.message());
    }
    m_viewerPanel->setCatalog(m_catalog.get());
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList paths = m_recent->paths();
    for (int i = 0; i < paths.size(); ++i) {
        const QString path = paths[i];
        const QString label = QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName());
        QAction* action = m_recentMenu->addAction(label, this, [this, path] { openProject(path); });
        action->setToolTip(path);
        action->setStatusTip(path);
    }
    if (!paths.isEmpty())
        m_recentMenu->addSeparator();
    QAction* clear = m_recentMenu->addAction(tr("Clear Menu"), this, [this] {
        m_recent->clear();
        rebuildRecentMenu();
    });
    clear->setEnabled(!paths.isEmpty());
}

bool MainWindow::openProject(const QString& path)
{
    try {
        adoptCatalog(Catalog::open(path));
    } catch (const CatalogError& error) {
        showError(tr("Cannot open project"), error.message());
        return false;
    }
    m_recent->add(path);
    rebuildRecentMenu();
    return true;
}

bool MainWindow::createProject(const QString& path)
{
    ProjectSettings settings;
    settings.name = QFileInfo(path).completeBaseName();
    try {
        adoptCatalog(Catalog::create(path, settings));
    } catch (const CatalogError& error) {
        showError(tr("Cannot create project"), error.message());
        return false;
    }
    m_recent->add(path);
    rebuildRecentMenu();
    return true;
}

void MainWindow::adoptCatalog(std::unique_ptr<Catalog> catalog)
{
    const ProjectSummary summary = ProjectSummary::of(*catalog);
    m_history.reset(); // the old history refers to the old catalog
    m_catalog = std::move(catalog);
    m_history = std::make_unique<EditHistory>(*m_catalog);
    connect(m_history.get(), &EditHistory::edited, this, &MainWindow::refreshSummary);
    connect(m_history.get(), &EditHistory::errorOccurred, this,
        [this](const QString& message) { showError(tr("Edit failed"), message); });
    m_undoGroup->addStack(m_history->stack());
    m_undoGroup->setActiveStack(m_history->stack());
    m_summary->showSummary(summary);
    applyProjectColour();
    setWindowFilePath(m_catalog->path());
    setWindowTitle(tr("%1 - Tessera").arg(QFileInfo(m_catalog->path()).fileName()));
    statusBar()->showMessage(tr("Opened %1").arg(m_catalog->path()), 5000);
    Q_EMIT projectChanged(m_catalog->path());
}

void MainWindow::refreshSummary()
{
    if (!m_catalog)
        return;
    try {
        m_summary->showSummary(ProjectSummary::of(*m_catalog));
    } catch (const CatalogError& error) {
        showError(tr("Cannot read project"), error.message());
    }
}

void MainWindow::promptNew()
{
    QString path = QFileDialog::getSaveFileName(this, tr("New Project"), QString(), kProjectFilter);
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".tessera")))
        path += QLatin1String(".tessera");
    createProject(path);
}

void MainWindow::promptOpen()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QString(), kProjectFilter);
    if (!path.isEmpty())
        openProject(path);
}

void MainWindow::showError(const QString& title, const QString& message)
{
    statusBar()->showMessage(message);
    Q_EMIT errorShown(message);
    // Window-modal and non-blocking, so scripted and offscreen runs never hang on it.
    auto* box = new QMessageBox(QMessageBox::Critical, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    m_settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    event->accept();
}

} // namespace tessera
