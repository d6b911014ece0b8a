// Playback and the live preview: the playhead's clock (silent wall clock here: CI has no audio
// device), seeks, frame steps, shuttle and loops; the preview shows the compositor's frame.
#include "StudioTestProject.h"

#include "tessera/render/Composition.h"
#include "tessera/render/FrameCompositor.h"
#include "tessera/studio/PlaybackController.h"
#include "tessera/studio/ProjectComposition.h"
#include "tessera/ui/PreviewPanel.h"

#include <QAction>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace tessera;
using namespace tessera::testing;

namespace {

const FrameRate kThirty{30, 1};

//! Samples the playhead for ms milliseconds while the event loop runs.
QVector<double> samplePositions(const PlaybackController& controller, int ms)
{
    QVector<double> positions;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms) {
        QTest::qWait(5);
        positions.append(controller.position());
    }
    return positions;
}

//! How many times a frame shown was for a later time than the frame before it.
int laterFrames(const QSignalSpy& shown)
{
    int later = 0;
    for (int i = 1; i < shown.size(); ++i)
        later += shown.at(i).at(0).toDouble() > shown.at(i - 1).at(0).toDouble() ? 1 : 0;
    return later;
}

//! The preview of the test project at 320x180, its composition loaded.
struct PreviewOfTestProject
{
    QTemporaryDir dir;
    StudioTestProject project{dir};
    ProjectComposition composition;
    PreviewPanel preview{composition, QStringLiteral(TESSERA_RESOURCES_DIR)};
    QSignalSpy loaded{&composition, &ProjectComposition::loaded};

    bool open()
    {
        preview.resize(320, 180);
        composition.setProjectPath(project.path);
        return loaded.wait(20000) && composition.composition();
    }
};

} // namespace

class TestPlayback : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void silentClockAdvancesMonotonically()
    {
        // given a long song on the silent clock (the clamp at its end must not come into it)
        PlaybackController controller(PlaybackController::Clock::Silent);
        controller.setSong(QStringLiteral("song.wav"), 600.0, kThirty);
        QSignalSpy playing(&controller, &PlaybackController::playingChanged);
        // when it plays for 300 ms, timed by one wall clock started before play and one after
        QElapsedTimer sinceBeforePlay;
        sinceBeforePlay.start();
        controller.playPauseAction()->trigger();
        QElapsedTimer sinceAfterPlay;
        sinceAfterPlay.start();
        QVERIFY(controller.isPlaying());
        QCOMPARE(playing.size(), 1);
        QVector<double> positions;
        while (sinceAfterPlay.elapsed() < 300) {
            QTest::qWait(5);
            // then the playhead never steps back and runs at the wall clock's rate: between the
            // time since play returned and the time since it was called, however late this sample
            const double atLeast = double(sinceAfterPlay.nsecsElapsed()) / 1e9;
            const double position = controller.position();
            const double atMost = double(sinceBeforePlay.nsecsElapsed()) / 1e9;
            QVERIFY2(position >= atLeast && position <= atMost,
                qPrintable(QStringLiteral("%1 not in %2 .. %3").arg(position).arg(atLeast).arg(atMost)));
            const double previous = positions.isEmpty() ? 0.0 : positions.constLast();
            QVERIFY2(position >= previous, qPrintable(QStringLiteral("%1 after %2").arg(position).arg(previous)));
            positions.append(position);
        }
        // and pausing holds it
        controller.togglePlay();
        const double held = controller.position();
        QTest::qWait(50);
        QCOMPARE(controller.position(), held);
    }

    void seeksAndStepsByExactlyOneFrame()
    {
        PlaybackController controller(PlaybackController::Clock::Silent);
        controller.setSong(QStringLiteral("song.wav"), 4.0, kThirty);
        QSignalSpy moved(&controller, &PlaybackController::positionChanged);
        // when seeking to frame 30 and stepping
        controller.seek(1.0);
        QCOMPARE(controller.position(), 1.0);
        QCOMPARE(moved.constLast().at(0).toDouble(), 1.0);
        controller.nextFrameAction()->trigger();
        // then each step is one frame of the project's rate
        QCOMPARE(controller.position(), kThirty.secondsAt(31));
        controller.stepFrames(1);
        QCOMPARE(controller.position(), kThirty.secondsAt(32));
        controller.previousFrameAction()->trigger();
        QCOMPARE(controller.position(), kThirty.secondsAt(31));
        // and from between two frames a step lands on the next frame's start
        controller.seek(1.01);
        controller.stepFrames(1);
        QCOMPARE(controller.position(), kThirty.secondsAt(31));
        // and steps stop at the song's ends; seeks are clamped to it
        controller.seek(0.0);
        controller.stepFrames(-1);
        QCOMPARE(controller.position(), 0.0);
        controller.seek(99.0);
        QCOMPARE(controller.position(), 4.0);
    }

    void shuttleSpeedsUpAndGoesBackwards()
    {
        PlaybackController controller(PlaybackController::Clock::Silent);
        controller.setSong(QStringLiteral("song.wav"), 4.0, kThirty);
        controller.seek(2.0);
        // L, L, L, L: 1x, 2x, 4x, and no faster
        for (const double speed : {1.0, 2.0, 4.0, 4.0}) {
            controller.shuttleForwardAction()->trigger();
            QCOMPARE(controller.speed(), speed);
        }
        // K stops; J, J: backwards at 1x then 2x, and the playhead moves back
        controller.stopAction()->trigger();
        QVERIFY(!controller.isPlaying());
        const double stoppedAt = controller.position();
        controller.shuttleBackAction()->trigger();
        QCOMPARE(controller.speed(), -1.0);
        controller.shuttleBackAction()->trigger();
        QCOMPARE(controller.speed(), -2.0);
        const QVector<double> positions = samplePositions(controller, 200);
        for (int i = 1; i < positions.size(); ++i)
            QVERIFY(positions[i] <= positions[i - 1]);
        QVERIFY2(positions.constLast() < stoppedAt - 0.25, qPrintable(QString::number(positions.constLast())));
    }

    void loopsWithinTheSelectedSegment()
    {
        // given a loop over 1.0 .. 1.3 s, turned on
        PlaybackController controller(PlaybackController::Clock::Silent);
        controller.setSong(QStringLiteral("song.wav"), 4.0, kThirty);
        controller.setLoopRange(1.0, 1.3);
        controller.loopAction()->setChecked(true);
        QVERIFY(controller.isLooping());
        QSignalSpy moved(&controller, &PlaybackController::positionChanged);
        // when playing from outside it
        controller.seek(3.0);
        moved.clear();
        controller.play();
        QVERIFY2(controller.position() >= 1.0 && controller.position() < 1.05, "play jumps into the loop");
        // then the playhead it reports wraps around at least twice (however long that takes here)
        const auto wraps = [&moved] {
            int count = 0;
            for (int i = 1; i < moved.size(); ++i)
                count += moved.at(i).at(0).toDouble() < moved.at(i - 1).at(0).toDouble() ? 1 : 0;
            return count;
        };
        QTRY_VERIFY_WITH_TIMEOUT(wraps() >= 2, 20000);
        // and never leaves the loop
        for (const QList<QVariant>& report : moved) {
            const double seconds = report.at(0).toDouble();
            QVERIFY2(seconds >= 1.0 && seconds <= 1.3, qPrintable(QString::number(seconds)));
        }
        // and turning the loop off lets it run past the end
        controller.loopAction()->setChecked(false);
        QTRY_VERIFY_WITH_TIMEOUT(controller.position() > 1.3, 20000);
    }

    void withoutAnAudioDeviceTheClockIsSilentAndSaysSoOnce()
    {
        if (PlaybackController::hasAudioOutput())
            QSKIP("this machine has an audio output device");
        PlaybackController controller;
        QSignalSpy messages(&controller, &PlaybackController::statusMessage);
        controller.setSong(QStringLiteral("song.wav"), 4.0, kThirty);
        controller.setSong(QStringLiteral("song.wav"), 4.0, kThirty);
        QVERIFY(controller.usesSilentClock());
        QCOMPARE(messages.size(), 1);
        QVERIFY(messages.at(0).at(0).toString().contains(QStringLiteral("silently")));
        controller.play();
        QTRY_VERIFY_WITH_TIMEOUT(controller.position() > 0.0, 20000);
    }

    void previewShowsTheCompositorsFrameAtThePlayhead()
    {
        // given the preview of a project whose segment 1 is a black and a white cell
        PreviewOfTestProject rig;
        QVERIFY(rig.open());
        StudioTestProject& project = rig.project;
        ProjectComposition& composition = rig.composition;
        PreviewPanel& preview = rig.preview;
        FrameCompositor reference(*composition.composition(),
            [&project](qint64 id) { return project.catalog->versionImage(id); },
            CompositorOptions{320, 180, std::nullopt, std::size_t(64) << 20, QStringLiteral(TESSERA_RESOURCES_DIR), {}, {}});
        QSignalSpy shown(&preview, &PreviewPanel::frameShown);
        for (const double t : {0.45, 1.0, 1.2}) {
            // when the playhead is at t
            preview.showTime(t);
            QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.constLast().at(0).toDouble() == t, 10000);
            // then the preview shows exactly the compositor's frame at t
            const QImage expected = reference.frameAt(t);
            QCOMPARE(preview.frame().size(), QSize(320, 180));
            QCOMPARE(preview.frame().convertToFormat(QImage::Format_RGB888), expected.convertToFormat(QImage::Format_RGB888));
            QVERIFY(preview.placeholderText().isEmpty());
        }
        // and a segment with no images shows a placeholder that says so, not black
        preview.showTime(3.0);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.constLast().at(0).toDouble() == 3.0, 10000);
        QVERIFY(preview.frame().isNull());
        QVERIFY2(preview.placeholderText().contains(QStringLiteral("Segment 2")), qPrintable(preview.placeholderText()));
        const QImage placeholder = preview.grab().toImage();
        QVERIFY(qGray(placeholder.pixel(placeholder.width() / 2, placeholder.height() / 3)) > 20);
    }

    void aCommittedCellDecodesOnlyItsImage()
    {
        // given the preview showing the first segment's two cells at three instants
        PreviewOfTestProject rig;
        QVERIFY(rig.open());
        StudioTestProject& project = rig.project;
        ProjectComposition& composition = rig.composition;
        PreviewPanel& preview = rig.preview;
        QSignalSpy& loaded = rig.loaded;
        QSignalSpy shown(&preview, &PreviewPanel::frameShown);
        const auto showEach = [&](const QList<double>& times) {
            QVector<QImage> frames;
            for (const double t : times) {
                shown.clear();
                preview.showTime(t);
                if (!QTest::qWaitFor([&] { return !shown.isEmpty() && shown.constLast().at(0).toDouble() == t; }, 20000))
                    return QVector<QImage>{};
                frames.append(preview.frame());
            }
            return frames;
        };
        const QList<double> times{0.45, 1.0, 1.2};
        const QVector<QImage> before = showEach(times);
        QCOMPARE(before.size(), 3);
        QCOMPARE(preview.decodedCells(), 2);
        // when the worker commits a new (red) image to one cell and the composition reloads
        const QVector<Cell> cells = project.catalog->cells(project.firstId);
        project.catalog->addVersion(versionFor(cells.at(1).id, QColor(Qt::red)));
        loaded.clear();
        composition.reload();
        QVERIFY(loaded.wait(20000));
        const QVector<QImage> after = showEach(times);
        QCOMPARE(after.size(), 3);
        // then the frames show it, and only that image was decoded again: the other cell stayed
        // in the composing thread's cache (a seek while generating costs what it costs idle)
        QVERIFY(after != before);
        QCOMPARE(preview.decodedCells(), 3);
    }

    void previewFollowsPlayback()
    {
        // given the preview wired to the playhead, as the studio wires them
        PreviewOfTestProject rig;
        QVERIFY(rig.open());
        StudioTestProject& project = rig.project;
        PreviewPanel& preview = rig.preview;
        PlaybackController controller(PlaybackController::Clock::Silent);
        controller.setSong(project.songPath, StudioTestProject::kSeconds, kThirty);
        connect(&controller, &PlaybackController::positionChanged, &preview, &PreviewPanel::showTime);
        QSignalSpy shown(&preview, &PreviewPanel::frameShown);
        // when it plays, looping over the whole song so that playback cannot run out before the
        // frames come however slow this machine is (the first frame also builds the OCIO LUTs)
        controller.setLoopRange(0.0, StudioTestProject::kSeconds);
        controller.loopAction()->setChecked(true);
        controller.play();
        // then frames keep coming while it plays, for later and later playheads (the loop's wrap
        // aside), all within the song
        QTRY_VERIFY_WITH_TIMEOUT(laterFrames(shown) >= 6, 20000);
        QVERIFY(controller.isPlaying());
        for (const QList<QVariant>& frame : shown) {
            const double seconds = frame.at(0).toDouble();
            QVERIFY2(seconds >= 0.0 && seconds <= StudioTestProject::kSeconds, qPrintable(QString::number(seconds)));
        }
        // and once paused, the last frame shown is the playhead's
        controller.pause();
        QTRY_VERIFY_WITH_TIMEOUT(shown.constLast().at(0).toDouble() == controller.position(), 20000);
        QCOMPARE(preview.frameSeconds(), controller.position());
    }

    void placeholderDetailGoesBelowAWrappedTitle()
    {
        // given a preview too narrow for the placeholder's title on one line
        QFont title;
        title.setPointSizeF(title.pointSizeF() * 1.15);
        title.setBold(true);
        const QRect narrow(0, 0, 150, 200);
        const auto [titleRect, detailRect] = PreviewPanel::placeholderTextRects(narrow, title, QFont(),
            QStringLiteral("Segment 12 has no generated images yet"), QStringLiteral("Generate its 3 x 3 grid to see it here"));
        // then the title wraps and its detail starts below it instead of overlapping it
        QVERIFY(titleRect.height() >= 2 * QFontMetrics(title).height());
        QVERIFY2(detailRect.top() > titleRect.bottom(), qPrintable(QStringLiteral("%1 <= %2").arg(detailRect.top()).arg(titleRect.bottom())));
    }

    void screenshot()
    {
        // Renders the preview for review when TESSERA_SCREENSHOT_DIR is set (./preview-shot.png);
        // TESSERA_SCREENSHOT_PROJECT picks a project (the demo's), else the test project.
        const QString shots = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR");
        if (shots.isEmpty())
            QSKIP("set TESSERA_SCREENSHOT_DIR to write preview-shot.png");
        QTemporaryDir dir;
        StudioTestProject project(dir);
        const QString path = qEnvironmentVariable("TESSERA_SCREENSHOT_PROJECT", project.path);
        const double at = qEnvironmentVariableIsSet("TESSERA_SCREENSHOT_SECONDS") ? qEnvironmentVariable("TESSERA_SCREENSHOT_SECONDS").toDouble() : 1.2;
        ProjectComposition composition;
        PreviewPanel preview(composition, QStringLiteral(TESSERA_RESOURCES_DIR));
        preview.resize(640, 360);
        QSignalSpy loaded(&composition, &ProjectComposition::loaded);
        composition.setProjectPath(path);
        QVERIFY(loaded.wait(60000) && composition.composition());
        QSignalSpy shown(&preview, &PreviewPanel::frameShown);
        preview.showTime(at);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.constLast().at(0).toDouble() == at, 20000);
        QVERIFY(preview.grab().save(shots + QStringLiteral("/preview-shot.png")));
        const double empty = qEnvironmentVariableIsSet("TESSERA_SCREENSHOT_EMPTY_SECONDS") ? qEnvironmentVariable("TESSERA_SCREENSHOT_EMPTY_SECONDS").toDouble() : 3.0;
        preview.showTime(empty);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.constLast().at(0).toDouble() == empty, 20000);
        QVERIFY(preview.grab().save(shots + QStringLiteral("/preview-placeholder-shot.png")));
    }
};

QTEST_MAIN(TestPlayback)
#include "tst_playback.moc"
