// Scripted flows through the studio's main window, offscreen.
#include "CatalogTestData.h"
#include "StudioTestProject.h"
#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/CatalogCommand.h"
#include "tessera/studio/EditHistory.h"
#include "tessera/studio/ProjectComposition.h"
#include "tessera/studio/ProjectSession.h"
#include "tessera/studio/RecentProjects.h"
#include "tessera/studio/ViewerModel.h"
#include "tessera/ui/CellViewer.h"
#include "tessera/ui/GenerationQueuePanel.h"
#include "tessera/ui/KeyboardShortcutsDialog.h"
#include "tessera/ui/MainWindow.h"
#include "tessera/ui/NewProjectDialog.h"
#include "tessera/ui/PerformOutputWindow.h"
#include "tessera/ui/ProjectSummaryView.h"
#include "tessera/ui/StudioActions.h"
#include "tessera/ui/ViewerPanel.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QUndoStack>
#include <QtTest>

using namespace tessera;

class TestUi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::unique_ptr<QSettings> freshSettings(const QString& name)
    {
        return std::make_unique<QSettings>(m_dir.filePath(name + QStringLiteral(".ini")), QSettings::IniFormat);
    }

    static QMenu* fileMenu(MainWindow& window)
    {
        for (QAction* action : window.menuBar()->actions()) {
            if (action->menu() && action->text().remove(QLatin1Char('&')) == QLatin1String("File"))
                return action->menu();
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void everyShortcutComesFromTheActionTable()
    {
        // given the table: ids are unique, and no key means two things where it works
        const QVector<ActionDefinition>& table = studioActions();
        QSet<QString> ids;
        QHash<QString, QString> owner; // context + key -> action
        for (const ActionDefinition& action : table) {
            QVERIFY2(!ids.contains(QLatin1String(action.id)), action.id);
            ids.insert(QLatin1String(action.id));
            QVERIFY2(!actionPlainTitle(action).isEmpty(), action.id);
            for (const QKeySequence& keys : action.keys) {
                const QString slot = QString::number(int(action.context)) + keys.toString(QKeySequence::PortableText);
                QVERIFY2(!owner.contains(slot),
                    qPrintable(QStringLiteral("%1 and %2 share %3")
                                   .arg(owner.value(slot), QLatin1String(action.id), keys.toString())));
                owner.insert(slot, QLatin1String(action.id));
            }
        }
        // when the studio builds its window, then every action in its menus and toolbars that has
        // keys is the table's, with the table's keys (shortcuts for the window's, named after a
        // tab for the panels' own)
        auto settings = freshSettings(QStringLiteral("shortcuts"));
        MainWindow window(*settings);
        int checked = 0;
        for (QAction* action : window.findChildren<QAction*>()) {
            if (action->shortcuts().isEmpty() && !action->text().contains(QLatin1Char('\t')))
                continue;
            QVERIFY2(ids.contains(action->objectName()),
                qPrintable(QStringLiteral("'%1' (%2) has keys but is not in the action table")
                               .arg(action->text(), action->objectName())));
            const ActionDefinition& definition = studioAction(action->objectName().toLatin1().constData());
            if (definition.context == ActionContext::Window)
                QCOMPARE(action->shortcuts(), definition.keys);
            else
                QVERIFY(action->text().endsWith(definition.keys.constFirst().toString(QKeySequence::NativeText)));
            ++checked;
        }
        QVERIFY2(checked >= 20, qPrintable(QString::number(checked)));
        QCOMPARE(window.findChild<QAction*>(QStringLiteral("keyboardShortcutsAction"))->shortcut(),
            QKeySequence(QKeySequence::HelpContents));
        QCOMPARE(window.findChild<QAction*>(QStringLiteral("performAction"))->shortcut(),
            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
        // and the panels read their keys from the same table: Shift counts for a letter, not for
        // a symbol typed with it
        const QKeyEvent shiftG(QEvent::KeyPress, Qt::Key_G, Qt::ShiftModifier);
        QCOMPARE(QLatin1String(actionForKey(shiftG, ActionContext::GridBrowser)), QLatin1String("gridRepairAction"));
        const QKeyEvent plainG(QEvent::KeyPress, Qt::Key_G, Qt::NoModifier);
        QCOMPARE(QLatin1String(actionForKey(plainG, ActionContext::GridBrowser)),
            QLatin1String("gridRegenerateAction"));
        const QKeyEvent plus(QEvent::KeyPress, Qt::Key_Plus, Qt::ShiftModifier);
        QVERIFY(isActionKey(plus, "zoomInAction"));
        QVERIFY(!isActionKey(QKeyEvent(QEvent::KeyPress, Qt::Key_Plus, Qt::ControlModifier), "zoomInAction"));
        ShowCue cue;
        QVERIFY(performCueForKey(Qt::Key_3, &cue));
        QVERIFY(cue == ShowCue::segment(2));

        // and Help > Keyboard Shortcuts (F1) lists every key of the table, grouped, with a filter
        KeyboardShortcutsDialog dialog;
        auto* tree = dialog.findChild<QTreeWidget*>();
        int listed = 0;
        for (int g = 0; g < tree->topLevelItemCount(); ++g)
            listed += tree->topLevelItem(g)->childCount();
        const auto withKeys = std::count_if(table.begin(), table.end(),
            [](const ActionDefinition& a) { return !a.keys.isEmpty(); });
        QCOMPARE(listed, int(withKeys));
        QVERIFY(tree->topLevelItemCount() >= 8);
        dialog.findChild<QLineEdit*>()->setText(QStringLiteral("perform"));
        int shown = 0;
        for (int g = 0; g < tree->topLevelItemCount(); ++g)
            for (int i = 0; i < tree->topLevelItem(g)->childCount(); ++i)
                shown += !tree->topLevelItem(g)->child(i)->isHidden();
        const auto performKeys = std::count_if(table.begin(), table.end(),
            [](const ActionDefinition& a) { return a.context == ActionContext::Perform && !a.keys.isEmpty(); });
        QCOMPARE(shown, 1 + int(performKeys)); // the menu item, and every key of the group named so
    }

    void fileMenuHasStandardActions()
    {
        auto settings = freshSettings(QStringLiteral("menu"));
        MainWindow window(*settings);
        QMenu* file = fileMenu(window);
        QVERIFY(file);
        QStringList texts;
        for (QAction* action : file->actions())
            texts << action->text().remove(QLatin1Char('&'));
        QVERIFY(texts.contains(QStringLiteral("New Project from Song...")));
        QVERIFY(texts.contains(QStringLiteral("New Empty Project...")));
        QVERIFY(texts.contains(QStringLiteral("Import Lyrics...")));
        QVERIFY(texts.contains(QStringLiteral("Open Project...")));
        QVERIFY(texts.contains(QStringLiteral("Open Recent")));
        QVERIFY(texts.contains(QStringLiteral("Quit")));
        for (QAction* action : file->actions()) {
            if (action->text().remove(QLatin1Char('&')) == QLatin1String("Open Project..."))
                QCOMPARE(action->shortcut(), QKeySequence(QKeySequence::Open));
            if (action->text().remove(QLatin1Char('&')) == QLatin1String("New Project from Song..."))
                QCOMPARE(action->shortcut(), QKeySequence(QKeySequence::New));
        }
        // the first start's window fits the screen with room for its frame (the status bar shows)
        const QSize room = QGuiApplication::primaryScreen()->availableGeometry().size() - MainWindow::kFrameAllowance;
        QVERIFY2(window.width() <= std::max(room.width(), window.minimumSizeHint().width()) && window.height() <= room.height(),
            qPrintable(QStringLiteral("%1x%2 in %3x%4").arg(window.width()).arg(window.height()).arg(room.width()).arg(room.height())));
        // Edit > Preferences answers the documented Ctrl+, on every platform, and the menu shows it
        auto* preferences = window.findChild<QAction*>(QStringLiteral("preferencesAction"));
        QVERIFY(preferences);
        QCOMPARE(preferences->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Comma));
    }

    void createAndReopenShowsSummaryAndRecent()
    {
        auto settings = freshSettings(QStringLiteral("flow"));
        const QString path = m_dir.filePath(QStringLiteral("studio.tessera"));
        {
            // given the studio, when a project is created
            MainWindow window(*settings);
            QSignalSpy changed(&window, &MainWindow::projectChanged);
            QVERIFY(window.createProject(path));
            QCOMPARE(changed.count(), 1);
            QVERIFY(window.findChild<ProjectSummaryView*>()->summaryText().contains(QStringLiteral("studio")));
            QVERIFY(window.windowTitle().contains(QStringLiteral("studio.tessera")));
        }
        // add a segment from outside (as the CLI would)
        {
            const auto catalog = Catalog::open(path);
            Segment segment;
            segment.range = {0, 3000};
            segment.lyric = QStringLiteral("hold the line");
            catalog->addSegment(segment);
        }
        // when the studio starts again, the project is in Open Recent and reopens with it
        MainWindow window(*settings);
        QCOMPARE(RecentProjects(*settings).paths().value(0), QFileInfo(path).absoluteFilePath());
        QVERIFY(window.openProject(path));
        QVERIFY(window.findChild<ProjectSummaryView*>()->summaryText().contains(QStringLiteral("hold the line")));
    }

    void openingAForeignFileShowsTheReasonAndKeepsTheProject()
    {
        auto settings = freshSettings(QStringLiteral("error"));
        const QString good = m_dir.filePath(QStringLiteral("good.tessera"));
        const QString bad = m_dir.filePath(QStringLiteral("bad.tessera"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a project");
        file.close();
        MainWindow window(*settings);
        QVERIFY(window.createProject(good));
        QSignalSpy errors(&window, &MainWindow::errorShown);
        QVERIFY(!window.openProject(bad));
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.at(0).at(0).toString().contains(QStringLiteral("not a Tessera project")));
        QCOMPARE(window.session()->catalog().path(), good);
        QVERIFY(!RecentProjects(*settings).paths().contains(QFileInfo(bad).absoluteFilePath()));
    }

    void editsAreUndoableAndFailedEditsLeaveNoStep()
    {
        // given an open project with one segment
        auto settings = freshSettings(QStringLiteral("undo"));
        const QString path = m_dir.filePath(QStringLiteral("undo.tessera"));
        MainWindow window(*settings);
        QVERIFY(window.createProject(path));
        qint64 segmentId = 0;
        {
            const auto writer = Catalog::open(path);
            Segment segment;
            segment.range = {0, 1000};
            segmentId = writer->addSegment(segment);
        }
        EditHistory* history = &window.session()->history();
        QVERIFY(history);
        QSignalSpy edited(history, &EditHistory::edited);

        // when a grade is set through the history, then undone and redone
        QVERIFY(history->execute(makeSetGradeCommand(GradeScope::Segment, segmentId, {1.0, 1.0, 1.0})));
        QCOMPARE(history->stack()->count(), 1);
        QCOMPARE(window.session()->catalog().grade(GradeScope::Segment, segmentId).exposureStops, 1.0);
        history->stack()->undo();
        QVERIFY(window.session()->catalog().grade(GradeScope::Segment, segmentId).isIdentity());
        history->stack()->redo();
        QCOMPARE(window.session()->catalog().grade(GradeScope::Segment, segmentId).exposureStops, 1.0);
        QCOMPARE(edited.count(), 3);

        // when an edit fails (gamma 0 is refused), then the reason is shown and no step is added
        QSignalSpy errors(&window, &MainWindow::errorShown);
        QVERIFY(!history->execute(makeSetGradeCommand(GradeScope::Project, 0, {0.0, 0.0, 1.0})));
        QCOMPARE(history->stack()->count(), 1);
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.at(0).at(0).toString().contains(QStringLiteral("gamma")));
    }

    void viewerNudgesExposureInStopsAndProbesLinearLight()
    {
        // given the viewer on a cell with a mid-grey and a white pixel, bundled config
        ConfigResolveOptions options;
        options.resourcesDir = QStringLiteral(TESSERA_RESOURCES_DIR);
        ViewerModel model(resolveColorConfig({}, options));
        QVERIFY(!model.displays().isEmpty());
        QVERIFY(model.views().size() >= 2);
        QImage cell(32, 16, QImage::Format_RGB32);
        cell.fill(QColor(128, 128, 128));
        cell.setPixelColor(5, 5, Qt::white);
        model.setImage(ViewerModel::Slot::A, cell);
        CellViewer viewer(model);
        viewer.resize(320, 240);
        const ViewerModel::Probe before = model.probe(ViewerModel::Slot::A, 0, 0);
        QVERIFY(before.valid);
        QVERIFY(qAbs(before.linear[0] - 0.2158f) < 0.002f); // sRGB 128 in linear light

        // when exposure is nudged up four quarter stops, then linear values double
        for (int i = 0; i < 4; ++i)
            QTest::keyClick(&viewer, Qt::Key_BracketRight);
        QCOMPARE(model.exposureStops(), 1.0);
        const ViewerModel::Probe brighter = model.probe(ViewerModel::Slot::A, 0, 0);
        QVERIFY(qAbs(brighter.linear[0] / before.linear[0] - 2.0f) < 1e-3f);
        QVERIFY(brighter.display[0] > before.display[0]);
        // and a whole stop down from there halves the original
        QTest::keyClick(&viewer, Qt::Key_BraceLeft);
        QTest::keyClick(&viewer, Qt::Key_BraceLeft);
        QVERIFY(qAbs(model.probe(ViewerModel::Slot::A, 0, 0).linear[0] / before.linear[0] - 0.5f) < 1e-3f);
        QTest::keyClick(&viewer, Qt::Key_Backspace);
        QCOMPARE(model.exposureStops(), 0.0);

        // then the clipping mask marks the white pixel at 0 stops, and not at -1 stop
        QVERIFY(qAlpha(model.clippingMask(ViewerModel::Slot::A).pixel(5, 5)) > 0);
        QCOMPARE(qAlpha(model.clippingMask(ViewerModel::Slot::A).pixel(0, 0)), 0);
        model.setExposureStops(-1.0);
        QCOMPARE(qAlpha(model.clippingMask(ViewerModel::Slot::A).pixel(5, 5)), 0);
        QTest::keyClick(&viewer, Qt::Key_C);
        QVERIFY(viewer.showsClipping());
    }

    void viewerTextStaysReadableOnAWhiteCell()
    {
        // given the viewer filled by a white cell (the same aspect as the viewer) with a probe
        ConfigResolveOptions options;
        options.resourcesDir = QStringLiteral(TESSERA_RESOURCES_DIR);
        ViewerModel model(resolveColorConfig({}, options));
        QImage cell(32, 24, QImage::Format_RGB32);
        cell.fill(Qt::white);
        model.setImage(ViewerModel::Slot::A, cell);
        CellViewer viewer(model);
        viewer.resize(320, 240);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        QTest::mouseMove(&viewer, QPoint(160, 120));
        const QImage shot = viewer.grab().toImage().convertToFormat(QImage::Format_RGB32);
        if (!qEnvironmentVariableIsEmpty("TESSERA_VIEWER_DEBUG_PNG"))
            shot.save(qEnvironmentVariable("TESSERA_VIEWER_DEBUG_PNG"));
        // then the heads-up line (top) and the probe (bottom) stand on a dark band: dark pixels
        // under the text, where the cell itself is white
        const auto darkIn = [&](const QRect& area) {
            int dark = 0;
            for (int y = area.top(); y <= area.bottom(); ++y)
                for (int x = area.left(); x <= area.right(); ++x)
                    dark += qGray(shot.pixel(x, y)) < 100 ? 1 : 0;
            return dark;
        };
        QVERIFY2(qGray(shot.pixel(160, 120)) > 200, "the cell shows white");
        QVERIFY2(darkIn(QRect(8, 4, 120, 14)) > 600, "the heads-up line's band");
        QVERIFY2(darkIn(QRect(8, 240 - 18, 60, 14)) > 300, "the probe's band");
    }

    void viewerComparesTwoCellsAndZooms()
    {
        ConfigResolveOptions options;
        options.resourcesDir = QStringLiteral(TESSERA_RESOURCES_DIR);
        ViewerModel model(resolveColorConfig({}, options));
        QImage dark(40, 40, QImage::Format_RGB32);
        dark.fill(QColor(40, 40, 40));
        QImage light(40, 40, QImage::Format_RGB32);
        light.fill(QColor(200, 200, 200));
        model.setImage(ViewerModel::Slot::A, dark, {}, QStringLiteral("v1"));
        model.setImage(ViewerModel::Slot::B, light, {1.0, 1.0, 1.0}, QStringLiteral("v2"));
        CellViewer viewer(model);
        viewer.resize(400, 400);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        // fit makes the 40 px cell fill 400 px; 1 shows actual pixels
        QVERIFY(viewer.isFitting());
        QCOMPARE(viewer.zoom(), 10.0);
        QTest::keyClick(&viewer, Qt::Key_1);
        QCOMPARE(viewer.zoom(), 1.0);
        QTest::keyClick(&viewer, Qt::Key_F);
        QCOMPARE(viewer.zoom(), 10.0);
        // Tab switches to comparing and shows B, whose stored +1 stop grade applies
        QTest::keyClick(&viewer, Qt::Key_Tab);
        QCOMPARE(model.compare(), ViewerModel::Compare::Toggle);
        QTest::keyClick(&viewer, Qt::Key_Tab);
        QCOMPARE(model.shown(), ViewerModel::Slot::B);
        QTest::mouseMove(&viewer, QPoint(200, 200));
        QVERIFY2(viewer.probeText().startsWith(QStringLiteral("B (20, 20)")), qPrintable(viewer.probeText()));
        QVERIFY(model.probe(ViewerModel::Slot::B, 0, 0).display[0] > model.probe(ViewerModel::Slot::A, 0, 0).display[0]);
        // S splits: left of the wipe probes A, right probes B
        QTest::keyClick(&viewer, Qt::Key_S);
        QCOMPARE(model.compare(), ViewerModel::Compare::Split);
        QTest::mouseMove(&viewer, QPoint(100, 200));
        QVERIFY2(viewer.probeText().startsWith(QStringLiteral("A")), qPrintable(viewer.probeText()));
        QTest::mouseMove(&viewer, QPoint(300, 200));
        QVERIFY2(viewer.probeText().startsWith(QStringLiteral("B")), qPrintable(viewer.probeText()));
        // switching the display picks that display's default view
        const QString other = model.displays().constLast();
        model.setDisplay(other);
        QCOMPARE(model.display(), other);
        QCOMPARE(model.view(), model.config().config->defaultView(other));
    }

    void studioViewerShowsGeneratedCellsWithTheirGrades()
    {
        // given a project with two generated cells, the second graded +1 stop
        auto settings = freshSettings(QStringLiteral("viewer"));
        const QString path = m_dir.filePath(QStringLiteral("viewer.tessera"));
        qint64 gradedCell = 0;
        {
            const auto catalog = Catalog::create(path);
            Segment segment;
            segment.range = {0, 1000};
            segment.grid = GridGeometry(1, 2);
            const qint64 segmentId = catalog->addSegment(segment);
            for (int col = 0; col < 2; ++col)
                catalog->addVersion(testing::versionFor(catalog->cell(segmentId, {0, col})->id, QColor(100, 100, 100)));
            gradedCell = catalog->cell(segmentId, {0, 1})->id;
            catalog->setGrade(GradeScope::Cell, gradedCell, {1.0, 1.0, 1.0});
        }
        // when the studio opens it
        MainWindow window(*settings);
        QVERIFY(window.openProject(path));
        ViewerPanel* panel = window.findChild<ViewerPanel*>();
        QVERIFY(panel);
        // then both cells are offered and the first is shown
        QCOMPARE(panel->cellPicker()->count(), 2);
        CellViewer* viewer = panel->viewer();
        const int ungraded = panel->model().probe(ViewerModel::Slot::A, 3, 3).display[0];
        QVERIFY(ungraded > 0);
        // and picking the graded one shows it brighter (its stored grade applies)
        panel->cellPicker()->setCurrentIndex(1);
        QVERIFY(panel->model().probe(ViewerModel::Slot::A, 3, 3).display[0] > ungraded + 20);
        QVERIFY(panel->showCell(gradedCell));
        // a second take of the first cell is offered as B, to compare the takes
        {
            const auto writer = Catalog::open(path);
            const qint64 firstCell = writer->cell(writer->segments().constFirst().id, {0, 0})->id;
            writer->addVersion(testing::versionFor(firstCell, QColor(200, 40, 40)));
        }
        window.openProject(path);
        panel = window.findChild<ViewerPanel*>();
        int versionEntries = 0;
        for (int i = 0; i < panel->comparePicker()->count(); ++i)
            versionEntries += panel->comparePicker()->itemText(i).startsWith(QStringLiteral("Cell A, version")) ? 1 : 0;
        QCOMPARE(versionEntries, 1);
        panel->comparePicker()->setCurrentIndex(panel->comparePicker()->count() - 1);
        QVERIFY(panel->model().hasImage(ViewerModel::Slot::B));
        QVERIFY(panel->model().probe(ViewerModel::Slot::B, 3, 3).display[0] != panel->model().probe(ViewerModel::Slot::A, 3, 3).display[0]);
        viewer = panel->viewer();
        // the exposure box drives the viewer's exposure
        panel->exposureBox()->setValue(-2.0);
        QTest::keyClick(viewer, Qt::Key_BraceRight);
        QCOMPARE(panel->exposureBox()->value(), -1.0);
    }

    void viewerGpuPathMatchesCpuPath()
    {
        // given a colourful cell with a desaturating grade, and a viewer on each path
        ConfigResolveOptions options;
        options.resourcesDir = QStringLiteral(TESSERA_RESOURCES_DIR);
        ViewerModel model(resolveColorConfig({QString(), QString(), QStringLiteral("sRGB"), QStringLiteral("Filmic")}, options));
        QImage cell(64, 48, QImage::Format_RGB32);
        for (int y = 0; y < cell.height(); ++y) {
            for (int x = 0; x < cell.width(); ++x)
                cell.setPixelColor(x, y, QColor(x * 4, y * 5, 255 - x * 2));
        }
        model.setImage(ViewerModel::Slot::A, cell, {0.0, 1.0, 0.8});
        CellViewer viewer(model);
        if (!viewer.usesGpu())
            QSKIP(qPrintable(QStringLiteral("GPU path not available: ") + viewer.gpuProblem()));
        viewer.resize(300, 300);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        QTest::keyClick(&viewer, Qt::Key_1);

        auto maxDifference = [&] {
            const QImage frame = viewer.renderedFrame().convertToFormat(QImage::Format_RGB32);
            const QImage expected = model.displayImage(ViewerModel::Slot::A).convertToFormat(QImage::Format_RGB32);
            const QPoint origin = viewer.imageRectF().topLeft().toPoint();
            int worst = 0;
            for (int y = 0; y < expected.height(); ++y) {
                for (int x = 0; x < expected.width(); ++x) {
                    const QRgb a = frame.pixel(origin.x() + x, origin.y() + y);
                    const QRgb b = expected.pixel(x, y);
                    worst = qMax(worst, qMax(qAbs(qRed(a) - qRed(b)), qMax(qAbs(qGreen(a) - qGreen(b)), qAbs(qBlue(a) - qBlue(b)))));
                }
            }
            return worst;
        };
        // then the GPU frame equals the CPU path within 1/255
        const int before = maxDifference();
        qInfo("GPU vs CPU viewer: max difference %d/255", before);
        QVERIFY(before <= 1);
        // and nudging exposure and gamma changes uniforms only: no shader is rebuilt
        const int builds = viewer.gpuShaderBuilds();
        QVERIFY(builds >= 1);
        QTest::keyClick(&viewer, Qt::Key_BraceRight);
        QTest::keyClick(&viewer, Qt::Key_Apostrophe);
        QCOMPARE(viewer.gpuShaderBuilds(), builds);
        const int after = maxDifference();
        qInfo("after +1 stop and gamma 1.1: max difference %d/255", after);
        QVERIFY(after <= 1);
    }

    void lyricsWithProblemsAreReportedUntilRead()
    {
        // given the studio on a project with an analysed song and no images yet
        QTemporaryDir dir;
        const QString song = dir.filePath(QStringLiteral("clicks.wav"));
        testing::writeBurstTrack(song, 4.0, {0.5, 1.5, 2.5});
        const QString path = dir.filePath(QStringLiteral("lyrics.tessera"));
        {
            const auto catalog = Catalog::create(path);
            linkSong(*catalog, song);
            catalog->addSegment(makeSegment(TimeRange{0, 4000}, QStringLiteral("one line")));
        }
        auto settings = freshSettings(QStringLiteral("lyrics"));
        MainWindow window(*settings);
        window.show();
        QVERIFY(window.openProject(path));
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<ProjectComposition*>()->composition() != nullptr, 30000);
        // when an LRC with a damaged line stamp and a damaged word stamp is imported
        const QString lrc = dir.filePath(QStringLiteral("damaged.lrc"));
        QFile file(lrc);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[00:00.50] first line\n[00:0x.00] broken stamp\n[00:02.00] <00:02.10> two <00:11.xx> words\n");
        file.close();
        QSignalSpy problems(&window, &MainWindow::lyricsImportProblems);
        QSignalSpy errors(&window, &MainWindow::errorShown);
        QVERIFY2(window.importLyrics(lrc), qPrintable(errors.isEmpty() ? QString() : errors.constFirst().constFirst().toString()));
        // then the readable lines are imported and the problems stay on screen, each naming its line
        QCOMPARE(problems.count(), 1);
        const QStringList reported = problems.constFirst().constFirst().toStringList();
        QVERIFY2(reported.size() >= 2, qPrintable(reported.join(QLatin1Char('|'))));
        QVERIFY2(reported.join(QLatin1Char('|')).contains(QLatin1String("line 2")), qPrintable(reported.join(QLatin1Char('|'))));
        auto* box = window.findChild<QWidget*>(QStringLiteral("lyricsImportProblems"));
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QVERIFY(window.session()->catalog().segments().size() >= 2);

        // and when the import is undone with a segment it made selected, the panels move to one
        // that exists instead of offering to generate the one that is gone
        const qint64 made = window.session()->catalog().segments().constLast().id;
        window.selectSegment(made);
        window.findChild<QAction*>(QStringLiteral("undoAction"))->trigger();
        QCOMPARE(window.session()->catalog().segments().size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(window.selectedSegment() == window.session()->catalog().segments().constFirst().id, 30000);
        QCOMPARE(window.findChild<GenerationQueuePanel*>()->generateSegmentButton()->text(), QStringLiteral("Generate Segment 1"));
    }

    void newProjectDialogFollowsATypedSongAndKeepsEntriesOnAProblem()
    {
        // given the New Project dialog and a song on disk
        QTemporaryDir dir;
        const QString song = dir.filePath(QStringLiteral("night drive.wav"));
        QFile file(song);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("RIFF");
        file.close();
        NewProjectDialog dialog;
        dialog.show();
        auto* songEdit = dialog.findChild<QLineEdit*>(QStringLiteral("song"));
        auto* projectEdit = dialog.findChild<QLineEdit*>(QStringLiteral("projectFile"));
        QVERIFY(songEdit && projectEdit);

        // when the song's path is typed key by key (not browsed)
        QTest::keyClicks(songEdit, song);
        // then the project file and name follow the whole path, not its first letters
        QCOMPARE(projectEdit->text(), dir.filePath(QStringLiteral("night drive.tessera")));
        QCOMPARE(dialog.request().settings.name, QStringLiteral("night drive"));
        // and a project file the artist typed is kept when the song changes
        projectEdit->setText(dir.filePath(QStringLiteral("mine.tessera")));
        QTest::keyClick(songEdit, Qt::Key_Backspace);
        QCOMPARE(projectEdit->text(), dir.filePath(QStringLiteral("mine.tessera")));

        // when OK is pressed with a song that does not exist (the last letter was deleted)
        dialog.accept();
        // then the dialog stays open, says which file, and keeps what was entered
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY2(dialog.shownProblem().contains(QLatin1String("night drive.wa")), qPrintable(dialog.shownProblem()));
        QCOMPARE(projectEdit->text(), dir.filePath(QStringLiteral("mine.tessera")));
        // and once the song is right, OK goes ahead
        QTest::keyClick(songEdit, Qt::Key_V);
        QVERIFY(dialog.shownProblem().isEmpty());
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        // and a request refilled after a failure shows every field again
        NewProjectDialog again;
        again.setRequest(dialog.request());
        QCOMPARE(again.request().songPath, song);
        QCOMPARE(again.request().path, dir.filePath(QStringLiteral("mine.tessera")));
        QCOMPARE(again.request().settings.name, QStringLiteral("night drive"));
    }

    void newProjectDialogComesBackWithItsEntriesAfterTheSongFailsToDecode()
    {
        // given a song file that exists but is no audio (the dialog's own checks pass it)
        QTemporaryDir dir;
        const QString song = dir.filePath(QStringLiteral("broken take.wav"));
        QFile file(song);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("RIFF") + QByteArray(4096, '\x5a'));
        file.close();
        auto settings = freshSettings(QStringLiteral("newagain"));
        MainWindow window(*settings);
        window.show();
        QSignalSpy errors(&window, &MainWindow::errorShown);
        auto* action = window.findChild<QAction*>(QStringLiteral("newProjectAction"));
        QVERIFY(action);
        // when the artist types it into New Project from Song and presses OK (the dialogs are
        // modal: a timer plays the artist's part inside their event loops)
        int dialogsShown = 0;
        NewProjectRequest shownAgain;
        NewProjectRequest retyped;
        QString problemShown;
        qsizetype messageBoxes = -1;
        QTimer artist;
        artist.setInterval(20);
        connect(&artist, &QTimer::timeout, this, [&] {
            auto* dialog = qobject_cast<NewProjectDialog*>(QApplication::activeModalWidget());
            if (!dialog || !dialog->isVisible() || dialog->property("seen").toBool())
                return;
            dialog->setProperty("seen", true);
            if (++dialogsShown == 1) {
                QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("song")), song);
                dialog->accept();
            } else {
                shownAgain = dialog->request();
                problemShown = dialog->shownProblem();
                messageBoxes = window.findChildren<QMessageBox*>().size();
                // and retyping the song still renames the project after it
                auto* songEdit = dialog->findChild<QLineEdit*>(QStringLiteral("song"));
                songEdit->setText(dir.filePath(QStringLiteral("good take.wav")));
                retyped = dialog->request();
                dialog->reject();
                artist.stop();
            }
        });
        artist.start();
        action->trigger();
        // then the decoder's error names the file, and the dialog opens again with every entry
        QTRY_COMPARE_WITH_TIMEOUT(dialogsShown, 2, 60000);
        QVERIFY(!errors.isEmpty());
        QVERIFY2(errors.constFirst().at(0).toString().contains(QLatin1String("broken take.wav")),
            qPrintable(errors.constFirst().at(0).toString()));
        QCOMPARE(shownAgain.songPath, song);
        QCOMPARE(shownAgain.path, dir.filePath(QStringLiteral("broken take.tessera")));
        QCOMPARE(shownAgain.settings.name, QStringLiteral("broken take"));
        QVERIFY(!QFileInfo::exists(shownAgain.path));
        // and the error is in the dialog itself, not in a message box left behind it
        QVERIFY2(problemShown.contains(QLatin1String("broken take.wav")), qPrintable(problemShown));
        QCOMPARE(messageBoxes, 0);
        QCOMPARE(retyped.path, dir.filePath(QStringLiteral("good take.tessera")));
        QCOMPARE(retyped.settings.name, QStringLiteral("good take"));
    }

    void recentListIsBoundedAndMostRecentFirst()
    {
        auto settings = freshSettings(QStringLiteral("recent"));
        RecentProjects recent(*settings);
        for (int i = 0; i < RecentProjects::kMaxEntries + 3; ++i)
            recent.add(m_dir.filePath(QStringLiteral("r%1.tessera").arg(i)));
        recent.add(m_dir.filePath(QStringLiteral("r5.tessera")));
        const QStringList paths = recent.paths();
        QCOMPARE(paths.size(), RecentProjects::kMaxEntries);
        QVERIFY(paths.first().endsWith(QStringLiteral("r5.tessera")));
        QCOMPARE(paths.count(paths.first()), 1);
    }
};

QTEST_MAIN(TestUi)
#include "tst_ui.moc"
