// Soak: the real studio with every dock open (the tesseract scene rendering under Xvfb's OpenGL
// in the soak-gpu entry) for TESSERA_SOAK_SECONDS (default 120), while it generates and
// regenerates cells with the bundled model, plays, seeks, undoes and redoes, and tessera-cli
// curates and generates into the same project beside it. It passes when the studio survived,
// every kind of action ran, and the project checks out afterwards. The actions come from a
// seeded generator (TESSERA_SOAK_SEED), printed so a failure can be replayed.
#include "StudioTestProject.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/studio/EditHistory.h"
#include "tessera/studio/GenerationQueue.h"
#include "tessera/studio/GridBrowserModel.h"
#include "tessera/studio/PlaybackController.h"
#include "tessera/studio/ProjectSession.h"
#include "tessera/ui/MainWindow.h"
#include "tessera/ui/TesseractView.h"

#include <QDockWidget>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <map>

using namespace tessera;
using namespace tessera::testing;

class TestSoak : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void studioSurvivesGeneratingPlayingAndUndoingWithTheCliBeside()
    {
        // given the studio on a project, every dock shown
        const int seconds = qEnvironmentVariableIntValue("TESSERA_SOAK_SECONDS") > 0 ? qEnvironmentVariableIntValue("TESSERA_SOAK_SECONDS") : 120;
        const quint32 seed = qEnvironmentVariableIsSet("TESSERA_SOAK_SEED") ? quint32(qEnvironmentVariableIntValue("TESSERA_SOAK_SEED"))
                                                                         : QRandomGenerator::system()->generate() % 100000;
        qInfo("soak: %d s, seed %u (TESSERA_SOAK_SEED replays it)", seconds, seed);
        QRandomGenerator random(seed);
        QTemporaryDir dir;
        StudioTestProject project(dir);
        const QVector<Segment> segments = project.catalog->segments();
        QSettings settings(dir.filePath(QStringLiteral("studio.ini")), QSettings::IniFormat);
        MainWindow window(settings);
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy opened(&window, &MainWindow::projectChanged);
        QVERIFY(window.openProject(project.path));
        for (QDockWidget* dock : window.findChildren<QDockWidget*>()) {
            dock->setFloating(false);
            dock->show();
        }
        QVERIFY(window.session());
        QTRY_VERIFY_WITH_TIMEOUT(window.session()->queue().isModelReady(), 60000);
        QVERIFY(window.findChild<TesseractView*>());

        // when it is used hard for the whole time
        std::map<QString, int> done;
        QProcess cli;
        cli.setProgram(QStringLiteral(TESSERA_CLI_PATH));
        int cliRuns = 0;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < seconds * 1000) {
            const int segmentIndex = int(random.bounded(int(segments.size())));
            const Segment& segment = segments[segmentIndex];
            const CellIndex cell{int(random.bounded(segment.grid.rows())), int(random.bounded(segment.grid.cols()))};
            switch (random.bounded(10)) {
            case 0:
                window.selectSegment(segment.id);
                ++done[QStringLiteral("select segment")];
                break;
            case 1: // G on a cell in the grid browser
                window.session()->grid().setSegment(segment.id);
                window.session()->grid().setCurrent(cell);
                window.session()->grid().regenerateSelection();
                ++done[QStringLiteral("regenerate")];
                break;
            case 2:
                window.session()->queue().enqueueAll();
                ++done[QStringLiteral("generate all")];
                break;
            case 3:
                if (window.session()->history().stack()->canUndo()) {
                    window.session()->history().stack()->undo();
                    ++done[QStringLiteral("undo")];
                }
                break;
            case 4:
                if (window.session()->history().stack()->canRedo()) {
                    window.session()->history().stack()->redo();
                    ++done[QStringLiteral("redo")];
                }
                break;
            case 5:
                if (window.findChild<PlaybackController*>()->isPlaying())
                    window.findChild<PlaybackController*>()->pause();
                else
                    window.findChild<PlaybackController*>()->play();
                ++done[QStringLiteral("play/pause")];
                break;
            case 6:
                window.findChild<PlaybackController*>()->seek(random.bounded(StudioTestProject::kSeconds));
                ++done[QStringLiteral("seek")];
                break;
            case 7: { // the CLI beside: curate a cell or generate what is pending
                if (cli.state() != QProcess::NotRunning)
                    break;
                if (cliRuns > 0)
                    QVERIFY2(cli.exitStatus() == QProcess::NormalExit, "tessera-cli crashed");
                const int number = segmentIndex + 1;
                const QString where = QStringLiteral("%1,%2").arg(cell.row).arg(cell.col);
                cli.setArguments(random.bounded(2) == 0
                        ? QStringList{QStringLiteral("cell"), project.path, QStringLiteral("--segment"), QString::number(number),
                              QStringLiteral("--cell"), where, QStringLiteral("--reject")}
                        : QStringList{QStringLiteral("generate"), project.path, QStringLiteral("--steps"), QStringLiteral("2")});
                cli.start();
                ++cliRuns;
                ++done[QStringLiteral("cli")];
                break;
            }
            case 8: // switch the Grid and Tesseract docks' visibility, as tabs do
                if (QWidget* tesseract = window.findChild<TesseractView*>()) {
                    QWidget* dock = tesseract->parentWidget();
                    while (dock && !qobject_cast<QDockWidget*>(dock))
                        dock = dock->parentWidget();
                    if (dock)
                        dock->setVisible(!dock->isVisible());
                }
                ++done[QStringLiteral("toggle tesseract")];
                break;
            default:
                if (window.session()->queue().runningJobId() != 0 && random.bounded(3) == 0) {
                    window.session()->queue().pause(window.session()->queue().runningJobId());
                    ++done[QStringLiteral("pause job")];
                } else {
                    for (const QueuedJob& job : window.session()->queue().jobs()) {
                        if (job.state == JobState::Paused) {
                            window.session()->queue().resume(job.jobId);
                            ++done[QStringLiteral("resume job")];
                            break;
                        }
                    }
                }
                break;
            }
            QTest::qWait(int(random.bounded(20, 250)));
        }
        cli.waitForFinished(120000);
        QVERIFY2(cli.exitStatus() == QProcess::NormalExit, "tessera-cli crashed");
        window.session()->queue().cancelAll();
        window.findChild<PlaybackController*>()->pause();
        QString summary;
        for (const auto& [action, count] : done)
            summary += QStringLiteral(" %1 %2;").arg(action).arg(count);
        qInfo("soak: %s", qPrintable(summary));

        // then the studio is alive and answers, every kind of action ran, and the project checks out
        QVERIFY(window.isVisible());
        QCOMPARE(window.session()->catalog().path(), project.path);
        for (const QString& action : {QStringLiteral("regenerate"), QStringLiteral("seek"), QStringLiteral("play/pause"),
                 QStringLiteral("cli"), QStringLiteral("generate all")})
            QVERIFY2(done[action] > 0, qPrintable(action));
        const auto check = Catalog::open(project.path, Catalog::Access::ReadOnly)->checkIntegrity();
        QVERIFY2(check.isOk(), qPrintable(check.problems.join(QStringLiteral("; "))));
    }
};

QTEST_MAIN(TestSoak)
#include "tst_soak.moc"
