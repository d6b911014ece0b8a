// The studio module, no widgets: BackgroundTask (the one mechanism behind the studio's long
// work), ProjectSession (the open project, owned in one order), and the rules the studio and the
// CLI share: the same edits through the studio's models and through tessera-cli leave the same
// catalog.
#include "CliRunner.h"
#include "StudioTestProject.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/CatalogError.h"
#include "tessera/studio/BackgroundTask.h"
#include "tessera/studio/EditHistory.h"
#include "tessera/studio/GridBrowserModel.h"
#include "tessera/studio/ProjectSession.h"
#include "tessera/studio/PromptEditorModel.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUndoStack>

#include <atomic>

using namespace tessera;
using namespace tessera::testing;

namespace {

//! What a scenario leaves of a project: each cell's place, state and active version (as the
//! version's index in the cell's history, ids being equal in copies), and the segments' prompts.
QStringList describe(const QString& path)
{
    const auto catalog = Catalog::open(path, Catalog::Access::ReadOnly);
    QStringList lines;
    for (const Segment& segment : catalog->segments()) {
        lines.append(QStringLiteral("segment %1 \"%2\" %3x%4")
                         .arg(segment.id)
                         .arg(segment.prompt)
                         .arg(segment.grid.rows())
                         .arg(segment.grid.cols()));
        for (const Cell& cell : catalog->cells(segment.id)) {
            lines.append(QStringLiteral("  cell %1,%2 %3 active %4")
                             .arg(cell.index.row)
                             .arg(cell.index.col)
                             .arg(cellStateName(cell.state))
                             .arg(cell.activeVersionId));
        }
    }
    return lines;
}

bool copyProject(const QString& source, const QString& target)
{
    // The fixture's catalog is closed first, so the file alone holds everything.
    return QFile::copy(source, target);
}

} // namespace

class TestStudio : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backgroundTaskRunsOffTheCallersThreadAndReportsOnIt()
    {
        std::atomic<QThread*> workThread{nullptr};
        BackgroundTask task(QStringLiteral("test"), [&](BackgroundTask::Control& control) {
            workThread = QThread::currentThread();
            for (int i = 1; i <= 4; ++i)
                control.progress(i / 4.0);
        });
        QSignalSpy progressed(&task, &BackgroundTask::progressed);
        QSignalSpy succeeded(&task, &BackgroundTask::succeeded);
        QSignalSpy failed(&task, &BackgroundTask::failed);
        QSignalSpy finished(&task, &BackgroundTask::finished);
        QThread* signalThread = nullptr;
        connect(&task, &BackgroundTask::succeeded, this, [&] { signalThread = QThread::currentThread(); });
        task.start();
        QVERIFY(task.isRunning());
        QVERIFY(finished.wait(10000));
        QVERIFY(!task.isRunning());
        QCOMPARE(succeeded.size(), 1);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(progressed.size(), 4);
        QCOMPARE(progressed.constLast().constFirst().toDouble(), 1.0);
        QVERIFY(workThread.load() != nullptr);
        QVERIFY(workThread.load() != QThread::currentThread());
        QCOMPARE(signalThread, QThread::currentThread());
    }

    void backgroundTaskTurnsWhatTheWorkThrowsIntoFailedWithTheMessage()
    {
        BackgroundTask task(QStringLiteral("test"), [](BackgroundTask::Control&) {
            throw CatalogError(QStringLiteral("/projects/broken.tessera"), QStringLiteral("is not a Tessera project"));
        });
        QSignalSpy failed(&task, &BackgroundTask::failed);
        QSignalSpy succeeded(&task, &BackgroundTask::succeeded);
        QSignalSpy finished(&task, &BackgroundTask::finished);
        task.start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(succeeded.size(), 0);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.constFirst().at(0).toString(),
            QStringLiteral("/projects/broken.tessera: is not a Tessera project"));
        QCOMPARE(failed.constFirst().at(1).toBool(), false);
    }

    void cancelStopsTheWorkAndSaysSo()
    {
        std::atomic<bool> started{false};
        BackgroundTask task(QStringLiteral("test"), [&](BackgroundTask::Control& control) {
            started = true;
            while (!control.cancelled())
                QThread::msleep(1);
            throw Error(QStringLiteral("song.flac"), QStringLiteral("cancelled"));
        });
        QSignalSpy failed(&task, &BackgroundTask::failed);
        task.start();
        QTRY_VERIFY_WITH_TIMEOUT(started.load(), 10000);
        task.cancel();
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.constFirst().at(1).toBool(), true);
    }

    void destroyingARunningTaskCancelsAndWaits()
    {
        std::atomic<bool> returned{false};
        std::atomic<bool> started{false};
        {
            BackgroundTask task(QStringLiteral("test"), [&](BackgroundTask::Control& control) {
                started = true;
                while (!control.cancelled())
                    QThread::msleep(1);
                returned = true;
            });
            task.start();
            QTRY_VERIFY_WITH_TIMEOUT(started.load(), 10000);
        }
        QVERIFY(returned.load()); // the work had returned before the task was gone
    }

    void sessionOwnsTheProjectAndItsUndoHistory()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("session.tessera"));
        {
            std::unique_ptr<ProjectSession> session = ProjectSession::create(path);
            QCOMPARE(session->path(), path);
            QCOMPARE(session->catalog().settings().name, QStringLiteral("session"));
            Segment segment = makeSegment(TimeRange{0, 2000}, QStringLiteral("first words"));
            segment.grid = GridGeometry(2, 2);
            const qint64 id = session->catalog().addSegment(segment);
            const QString original = session->catalog().segment(id)->prompt;
            session->promptEditor().setSegment(id);
            QSignalSpy edited(session.get(), &ProjectSession::edited);
            QVERIFY(session->promptEditor().setPrompt(QStringLiteral("a lighthouse at dusk")));
            QCOMPARE(edited.size(), 1);
            QCOMPARE(session->catalog().segment(id)->prompt, QStringLiteral("a lighthouse at dusk"));
            session->history().stack()->undo();
            QCOMPARE(session->catalog().segment(id)->prompt, original);
            session->history().stack()->redo();
            session->start();
            session->setSelectedSegment(id);
            QCOMPARE(session->selectedSegment(), id);
        } // the session goes whole: models, queue and worker, history, then the catalog
        const auto reopened = Catalog::open(path);
        QCOMPARE(reopened->segments().constFirst().prompt, QStringLiteral("a lighthouse at dusk"));
        QVERIFY(reopened->checkIntegrity().isOk());
        // A file that is not a project is refused with its name; nothing is created.
        const QString bogus = dir.filePath(QStringLiteral("bogus.tessera"));
        QFile file(bogus);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a database");
        file.close();
        try {
            ProjectSession::open(bogus);
            QFAIL("a bogus file opened");
        } catch (const CatalogError& error) {
            QVERIFY2(error.message().contains(bogus), qPrintable(error.message()));
        }
    }

    void theStudioAndTheCliCurateAndEditToTheSameCatalog()
    {
        QTemporaryDir dir;
        QString fixture;
        qint64 firstId = 0;
        qint64 cell01 = 0;
        qint64 firstVersionOf01 = 0;
        {
            StudioTestProject project(dir);
            firstId = project.firstId;
            for (const Cell& cell : project.catalog->cells(firstId)) {
                if (cell.index == CellIndex{0, 1}) {
                    cell01 = cell.id;
                    firstVersionOf01 = cell.activeVersionId;
                }
            }
            // a second image for cell 0,1, so that making the first active again is an edit
            project.catalog->addVersion(versionFor(cell01, QColor(Qt::red)));
            fixture = project.path;
        }
        const QString viaStudio = dir.filePath(QStringLiteral("studio-made.tessera"));
        const QString viaCli = dir.filePath(QStringLiteral("cli-made.tessera"));
        QVERIFY(copyProject(fixture, viaStudio));
        QVERIFY(copyProject(fixture, viaCli));
        const QStringList before = describe(viaStudio);

        // The studio: the grid browser's keys and the prompt editor, through the undo history.
        {
            std::unique_ptr<ProjectSession> session = ProjectSession::open(viaStudio);
            GridBrowserModel& grid = session->grid();
            grid.setSegment(firstId);
            grid.setCurrent(CellIndex{0, 0});
            QVERIFY(grid.toggleLockSelection()); // L: lock 0,0
            grid.setCurrent(CellIndex{0, 1});
            QVERIFY(grid.rejectSelection());                   // R: reject 0,1
            QVERIFY(grid.makeVersionActive(firstVersionOf01)); // its first image again: done
            grid.setCurrent(CellIndex{0, 0});
            QVERIFY(grid.toggleLockSelection()); // L again: unlock
            grid.setCurrent(CellIndex{0, 1});
            QVERIFY(grid.toggleLockSelection()); // lock 0,1
            session->promptEditor().setSegment(firstId);
            QVERIFY(session->promptEditor().setPrompt(QStringLiteral("moon over still water")));
        }
        // The CLI: the same edits, one command each.
        const QString segment = QStringLiteral("1");
        const QList<QStringList> commands{
            {QStringLiteral("cell"), viaCli, QStringLiteral("--segment"), segment, QStringLiteral("--cell"),
                QStringLiteral("0,0"), QStringLiteral("--lock")},
            {QStringLiteral("cell"), viaCli, QStringLiteral("--segment"), segment, QStringLiteral("--cell"),
                QStringLiteral("0,1"), QStringLiteral("--reject")},
            {QStringLiteral("cell"), viaCli, QStringLiteral("--segment"), segment, QStringLiteral("--cell"),
                QStringLiteral("0,1"), QStringLiteral("--accept"), QString::number(firstVersionOf01)},
            {QStringLiteral("cell"), viaCli, QStringLiteral("--segment"), segment, QStringLiteral("--cell"),
                QStringLiteral("0,0"), QStringLiteral("--unlock")},
            {QStringLiteral("cell"), viaCli, QStringLiteral("--segment"), segment, QStringLiteral("--cell"),
                QStringLiteral("0,1"), QStringLiteral("--lock")},
            {QStringLiteral("segment"), viaCli, segment, QStringLiteral("--prompt"),
                QStringLiteral("moon over still water")},
        };
        for (const QStringList& arguments : commands) {
            const CliResult result = runCli(arguments);
            QVERIFY2(result.exitCode == 0,
                qPrintable(arguments.join(QLatin1Char(' ')) + QStringLiteral(": ") + result.err));
        }
        const QStringList studioMade = describe(viaStudio);
        QVERIFY(studioMade != before); // the scenario changed something
        QCOMPARE(describe(viaCli), studioMade);
        QVERIFY(studioMade.contains(QStringLiteral("  cell 0,0 done active %1")
                                        .arg(Catalog::open(viaStudio)->cells(firstId).constFirst().activeVersionId)));
        QVERIFY(studioMade.contains(QStringLiteral("  cell 0,1 locked active %1").arg(firstVersionOf01)));

        // A rule both refuse alike: an empty cell has nothing to lock.
        const CliResult refused = runCli({QStringLiteral("cell"), viaCli, QStringLiteral("--segment"),
            QStringLiteral("2"), QStringLiteral("--cell"), QStringLiteral("0,0"), QStringLiteral("--lock")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("cell 0,0 has no image to lock")), qPrintable(refused.err));
        QCOMPARE(describe(viaCli), studioMade);
    }
};

QTEST_MAIN(TestStudio)
#include "tst_studio.moc"
