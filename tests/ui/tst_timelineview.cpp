// The timeline panel: its viewport math and hit-testing as plain code, tap timing against a
// scripted clock, and the widget driven by mouse and keys over the demo project (real song,
// real analysis, real SQLite catalog), checking what lands in the catalog and what undo restores.
#include "tessera/audio/AudioAnalysis.h"
#include "tessera/catalog/Catalog.h"
#include "tessera/project/ProjectAudio.h"
#include "tessera/project/ProjectLyrics.h"
#include "tessera/studio/EditHistory.h"
#include "tessera/timeline/TapTimingSession.h"
#include "tessera/timeline/TimelineModel.h"
#include "tessera/ui/TimelineHitTest.h"
#include "tessera/ui/TimelineView.h"
#include "tessera/ui/TimelineViewport.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace tessera;

namespace {

//! Ranges and lyrics of a timeline, which undo must restore (ids may be new after an undo).
QStringList describe(const QVector<Segment>& segments)
{
    QStringList lines;
    for (const Segment& segment : segments)
        lines << QStringLiteral("%1-%2 %3").arg(segment.range.startMs).arg(segment.range.endMs).arg(segment.lyric);
    return lines;
}

} // namespace

class TestTimelineView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const ProjectAudioAnalysis> m_demoAudio;
    int m_projects = 0;

    //! A fresh demo project: the demo song linked and analysed (cached after the first), its LRC imported.
    std::unique_ptr<Catalog> demoProject()
    {
        const QString path = m_dir.filePath(QStringLiteral("demo%1.tessera").arg(++m_projects));
        auto catalog = Catalog::create(path);
        ProjectAudioAnalysis song = linkSong(*catalog, QStringLiteral(TESSERA_DEMO_DIR "/demo-song.wav"));
        const qint64 durationMs = qint64(std::llround(song.analysis.durationSeconds() * 1000.0));
        importProjectLyrics(*catalog, QStringLiteral(TESSERA_DEMO_DIR "/demo.lrc"), durationMs);
        if (!m_demoAudio)
            m_demoAudio = std::make_shared<const ProjectAudioAnalysis>(std::move(song));
        return catalog;
    }

    static void showView(TimelineView& view)
    {
        view.resize(1600, 420);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.fitSong();
    }

    static QPoint pointAt(const TimelineView& view, double seconds, const QRectF& lane)
    {
        return QPoint(int(std::lround(view.timeViewport().xForTime(seconds))), int(lane.center().y()));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void viewportZoomStaysBetweenSongAndFrame()
    {
        // given a 10-minute song at 30 fps in 1000 pixels
        TimelineViewport viewport;
        viewport.setSong(600.0, 30.0);
        viewport.setWidth(1000);
        viewport.fitAll();
        QCOMPARE(viewport.secondsPerPixel(), 0.6);
        QCOMPARE(viewport.contentWidth(), qint64(1000));
        // when zoomed out further, it stays at the whole song
        viewport.zoomBy(0.1, 500);
        QCOMPARE(viewport.secondsPerPixel(), 0.6);
        QCOMPARE(viewport.offsetSeconds(), 0.0);
        // when zoomed in as far as it goes, one frame spans kPixelsPerFrameAtMaxZoom pixels
        for (int i = 0; i < 40; ++i)
            viewport.zoomBy(2.0, 500);
        const double frame = 1.0 / 30.0;
        QVERIFY(std::abs(viewport.xForTime(101 * frame) - viewport.xForTime(100 * frame) - TimelineViewport::kPixelsPerFrameAtMaxZoom) < 1e-6);
        QVERIFY(qFuzzyCompare(viewport.rulerStep(40.0), frame)); // the ruler counts frames
    }

    void zoomKeepsTheTimeUnderTheCursor()
    {
        TimelineViewport viewport;
        viewport.setSong(600.0, 25.0);
        viewport.setWidth(1200);
        viewport.fitAll();
        for (const double anchor : {0.0, 313.0, 900.5, 1199.0}) {
            const double before = viewport.timeAtX(anchor);
            viewport.zoomBy(3.0, anchor);
            QVERIFY2(std::abs(viewport.timeAtX(anchor) - before) < 1e-9, qPrintable(QString::number(anchor)));
        }
        // zoomed in, the scroll stays inside the song at both ends
        viewport.setOffsetSeconds(-50.0);
        QCOMPARE(viewport.offsetSeconds(), 0.0);
        viewport.setOffsetSeconds(1e6);
        QVERIFY(std::abs(viewport.visibleEnd() - 600.0) < 1e-9);
        QCOMPARE(viewport.scrollPixels() + viewport.width(), viewport.contentWidth());
    }

    void hitTestFindsBoundariesSegmentsAndLanes()
    {
        TimelineViewport viewport;
        viewport.setSong(10.0, 30.0);
        viewport.setWidth(1000); // 100 px per second
        viewport.fitAll();
        const TimelineLayout layout = TimelineLayout::forSize(1000, 300);
        QVector<Segment> segments(3);
        segments[0].range = {0, 2000};
        segments[1].range = {2000, 6000};
        segments[2].range = {6000, 10000};
        const double y = layout.segments.center().y();
        TimelineHit hit = hitTestTimeline({203, y}, layout, viewport, segments);
        QCOMPARE(hit.kind, TimelineHit::Kind::Boundary);
        QCOMPARE(hit.index, 0);
        hit = hitTestTimeline({400, y}, layout, viewport, segments);
        QCOMPARE(hit.kind, TimelineHit::Kind::Segment);
        QCOMPARE(hit.index, 1);
        hit = hitTestTimeline({400, layout.ruler.center().y()}, layout, viewport, segments);
        QCOMPARE(hit.kind, TimelineHit::Kind::Ruler);
        QVERIFY(std::abs(hit.seconds - 4.0) < 1e-9);
        QCOMPARE(hitTestTimeline({400, layout.waveform.center().y()}, layout, viewport, segments).kind, TimelineHit::Kind::Lane);
        QCOMPARE(nearestBeat({0.5, 1.0, 1.5}, 1.2), 1.0);
        QCOMPARE(nearestBeat({0.5, 1.0, 1.5}, 1.25), 1.0); // the earlier beat on a tie
    }

    void tapSessionRecordsStartsEndsAndUndo()
    {
        // given three lines and a scripted playback clock
        double now = 0.0;
        TapTimingSession session([&] { return now; }, {QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three")});
        QVERIFY(!session.markEnd()); // nothing started
        now = 1.0;
        QVERIFY(session.markStart());
        now = 2.5;
        QVERIFY(session.markEnd());
        QVERIFY(!session.markEnd()); // already ended
        now = 3.0;
        QVERIFY(session.markStart());
        now = 2.0; // the artist seeked back: refused
        QVERIFY(!session.markStart());
        now = 3.4;
        QVERIFY(session.markStart());
        QCOMPARE(session.startTapsMs(), (QVector<qint64>{1000, 3000, 3400}));
        // when the late tap is taken back and tapped again
        QVERIFY(session.undoLastTap());
        QCOMPARE(session.nextLineText(), QStringLiteral("three"));
        now = 5.25;
        QVERIFY(session.markStart());
        QVERIFY(session.isComplete());
        QVERIFY(!session.markStart());
        // then
        QCOMPARE(session.startTapsMs(), (QVector<qint64>{1000, 3000, 5250}));
        QCOMPARE(session.endTapsMs().at(0), std::optional<qint64>(2500));
        QVERIFY(!session.endTapsMs().at(1));
    }

    void tapSessionRetimesAndScalesWords()
    {
        // given a timeline whose first line has word timing
        TimelineModel model;
        QVector<Segment> segments(2);
        segments[0].range = {0, 4000};
        segments[0].lyric = QStringLiteral("a b");
        segments[0].words = {{0, QStringLiteral("a")}, {2000, QStringLiteral("b")}};
        segments[1].range = {4000, 10000};
        segments[1].lyric = QStringLiteral("c");
        model.reset(segments, 10000);
        double now = 0;
        TapTimingSession session([&] { return now; }, TapTimingSession::lyricLinesOf(model.segments()));
        now = 3.0;
        session.markStart();
        now = 4.0; // the line is now 1 s long instead of 4 s, then 3 s of silence
        session.markEnd();
        now = 7.0;
        session.markStart();
        // when the retime runs
        const auto command = session.makeRetimeCommand(model);
        command->redo();
        // then the line starts and ends at the taps and its words keep their proportions
        const Segment& first = model.segments().at(model.indexAt(3000));
        QCOMPARE(first.range, (TimeRange{3000, 4000}));
        QCOMPARE(first.words.at(0).startMs, qint64(3000));
        QCOMPARE(first.words.at(1).startMs, qint64(3500));
        QVERIFY(model.segments().at(model.indexAt(5000)).isInstrumental());
        QCOMPARE(model.segments().at(model.indexAt(7000)).range.startMs, qint64(7000));
    }

    void clickOnRulerSeeks()
    {
        auto catalog = demoProject();
        EditHistory history(*catalog);
        TimelineView view;
        view.setProject(catalog.get(), &history);
        view.setAudio(m_demoAudio);
        showView(view);
        QSignalSpy seeks(&view, &TimelineView::seekRequested);
        const QPoint point = pointAt(view, 30.0, view.layout().ruler);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, point);
        QCOMPARE(seeks.count(), 1);
        QVERIFY(std::abs(seeks.at(0).at(0).toDouble() - 30.0) < 2 * view.timeViewport().secondsPerPixel());
        QCOMPARE(view.playhead(), seeks.at(0).at(0).toDouble());
    }

    void draggingABoundarySnapsToABeatAndUndoes()
    {
        // given the demo project, whose second segment (the first line) ends at 0:20.00
        auto catalog = demoProject();
        EditHistory history(*catalog);
        TimelineView view;
        view.setProject(catalog.get(), &history);
        view.setAudio(m_demoAudio);
        showView(view);
        const QStringList original = describe(catalog->segments());
        QCOMPARE(catalog->segments().at(1).range.endMs, qint64(20000));
        QVERIFY(view.snapToBeats());
        view.timeViewport().zoomBy(8.0, view.timeViewport().xForTime(20.0)); // about 5 px per 10 ms
        // when the boundary is dragged to 0:21.10 with snapping on
        const QRectF lane = view.layout().segments;
        QTest::mousePress(view.viewport(), Qt::LeftButton, {}, pointAt(view, 20.0, lane));
        QTest::mouseMove(view.viewport(), pointAt(view, 20.6, lane));
        QTest::mouseMove(view.viewport(), pointAt(view, 21.1, lane));
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, pointAt(view, 21.1, lane));
        // then both segments meet at the beat nearest 21.1 s (120 BPM: the one at about 21.0 s)
        const double beat = nearestBeat(m_demoAudio->analysis.beatTimes, 21.1);
        QVERIFY2(std::abs(beat - 21.0) < 0.06, qPrintable(QString::number(beat)));
        const QVector<Segment> moved = catalog->segments();
        QCOMPARE(moved.at(1).range.endMs, qint64(std::llround(beat * 1000.0)));
        QCOMPARE(moved.at(2).range.startMs, moved.at(1).range.endMs);
        QCOMPARE(view.segments().at(1).range.endMs, moved.at(1).range.endMs);
        QCOMPARE(history.stack()->count(), 1);
        // and undo puts the boundary back in the catalog, redo moves it again
        history.stack()->undo();
        QCOMPARE(describe(catalog->segments()), original);
        QCOMPARE(describe(view.segments()), original);
        history.stack()->redo();
        QCOMPARE(catalog->segments().at(1).range.endMs, moved.at(1).range.endMs);
    }

    void draggingWithoutSnapLandsWhereReleased()
    {
        auto catalog = demoProject();
        EditHistory history(*catalog);
        TimelineView view;
        view.setProject(catalog.get(), &history);
        view.setAudio(m_demoAudio);
        showView(view);
        QTest::keyClick(&view, Qt::Key_N); // snapping off
        QVERIFY(!view.snapToBeats());
        view.timeViewport().zoomBy(8.0, view.timeViewport().xForTime(20.0));
        const QRectF lane = view.layout().segments;
        QTest::mousePress(view.viewport(), Qt::LeftButton, {}, pointAt(view, 20.0, lane));
        QTest::mouseMove(view.viewport(), pointAt(view, 21.13, lane));
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, pointAt(view, 21.13, lane));
        const qint64 end = catalog->segments().at(1).range.endMs;
        QVERIFY2(std::abs(end - 21130) <= qint64(view.timeViewport().secondsPerPixel() * 1000) + 1, qPrintable(QString::number(end)));
    }

    void splitMergeAndRenameByKeysThenUndoAll()
    {
        // given the demo project
        auto catalog = demoProject();
        EditHistory history(*catalog);
        TimelineView view;
        view.setProject(catalog.get(), &history);
        view.setAudio(m_demoAudio);
        showView(view);
        const QStringList original = describe(catalog->segments());
        const int count = catalog->segments().size();
        // when S is pressed with the playhead at 0:17.00 (inside the first line, 0:16-0:20)
        view.setPlayhead(17.0);
        QTest::keyClick(&view, Qt::Key_S);
        // then the line is split there
        QVector<Segment> segments = catalog->segments();
        QCOMPARE(segments.size(), count + 1);
        QCOMPARE(segments.at(1).range, (TimeRange{16000, 17000}));
        QCOMPARE(segments.at(2).range, (TimeRange{17000, 20000}));
        QCOMPARE(view.selectedIndex(), 1);
        // when M merges it back (the two halves' lyrics join on a new line)
        QTest::keyClick(&view, Qt::Key_M);
        QCOMPARE(catalog->segments().size(), count);
        QCOMPARE(catalog->segments().at(1).range, (TimeRange{16000, 20000}));
        QCOMPARE(catalog->segments().at(1).lyric, QStringLiteral("City lights are\ncalling me"));
        // when F2 edits the lyric of the selected segment
        QTest::keyClick(&view, Qt::Key_F2);
        auto* editor = view.findChild<QLineEdit*>(QStringLiteral("timelineLyricEditor"));
        QVERIFY(editor);
        QVERIFY(editor->isVisible());
        editor->setText(QStringLiteral("City lights are humming"));
        QTest::keyClick(editor, Qt::Key_Return);
        QCOMPARE(catalog->segments().at(1).lyric, QStringLiteral("City lights are humming"));
        QVERIFY(!editor->isVisible());
        // then three steps are on the stack, and undoing them all restores the catalog
        QCOMPARE(history.stack()->count(), 3);
        QCOMPARE(history.stack()->undoText(), QStringLiteral("Change lyric of segment 2"));
        while (history.stack()->canUndo())
            history.stack()->undo();
        QCOMPARE(describe(catalog->segments()), original);
        QCOMPARE(describe(view.segments()), original);
        // and redoing them all gives the edited timeline again
        while (history.stack()->canRedo())
            history.stack()->redo();
        QCOMPARE(catalog->segments().size(), count);
        QCOMPARE(catalog->segments().at(1).lyric, QStringLiteral("City lights are humming"));
        QVERIFY(catalog->checkIntegrity().isOk());
    }

    void tapTimingModeRetimesFromKeys()
    {
        // given the demo project with its first lyric line selected and a scripted clock
        auto catalog = demoProject();
        EditHistory history(*catalog);
        TimelineView view;
        view.setProject(catalog.get(), &history);
        view.setAudio(m_demoAudio);
        showView(view);
        double now = 0.0;
        view.setTapClock([&] { return now; });
        view.selectSegment(1);
        view.setTapTimingActive(true);
        QVERIFY(view.isTapTimingActive());
        // when the artist taps: start 16.5, end 19.0 (Shift+Return), start 22.4 (late), Backspace,
        // start 22.0, end 23.5 (E), then Escape
        now = 16.5;
        QTest::keyClick(&view, Qt::Key_Return);
        now = 19.0;
        QTest::keyClick(&view, Qt::Key_Return, Qt::ShiftModifier);
        now = 22.4;
        QTest::keyClick(&view, Qt::Key_Return);
        QTest::keyClick(&view, Qt::Key_Backspace);
        now = 22.0;
        QTest::keyClick(&view, Qt::Key_Enter);
        now = 23.5;
        QTest::keyClick(&view, Qt::Key_E);
        QCOMPARE(view.tapSession()->startTapsMs(), (QVector<qint64>{16500, 22000}));
        QTest::keyClick(&view, Qt::Key_Escape);
        // then the two lines are retimed in the catalog as one undoable step, words scaled
        QVERIFY(!view.isTapTimingActive());
        QCOMPARE(history.stack()->count(), 1);
        const QVector<Segment> segments = catalog->segments();
        int first = -1;
        for (int i = 0; i < segments.size(); ++i)
            if (segments.at(i).lyric.startsWith(QStringLiteral("City")))
                first = i;
        QVERIFY(first >= 0);
        QCOMPARE(segments.at(first).range.startMs, qint64(16500));
        QCOMPARE(segments.at(first).range.endMs, qint64(19000));
        QCOMPARE(segments.at(first).words.first().startMs, qint64(16500));
        QVERIFY(segments.at(first).words.last().startMs < 19000);
        // the 3 s silence after it becomes an instrumental segment
        QVERIFY(segments.at(first + 1).isInstrumental());
        QCOMPARE(segments.at(first + 1).range, (TimeRange{19000, 22000}));
        QVERIFY(segments.at(first + 2).lyric.startsWith(QStringLiteral("Neon")));
        QCOMPARE(segments.at(first + 2).range.startMs, qint64(22000));
        history.stack()->undo();
        QCOMPARE(catalog->segments().at(1).range, (TimeRange{16000, 20000}));
    }

    void importingLyricsLaterIsUndoable()
    {
        // given the demo project and a new two-line LRC
        auto catalog = demoProject();
        EditHistory history(*catalog);
        const QStringList original = describe(catalog->segments());
        const QString lrc = m_dir.filePath(QStringLiteral("later.lrc"));
        QFile file(lrc);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[00:05.00]First new line\n[00:30.00]Second new line\n");
        file.close();
        // when it is imported as an edit
        LyricsImport report;
        const qint64 durationMs = catalog->segments().constLast().range.endMs;
        QVERIFY(history.execute(makeReplaceLyricsCommand(*catalog, lrc, durationMs, false, &report)));
        // then the timeline is rebuilt from it, and undo brings the old one back
        QCOMPARE(TapTimingSession::lyricLinesOf(catalog->segments()), (QStringList{QStringLiteral("First new line"), QStringLiteral("Second new line")}));
        QCOMPARE(report.segmentCount, catalog->segments().size());
        history.stack()->undo();
        QCOMPARE(describe(catalog->segments()), original);
        history.stack()->redo();
        QCOMPARE(catalog->segments().size(), report.segmentCount);
        QVERIFY(catalog->checkIntegrity().isOk());
    }

    void rendersOffscreen()
    {
        // given the demo project, zoomed to the first chorus with a segment selected
        auto catalog = demoProject();
        EditHistory history(*catalog);
        TimelineView view;
        view.setProject(catalog.get(), &history);
        view.setAudio(m_demoAudio);
        showView(view);
        view.selectSegment(3);
        view.setPlayhead(25.3);
        view.timeViewport().zoomBy(1.6, view.timeViewport().xForTime(25.0));
        view.update();
        // when grabbed
        const QImage image = view.grab().toImage();
        // then it has the view's size and real content (not one flat colour)
        QCOMPARE(image.size(), view.size());
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
        const QString shot = qEnvironmentVariable("TESSERA_TIMELINE_SCREENSHOT", m_dir.filePath(QStringLiteral("timeline.png")));
        QVERIFY(image.save(shot));
    }
};

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"
