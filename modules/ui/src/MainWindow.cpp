#include "tessera/ui/MainWindow.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/CatalogError.h"
#include "tessera/catalog/ProjectSummary.h"
#include "tessera/color/ColorError.h"
#include "tessera/core/BundledData.h"
#include "tessera/core/TimeFormat.h"
#include "tessera/export/ExportSettings.h"
#include "tessera/project/ProjectAudio.h"
#include "tessera/project/ProjectLyrics.h"
#include "tessera/project/TimelineEdit.h"
#include "tessera/render/Composition.h"
#include "tessera/studio/BackgroundTask.h"
#include "tessera/studio/CatalogWatcher.h"
#include "tessera/studio/EditHistory.h"
#include "tessera/studio/ExportJob.h"
#include "tessera/studio/GenerationQueue.h"
#include "tessera/studio/GradeModel.h"
#include "tessera/studio/GridBrowserModel.h"
#include "tessera/studio/ModelPickerModel.h"
#include "tessera/studio/PerformSession.h"
#include "tessera/studio/PlaybackController.h"
#include "tessera/studio/ProjectComposition.h"
#include "tessera/studio/ProjectCreationJob.h"
#include "tessera/studio/ProjectSession.h"
#include "tessera/studio/PromptEditorModel.h"
#include "tessera/studio/RecentProjects.h"
#include "tessera/studio/StudioPreferences.h"
#include "tessera/studio/ViewerModel.h"
#include "tessera/ui/ExportDialog.h"
#include "tessera/ui/GenerationQueuePanel.h"
#include "tessera/ui/GradePanel.h"
#include "tessera/ui/GridBrowser.h"
#include "tessera/ui/KeyboardShortcutsDialog.h"
#include "tessera/ui/NewProjectDialog.h"
#include "tessera/ui/PerformConsole.h"
#include "tessera/ui/PerformOutputWindow.h"
#include "tessera/ui/PreferencesDialog.h"
#include "tessera/ui/PreviewPanel.h"
#include "tessera/ui/ProjectSummaryView.h"
#include "tessera/ui/PromptEditorPanel.h"
#include "tessera/ui/StudioActions.h"
#include "tessera/ui/TesseractView.h"
#include "tessera/ui/TimelineView.h"
#include "tessera/ui/ViewerPanel.h"

#include <QAction>
#include <QApplication>
#include <QScreen>
#include <QCloseEvent>
#include <QDir>
#include <QStandardPaths>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QDockWidget>
#include <QLabel>
#include <QProgressDialog>
#include <QScrollArea>
#include <QStatusBar>
#include <QStyle>
#include <QThread>
#include <QTimer>
#include <QToolBar>
#include <QUndoGroup>
#include <QUndoStack>
#include <QUndoView>
#include <QVBoxLayout>

#include <algorithm>

namespace tessera {

namespace {
}

MainWindow::MainWindow(QSettings& settings, QWidget* parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_recent(std::make_unique<RecentProjects>(settings))
    , m_undoGroup(new QUndoGroup(this))
    , m_historyView(new QUndoView(m_undoGroup))
    , m_summary(new ProjectSummaryView(this))
    , m_composition(new ProjectComposition(this))
{
    setWindowTitle(tr("Tessera"));
    setDockNestingEnabled(true);
    // The composed frame is the studio's centre; the panels sit around it.
    m_preview = new PreviewPanel(*m_composition, QString(), this);
    m_preview->setObjectName(QStringLiteral("preview"));
    setCentralWidget(m_preview);
    QDockWidget* summaryDock = addDock(tr("Project"), QStringLiteral("projectDock"), m_summary, Qt::LeftDockWidgetArea);
    m_historyView->setEmptyLabel(tr("<opened>"));
    QDockWidget* historyDock = addDock(tr("History"), QStringLiteral("historyDock"), m_historyView, Qt::LeftDockWidgetArea);
    m_promptScroll = new QScrollArea(this);
    m_promptScroll->setWidgetResizable(true);
    m_promptScroll->setFrameShape(QFrame::NoFrame);
    auto* noProject = new QLabel(tr("Open or create a project to edit its prompts."), m_promptScroll);
    noProject->setAlignment(Qt::AlignCenter);
    m_promptScroll->setWidget(noProject);
    m_promptDock = addDock(tr("Prompt"), QStringLiteral("promptDock"), m_promptScroll, Qt::RightDockWidgetArea);
    m_gridDock = placeholderDock(tr("Grid"), QStringLiteral("gridDock"),
        tr("Open a project and select a segment to curate its grid."), Qt::RightDockWidgetArea);
    tabifyDockWidget(m_gridDock, m_promptDock);
    buildViewer();
    QList<QDockWidget*> docks{m_gridDock, summaryDock, historyDock, m_promptDock};
    if (m_viewerDock) {
        tabifyDockWidget(m_promptDock, m_viewerDock);
        docks << m_viewerDock;
    }
    // The tesseract view: a tab beside Prompt, drawn only while shown (Qt Quick renders on the
    // GUI thread, which a visible 3D scene on software OpenGL would slow).
    m_tesseract = new TesseractView(*m_composition, this);
    m_tesseract->setObjectName(QStringLiteral("tesseract"));
    QDockWidget* tesseractDock = addDock(tr("Tesseract"), QStringLiteral("tesseractDock"), m_tesseract, Qt::RightDockWidgetArea);
    tabifyDockWidget(m_promptDock, tesseractDock);
    docks << tesseractDock;
    connect(m_tesseract, &TesseractView::cellClicked, this, [this](qint64 segmentId, int row, int col) {
        selectSegment(segmentId);
        if (m_session)
            m_session->grid().setCurrent(CellIndex{row, col});
        raiseDock(QStringLiteral("gridDock"));
    });
    m_promptDock->raise();
    m_queueDock = placeholderDock(tr("Generation"), QStringLiteral("generationDock"),
        tr("Open a project to generate its grids."), Qt::LeftDockWidgetArea);
    splitDockWidget(m_queueDock, summaryDock, Qt::Vertical);
    docks << m_queueDock;
    m_timeline = new TimelineView(this);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_timelineDock = addDock(tr("Timeline"), QStringLiteral("timelineDock"), m_timeline, Qt::BottomDockWidgetArea);
    docks.prepend(m_timelineDock);
    // The timeline spans the window's width, under the preview and the side panels.
    setCorner(Qt::BottomLeftCorner, Qt::BottomDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::BottomDockWidgetArea);
    resizeDocks({m_timelineDock}, {380}, Qt::Vertical);
    resizeDocks({m_promptDock}, {560}, Qt::Horizontal);
    resizeDocks({summaryDock}, {300}, Qt::Horizontal);
    tabifyDockWidget(summaryDock, historyDock);
    summaryDock->raise();
    buildPlayback();
    buildMenus(docks);
    m_timeLabel = new QLabel(this);
    m_timeLabel->setObjectName(QStringLiteral("playheadTime"));
    statusBar()->addPermanentWidget(m_timeLabel);
    statusBar()->showMessage(tr("Ready"));
    connect(m_composition, &ProjectComposition::loaded, this, &MainWindow::songLoaded);
    connect(m_composition, &ProjectComposition::loadFailed, this,
        [this](const QString& message) { statusBar()->showMessage(tr("Preview unavailable: %1").arg(message)); });
    applyPreferences();
    // The first start fits the screen, frame and title bar included (a 1600x1000 window on a
    // 1600x1000 screen put the status bar below its edge); a saved geometry wins below.
    QSize size(1600, 1000);
    if (const QScreen* screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size() - kFrameAllowance);
    resize(size);
    m_defaultState = saveState();
    restoreGeometry(m_settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(m_settings.value(QStringLiteral("mainWindow/state")).toByteArray());
}

MainWindow::~MainWindow()
{
    // The panels refer to the session's models: they go first.
    releaseProjectPanels();
}

QDockWidget* MainWindow::placeholderDock(const QString& title, const QString& objectName, const QString& text,
    Qt::DockWidgetArea area)
{
    auto* label = new QLabel(text, this);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    return addDock(title, objectName, label, area);
}

bool MainWindow::raiseDock(const QString& objectName)
{
    auto* dock = findChild<QDockWidget*>(objectName);
    if (!dock)
        return false;
    dock->show();
    dock->raise();
    return true;
}

QDockWidget* MainWindow::addDock(const QString& title, const QString& objectName, QWidget* widget,
    Qt::DockWidgetArea area)
{
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName); // saveState() keys the layout by object name
    dock->setWidget(widget);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::buildPlayback()
{
    m_playback = new PlaybackController(PlaybackController::Clock::Automatic, this);
    connect(m_playback, &PlaybackController::positionChanged, m_preview, &PreviewPanel::showTime);
    connect(m_playback, &PlaybackController::positionChanged, m_timeline, &TimelineView::setPlayhead);
    connect(m_playback, &PlaybackController::positionChanged, m_tesseract, &TesseractView::setTime);
    connect(m_timeline, &TimelineView::seekRequested, m_playback, &PlaybackController::seek);
    connect(m_timeline, &TimelineView::segmentSelected, this,
        [this](int, qint64 segmentId) { selectSegment(segmentId); });
    connect(m_timeline, &TimelineView::errorOccurred, this,
        [this](const QString& message) { showError(tr("Edit failed"), message); });
    connect(m_playback, &PlaybackController::positionChanged, this, [this](double seconds) {
        m_timeLabel->setText(tr("%1 / %2").arg(formatSongTime(millisecondsFromSeconds(seconds)),
            formatSongTime(millisecondsFromSeconds(m_playback->duration()))));
    });
    connect(m_playback, &PlaybackController::statusMessage, this,
        [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    // Texts, keys, tips and the platform's media icons from the action table, so that the
    // transport reads at a glance.
    applyAction(m_playback->playPauseAction(), "playPauseAction");
    applyAction(m_playback->shuttleBackAction(), "shuttleBackAction");
    applyAction(m_playback->stopAction(), "stopAction");
    applyAction(m_playback->shuttleForwardAction(), "shuttleForwardAction");
    applyAction(m_playback->previousFrameAction(), "previousFrameAction");
    applyAction(m_playback->nextFrameAction(), "nextFrameAction");
    applyAction(m_playback->loopAction(), "loopAction");
    connect(m_playback, &PlaybackController::playingChanged, this, [this](bool playing) {
        m_playback->playPauseAction()->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    });
    QToolBar* transport = addToolBar(tr("Transport"));
    transport->setObjectName(QStringLiteral("transportToolBar"));
    transport->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    transport->addActions(m_playback->actions());
}

void MainWindow::buildMenus(const QList<QDockWidget*>& docks)
{
    // Every menu entry comes from the action table (ui/StudioActions): its text, keys and tips.
    const auto add = [this](QMenu* menu, const char* id, auto slot) {
        QAction* action = createAction(id, this);
        connect(action, &QAction::triggered, this, slot);
        menu->addAction(action);
        return action;
    };
    QMenu* file = menuBar()->addMenu(tr("&File"));
    add(file, "newProjectAction", [this] { promptNew(); });
    add(file, "newEmptyProjectAction", [this] {
        QString path = QFileDialog::getSaveFileName(this, tr("New Empty Project"), QString(), tr("Tessera projects (*.tessera)"));
        if (path.isEmpty())
            return;
        if (!path.endsWith(QLatin1String(".tessera")))
            path += QLatin1String(".tessera");
        createProject(path);
    });
    add(file, "openProjectAction", [this] { promptOpen(); });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addSeparator();
    add(file, "exportAction", [this] { promptExport(); });
    add(file, "importLyricsAction", [this] { promptImportLyrics(); });
    file->addSeparator();
    add(file, "quitAction", [this] { close(); })->setMenuRole(QAction::QuitRole);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    // The undo group names the step in the text ("Undo Reject 2 cells"), after the table's title.
    QAction* undo = m_undoGroup->createUndoAction(this, actionTitle(studioAction("undoAction")));
    applyAction(undo, "undoAction");
    QAction* redo = m_undoGroup->createRedoAction(this, actionTitle(studioAction("redoAction")));
    applyAction(redo, "redoAction");
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    add(edit, "preferencesAction", [this] { promptPreferences(); })->setMenuRole(QAction::PreferencesRole);

    buildTimelineMenu();

    QMenu* playback = menuBar()->addMenu(tr("&Playback"));
    playback->addActions(m_playback->actions());
    // The shortcuts are single keys (Space, J, K, L): they must work whichever panel has focus,
    // except while typing, where the text field takes the key first.
    addActions(m_playback->actions());
    playback->addSeparator();
    add(playback, "performAction", [this] { openPerformConsole(); });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dock : docks)
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    add(view, "resetLayoutAction", [this] { resetLayout(); });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    add(help, "keyboardShortcutsAction", [this] {
        KeyboardShortcutsDialog dialog(this);
        dialog.exec();
    });
    add(help, "openDemoAction", [this] { openDemoProject(); });
    add(help, "aboutAction", [this] {
        QMessageBox::about(this, tr("About Tessera"),
            tr("<b>Tessera %1</b><p>Music videos from a song, its lyrics and grids of generated images.</p>")
                .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::openPerformConsole()
{
    const auto composition = m_composition->composition();
    if (!composition || composition->segments.isEmpty()) {
        showError(tr("Perform Live"), tr("Open a project with segments first: the show plays its grids."));
        return;
    }
    // A console opened on another project is replaced; a show plays the grids as they were
    // when its console opened.
    if (m_performConsole && m_performConsole->session().projectPath() != m_composition->projectPath())
        m_performConsole.reset();
    if (!m_performConsole) {
        m_playback->pause();
        m_performConsole = std::make_unique<PerformConsole>(m_composition->projectPath(), composition, QString());
        m_performConsole->resize(1180, 720);
    }
    m_performConsole->show();
    m_performConsole->raise();
    m_performConsole->activateWindow();
}

void MainWindow::buildTimelineMenu()
{
    // The timeline reads its keys itself when it has focus (ActionContext::Timeline); the menu
    // makes them findable and names them.
    QMenu* menu = menuBar()->addMenu(tr("&Timeline"));
    const auto add = [this, menu](const char* id, auto slot) {
        QAction* action = createAction(id, this);
        connect(action, &QAction::triggered, m_timeline, slot);
        menu->addAction(action);
        return action;
    };
    add("zoomInAction", &TimelineView::zoomIn);
    add("zoomOutAction", &TimelineView::zoomOut);
    add("fitSongAction", &TimelineView::fitSong);
    menu->addSeparator();
    add("splitAction", &TimelineView::splitAtPlayhead);
    add("mergeAction", &TimelineView::mergeSelectedWithNext);
    add("renameAction", &TimelineView::editSelectedLyric);
    menu->addSeparator();
    QAction* snap = createAction("snapAction", this);
    menu->addAction(snap);
    snap->setChecked(m_timeline->snapToBeats());
    connect(snap, &QAction::toggled, m_timeline, &TimelineView::setSnapToBeats);
    connect(m_timeline, &TimelineView::snapToBeatsChanged, snap, &QAction::setChecked);
    QAction* tap = createAction("tapTimingAction", this);
    menu->addAction(tap);
    connect(tap, &QAction::toggled, this, [this](bool on) {
        m_timeline->setTapTimingActive(on);
        if (on) {
            m_timeline->setFocus();
            m_playback->play();
        }
    });
    connect(m_timeline, &TimelineView::tapTimingActiveChanged, tap, &QAction::setChecked);
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultState);
}

void MainWindow::buildViewer()
{
    try {
        m_viewerModel = std::make_unique<ViewerModel>(resolveColorConfig({}));
    } catch (const ColorError& error) {
        // Without any config (not even the bundled one) the studio still works, minus the viewer.
        statusBar()->showMessage(tr("Viewer unavailable: %1").arg(error.message()));
        return;
    }
    // The viewer above, the grade of the selected scope below (per project, see buildProjectPanels).
    m_viewerArea = new QWidget(this);
    auto* layout = new QVBoxLayout(m_viewerArea);
    layout->setContentsMargins(0, 0, 0, 0);
    m_viewerPanel = new ViewerPanel(*m_viewerModel, m_viewerArea);
    layout->addWidget(m_viewerPanel, 1);
    m_viewerDock = addDock(tr("Viewer"), QStringLiteral("viewerDock"), m_viewerArea, Qt::RightDockWidgetArea);
}

void MainWindow::applyProjectColour()
{
    if (!m_viewerModel)
        return;
    try {
        ConfigResolveOptions options;
        options.projectDir = QFileInfo(m_session->path()).absolutePath();
        const ResolvedColorConfig resolved = resolveColorConfig(m_session->catalog().settings().color, options);
        if (resolved.fellBack())
            showError(tr("Colour settings"), resolved.fallbackReason);
        m_viewerModel->setConfig(resolved);
    } catch (const ColorError& error) {
        showError(tr("Colour settings"), error.message());
    }
    m_viewerPanel->setCatalog(&m_session->catalog());
}

void MainWindow::releaseProjectPanels()
{
    // The per-project panels are owned by their docks (and the viewer's area) and refer to the
    // session's models; deleting them leaves placeholders until the next session's panels.
    if (auto* grid = qobject_cast<GridBrowser*>(m_gridDock->widget())) {
        m_gridDock->setWidget(nullptr);
        delete grid;
    }
    if (auto* queue = qobject_cast<GenerationQueuePanel*>(m_queueDock->widget())) {
        m_queueDock->setWidget(nullptr);
        delete queue;
    }
    if (auto* prompt = qobject_cast<PromptEditorPanel*>(m_promptScroll->widget())) {
        m_promptScroll->takeWidget();
        delete prompt;
    }
    if (m_viewerArea)
        delete m_viewerArea->findChild<GradePanel*>();
    m_timeline->setProject(nullptr, nullptr);
    m_timeline->setAudio(nullptr);
}

void MainWindow::buildProjectPanels()
{
    ProjectSession& session = *m_session;
    auto* promptPanel = new PromptEditorPanel(session.promptEditor());
    m_promptScroll->setWidget(promptPanel);
    auto* queuePanel = new GenerationQueuePanel(session.queue());
    queuePanel->setObjectName(QStringLiteral("generationPanel"));
    m_queueDock->setWidget(queuePanel);
    // The model picker: the project's model as an undoable setting, over the same survey as
    // `tessera-cli models`.
    queuePanel->setModelPicker(&session.modelPicker());
    auto* gridBrowser = new GridBrowser(session.grid());
    gridBrowser->setObjectName(QStringLiteral("gridBrowser"));
    m_gridDock->setWidget(gridBrowser);
    if (m_viewerArea) {
        auto* gradePanel = new GradePanel(session.grade(), m_viewerArea);
        m_viewerArea->layout()->addWidget(gradePanel);
    }
    m_timeline->setProject(&session.catalog(), &session.history());
}

void MainWindow::connectSession()
{
    ProjectSession& session = *m_session;
    connect(&session, &ProjectSession::edited, this, &MainWindow::refreshSummary);
    connect(&session, &ProjectSession::edited, m_composition, &ProjectComposition::reload);
    if (m_viewerPanel)
        connect(&session, &ProjectSession::edited, m_viewerPanel, &ViewerPanel::reload);
    connect(&session, &ProjectSession::committedElsewhere, this, &MainWindow::foreignCommit);
    connect(&session.history(), &EditHistory::errorOccurred, this,
        [this](const QString& message) { showError(tr("Edit failed"), message); });
    connect(&session.promptEditor(), &PromptEditorModel::errorOccurred, this,
        [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    connect(&session.modelPicker(), &ModelPickerModel::errorOccurred, this,
        [this](const QString& message) { showError(tr("Model"), message); });
    connect(&session.queue(), &GenerationQueue::errorOccurred, this,
        [this](const QString& message) { statusBar()->showMessage(message, 10000); });
    connect(&session.queue(), &GenerationQueue::nothingToGenerate, this,
        [this](const QString& message) { statusBar()->showMessage(message, 10000); });
    connect(&session.grid(), &GridBrowserModel::selectionChanged, this, &MainWindow::currentCellChanged);
    connect(&session.grid(), &GridBrowserModel::errorOccurred, this,
        [this](const QString& message) { showError(tr("Curation failed"), message); });
    connect(&session.grade(), &GradeModel::errorOccurred, this,
        [this](const QString& message) { showError(tr("Grading failed"), message); });
    connect(&session.grade(), &GradeModel::reported, this,
        [this](const QString& message) { statusBar()->showMessage(message, 10000); });
}

void MainWindow::foreignCommit()
{
    // Another connection committed: cells generated by the worker or the CLI, a grade or an edit.
    // The session's models have re-read; the views outside it follow.
    if (m_viewerPanel)
        m_viewerPanel->reload();
    m_composition->reload();
    refreshSummary();
}

void MainWindow::currentCellChanged()
{
    GridBrowserModel& grid = m_session->grid();
    const BrowserCell* current = grid.cellAt(grid.current());
    const qint64 cellId = current ? current->cell.id : 0;
    m_session->grade().setCell(cellId);
    m_tesseract->selectCell(grid.segmentId(), grid.current().row, grid.current().col);
    if (m_viewerPanel && cellId != 0)
        m_viewerPanel->selectCell(cellId);
}

void MainWindow::promptPreferences()
{
    auto* dialog = new PreferencesDialog(StudioPreferences::load(m_settings), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        dialog->preferences().save(m_settings);
        applyPreferences();
        if (m_session)
            applyProjectColour(); // the default config may have changed
        statusBar()->showMessage(tr("Preferences saved"), 5000);
    });
    dialog->open();
}

void MainWindow::applyPreferences()
{
    const StudioPreferences preferences = StudioPreferences::load(m_settings);
    preferences.applyToProcess();
    m_preview->setCacheMegabytes(preferences.cacheMegabytes);
    applyGenerationPrecision(preferences);
    if (m_session && m_session->modelPicker().modelFolders() != preferences.modelFolders)
        m_session->modelPicker().setModelFolders(preferences.modelFolders);
}

void MainWindow::applyGenerationPrecision(const StudioPreferences& preferences)
{
    if (!m_session)
        return;
    GenerationOptions options = m_session->queue().options();
    options.precision = preferences.precision; // for the jobs queued from now on
    m_session->queue().setOptions(options);
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
        adoptSession(ProjectSession::open(path, m_composition));
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
    try {
        adoptSession(ProjectSession::create(path, m_composition));
    } catch (const CatalogError& error) {
        showError(tr("Cannot create project"), error.message());
        return false;
    }
    m_recent->add(path);
    rebuildRecentMenu();
    return true;
}

void MainWindow::adoptSession(std::unique_ptr<ProjectSession> session)
{
    const ProjectSummary summary = ProjectSummary::of(session->catalog());
    m_playback->pause();
    // The old panels refer to the old session's models: they go first, then the session whole.
    releaseProjectPanels();
    m_session = std::move(session);
    m_undoGroup->addStack(m_session->history().stack());
    m_undoGroup->setActiveStack(m_session->history().stack());
    connectSession();
    const StudioPreferences preferences = StudioPreferences::load(m_settings);
    applyGenerationPrecision(preferences);
    m_session->modelPicker().setModelFolders(preferences.modelFolders);
    buildProjectPanels();
    m_session->start();
    loadTimelineAudio();
    m_summary->showSummary(summary);
    applyProjectColour();
    m_songLoadedFor.clear();
    m_composition->setProjectPath(m_session->path());
    const QVector<Segment> segments = m_session->catalog().segments();
    selectSegment(segments.isEmpty() ? 0 : segments.constFirst().id);
    const QString path = m_session->path();
    setWindowFilePath(path);
    if (m_session->catalog().readOnlyNotice().isEmpty()) {
        setWindowTitle(tr("%1 - Tessera").arg(QFileInfo(path).fileName()));
        statusBar()->showMessage(tr("Opened %1").arg(path), 5000);
    } else {
        // A read-only medium: the project can be played, viewed and exported, not changed. The
        // notice stays until another project opens.
        setWindowTitle(tr("%1 [read-only] - Tessera").arg(QFileInfo(path).fileName()));
        statusBar()->showMessage(m_session->catalog().readOnlyNotice());
    }
    Q_EMIT projectChanged(path);
}

void MainWindow::loadTimelineAudio()
{
    // The waveform, beats and curves come from the catalog's analysis cache; a song analysed for
    // the first time takes a while, so the worker has its own connection and the GUI goes on.
    const QString path = m_session->path();
    auto result = std::make_shared<std::shared_ptr<const ProjectAudioAnalysis>>();
    auto error = std::make_shared<QString>();
    auto* task = new BackgroundTask(
        QStringLiteral("timeline audio"),
        [path, result](BackgroundTask::Control&) {
            const std::unique_ptr<Catalog> catalog = Catalog::open(path);
            *result = std::make_shared<const ProjectAudioAnalysis>(analyzeProjectAudio(*catalog));
        },
        this);
    connect(task, &BackgroundTask::failed, this, [error](const QString& message) { *error = message; });
    connect(task, &BackgroundTask::finished, this, [this, task, path, result, error] {
        task->deleteLater();
        if (!m_session || m_session->path() != path)
            return; // another project was opened meanwhile
        if (*result) {
            m_timeline->setAudio(*result);
            Q_EMIT timelineAudioLoaded();
        }
        else if (!error->isEmpty())
            statusBar()->showMessage(tr("Timeline without waveform: %1").arg(*error), 8000);
    });
    task->start();
}

void MainWindow::songLoaded()
{
    const auto composition = m_composition->composition();
    keepTheSelectionOnAnExistingSegment();
    // Reloads after edits keep the player (and the playhead) where they are.
    if (!composition || m_songLoadedFor == m_composition->projectPath())
        return;
    m_songLoadedFor = m_composition->projectPath();
    m_playback->setSong(composition->songPath, composition->songSeconds, composition->project.frameRate);
    m_preview->showTime(m_playback->position());
}

void MainWindow::keepTheSelectionOnAnExistingSegment()
{
    const auto composition = m_composition->composition();
    if (!composition || selectedSegment() == 0 || composition->segments.isEmpty())
        return;
    // An undo, a lyrics import or tessera-cli beside the studio may have removed the selected
    // segment: the panels move to the segment at the playhead (else the first) instead of
    // offering to generate one that is gone.
    qint64 atPlayhead = composition->segments.constFirst().segment.id;
    const qint64 playheadMs = millisecondContaining(m_playback->position());
    for (const CompositionSegment& entry : composition->segments) {
        if (entry.segment.id == selectedSegment())
            return;
        if (entry.segment.range.startMs <= playheadMs && playheadMs < entry.segment.range.endMs)
            atPlayhead = entry.segment.id;
    }
    selectSegment(atPlayhead);
}

void MainWindow::selectSegment(qint64 segmentId)
{
    if (!m_session)
        return;
    m_session->setSelectedSegment(segmentId);
    if (auto* prompt = qobject_cast<PromptEditorPanel*>(m_promptScroll->widget()))
        prompt->setSegment(segmentId);
    m_session->grade().setSegment(segmentId);
    m_session->grid().setSegment(segmentId);
    if (auto* queue = qobject_cast<GenerationQueuePanel*>(m_queueDock->widget()))
        queue->setSegment(segmentId, m_session->grid().segmentNumber());
    currentCellChanged();
    if (segmentId == 0)
        return;
    for (const Segment& segment : m_session->catalog().segments()) {
        if (segment.id == segmentId) {
            m_playback->setLoopRange(double(segment.range.startMs) / 1000.0, double(segment.range.endMs) / 1000.0);
            break;
        }
    }
}

qint64 MainWindow::selectedSegment() const
{
    return m_session ? m_session->selectedSegment() : 0;
}

void MainWindow::refreshSummary()
{
    if (!m_session)
        return;
    try {
        m_summary->showSummary(ProjectSummary::of(m_session->catalog()));
    } catch (const CatalogError& error) {
        showError(tr("Cannot read project"), error.message());
    }
}

void MainWindow::promptNew(const NewProjectRequest* previous, const QString& problem)
{
    NewProjectDialog dialog(this);
    if (previous)
        dialog.setRequest(*previous);
    dialog.showProblem(problem);
    if (dialog.exec() != QDialog::Accepted)
        return;
    // A song that fails to decode brings the dialog back with everything entered and the error
    // in it (a message box would open behind the modal dialog, unseen).
    createProjectFromSong(dialog.request(), [this](const NewProjectRequest& failed, const QString& message) {
        QTimer::singleShot(0, this, [this, failed, message] { promptNew(&failed, message); });
    });
}

void MainWindow::createProjectFromSong(const NewProjectRequest& request,
    std::function<void(const NewProjectRequest&, const QString&)> afterFailure)
{
    if (QFileInfo::exists(request.path)) {
        showError(tr("Cannot create project"), tr("%1: a file of that name exists already").arg(request.path));
        return;
    }
    auto* job = new ProjectCreationJob(request, this);
    auto* progress = new QProgressDialog(tr("Analysing %1...").arg(QFileInfo(request.songPath).fileName()),
        tr("Cancel"), 0, 1000, this);
    progress->setWindowTitle(tr("New Project"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    connect(progress, &QProgressDialog::canceled, job, &ProjectCreationJob::cancel);
    connect(job, &ProjectCreationJob::progressed, progress,
        [progress](double fraction) { progress->setValue(int(fraction * 1000.0)); });
    connect(job, &ProjectCreationJob::finished, this, [this, job, progress](const QString& path, const QStringList& report) {
        progress->close();
        job->deleteLater();
        if (openProject(path) && !report.isEmpty())
            statusBar()->showMessage(report.join(QStringLiteral("; ")), 10000);
    });
    connect(job, &ProjectCreationJob::failed, this, [this, job, progress, request, afterFailure](const QString& message) {
        progress->close();
        job->deleteLater();
        if (afterFailure) {
            statusBar()->showMessage(message);
            Q_EMIT errorShown(message);
            afterFailure(request, message);
        } else {
            showError(tr("Cannot create project"), message);
        }
    });
    job->start();
}

bool MainWindow::importLyrics(const QString& lyricsPath)
{
    if (!m_session)
        return false;
    const auto composition = m_composition->composition();
    const qint64 durationMs = composition ? millisecondsFromSeconds(composition->songSeconds) : 0;
    if (durationMs <= 0) {
        showError(tr("Cannot import lyrics"), tr("%1: the project has no analysed song to time the lyrics against")
                                                  .arg(m_session->path()));
        return false;
    }
    try {
        LyricsImport report;
        if (!m_session->history().execute(
                makeReplaceLyricsCommand(m_session->catalog(), lyricsPath, durationMs, false, &report)))
            return false; // EditHistory reported why
        const QVector<Segment> segments = m_session->catalog().segments();
        selectSegment(segments.isEmpty() ? 0 : segments.constFirst().id);
        QString message = tr("%n segment(s) from %1", nullptr, report.segmentCount).arg(lyricsPath);
        if (report.warnings.isEmpty()) {
            statusBar()->showMessage(message, 10000);
            return true;
        }
        // Problems in the file stay on screen until read, each line with its number, not only
        // a flash in the status bar. Window-modal and non-blocking, like showError.
        message += tr("; %n problem(s) in the file", nullptr, int(report.warnings.size()));
        statusBar()->showMessage(message, 10000);
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Lyrics imported with problems"),
            tr("%1\n\n%n line(s) of the file could not be read as they are:", nullptr, int(report.warnings.size()))
                    .arg(message)
                + QStringLiteral("\n\n") + report.warnings.mid(0, 12).join(QLatin1Char('\n')),
            QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("lyricsImportProblems"));
        box->setDetailedText(report.warnings.join(QLatin1Char('\n')));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        Q_EMIT lyricsImportProblems(report.warnings);
        return true;
    } catch (const Error& error) {
        showError(tr("Cannot import lyrics"), error.message());
        return false;
    }
}

QString MainWindow::demoProjectPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("Demo/demo.tessera"));
}

bool MainWindow::openDemoProject()
{
    const QString path = demoProjectPath();
    if (QFileInfo::exists(path))
        return openProject(path);
    NewProjectRequest request;
    request.path = path;
    request.songPath = locateBundledData(QStringLiteral("demo/demo-song.wav"));
    request.lyricsPath = locateBundledData(QStringLiteral("demo/demo.lrc"));
    if (request.songPath.isEmpty() || request.lyricsPath.isEmpty()) {
        statusBar()->showMessage(tr("The demo project is not installed (share/tessera/demo)"), 10000);
        return false;
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        showError(tr("Cannot create the demo project"), tr("%1: cannot create the folder").arg(QFileInfo(path).absolutePath()));
        return false;
    }
    request.settings.name = tr("Tessera demo");
    createProjectFromSong(request);
    return true;
}

bool MainWindow::openDemoOnFirstStart()
{
    // "studio/", not "general/": see StudioPreferences.cpp on Qt's INI [%General]; files written
    // before hold the flag under "General/firstStartDone".
    const QString key = QStringLiteral("studio/firstStartDone");
    if (m_settings.value(key, m_settings.value(QStringLiteral("General/firstStartDone"))).toBool())
        return false;
    // Recorded first: a demo that cannot be made is reported once, not at every start.
    m_settings.setValue(key, true);
    return openDemoProject();
}

bool MainWindow::openLastProject()
{
    for (const QString& path : m_recent->paths()) {
        if (QFileInfo::exists(path))
            return openProject(path);
    }
    return false;
}

void MainWindow::promptExport()
{
    showExportDialog();
}

QDialog* MainWindow::showExportDialog()
{
    const auto composition = m_composition->composition();
    if (!m_session || !composition) {
        statusBar()->showMessage(tr("Open a project with a song first"), 5000);
        return nullptr;
    }
    std::pair<double, double> selection{0.0, 0.0};
    for (const Segment& segment : m_session->catalog().segments()) {
        if (segment.id == selectedSegment())
            selection = {double(segment.range.startMs) / 1000.0, double(segment.range.endMs) / 1000.0};
    }
    auto* dialog = new ExportDialog(m_session->path(), composition->songSeconds,
        QSize(composition->project.width, composition->project.height), composition->project.frameRate, selection, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setUpscale(composition->render.upscale, m_cellUpscaler);
    // The project remembers where its last export went (its export history), and in what format.
    try {
        const QVector<ExportRecord> exports = m_session->catalog().exports();
        const auto last = std::max_element(exports.begin(), exports.end(),
            [](const ExportRecord& a, const ExportRecord& b) { return a.id < b.id; });
        if (last != exports.end()) {
            const QVector<ExportPreset> presets = exportPresets();
            for (int i = 0; i < presets.size(); ++i) {
                if (exportFormatName(presets[i].format) == last->preset) {
                    dialog->setPreset(i);
                    break;
                }
            }
            dialog->setOutputPath(last->path);
            // and at what size and over which part of the song: a re-export after a fix is
            // the same export again
            const int width = last->settings.value(QStringLiteral("width")).toInt();
            const int height = last->settings.value(QStringLiteral("height")).toInt();
            if (width > 0 && height > 0)
                dialog->setSize(width, height);
            const std::optional<FrameRate> rate = FrameRate::fromString(last->settings.value(QStringLiteral("fps")).toString());
            const double start = last->settings.value(QStringLiteral("start")).toDouble();
            const int frames = last->settings.value(QStringLiteral("frames")).toInt();
            if (rate && rate->fps() > 0.0 && frames > 0) {
                const double end = std::min(composition->songSeconds, start + frames / rate->fps());
                const bool wholeSong = start <= 0.0 && end >= composition->songSeconds - 1.0 / rate->fps();
                if (!wholeSong)
                    dialog->setRange(start, end);
            }
        }
    } catch (const CatalogError& error) {
        statusBar()->showMessage(error.message(), 8000); // the dialog keeps its default path
    }
    connect(dialog, &ExportDialog::exported, this, [this, dialog](const QString& path) {
        statusBar()->showMessage(tr("Exported %1").arg(path), 10000);
        // Upscaled cells become the project's look: the preview shows the upscales this export
        // made, and the next export starts from the same choice.
        const QString upscale = dialog->request().upscale.value_or(QString());
        try {
            RenderSettings render = m_session->catalog().renderSettings();
            if (render.upscale != upscale) {
                render.upscale = upscale;
                m_session->catalog().setRenderSettings(render);
            }
        } catch (const CatalogError& error) {
            statusBar()->showMessage(error.message(), 8000);
        }
        m_composition->reload();
        if (!upscale.isEmpty())
            m_preview->reloadCells(); // the cells it decoded before are not the upscaled ones
    });
    dialog->open(); // window-modal, non-blocking: the studio keeps playing while it exports
    return dialog;
}

void MainWindow::promptImportLyrics()
{
    if (!m_session) {
        statusBar()->showMessage(tr("Open a project first"), 5000);
        return;
    }
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Lyrics"), QFileInfo(m_session->path()).absolutePath(),
        tr("Lyrics (*.lrc *.srt *.txt);;All files (*)"));
    if (!path.isEmpty())
        importLyrics(path);
}

void MainWindow::promptOpen()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QString(), tr("Tessera projects (*.tessera)"));
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
