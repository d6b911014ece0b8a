#include "tessera/timeline/TimelineCommands.h"

#include "Tiling.h"

#include "tessera/timeline/SegmentDefaults.h"
#include "tessera/timeline/TimelineError.h"
#include "tessera/timeline/TimelineModel.h"

#include <QHash>

namespace tessera {

namespace {

//! For each segment, how many lyric segments come before it (instrumental ones are keyed by
//! it, so a rebuilt silence can take the id of the old silence at the same place).
QVector<int> lyricsBefore(const QVector<Segment>& segments)
{
    QVector<int> counts;
    int lyrics = 0;
    for (const Segment& segment : segments) {
        counts.append(lyrics);
        if (!segment.isInstrumental())
            ++lyrics;
    }
    return counts;
}

} // namespace

RetimeFromTapsCommand::RetimeFromTapsCommand(TimelineModel& model, const QVector<qint64>& startTapsMs,
                                             const QVector<qint64>& endTapsMs, int firstLyric,
                                             WordTiming wordTiming)
    : TimelineCommand(model)
{
    const QVector<Segment>& segments = model.segments();
    const qint64 minimum = model.options().minimumLengthMs;
    const qint64 duration = model.songDurationMs();
    QVector<int> lyricIndexes;
    for (int i = 0; i < segments.size(); ++i) {
        if (!segments.at(i).isInstrumental())
            lyricIndexes.append(i);
    }
    const int tapCount = int(startTapsMs.size());
    if (lyricIndexes.isEmpty())
        throw TimelineError(QStringLiteral("cannot retime: the timeline has no lyric segments"));
    if (tapCount == 0)
        throw TimelineError(QStringLiteral("cannot retime: no taps"));
    if (firstLyric < 0 || firstLyric + tapCount > lyricIndexes.size()) {
        throw TimelineError(QStringLiteral("cannot retime: %1 taps from lyric line %2 on, but there are %3 lyric lines")
                                .arg(tapCount)
                                .arg(firstLyric + 1)
                                .arg(lyricIndexes.size()));
    }
    if (!endTapsMs.isEmpty() && endTapsMs.size() != startTapsMs.size()) {
        throw TimelineError(QStringLiteral("cannot retime: %1 end taps for %2 start taps").arg(endTapsMs.size()).arg(tapCount));
    }

    QVector<internal::Span> spans;
    QVector<qint64> oldLengths; // per lyric line, for scaling its words to the new length
    for (int j = 0; j < lyricIndexes.size(); ++j) {
        const int index = lyricIndexes.at(j);
        const Segment& old = segments.at(index);
        internal::Span span{old, std::nullopt};
        const int tap = j - firstLyric;
        if (tap >= 0 && tap < tapCount) {
            const qint64 start = startTapsMs.at(tap);
            if (start < 0 || start > duration - minimum) {
                throw TimelineError(QStringLiteral("cannot retime: tap %1 at %2 is outside the song (0:00.00 to %3)")
                                        .arg(tap + 1)
                                        .arg(formatSongTime(start), formatSongTime(duration - minimum)));
            }
            if (!endTapsMs.isEmpty()) {
                if (endTapsMs.at(tap) <= start) {
                    throw TimelineError(QStringLiteral("cannot retime: end tap %1 at %2 is not after its start tap at %3")
                                            .arg(tap + 1)
                                            .arg(formatSongTime(endTapsMs.at(tap)), formatSongTime(start)));
                }
                span.explicitEndMs = endTapsMs.at(tap);
            }
            for (TimedWord& word : span.segment.words)
                word.startMs += start - old.range.startMs;
            span.segment.range.startMs = start;
        } else {
            // Untapped lines keep their range; only a tapped line moving over them cuts them short.
            span.explicitEndMs = old.range.endMs;
        }
        if (!spans.isEmpty() && span.segment.range.startMs < spans.last().segment.range.startMs + minimum) {
            throw TimelineError(QStringLiteral("cannot retime: lyric line %1 would start at %2, less than %3 after "
                                               "lyric line %4 (%5)")
                                    .arg(j + 1)
                                    .arg(formatSongTime(span.segment.range.startMs), formatSongTime(minimum))
                                    .arg(j)
                                    .arg(formatSongTime(spans.last().segment.range.startMs)));
        }
        spans.append(span);
        oldLengths.append(old.range.durationMs());
    }

    if (wordTiming == WordTiming::Scale) {
        // A line ends at its explicit end, else where the next one starts (as tiling will place it),
        // so its words can be stretched before tiling clamps them into the line.
        for (int j = 0; j < spans.size(); ++j) {
            const int tap = j - firstLyric;
            internal::Span& span = spans[j];
            if (tap < 0 || tap >= tapCount || oldLengths.at(j) <= 0)
                continue;
            const qint64 start = span.segment.range.startMs;
            const qint64 end = span.explicitEndMs ? *span.explicitEndMs
                                                  : (j + 1 < spans.size() ? spans.at(j + 1).segment.range.startMs : duration);
            const double scale = double(end - start) / double(oldLengths.at(j));
            for (TimedWord& word : span.segment.words)
                word.startMs = start + qRound64(double(word.startMs - start) * scale);
        }
    }

    QVector<Segment> retimed = internal::tile(spans, duration, model.options());

    // Silences keep their segment (id, prompt, grid...) where one was at the same place.
    QHash<int, Segment> oldSilences;
    const QVector<int> oldPlaces = lyricsBefore(segments);
    for (int i = 0; i < segments.size(); ++i) {
        if (segments.at(i).isInstrumental() && !oldSilences.contains(oldPlaces.at(i)))
            oldSilences.insert(oldPlaces.at(i), segments.at(i));
    }
    const QVector<int> newPlaces = lyricsBefore(retimed);
    for (int i = 0; i < retimed.size(); ++i) {
        if (!retimed.at(i).isInstrumental() || !oldSilences.contains(newPlaces.at(i)))
            continue;
        Segment reused = oldSilences.take(newPlaces.at(i));
        reused.range = retimed.at(i).range;
        reused.words = internal::clampWords(reused.words, reused.range);
        retimed[i] = reused;
    }
    setEdit(0, int(segments.size()), retimed,
            QStringLiteral("Retime %1 lyric line%2 from taps").arg(tapCount).arg(tapCount == 1 ? "" : "s"));
}

} // namespace tessera
