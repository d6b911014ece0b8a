// The studio's user flow, scripted against the real main window (offscreen): a new project from
// the demo song and its LRC (analysed on the worker thread), a boundary dragged in the timeline,
// a split at the playhead, undo twice, redo once, the project reopened in a new window, and the
// timeline read back from the real SQLite file.

#include "tessera/catalog/Catalog.h"
#include "tessera/core/Segment.h"
#include "tessera/studio/EditHistory.h"
#include "tessera/studio/PlaybackController.h"
#include "tessera/studio/ProjectCreationJob.h"
#include "tessera/studio/ProjectSession.h"
#include "tessera/ui/MainWindow.h"
#include "tessera/ui/TimelineHitTest.h"
#include "tessera/ui/TimelineView.h"

#include <QAction>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <cmath>

using namespace tessera;

namespace {

QStringList describe(const QVector<Segment>& segments)
{
    QStringList lines;
    for (const Segment& segment : segments)
        lines << QStringLiteral("%1-%2 %3").arg(segment.range.startMs).arg(segment.range.endMs).arg(segment.lyric);
    return lines;
}

QPoint pointAt(const TimelineView& view, double seconds)
{
    return QPoint(int(std::lround(view.timeViewport().xForTime(seconds))), int(view.layout().segments.center().y()));
}

QAction* actionNamed(QWidget& window, const QString& objectName)
{
    return window.findChild<QAction*>(objectName);
}

} // namespace

class TestUserFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newProjectDragSplitUndoRedoReopen()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QSettings settings(dir.filePath(QStringLiteral("studio.ini")), QSettings::IniFormat);
        const QString project = dir.filePath(QStringLiteral("flow.tessera"));
        QStringList afterRedo;
        {
            MainWindow window(settings);
            window.resize(1600, 1000);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));

            // New project from song + LRC: created and analysed on a worker thread, then opened.
            QSignalSpy opened(&window, &MainWindow::projectChanged);
            QSignalSpy audio(&window, &MainWindow::timelineAudioLoaded);
            QSignalSpy errors(&window, &MainWindow::errorShown);
            NewProjectRequest request;
            request.path = project;
            request.songPath = QStringLiteral(TESSERA_DEMO_DIR "/demo-song.wav");
            request.lyricsPath = QStringLiteral(TESSERA_DEMO_DIR "/demo.lrc");
            request.settings.name = QStringLiteral("Flow");
            window.createProjectFromSong(request);
            QVERIFY2(opened.wait(120000), qPrintable(errors.isEmpty() ? QString() : errors.constFirst().constFirst().toString()));
            QVERIFY(audio.count() > 0 || audio.wait(60000));
            // the preview's composition (loaded on its own thread) gives the player the song
            QTRY_VERIFY_WITH_TIMEOUT(window.findChild<PlaybackController*>()->duration() > 60.0, 60000);
            TimelineView& timeline = *window.findChild<TimelineView*>();
            const QStringList created = describe(timeline.segments());
            QVERIFY(created.size() > 5);
            QCOMPARE(describe(window.session()->catalog().segments()), created);
            QCOMPARE(timeline.segments().at(1).range.endMs, qint64(20000)); // the LRC's first line ends at 0:20

            // Drag the 0:20 boundary to 0:21.1 with the mouse; snapping puts it on the beat.
            timeline.setFocus();
            timeline.fitSong();
            timeline.timeViewport().zoomBy(8.0, timeline.timeViewport().xForTime(20.0));
            QTest::mousePress(timeline.viewport(), Qt::LeftButton, {}, pointAt(timeline, 20.0));
            QTest::mouseMove(timeline.viewport(), pointAt(timeline, 20.6));
            QTest::mouseMove(timeline.viewport(), pointAt(timeline, 21.1));
            QTest::mouseRelease(timeline.viewport(), Qt::LeftButton, {}, pointAt(timeline, 21.1));
            const QStringList dragged = describe(window.session()->catalog().segments());
            QVERIFY(dragged != created);
            const qint64 boundary = window.session()->catalog().segments().at(1).range.endMs;
            QVERIFY2(std::abs(boundary - 21000) <= 60, qPrintable(QString::number(boundary)));

            // Split at the playhead (0:30, inside "Every heartbeat sings your name") with S.
            window.findChild<PlaybackController*>()->seek(30.0);
            QCOMPARE(timeline.playhead(), 30.0);
            QTest::keyClick(&timeline, Qt::Key_S);
            const QStringList split = describe(window.session()->catalog().segments());
            QCOMPARE(split.size(), dragged.size() + 1);

            // Undo twice through Edit > Undo, redo once through Edit > Redo.
            QAction* undo = actionNamed(window, QStringLiteral("undoAction"));
            QAction* redo = actionNamed(window, QStringLiteral("redoAction"));
            QVERIFY(undo && redo);
            QVERIFY(undo->isEnabled());
            undo->trigger();
            QCOMPARE(describe(window.session()->catalog().segments()), dragged);
            undo->trigger();
            QCOMPARE(describe(window.session()->catalog().segments()), created);
            QCOMPARE(describe(timeline.segments()), created);
            redo->trigger();
            afterRedo = describe(window.session()->catalog().segments());
            QCOMPARE(afterRedo, dragged);
            QCOMPARE(describe(timeline.segments()), dragged);
            QVERIFY(errors.isEmpty());
            window.close();
        }
        // Reopen in a fresh window: there is no Save, the catalog already holds the edits.
        MainWindow reopened(settings);
        reopened.show();
        QVERIFY(reopened.openProject(project));
        QCOMPARE(describe(reopened.findChild<TimelineView*>()->segments()), afterRedo);
        const std::unique_ptr<Catalog> catalog = Catalog::open(project);
        QCOMPARE(describe(catalog->segments()), afterRedo);
        QVERIFY2(catalog->checkIntegrity().isOk(), qPrintable(catalog->checkIntegrity().problems.join(QStringLiteral("; "))));
        // The new window's history starts empty: the reopened state is the saved one.
        QVERIFY(!reopened.session()->history().stack()->canUndo());
    }
};

QTEST_MAIN(TestUserFlow)
#include "tst_userflow.moc"
