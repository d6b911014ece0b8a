#include "LyricsTestData.h"
#include "tessera/lyrics/LyricsIO.h"
#include "tessera/timeline/SegmentDefaults.h"
#include "tessera/timeline/TimelineBuilder.h"
#include "tessera/timeline/TimelineCommands.h"
#include "tessera/timeline/TimelineError.h"
#include "tessera/timeline/TimelineModel.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace tessera;
using tessera::testing::timed;

namespace {

LyricLine untimed(const QString& text)
{
    LyricLine line;
    line.text = text;
    return line;
}

//! "start-end lyric" per segment ("~" for instrumental), to compare layouts readably.
QStringList layout(const QVector<Segment>& segments)
{
    QStringList out;
    for (const Segment& segment : segments) {
        out << QStringLiteral("%1-%2 %3")
                   .arg(segment.range.startMs)
                   .arg(segment.range.endMs)
                   .arg(segment.isInstrumental() ? QStringLiteral("~") : QString(segment.lyric).replace('\n', '/'));
    }
    return out;
}

bool sameSegments(const QVector<Segment>& a, const QVector<Segment>& b)
{
    if (a.size() != b.size())
        return false;
    for (int i = 0; i < a.size(); ++i) {
        if (!sameSegment(a.at(i), b.at(i)))
            return false;
    }
    return true;
}

//! The timeline's invariants: ordered, tiling the whole song, no segment under the minimum.
void verifyTiling(const TimelineModel& model)
{
    const QVector<Segment>& segments = model.segments();
    QVERIFY(!segments.isEmpty());
    QCOMPARE(segments.first().range.startMs, qint64(0));
    QCOMPARE(segments.last().range.endMs, model.songDurationMs());
    for (int i = 0; i < segments.size(); ++i) {
        QVERIFY2(segments.at(i).range.durationMs() >= model.options().minimumLengthMs, qPrintable(layout(segments).join(" | ")));
        if (i > 0)
            QCOMPARE(segments.at(i).range.startMs, segments.at(i - 1).range.endMs);
    }
}

} // namespace

#define EXERCISE(model, command)                                                    \
    [&] {                                                                           \
        const QVector<Segment> before_ = (model).segments();                        \
        (command).redo();                                                           \
        const QVector<Segment> after_ = (model).segments();                         \
        QVERIFY2(!sameSegments(before_, after_), qPrintable((command).text()));     \
        QVERIFY(!(command).isNoOp());                                               \
        (command).undo();                                                           \
        QVERIFY2(sameSegments((model).segments(), before_), qPrintable("undo: " + (command).text())); \
        (command).redo();                                                           \
        QVERIFY2(sameSegments((model).segments(), after_), qPrintable("redo: " + (command).text()));  \
    }();                                                                            \
    if (QTest::currentTestFailed())                                                 \
        return

class TestTimeline : public QObject
{
    Q_OBJECT

private:
    //! Expects work to throw a TimelineError containing fragment, leaving model untouched.
    template <typename Work>
    static void expectRefused(const TimelineModel& model, Work work, const QString& fragment)
    {
        const QVector<Segment> before = model.segments();
        try {
            work();
        } catch (const TimelineError& error) {
            QVERIFY2(error.message().contains(fragment), qPrintable(error.message() + " lacks " + fragment));
            QVERIFY2(sameSegments(model.segments(), before), "a refused operation changed the model");
            return;
        }
        QFAIL(qPrintable("expected a TimelineError about " + fragment));
    }

    //! A 30 s song: one (0-5 s), two (5-8 s), a silence, three (14-15.5 s), four (to the end),
    //! with catalog ids 101.. as if stored.
    static void loadStored(TimelineModel& model)
    {
        const TimelineBuild build = buildTimeline(
            {timed(1500, QStringLiteral("one")),
             timed(5000, QStringLiteral("two words"), 8000,
                   {{5000, QStringLiteral("two ")}, {7000, QStringLiteral("words")}}),
             timed(14000, QStringLiteral("three"), 14500), timed(15500, QStringLiteral("four"))},
            30000);
        QVector<Segment> stored = build.segments;
        for (int i = 0; i < stored.size(); ++i)
            stored[i].id = 101 + i;
        model.reset(stored, 30000);
    }

private Q_SLOTS:
    void newSegmentsHaveAGridThatMoves()
    {
        // a segment made from a lyric line varies along both axes, each driven by the song
        const Segment segment = makeSegment(TimeRange{0, 4000}, QStringLiteral("neon rivers"));
        QCOMPARE(segment.grid, GridGeometry(3, 3));
        QCOMPARE(segment.axisX.variation, AxisVariation::SeedWalk);
        QCOMPARE(segment.axisX.feature, AudioFeature::LowBand);
        QCOMPARE(segment.axisY.variation, AxisVariation::Guidance);
        QCOMPARE(segment.axisY.feature, AudioFeature::HighBand);
        // so neighbouring cells are generated with different parameters
        QVERIFY(segment.axisX.parameterAt(0, 3) != segment.axisX.parameterAt(1, 3));
        QVERIFY(segment.axisY.parameterAt(0, 3) != segment.axisY.parameterAt(1, 3));
    }

    void buildsSegmentsWithGaps()
    {
        // given lines with a short intro, an explicit end before a long silence, an explicit
        // end before a short silence, and a last line without end
        const QVector<LyricLine> lines{timed(1500, QStringLiteral("one")), timed(5000, QStringLiteral("two"), 8000),
                                       timed(14000, QStringLiteral("three"), 14500), timed(15500, QStringLiteral("four"))};
        // when the timeline of a 30 s song is built
        const TimelineBuild build = buildTimeline(lines, 30000);
        // then short silences are absorbed, the long one is instrumental, the last line ends
        // with the song, and each segment starts from its lyric
        QCOMPARE(layout(build.segments), (QStringList{QStringLiteral("0-5000 one"), QStringLiteral("5000-8000 two"),
                                                      QStringLiteral("8000-14000 ~"), QStringLiteral("14000-15500 three"),
                                                      QStringLiteral("15500-30000 four")}));
        QVERIFY(build.notes.isEmpty());
        for (const Segment& segment : build.segments) {
            QCOMPARE(segment.id, qint64(0));
            QCOMPARE(segment.prompt, segment.lyric);
        }
        // and seeds are deterministic yet differ between segments
        const TimelineBuild again = buildTimeline(lines, 30000);
        QVERIFY(sameSegments(again.segments, build.segments));
        QSet<quint32> seeds;
        for (const Segment& segment : build.segments)
            seeds.insert(segment.seed);
        QCOMPARE(seeds.size(), build.segments.size());
        QCOMPARE(build.segments.at(1).seed, deriveSeed(QStringLiteral("two"), 5000));

        // given a long intro and a last line that ends long before the song, then both
        // silences become instrumental segments
        const TimelineBuild framed = buildTimeline({timed(10000, QStringLiteral("a")), timed(12000, QStringLiteral("b"), 20000)}, 30000);
        QCOMPARE(layout(framed.segments), (QStringList{QStringLiteral("0-10000 ~"), QStringLiteral("10000-12000 a"),
                                                       QStringLiteral("12000-20000 b"), QStringLiteral("20000-30000 ~")}));
        // and a gap threshold of 10 s absorbs them instead
        TimelineOptions patient;
        patient.gapThresholdMs = 10000;
        QCOMPARE(layout(buildTimeline({timed(10000, QStringLiteral("a")), timed(12000, QStringLiteral("b"), 20000)}, 30000, patient).segments),
                 (QStringList{QStringLiteral("0-12000 a"), QStringLiteral("12000-30000 b")}));
    }

    void buildsFromImportedLyricsWithWords()
    {
        // given an enhanced LRC file on disk
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("song.lrc"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[ti:Song]\n[00:03.00]<00:03.00>Hello <00:03.60>there <00:04.20>\n[00:10.00]Second line\n");
        file.close();
        // when imported and built for a 20 s song
        const TimelineBuild build = buildTimeline(importLyrics(path).lines, 20000);
        // then the words are on the segment, and the end stamp made a silence
        QCOMPARE(layout(build.segments), (QStringList{QStringLiteral("0-3000 ~"), QStringLiteral("3000-4200 Hello there"), QStringLiteral("4200-10000 ~"),
                                                      QStringLiteral("10000-20000 Second line")}));
        QCOMPARE(build.segments.at(1).words,
                 (QVector<TimedWord>{{3000, QStringLiteral("Hello ")}, {3600, QStringLiteral("there ")}}));
        QVERIFY(build.segments.at(3).words.isEmpty());
        // and the timeline gives the same lyric lines back for export
        const QVector<LyricLine> back = lyricLinesFromSegments(build.segments);
        QCOMPARE(back.size(), 2);
        QCOMPARE(back.at(0).endMs, std::optional<qint64>(4200));
        QCOMPARE(back.at(0).words, build.segments.at(1).words);
        QVERIFY(!back.at(1).endMs);
        QCOMPARE(layout(buildTimeline(back, 20000).segments), layout(build.segments));
    }

    void buildMergesCloseLinesAndDropsLateOnes()
    {
        // given two lines 100 ms apart and one after the song's end
        const TimelineBuild build = buildTimeline(
            {timed(1000, QStringLiteral("a")), timed(1100, QStringLiteral("b")), timed(50000, QStringLiteral("late"))}, 40000);
        // then the close ones are one segment and the late one is left out, both noted
        QCOMPARE(layout(build.segments), (QStringList{QStringLiteral("0-40000 a/b")}));
        QCOMPARE(build.segments.first().prompt, QStringLiteral("a b"));
        QCOMPARE(build.notes.size(), 2);
        QVERIFY(build.notes.at(1).contains(QStringLiteral("\"late\"")));
    }

    void buildSpreadsUntimedLines()
    {
        // given plain-text lines, when built for a 40 s song, then they are spread evenly
        const TimelineBuild build = buildTimeline({untimed(QStringLiteral("a")), untimed(QStringLiteral("b")),
                                                   untimed(QStringLiteral("c")), untimed(QStringLiteral("d"))}, 40000);
        QCOMPARE(layout(build.segments), (QStringList{QStringLiteral("0-10000 a"), QStringLiteral("10000-20000 b"),
                                                      QStringLiteral("20000-30000 c"), QStringLiteral("30000-40000 d")}));
        // and no lyrics at all give one instrumental segment
        QCOMPARE(layout(buildTimeline({}, 5000).segments), QStringList{QStringLiteral("0-5000 ~")});
    }

    void buildRefusesWhatCannotBeBuilt()
    {
        TimelineModel model;
        expectRefused(model, [] { buildTimeline({timed(0, QStringLiteral("a"))}, 0); }, QStringLiteral("no duration"));
        expectRefused(model, [] { buildTimeline({timed(0, QStringLiteral("a")), untimed(QStringLiteral("b"))}, 9000); },
                      QStringLiteral("lyric line 2 (\"b\") has no time"));
        TimelineOptions bad;
        bad.gapThresholdMs = 100;
        expectRefused(model, [&] { buildTimeline({}, 9000, bad); }, QStringLiteral("gap threshold"));
        expectRefused(model, [] { buildTimeline(QVector<LyricLine>(100, untimed(QStringLiteral("x"))), 1000); },
                      QStringLiteral("do not fit"));
    }

    void splitsAndUndoes()
    {
        TimelineModel model;
        loadStored(model);
        // given segment 2 ("two words", 5-8 s, words at 5 s and 7 s)
        // when split at 6.5 s
        SplitSegmentCommand split(model, 1, 6500);
        QCOMPARE(split.text(), QStringLiteral("Split segment 2 at 0:06.50"));
        EXERCISE(model, split);
        // then each side takes its words and the lyric they spell; the right part is new
        const Segment& left = model.segment(1);
        const Segment& right = model.segment(2);
        QCOMPARE(layout(model.segments()).mid(1, 2), (QStringList{QStringLiteral("5000-6500 two"), QStringLiteral("6500-8000 words")}));
        QCOMPARE(left.id, qint64(102));
        QCOMPARE(right.id, qint64(0));
        QCOMPARE(left.prompt, QStringLiteral("two"));
        QCOMPARE(right.prompt, QStringLiteral("words"));
        QCOMPARE(right.words, (QVector<TimedWord>{{7000, QStringLiteral("words")}}));
        QCOMPARE(right.seed, deriveSeed(QStringLiteral("words"), 6500));
        verifyTiling(model);

        // given a segment without words and a prompt the artist wrote, when split, then both
        // halves keep lyric and prompt
        SetPromptCommand prompt(model, 0, QStringLiteral("a red door"));
        EXERCISE(model, prompt);
        SplitSegmentCommand plain(model, 0, 2000);
        EXERCISE(model, plain);
        QCOMPARE(model.segment(0).lyric, QStringLiteral("one"));
        QCOMPARE(model.segment(1).lyric, QStringLiteral("one"));
        QCOMPARE(model.segment(1).prompt, QStringLiteral("a red door"));
        verifyTiling(model);
    }

    void mergesAndUndoes()
    {
        TimelineModel model;
        loadStored(model);
        // given the silence (segment 3) before "three" (segment 4)
        // when they are merged
        MergeSegmentsCommand merge(model, 2);
        QCOMPARE(merge.text(), QStringLiteral("Merge segments 3 and 4"));
        EXERCISE(model, merge);
        // then the lyric segment survives with its id, spanning both
        QCOMPARE(model.count(), 4);
        QCOMPARE(layout(model.segments()).at(2), QStringLiteral("8000-15500 three"));
        QCOMPARE(model.segment(2).id, qint64(104));
        // when two lyric segments merge, then lyrics join, words concatenate, the prompt follows
        MergeSegmentsCommand lyrics(model, 0);
        EXERCISE(model, lyrics);
        QCOMPARE(model.segment(0).id, qint64(101));
        QCOMPARE(model.segment(0).lyric, QStringLiteral("one\ntwo words"));
        QCOMPARE(model.segment(0).prompt, QStringLiteral("one two words"));
        QCOMPARE(model.segment(0).words.size(), 2);
        verifyTiling(model);
    }

    void movesBoundaryClampedAndUndoes()
    {
        TimelineModel model;
        loadStored(model);
        // given the boundary between "one" and "two" at 5 s
        // when moved to 4 s
        MoveBoundaryCommand move(model, 0, 4000);
        QCOMPARE(move.text(), QStringLiteral("Move boundary between segments 1 and 2 to 0:04.00"));
        EXERCISE(model, move);
        QCOMPARE(layout(model.segments()).mid(0, 2), (QStringList{QStringLiteral("0-4000 one"), QStringLiteral("4000-8000 two words")}));
        // when dragged far past the next segment, then it stops the minimum length before its end,
        // and the words beyond it are kept inside their segment
        MoveBoundaryCommand far(model, 0, 60000);
        QCOMPARE(far.positionMs(), qint64(8000 - model.options().minimumLengthMs));
        EXERCISE(model, far);
        QCOMPARE(model.segment(1).range, (TimeRange{7750, 8000}));
        QCOMPARE(model.segment(1).words.first().startMs, qint64(7750));
        // and dragged before the song's start, it stops the minimum length after the first's start
        MoveBoundaryCommand early(model, 0, -5000);
        QCOMPARE(early.positionMs(), model.options().minimumLengthMs);
        verifyTiling(model);
    }

    void snapsToNearestBeat()
    {
        TimelineModel model;
        loadStored(model);
        // given the boundary at 5 s and beats around it (unsorted)
        const QVector<qint64> beats{9000, 5200, 4000, 4900, 100};
        // when snapped, then the nearest beat (4.9 s) wins
        SnapBoundaryCommand snap(model, 0, beats);
        QCOMPARE(snap.positionMs(), qint64(4900));
        QCOMPARE(snap.text(), QStringLiteral("Snap boundary between segments 1 and 2 to the beat at 0:04.90"));
        EXERCISE(model, snap);
        QCOMPARE(model.segment(0).range.endMs, qint64(4900));
        QCOMPARE(model.segment(1).range.startMs, qint64(4900));
        // on a tie the earlier beat wins; beats that would leave a segment too short are skipped
        QCOMPARE(SnapBoundaryCommand(model, 0, {4800, 5000}).positionMs(), qint64(4800));
        // (segment 2 now spans 4.9-8 s: a beat at 5.1 s would leave it 200 ms long)
        QCOMPARE(SnapBoundaryCommand(model, 1, {5100, 11000}).positionMs(), qint64(11000));
        // and with no usable beat, snapping is refused
        expectRefused(model, [&] { SnapBoundaryCommand(model, 0, {100, 60000}); }, QStringLiteral("no beat between"));
        expectRefused(model, [&] { SnapBoundaryCommand(model, 0, {}); }, QStringLiteral("no beat"));
    }

    void retimesFromTapsAndUndoes()
    {
        // given plain-text lyrics spread over a 40 s song
        TimelineModel model;
        model.reset(buildTimeline({untimed(QStringLiteral("a")), untimed(QStringLiteral("b")), untimed(QStringLiteral("c")),
                                   untimed(QStringLiteral("d"))}, 40000).segments, 40000);
        // when the artist taps each line's start and end
        RetimeFromTapsCommand retime(model, {2000, 9000, 12000, 25000}, {7000, 11000, 20000, 30000});
        QCOMPARE(retime.text(), QStringLiteral("Retime 4 lyric lines from taps"));
        EXERCISE(model, retime);
        // then short silences are absorbed and long ones become instrumental segments
        QCOMPARE(layout(model.segments()), (QStringList{QStringLiteral("0-9000 a"), QStringLiteral("9000-12000 b"),
                                                        QStringLiteral("12000-20000 c"), QStringLiteral("20000-25000 ~"),
                                                        QStringLiteral("25000-30000 d"), QStringLiteral("30000-40000 ~")}));
        verifyTiling(model);
        // when only line 3 is tapped again (later, without end), then only it moves and the
        // silence before line 4 shrinks away
        RetimeFromTapsCommand again(model, {23500}, {}, 2);
        QCOMPARE(again.text(), QStringLiteral("Retime 1 lyric line from taps"));
        EXERCISE(model, again);
        QCOMPARE(layout(model.segments()), (QStringList{QStringLiteral("0-9000 a"), QStringLiteral("9000-12000 b"),
                                                        QStringLiteral("12000-23500 ~"), QStringLiteral("23500-25000 c"),
                                                        QStringLiteral("25000-30000 d"), QStringLiteral("30000-40000 ~")}));
        verifyTiling(model);
    }

    void retimeKeepsIdsWordsAndSilences()
    {
        TimelineModel model;
        loadStored(model);
        // given the stored timeline (silence 103 between "two" and "three")
        // when "two" is tapped 1 s later and "three" 1 s earlier
        RetimeFromTapsCommand retime(model, {6000, 13000}, {}, 1);
        EXERCISE(model, retime);
        // then lyric segments keep their ids and words move with their start; the silence
        // between the same lines keeps its id
        QCOMPARE(layout(model.segments()), (QStringList{QStringLiteral("0-6000 one"), QStringLiteral("6000-13000 two words"),
                                                        QStringLiteral("13000-15500 three"), QStringLiteral("15500-30000 four")}));
        QCOMPARE(model.segment(1).id, qint64(102));
        QCOMPARE(model.segment(1).words, (QVector<TimedWord>{{6000, QStringLiteral("two ")}, {8000, QStringLiteral("words")}}));
        RetimeFromTapsCommand back(model, {5000, 14000}, {8000, 14500}, 1);
        EXERCISE(model, back);
        QCOMPARE(layout(model.segments()).at(2), QStringLiteral("8000-14000 ~"));
        QCOMPARE(model.segment(2).id, qint64(0)); // that silence was gone, so it is new
        verifyTiling(model);
    }

    void editsTextAndSettingsAndUndoes()
    {
        TimelineModel model;
        loadStored(model);
        // when the lyric of "two words" changes, then its derived prompt follows and its word
        // timing (for the old words) is dropped
        SetLyricCommand relyric(model, 1, QStringLiteral("new words here"));
        QCOMPARE(relyric.text(), QStringLiteral("Change lyric of segment 2"));
        EXERCISE(model, relyric);
        QCOMPARE(model.segment(1).prompt, QStringLiteral("new words here"));
        QVERIFY(model.segment(1).words.isEmpty());
        // a prompt the artist wrote stays when the lyric changes
        SetPromptCommand rename(model, 1, QStringLiteral("neon rain"));
        EXERCISE(model, rename);
        SetLyricCommand again(model, 1, QStringLiteral("other"));
        EXERCISE(model, again);
        QCOMPARE(model.segment(1).prompt, QStringLiteral("neon rain"));
        // other settings change in one undoable step
        Segment edited = model.segment(3);
        edited.grid = GridGeometry(3, 5);
        edited.seed = 42;
        edited.axisX.term = QStringLiteral("storm");
        EditSegmentCommand edit(model, 3, edited);
        EXERCISE(model, edit);
        QVERIFY(sameSegment(model.segment(3), edited));
    }

    void refusesInvalidOperations()
    {
        TimelineModel model;
        loadStored(model);
        const qint64 min = model.options().minimumLengthMs;
        expectRefused(model, [&] { SplitSegmentCommand(model, 1, 5000 + min - 1); }, QStringLiteral("both parts must be at least"));
        expectRefused(model, [&] { SplitSegmentCommand(model, 1, 9000); }, QStringLiteral("cannot split segment 2 at 0:09.00"));
        expectRefused(model, [&] { SplitSegmentCommand(model, 7, 1000); }, QStringLiteral("the timeline has 5 segments"));
        expectRefused(model, [&] { MergeSegmentsCommand(model, 4); }, QStringLiteral("it is the last"));
        expectRefused(model, [&] { MergeSegmentsCommand(model, -1); }, QStringLiteral("cannot merge segment 0"));
        expectRefused(model, [&] { MoveBoundaryCommand(model, 4, 1000); }, QStringLiteral("song's end"));
        expectRefused(model, [&] { RetimeFromTapsCommand(model, {1000, 500}); }, QStringLiteral("lyric line 2 would start at 0:00.50"));
        expectRefused(model, [&] { RetimeFromTapsCommand(model, {1, 2, 3, 4, 5}); }, QStringLiteral("there are 4 lyric lines"));
        expectRefused(model, [&] { RetimeFromTapsCommand(model, {1000}, {900}); }, QStringLiteral("not after its start tap"));
        expectRefused(model, [&] { RetimeFromTapsCommand(model, {1000}, {2000, 3000}); }, QStringLiteral("2 end taps for 1 start taps"));
        expectRefused(model, [&] { RetimeFromTapsCommand(model, {40000}); }, QStringLiteral("outside the song"));
        expectRefused(model, [&] { RetimeFromTapsCommand(model, {}); }, QStringLiteral("no taps"));
        Segment moved = model.segment(0);
        moved.range.endMs += 100;
        expectRefused(model, [&] { EditSegmentCommand(model, 0, moved); }, QStringLiteral("timing commands"));
        Segment badGrid = model.segment(0);
        badGrid.grid = GridGeometry(0, 3);
        expectRefused(model, [&] { EditSegmentCommand(model, 0, badGrid); }, QStringLiteral("grid 0x3"));
        // a timeline that overlaps, is out of order or leaves the song is refused as a whole
        QVector<Segment> overlapping = model.segments();
        overlapping[2].range.startMs -= 500;
        expectRefused(model, [&] { model.reset(overlapping, 30000); }, QStringLiteral("segment 3 starts at 0:07.50, before segment 2 ends"));
        expectRefused(model, [&] { model.reset(model.segments(), 20000); }, QStringLiteral("after the song"));
        // a boundary that two segments do not share cannot move
        QVector<Segment> gapped = model.segments();
        gapped[0].range.endMs = 4000;
        TimelineModel holes;
        holes.reset(gapped, 30000);
        expectRefused(holes, [&] { MoveBoundaryCommand(holes, 0, 4500); }, QStringLiteral("do not touch"));
        // and a refused retime of an instrumental-only timeline says why
        TimelineModel silent;
        silent.reset(buildTimeline({}, 9000).segments, 9000);
        expectRefused(silent, [&] { RetimeFromTapsCommand(silent, {1000}); }, QStringLiteral("no lyric segments"));
    }

    void announcesChangesAndAdoptsIds()
    {
        TimelineModel model;
        model.reset(buildTimeline({timed(0, QStringLiteral("a")), timed(10000, QStringLiteral("b"))}, 20000).segments, 20000);
        QSignalSpy replaced(&model, &TimelineModel::segmentsReplaced);
        // when a split is done and undone, then listeners hear which rows changed
        SplitSegmentCommand split(model, 1, 15000);
        split.redo();
        QCOMPARE(replaced.takeFirst(), (QVariantList{1, 1, 2}));
        split.undo();
        QCOMPARE(replaced.takeFirst(), (QVariantList{1, 2, 1}));
        split.redo();
        replaced.clear();
        // when the catalog stored the timeline, then the model takes its ids
        QVector<Segment> stored = model.segments();
        for (int i = 0; i < stored.size(); ++i)
            stored[i].id = 10 + i;
        model.adoptIds(stored);
        QCOMPARE(model.segment(2).id, qint64(12));
        QCOMPARE(model.indexOfId(11), 1);
        QCOMPARE(replaced.size(), 3);
        // and undo still works after it
        split.undo();
        QCOMPARE(layout(model.segments()), (QStringList{QStringLiteral("0-10000 a"), QStringLiteral("10000-20000 b")}));
        expectRefused(model, [&] { model.adoptIds(stored); }, QStringLiteral("3 segments, the model 2"));
        // lookups by time
        QCOMPARE(model.indexAt(0), 0);
        QCOMPARE(model.indexAt(9999), 0);
        QCOMPARE(model.indexAt(10000), 1);
        QCOMPARE(model.indexAt(20000), -1);
        QCOMPARE(formatSongTime(62500), QStringLiteral("1:02.50"));
    }

    void randomEditsKeepInvariantsAndUndoToTheStart()
    {
        // given a stored timeline and a fixed random sequence of edits, valid or not
        TimelineModel model;
        loadStored(model);
        const QVector<Segment> initial = model.segments();
        std::vector<std::unique_ptr<TimelineCommand>> stack;
        QRandomGenerator random(1124);
        int refused = 0;
        for (int step = 0; step < 400; ++step) {
            const int index = random.bounded(-1, model.count() + 1);
            const qint64 at = random.bounded(-1000, 32000);
            std::unique_ptr<TimelineCommand> command;
            try {
                switch (random.bounded(6)) {
                case 0: command = std::make_unique<SplitSegmentCommand>(model, index, at); break;
                case 1: command = std::make_unique<MergeSegmentsCommand>(model, index); break;
                case 2: command = std::make_unique<MoveBoundaryCommand>(model, index, at); break;
                case 3: command = std::make_unique<SnapBoundaryCommand>(model, index, QVector<qint64>{at, at + 700, at - 1300}); break;
                case 4: command = std::make_unique<SetLyricCommand>(model, index, random.bounded(3) ? QStringLiteral("w%1").arg(step) : QString()); break;
                default: {
                    QVector<qint64> taps{random.bounded(0, 4000)};
                    while (random.bounded(3) != 0)
                        taps.append(taps.last() + random.bounded(100, 6000));
                    command = std::make_unique<RetimeFromTapsCommand>(model, taps, QVector<qint64>{}, random.bounded(0, 3));
                }
                }
            } catch (const TimelineError&) {
                ++refused;
                continue;
            }
            // when a valid one runs, then the timeline still tiles the song
            command->redo();
            verifyTiling(model);
            if (QTest::currentTestFailed())
                return;
            stack.push_back(std::move(command));
        }
        QVERIFY2(stack.size() > 100 && refused > 20, qPrintable(QStringLiteral("%1 done, %2 refused").arg(stack.size()).arg(refused)));
        // and undoing everything in reverse gives back exactly the first state
        for (auto it = stack.rbegin(); it != stack.rend(); ++it)
            (*it)->undo();
        QVERIFY(sameSegments(model.segments(), initial));
    }
};

QTEST_GUILESS_MAIN(TestTimeline)
#include "tst_timeline.moc"
