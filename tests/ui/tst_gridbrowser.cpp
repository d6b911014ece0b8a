// The grid browser over a real catalog: states in the grid's true layout, coherence suspects,
// keyboard curation (R, L, G, N, arrows with Shift) written as undoable commands, the version
// strip and the compare pane; G regenerates through the real queue, plugin and bundled model.
// With TESSERA_SCREENSHOT_PROJECT set (a finished project, copied first) it also renders the
// browser to $TESSERA_SCREENSHOT_DIR/gridbrowser-shot.png (default: the temp folder).
#include "StudioTestProject.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/generation/GridJob.h"
#include "tessera/motion/ImageSimilarity.h"
#include "tessera/studio/EditHistory.h"
#include "tessera/studio/GenerationQueue.h"
#include "tessera/studio/GridBrowserModel.h"
#include "tessera/ui/GridBrowser.h"
#include "tessera/ui/GridBrowserParts.h"
#include "tessera/ui/StudioStyle.h"


#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QToolButton>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace tessera;
using namespace tessera::testing;

//! The 1x2 test project in the grid browser over the real queue (bundled model, 3 steps).
struct QueueRig
{
    explicit QueueRig(const QTemporaryDir& dir)
        : project(dir)
        , history(*project.catalog)
        , queue(*project.catalog)
        , model(*project.catalog, history, &queue)
        , browser(model)
        , finished(&queue, &GenerationQueue::jobFinished)
    {
        GenerationOptions options;
        options.steps = 3;
        queue.setOptions(options);
    }

    //! Loads the model, then shows the first segment with cell 0,0 current and focused.
    bool start()
    {
        QSignalSpy ready(&queue, &GenerationQueue::modelReady);
        queue.start();
        if (!ready.wait(60000))
            return false;
        browser.show();
        model.setSegment(project.firstId);
        browser.canvas()->setFocus();
        return true;
    }

    StudioTestProject project;
    EditHistory history;
    GenerationQueue queue;
    GridBrowserModel model;
    GridBrowser browser;
    QSignalSpy finished;
};

class TestGridBrowser : public QObject
{
    Q_OBJECT

    //! A 3x3 grid of greys stepping smoothly, but for a red cell in the middle: the suspect.
    qint64 addCoherenceGrid(Catalog& catalog)
    {
        Segment grid = makeSegment(TimeRange{4000, 6000}, QStringLiteral("glass city at dawn"));
        grid.grid = GridGeometry(3, 3);
        const qint64 id = catalog.addSegment(grid);
        for (const Cell& cell : catalog.cells(id)) {
            const int grey = 60 + 12 * (cell.index.row + cell.index.col);
            const QColor colour = cell.index == CellIndex{1, 1} ? QColor(230, 20, 20) : QColor(grey, grey, grey);
            catalog.addVersion(versionFor(cell.id, colour));
        }
        return id;
    }

    CellState stateOf(Catalog& catalog, qint64 segmentId, CellIndex index) { return catalog.cell(segmentId, index)->state; }

private Q_SLOTS:
    void initTestCase() { applyStudioStyle(*qApp); }

    void showsStatesInTheGridsLayoutWithSuspectsOutlined()
    {
        // given a 3x3 grid with a suspect, a rejected and a locked cell, and a 2x2 grid queued
        QTemporaryDir dir;
        StudioTestProject project(dir);
        const qint64 gridId = addCoherenceGrid(*project.catalog);
        project.catalog->setCellState(project.catalog->cell(gridId, {0, 0})->id, CellState::Rejected);
        project.catalog->setCellState(project.catalog->cell(gridId, {2, 2})->id, CellState::Locked);
        EditHistory history(*project.catalog);
        GridBrowserModel model(*project.catalog, history);
        GridBrowser browser(model);
        browser.resize(600, 700);
        browser.show();

        // when the browser shows the 3x3 grid
        model.setSegment(gridId);

        // then the cells sit in 3 rows of 3 with their states, and only the odd cell is a suspect
        QCOMPARE(model.rows(), 3);
        QCOMPARE(model.cols(), 3);
        const QRect a = browser.canvas()->cellRect({0, 0});
        const QRect b = browser.canvas()->cellRect({0, 2});
        const QRect c = browser.canvas()->cellRect({2, 0});
        QVERIFY(!a.isEmpty());
        QCOMPARE(b.top(), a.top());
        QVERIFY(b.left() > a.right());
        QCOMPARE(c.left(), a.left());
        QVERIFY(c.top() > a.bottom());
        QCOMPARE(model.cellAt({0, 0})->cell.state, CellState::Rejected);
        QCOMPARE(model.cellAt({2, 2})->cell.state, CellState::Locked);
        QCOMPARE(model.cellAt({0, 1})->cell.state, CellState::Done);
        // (its edge neighbours differ from it too, so they may be flagged, but less; corners never)
        QVERIFY(model.cellAt({1, 1})->isSuspect());
        for (const BrowserCell& cell : model.cells())
            QVERIFY((cell.cell.index == CellIndex{1, 1} || *cell.coherence < *model.cellAt({1, 1})->coherence));
        QVERIFY(!model.cellAt({0, 0})->isSuspect());
        QVERIFY(!model.cellAt({2, 2})->isSuspect());
        // the suspect's outline is drawn in orange just inside its rectangle
        const QImage shot = browser.canvas()->grab().toImage();
        const QRect suspect = browser.canvas()->cellRect({1, 1});
        const QColor outline = shot.pixelColor(suspect.center().x(), suspect.top() + 1);
        QVERIFY2(outline.red() > 200 && outline.green() > 100 && outline.blue() < 80, qPrintable(outline.name()));

        // and the 2x2 segment's cells show queued once a job waits for them
        GridJobSpec spec;
        spec.segmentId = project.secondId;
        GridJob::enqueue(*project.catalog, spec);
        model.setSegment(project.secondId);
        QCOMPARE(model.cells().size(), 4);
        for (const BrowserCell& cell : model.cells())
            QCOMPARE(cell.cell.state, CellState::Queued);

        // and suspects first puts the odd cell first
        model.setSegment(gridId);
        model.setLayout(GridBrowserModel::Layout::SuspectsFirst);
        QCOMPARE(model.displayOrder().constFirst(), (CellIndex{1, 1}));
        QCOMPARE(browser.canvas()->cellRect({1, 1}).topLeft(), a.topLeft());
    }

    void keysCurateAndUndoRestores()
    {
        // given the browser on the 3x3 grid, focused on cell 0,0
        QTemporaryDir dir;
        StudioTestProject project(dir);
        const qint64 gridId = addCoherenceGrid(*project.catalog);
        EditHistory history(*project.catalog);
        GridBrowserModel model(*project.catalog, history);
        GridBrowser browser(model);
        browser.resize(500, 600);
        browser.show();
        model.setSegment(gridId);
        browser.canvas()->setFocus();
        auto& catalog = *project.catalog;

        // R rejects the current cell; undo makes it done again
        QTest::keyClick(browser.canvas(), Qt::Key_R);
        QCOMPARE(stateOf(catalog, gridId, {0, 0}), CellState::Rejected);
        QCOMPARE(model.cellAt({0, 0})->cell.state, CellState::Rejected);
        history.stack()->undo();
        QCOMPARE(stateOf(catalog, gridId, {0, 0}), CellState::Done);
        QCOMPARE(model.cellAt({0, 0})->cell.state, CellState::Done);

        // Right then L locks 0,1; L again unlocks; undo locks it again
        QTest::keyClick(browser.canvas(), Qt::Key_Right);
        QCOMPARE(model.current(), (CellIndex{0, 1}));
        QTest::keyClick(browser.canvas(), Qt::Key_L);
        QCOMPARE(stateOf(catalog, gridId, {0, 1}), CellState::Locked);
        QTest::keyClick(browser.canvas(), Qt::Key_L);
        QCOMPARE(stateOf(catalog, gridId, {0, 1}), CellState::Done);
        history.stack()->undo();
        QCOMPARE(stateOf(catalog, gridId, {0, 1}), CellState::Locked);

        // Shift+Down extends the selection to 1,1; R rejects both but the locked one in one step
        QTest::keyClick(browser.canvas(), Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(model.selection().size(), 2);
        QTest::keyClick(browser.canvas(), Qt::Key_R);
        QCOMPARE(stateOf(catalog, gridId, {1, 1}), CellState::Rejected);
        QCOMPARE(stateOf(catalog, gridId, {0, 1}), CellState::Rejected);
        history.stack()->undo();
        QCOMPARE(stateOf(catalog, gridId, {1, 1}), CellState::Done);
        QCOMPARE(stateOf(catalog, gridId, {0, 1}), CellState::Locked);
        history.stack()->redo();
        QCOMPARE(stateOf(catalog, gridId, {1, 1}), CellState::Rejected);

        // Shift+Left then makes the rectangle from where the selection began (0,1) to 1,0: a 2x2
        // block, not the path the arrows took
        QTest::keyClick(browser.canvas(), Qt::Key_Left, Qt::ShiftModifier);
        QCOMPARE(model.current(), (CellIndex{1, 0}));
        QCOMPARE(model.selection().size(), 4);
        for (const CellIndex index : {CellIndex{0, 0}, CellIndex{0, 1}, CellIndex{1, 0}, CellIndex{1, 1}})
            QVERIFY(model.isSelected(index));
        // and Shift+Up shrinks it back to the top row's two cells
        QTest::keyClick(browser.canvas(), Qt::Key_Up, Qt::ShiftModifier);
        QCOMPARE(model.selection().size(), 2);
        QVERIFY(model.isSelected({0, 0}) && model.isSelected({0, 1}));
        // Ctrl+A selects the whole 3x3 grid
        QTest::keyClick(browser.canvas(), Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(model.selection().size(), 9);
        QTest::mouseClick(browser.canvas(), Qt::LeftButton, {}, browser.canvas()->cellRect({0, 1}).center());
        QCOMPARE(model.selection().size(), 1);
        QTest::keyClick(browser.canvas(), Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(model.selection().size(), 2);

        // Ctrl+click toggles a far cell into the selection
        const QRect far = browser.canvas()->cellRect({2, 2});
        QTest::mouseClick(browser.canvas(), Qt::LeftButton, Qt::ControlModifier, far.center());
        QCOMPARE(model.selection().size(), 3);
        QVERIFY(model.isSelected({2, 2}));

        // N jumps to the suspect (the red cell), S switches to suspects first
        QTest::mouseClick(browser.canvas(), Qt::LeftButton, {}, browser.canvas()->cellRect({0, 0}).center());
        QTest::keyClick(browser.canvas(), Qt::Key_N);
        QCOMPARE(model.current(), (CellIndex{1, 1}));
        QTest::keyClick(browser.canvas(), Qt::Key_S);
        QCOMPARE(model.layout(), GridBrowserModel::Layout::SuspectsFirst);
    }

    void aGridTooBigToFitScrollsAndFollowsTheKeys()
    {
        // given a 100x100 grid with images in two far corners, in a browser far smaller than it
        QTemporaryDir dir;
        StudioTestProject project(dir);
        Segment big = *project.catalog->segment(project.secondId);
        big.grid = GridGeometry(100, 100);
        project.catalog->updateSegment(big);
        project.catalog->addVersion(versionFor(project.catalog->cell(project.secondId, {0, 0})->id, Qt::black));
        project.catalog->addVersion(versionFor(project.catalog->cell(project.secondId, {99, 99})->id, Qt::white));
        Version large = versionFor(project.catalog->cell(project.secondId, {1, 1})->id, Qt::red);
        large.png = pngOfColor(Qt::red, 256, 256);
        large.width = large.height = 256;
        project.catalog->addVersion(large);
        EditHistory history(*project.catalog);
        GridBrowserModel model(*project.catalog, history);
        GridBrowser browser(model);
        browser.resize(600, 500);
        browser.show();
        model.setSegment(project.secondId);
        browser.canvas()->setFocus();
        QCoreApplication::processEvents();

        // then all 10,000 cells are there, the canvas is larger than its view, and scrolls
        QCOMPARE(model.cells().size(), 10000);
        QWidget* viewport = browser.canvas()->parentWidget();
        QVERIFY(browser.canvas()->height() > 4 * viewport->height());
        QVERIFY(browser.canvas()->width() > 4 * viewport->width());
        // and hit-testing finds the far corner where it is drawn, whose preview is its image
        const QRect corner = browser.canvas()->cellRect({99, 99});
        QVERIFY(corner.width() >= 40);
        QCOMPARE(browser.canvas()->cellAt(corner.center()), std::optional<CellIndex>(CellIndex{99, 99}));
        QCOMPARE(browser.canvas()->cellAt(corner.topLeft() - QPoint(3, 3)), std::nullopt); // the gap between cells
        QCOMPARE(model.cellImage({99, 99}, corner.width()).pixelColor(0, 0), QColor(Qt::white));
        QVERIFY(model.cellImage({50, 50}, corner.width()).isNull());
        // and a cell drawn small is drawn from its 128 px preview, one drawn large from its image
        QCOMPARE(model.cellImage({1, 1}, corner.width()).size(), QSize(128, 128));
        QCOMPARE(model.cellImage({1, 1}, 300).size(), QSize(256, 256));
        QCOMPARE(browser.canvas()->mapTo(viewport, QPoint(0, 0)), QPoint(0, 0)); // at the top-left so far

        // when the arrows walk to the far corner, the view follows the current cell
        model.setCurrent({98, 99});
        QTest::keyClick(browser.canvas(), Qt::Key_Down);
        QCOMPARE(model.current(), (CellIndex{99, 99}));
        const QRect shown(browser.canvas()->mapTo(viewport, corner.topLeft()), corner.size());
        QVERIFY2(viewport->rect().contains(shown), "the current cell is scrolled into view");
        // and a 2x2 grid afterwards fits the view again, without scrolling
        big.grid = GridGeometry(2, 2);
        project.catalog->updateSegment(big);
        model.reload();
        QCoreApplication::processEvents();
        QCOMPARE(browser.canvas()->size(), viewport->size());
    }

    void versionStripMakesAVersionActiveUndoably()
    {
        // given a cell with two versions, the newer one active
        QTemporaryDir dir;
        StudioTestProject project(dir);
        auto& catalog = *project.catalog;
        const Cell cell = *catalog.cell(project.firstId, {0, 0});
        const qint64 first = cell.activeVersionId;
        const qint64 second = catalog.addVersion(versionFor(cell.id, QColor(Qt::darkBlue), 2));
        EditHistory history(catalog);
        GridBrowserModel model(catalog, history);
        GridBrowser browser(model);
        browser.resize(500, 600);
        browser.show();
        model.setSegment(project.firstId);
        QCOMPARE(model.currentVersions().size(), 2);
        QCOMPARE(model.cellAt({0, 0})->versionCount, 2);

        // when the first version of the strip is clicked
        QTest::mouseClick(browser.versionStrip(), Qt::LeftButton, {}, browser.versionStrip()->slotRect(0).center());

        // then it is active in the catalog and the browser; undo brings the second back
        QCOMPARE(catalog.cellById(cell.id)->activeVersionId, first);
        QCOMPARE(model.cellImage({0, 0}, 64).pixelColor(0, 0), QColor(Qt::black));
        history.stack()->undo();
        QCOMPARE(catalog.cellById(cell.id)->activeVersionId, second);

        // and Ctrl+click compares the first version beside the active one
        QTest::mouseClick(browser.versionStrip(), Qt::LeftButton, Qt::ControlModifier, browser.versionStrip()->slotRect(0).center());
        QCOMPARE(model.compare(), GridBrowserModel::Compare::Version);
        GridBrowserModel::ComparePair pair = model.comparePair();
        QCOMPARE(pair.a.pixelColor(0, 0), QColor(Qt::darkBlue));
        QCOMPARE(pair.b.pixelColor(0, 0), QColor(Qt::black));
        QVERIFY(browser.comparePane()->isVisible());

        // and the right neighbour (white) is compared from the picker's choice
        model.setCompare(GridBrowserModel::Compare::RightNeighbour);
        pair = model.comparePair();
        QCOMPARE(pair.b.pixelColor(0, 0), QColor(Qt::white));
        QCOMPARE(pair.labelB, QStringLiteral("Cell 0,1"));
    }

    void regenerateKeyQueuesAJobAndUndoBringsTheOldImageBack()
    {
        // given the 1x2 segment and the real queue with the bundled model (3 steps)
        QTemporaryDir dir;
        QueueRig rig(dir);
        QVERIFY2(rig.start(), qPrintable(rig.queue.problem()));
        StudioTestProject& project = rig.project;
        Catalog& catalog = *project.catalog;
        EditHistory& history = rig.history;
        GenerationQueue& queue = rig.queue;
        GridBrowserModel& model = rig.model;
        GridBrowser& browser = rig.browser;
        QSignalSpy& finished = rig.finished;
        const Cell before = *catalog.cell(project.firstId, {0, 0});

        // when G is pressed on cell 0,0
        QTest::keyClick(browser.canvas(), Qt::Key_G);
        // (the cell is rejected and queued; how far the fast worker got since is not asserted)
        QCOMPARE(history.stack()->undoText(), QStringLiteral("Regenerate 1 cell(s)"));

        // then a job generates a second version that becomes active
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.constFirst().at(1).value<JobState>(), JobState::Done);
        const Cell after = *catalog.cellById(before.id);
        QCOMPARE(after.state, CellState::Done);
        QVERIFY(after.activeVersionId != before.activeVersionId);
        QCOMPARE(catalog.versions(before.id).size(), 2);
        QCOMPARE(catalog.cell(project.firstId, {0, 1})->activeVersionId,
            catalog.cell(project.firstId, {0, 1})->activeVersionId); // the neighbour was left alone
        QCOMPARE(catalog.versions(catalog.cell(project.firstId, {0, 1})->id).size(), 1);

        // and undo makes the old image active again, keeping the new one in the history
        history.stack()->undo();
        QCOMPARE(catalog.cellById(before.id)->activeVersionId, before.activeVersionId);
        QCOMPARE(catalog.cellById(before.id)->state, CellState::Done);
        QCOMPARE(catalog.versions(before.id).size(), 2);
        // and its tile says the first of two versions shows
        model.reload();
        QCOMPARE(model.cellAt({0, 0})->versionCount, 2);
        QCOMPARE(model.cellAt({0, 0})->activeVersionNumber, 1);

        // when the strength is set to 0.6 and Shift+G repairs the cell from its neighbour
        auto* strength = browser.findChild<QDoubleSpinBox*>(QStringLiteral("repairStrength"));
        QVERIFY(strength);
        QCOMPARE(strength->value(), kDefaultRepairStrength);
        strength->setValue(0.6);
        QCOMPARE(model.repairStrength(), 0.6);
        QTest::keyClick(browser.canvas(), Qt::Key_G, Qt::ShiftModifier);
        QCOMPARE(history.stack()->undoText(), QStringLiteral("Repair 1 cell(s) from neighbours"));
        // then a repair job makes a third version from the neighbour's image at that strength
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.constLast().at(1).value<JobState>(), JobState::Done);
        const QVector<Version> versions = catalog.versions(before.id);
        QCOMPARE(versions.size(), 3);
        QCOMPARE(catalog.cellById(before.id)->activeVersionId, versions.constLast().id);
        const QJsonObject recipe = versions.constLast().recipe;
        QCOMPARE(recipe.value(recipe::kStrength).toDouble(), 0.6);
        QCOMPARE(recipe.value(recipe::kRepairFrom).toArray(),
            QJsonArray{catalog.cell(project.firstId, {0, 1})->activeVersionId});

        // when nothing changed, Generate Segment queues nothing and says why
        QSignalSpy nothing(&queue, &GenerationQueue::nothingToGenerate);
        QCOMPARE(queue.enqueueSegment(project.firstId), 0);
        QCOMPARE(nothing.count(), 1);
        QVERIFY(nothing.constFirst().constFirst().toString().contains(QLatin1String("Segment 1")));
        // when the artist edits the segment's prompt, the generated cell is shown out of date
        // (the other cell's image has no recipe prompt: an imported image never is)
        Segment edited = *catalog.segment(project.firstId);
        edited.prompt = QStringLiteral("moon over a frozen lake");
        catalog.updateSegment(edited);
        model.reload();
        QVERIFY(model.cellAt({0, 0})->outOfDate);
        QVERIFY(!model.cellAt({0, 1})->outOfDate);
        // and Generate Segment makes it again, after which it is up to date
        const qint64 again = queue.enqueueSegment(project.firstId);
        QVERIFY(again != 0);
        QCOMPARE(catalog.job(again)->totalUnits, 1);
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.constLast().at(1).value<JobState>(), JobState::Done);
        QCOMPARE(catalog.versions(before.id).size(), 4);
        model.reload();
        QVERIFY(!model.cellAt({0, 0})->outOfDate);
        QVERIFY(catalog.versions(before.id).constLast().recipe.value(recipe::kPrompt).toString().contains(QLatin1String("frozen lake")));
    }

    void undoOfARegenerateCancelsItsJob()
    {
        // given the 1x2 segment and the real queue with the bundled model, and another generator
        // holding the project's generation lock (as a tessera-cli run would), so the job is
        // certainly still waiting when the artist changes their mind, however fast the machine
        QTemporaryDir dir;
        QueueRig rig(dir);
        auto otherGenerator = std::make_unique<GenerationLock>(*rig.project.catalog);
        QVERIFY2(rig.start(), qPrintable(rig.queue.problem()));
        StudioTestProject& project = rig.project;
        Catalog& catalog = *project.catalog;
        EditHistory& history = rig.history;
        GenerationQueue& queue = rig.queue;
        GridBrowser& browser = rig.browser;
        QSignalSpy& finished = rig.finished;
        const Cell before = *catalog.cell(project.firstId, {0, 0});

        // when G regenerates cell 0,0 and the step is undone at once
        QTest::keyClick(browser.canvas(), Qt::Key_G);
        QCOMPARE(history.stack()->undoText(), QStringLiteral("Regenerate 1 cell(s)"));
        QCOMPARE(queue.jobs().size(), 1);
        const qint64 jobId = queue.jobs().constFirst().jobId;
        history.stack()->undo();

        // then its job ends cancelled, not done, and the cell keeps its old image and state
        QTRY_COMPARE_WITH_TIMEOUT(catalog.job(jobId)->state, JobState::Cancelled, 20000);
        otherGenerator.reset();
        QCOMPARE(catalog.cellById(before.id)->activeVersionId, before.activeVersionId);
        QCOMPARE(catalog.cellById(before.id)->state, CellState::Done);

        // and redo queues a new job for the cell, which runs to the end when left alone
        history.stack()->redo();
        QTRY_COMPARE(queue.jobs().size(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 120000);
        QVERIFY(finished.constLast().at(0).toLongLong() != jobId);
        QCOMPARE(finished.constLast().at(1).value<JobState>(), JobState::Done);
        QVERIFY(catalog.cellById(before.id)->activeVersionId != before.activeVersionId);
        // and undoing it then brings the old image back (the job has nothing left to cancel)
        history.stack()->undo();
        QCOMPARE(catalog.cellById(before.id)->activeVersionId, before.activeVersionId);
        QCOMPARE(catalog.job(finished.constLast().at(0).toLongLong())->state, JobState::Done);
    }

    void similarityShowsOnTheEdgesAndRefineMakesTheCellsBetween()
    {
        // given the 1x2 segment (a black and a white cell) and the real queue with the bundled
        // model, another generator holding the project's lock so no job starts before we look
        QTemporaryDir dir;
        QueueRig rig(dir);
        auto otherGenerator = std::make_unique<GenerationLock>(*rig.project.catalog);
        QVERIFY2(rig.start(), qPrintable(rig.queue.problem()));
        Catalog& catalog = *rig.project.catalog;
        const qint64 segmentId = rig.project.firstId;
        GridBrowserModel& model = rig.model;
        GridBrowser& browser = rig.browser;
        browser.resize(700, 600);
        const Cell black = *catalog.cell(segmentId, {0, 0});
        const Cell white = *catalog.cell(segmentId, {0, 1});

        // when M shows the similarity
        const QRect left = browser.canvas()->cellRect({0, 0});
        const QRect right = browser.canvas()->cellRect({0, 1});
        const QPoint edge((left.right() + right.left()) / 2, left.center().y());
        const QColor plain = browser.canvas()->grab().toImage().pixelColor(edge);
        QTest::keyClick(browser.canvas(), Qt::Key_M);
        // then the pair's SSIM is OpenCV's of their previews, the header shows the grid's median,
        // and the edge between them is drawn over
        QVERIFY(model.showsSimilarity());
        QVERIFY(browser.findChild<QToolButton*>(QStringLiteral("similarityButton"))->isChecked());
        const double expected = structuralSimilarity(QImage::fromData(catalog.versionPreview(black.activeVersionId)),
            QImage::fromData(catalog.versionPreview(white.activeVersionId)));
        QCOMPARE(*model.similarity({0, 0}, {0, 1}), expected);
        QVERIFY(expected < 0.01); // black and white share no structure
        QCOMPARE(*model.medianSimilarity(), expected);
        bool headerShowsIt = false;
        for (const QLabel* label : browser.findChildren<QLabel*>())
            headerShowsIt = headerShowsIt || label->text().contains(QStringLiteral("median SSIM 0.00"));
        QVERIFY(headerShowsIt);
        QVERIFY(browser.canvas()->grab().toImage().pixelColor(edge) != plain);

        // when the columns are refined
        QVERIFY(model.refine(GridAxis::X));
        // then the grid is 1x3 with the old cells at its ends, and a job is queued for the new one
        QCOMPARE(rig.history.stack()->undoText(), QStringLiteral("Refine segment 1 to 1 x 3"));
        QCOMPARE(model.cols(), 3);
        QCOMPARE(catalog.cell(segmentId, {0, 2})->id, white.id);
        QCOMPARE(model.cellAt({0, 1})->cell.state, CellState::Queued);
        QCOMPARE(rig.queue.jobs().size(), 1);
        const qint64 firstJob = rig.queue.jobs().constFirst().jobId;
        QVERIFY(!model.similarity({0, 0}, {0, 1})); // nothing to compare yet
        // when undone at once, the job is cancelled and the grid is 1x2 again with its cells
        rig.history.stack()->undo();
        QTRY_COMPARE_WITH_TIMEOUT(catalog.job(firstJob)->state, JobState::Cancelled, 20000);
        QCOMPARE(catalog.segment(segmentId)->grid, GridGeometry(1, 2));
        QCOMPARE(catalog.cell(segmentId, {0, 1})->id, white.id);
        QCOMPARE(catalog.cells(segmentId).size(), 2);

        // when redone and left to run
        otherGenerator.reset();
        rig.history.stack()->redo();
        QVERIFY(rig.finished.wait(120000));
        QCOMPARE(rig.finished.constLast().at(1).value<JobState>(), JobState::Done);
        // then the new cell has an image between black and white, and both edges a similarity
        model.reload();
        QCOMPARE(model.cellAt({0, 1})->cell.state, CellState::Done);
        QVERIFY(model.similarity({0, 0}, {0, 1}).has_value());
        QVERIFY(model.similarity({0, 1}, {0, 2}).has_value());
        // and undo is refused now, since it would delete that image; the grid stays, and the step
        // is back on the stack as the one to undo
        QSignalSpy refused(&rig.history, &EditHistory::errorOccurred);
        rig.history.stack()->undo();
        QCOMPARE(refused.count(), 1);
        QVERIFY2(refused.constFirst().constFirst().toString().contains(
                     QStringLiteral("1 new cell(s) of segment 1 already have an image")),
            qPrintable(refused.constFirst().constFirst().toString()));
        QCOMPARE(catalog.segment(segmentId)->grid, GridGeometry(1, 3));
        QTRY_VERIFY(rig.history.stack()->canUndo() && !rig.history.stack()->canRedo());
        QCOMPARE(rig.history.stack()->undoText(), QStringLiteral("Refine segment 1 to 1 x 3"));
        QCOMPARE(refused.count(), 1);
        QCOMPARE(catalog.segment(segmentId)->grid, GridGeometry(1, 3));
        QVERIFY(catalog.checkIntegrity().isOk());
    }

    void rendersTheDemoProject()
    {
        const QString source = qEnvironmentVariable("TESSERA_SCREENSHOT_PROJECT");
        if (source.isEmpty())
            QSKIP("set TESSERA_SCREENSHOT_PROJECT to a finished project to render the browser");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shot.tessera"));
        QVERIFY(copyProjectWithLog(source, path));
        auto catalog = Catalog::open(path);
        EditHistory history(*catalog);
        GridBrowserModel model(*catalog, history);
        GridBrowser browser(model);
        browser.resize(760, 900);
        // the segment whose grid is least coherent, so the outline shows
        qint64 chosen = catalog->segments().constFirst().id;
        int most = -1;
        for (const Segment& segment : catalog->segments()) {
            model.setSegment(segment.id);
            if (model.suspectCount() > most) {
                most = model.suspectCount();
                chosen = segment.id;
            }
        }
        model.setSegment(chosen);
        const auto order = model.displayOrder();
        model.setCurrent(order.value(1));
        model.setCurrent(order.value(0), GridBrowserModel::Select::Toggle);
        model.toggleLockSelection(); // some locked cells in the picture
        model.setCurrent(order.value(2), GridBrowserModel::Select::Replace);
        model.rejectSelection(); // and a rejected one
        if (most > 0)
            model.nextSuspect();
        model.setCompare(model.current().col + 1 < model.cols() ? GridBrowserModel::Compare::RightNeighbour
                                                                : GridBrowserModel::Compare::LeftNeighbour);
        browser.show();
        browser.canvas()->setFocus();
        QTest::qWait(50);
        const QString out = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR", QDir::tempPath()) + QStringLiteral("/gridbrowser-shot.png");
        QVERIFY(browser.grab().save(out));
        qInfo("grid browser screenshot: %s (segment %d, %d suspects)", qPrintable(out), model.segmentNumber(), most);
    }
};

QTEST_MAIN(TestGridBrowser)
#include "tst_gridbrowser.moc"
