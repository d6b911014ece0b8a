// The studio's curation flow, scripted against the real main window (offscreen) with the real
// libtorch plugin and the bundled model: generate a segment's grid from the Generation panel,
// reject a cell in the grid browser, regenerate it, accept (lock) the new version, grade the
// segment +1 stop in the viewer's grade panel, export 3 seconds from the Export dialog; then
// check the MP4 with FFmpeg and that the SQLite catalog recorded every step.

#include "../export/ExportTestMedia.h"
#include "StallMeter.h"
#include "StudioTestProject.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/studio/EditHistory.h"
#include "tessera/studio/GenerationQueue.h"
#include "tessera/studio/GradeModel.h"
#include "tessera/studio/GridBrowserModel.h"
#include "tessera/studio/ProjectSession.h"
#include "tessera/ui/ExportDialog.h"
#include "tessera/ui/GenerationQueuePanel.h"
#include "tessera/ui/GradePanel.h"
#include "tessera/ui/GridBrowser.h"
#include "tessera/ui/GridBrowserParts.h"
#include "tessera/ui/MainWindow.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QJsonObject>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace tessera;
using namespace tessera::testing;

namespace {

bool allCellsShown(const GridBrowserModel& model)
{
    const QVector<BrowserCell>& cells = model.cells();
    return !cells.isEmpty() && std::all_of(cells.cbegin(), cells.cend(), [](const BrowserCell& cell) { return cell.hasImage(); });
}

} // namespace

class TestStudioFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generateRejectRegenerateAcceptGradeExport()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        StudioTestProject project(dir);
        const qint64 segmentId = project.secondId; // 2..4 s, a 2x2 grid with no images yet
        project.catalog.reset();                   // the window opens the file itself
        QSettings settings(dir.filePath(QStringLiteral("studio.ini")), QSettings::IniFormat);
        MainWindow window(settings);
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy errors(&window, &MainWindow::errorShown);
        QVERIFY(window.openProject(project.path));
        const Catalog& catalog = window.session()->catalog();
        GenerationQueue& queue = window.session()->queue();
        GenerationOptions options;
        options.steps = 4; // few steps: the flow, not the pictures, is under test
        queue.setOptions(options);
        QSignalSpy finished(&queue, &GenerationQueue::jobFinished);
        window.selectSegment(segmentId);
        QCOMPARE(window.session()->grid().segmentId(), segmentId);
        QCOMPARE(window.session()->grade().segmentId(), segmentId);

        // 1. Generate the segment's grid from the Generation panel's button. The stall is measured
        // from the click, once the window has painted the newly opened project.
        QTest::qWait(300);
        StallMeter stall;
        QTest::mouseClick(window.findChild<GenerationQueuePanel*>()->generateSegmentButton(), Qt::LeftButton);
        QVERIFY2(finished.wait(240000), qPrintable(queue.problem()));
        QCOMPARE(finished.constLast().at(1).value<JobState>(), JobState::Done);
        qInfo("event-loop stall in the main window while generating a 2x2 grid: max %.1f ms, p99 %.1f ms over %d ticks",
            stall.max(), stall.percentile(0.99), stall.samples());
        for (const Cell& cell : catalog.cells(segmentId)) {
            QCOMPARE(cell.state, CellState::Done);
            QCOMPARE(catalog.versions(cell.id).size(), 1);
        }
        // the grid browser shows them once the watcher has seen the worker's commits
        QTRY_VERIFY_WITH_TIMEOUT(allCellsShown(window.session()->grid()), 30000);

        // 2. Reject cell 0,1 with R in the grid browser.
        GridBrowser& browser = *window.findChild<GridBrowser*>();
        window.session()->grid().setCurrent({0, 1});
        browser.canvas()->setFocus();
        QTest::keyClick(browser.canvas(), Qt::Key_R);
        const Cell rejected = *catalog.cell(segmentId, {0, 1});
        QCOMPARE(rejected.state, CellState::Rejected);
        QCOMPARE(window.session()->grade().cellId(), rejected.id); // the grade panel follows the selection

        // 3. Regenerate it with G: a second version becomes active.
        finished.clear();
        QTest::keyClick(browser.canvas(), Qt::Key_G);
        QVERIFY(finished.wait(240000));
        QCOMPARE(finished.constLast().at(1).value<JobState>(), JobState::Done);
        const QVector<Version> versions = catalog.versions(rejected.id);
        QCOMPARE(versions.size(), 2);
        const qint64 newVersion = versions.constLast().id;
        QCOMPARE(catalog.cellById(rejected.id)->activeVersionId, newVersion);
        QCOMPARE(catalog.versions(catalog.cell(segmentId, {0, 0})->id).size(), 1); // the others untouched

        // 4. Accept the new version: compare with the old one (made active from the version
        // strip), take the new one back and lock it (L) against regeneration.
        QTRY_COMPARE_WITH_TIMEOUT(window.session()->grid().cellAt({0, 1})->versionCount, 2, 30000);
        QVERIFY(window.session()->grid().makeVersionActive(versions.constFirst().id));
        QCOMPARE(catalog.cellById(rejected.id)->activeVersionId, versions.constFirst().id);
        QVERIFY(window.session()->grid().makeVersionActive(newVersion));
        QTest::keyClick(browser.canvas(), Qt::Key_L);
        QCOMPARE(catalog.cellById(rejected.id)->state, CellState::Locked);
        QCOMPARE(catalog.cellById(rejected.id)->activeVersionId, newVersion);

        // 5. Grade the segment +1 stop in the grade panel; undo and redo it.
        GradePanel& grade = *window.findChild<GradePanel*>();
        grade.scopePicker()->setCurrentIndex(grade.scopePicker()->findData(int(GradeScope::Segment)));
        QCOMPARE(window.session()->grade().scope(), GradeScope::Segment);
        grade.exposureBox()->setValue(1.0);
        QCOMPARE(catalog.grade(GradeScope::Segment, segmentId).exposureStops, 1.0);
        QCOMPARE(catalog.effectiveGrade(rejected.id).exposureStops, 1.0);
        QUndoStack& undo = *window.session()->history().stack();
        undo.undo();
        QCOMPARE(catalog.grade(GradeScope::Segment, segmentId).exposureStops, 0.0);
        QCOMPARE(grade.exposureBox()->value(), 0.0); // the panel follows the undo
        undo.redo();
        QCOMPARE(catalog.grade(GradeScope::Segment, segmentId).exposureStops, 1.0);

        // 6. Export the first 3 seconds from the Export dialog.
        auto* dialog = qobject_cast<ExportDialog*>(window.showExportDialog());
        QVERIFY(dialog);
        const QString mp4 = dir.filePath(QStringLiteral("flow.mp4"));
        dialog->setSize(320, 180);
        dialog->setRange(0.0, 3.0);
        dialog->setOutputPath(mp4);
        QSignalSpy exported(dialog, &ExportDialog::exported);
        QSignalSpy exportFailed(dialog, &ExportDialog::exportFailed);
        dialog->startExport();
        QVERIFY2(exported.wait(240000), qPrintable(exportFailed.isEmpty() ? QString() : exportFailed.constFirst().constFirst().toString()));

        // The MP4 decodes with FFmpeg and lasts 3 s.
        QVERIFY(QFileInfo::exists(mp4));
        // and the Export dialog opened again offers the same file (from the export history)
        dialog->close();
        auto* again = qobject_cast<ExportDialog*>(window.showExportDialog());
        QVERIFY(again);
        QCOMPARE(again->request().outputPath, mp4);
        // at the same size, over the same part of the song
        QCOMPARE(again->request().width, 320);
        QCOMPARE(again->request().height, 180);
        QVERIFY2(std::abs(again->request().rangeStart) < 1e-9 && std::abs(again->request().rangeEnd - 3.0) < 0.04,
            qPrintable(QStringLiteral("%1 .. %2").arg(again->request().rangeStart).arg(again->request().rangeEnd)));
        again->close();
        const QJsonObject probed = probe(mp4);
        const QJsonObject video = streamOf(probed, QStringLiteral("video"));
        QCOMPARE(video.value(QStringLiteral("width")).toInt(), 320);
        const double seconds = probed.value(QStringLiteral("format")).toObject().value(QStringLiteral("duration")).toString().toDouble();
        QVERIFY2(std::abs(seconds - 3.0) < 0.1, qPrintable(QString::number(seconds)));

        // The catalog recorded each step: two finished grid jobs, the versions, the lock, the
        // grade and the export.
        int doneJobs = 0;
        for (const Job& job : catalog.jobs())
            doneJobs += job.state == JobState::Done ? 1 : 0;
        QCOMPARE(doneJobs, 2);
        const QVector<ExportRecord> history = catalog.exports();
        QVERIFY(!history.isEmpty());
        QCOMPARE(history.constLast().path, mp4);
        QCOMPARE(history.constLast().state, JobState::Done);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.isEmpty() ? QString() : errors.constFirst().constFirst().toString()));
        // each curation is an undo step, named for the Edit menu
        QStringList steps;
        for (int i = 0; i < undo.count(); ++i)
            steps << undo.text(i);
        QVERIFY2(steps.size() >= 4, qPrintable(steps.join(QStringLiteral(" | "))));
    }
};

QTEST_MAIN(TestStudioFlow)
#include "tst_studioflow.moc"
