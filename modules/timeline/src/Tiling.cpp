#include "Tiling.h"

#include "tessera/timeline/SegmentDefaults.h"
#include "tessera/timeline/TimelineError.h"

namespace tessera::internal {

QVector<TimedWord> clampWords(QVector<TimedWord> words, const TimeRange& range)
{
    for (TimedWord& word : words)
        word.startMs = qBound(range.startMs, word.startMs, qMax(range.startMs, range.endMs - 1));
    return words;
}

QVector<Segment> tile(const QVector<Span>& spans, qint64 durationMs, const TimelineOptions& options)
{
    QVector<Segment> out;
    qint64 cursor = 0;
    for (int i = 0; i < spans.size(); ++i) {
        Segment segment = spans.at(i).segment;
        qint64 start = segment.range.startMs;
        const qint64 gap = start - cursor;
        if (gap > options.gapThresholdMs)
            out.append(makeSegment({cursor, start}, QString()));
        else if (gap > 0 && !out.isEmpty())
            out.last().range.endMs = start;
        else if (gap > 0)
            start = 0;
        const qint64 next = i + 1 < spans.size() ? spans.at(i + 1).segment.range.startMs : durationMs;
        qint64 end = next;
        if (const auto explicitEnd = spans.at(i).explicitEndMs)
            end = qBound(qMin(start + options.minimumLengthMs, next), *explicitEnd, next);
        segment.range = {start, end};
        out.append(segment);
        cursor = end;
    }
    const qint64 tail = durationMs - cursor;
    if (out.isEmpty() || tail > options.gapThresholdMs)
        out.append(makeSegment({cursor, durationMs}, QString()));
    else if (tail > 0)
        out.last().range.endMs = durationMs;
    for (Segment& segment : out)
        segment.words = clampWords(segment.words, segment.range);
    return out;
}

void validateSegments(const QVector<Segment>& segments, qint64 durationMs)
{
    if (durationMs <= 0)
        throw TimelineError(QStringLiteral("the song has no duration"));
    if (segments.isEmpty())
        throw TimelineError(QStringLiteral("a timeline needs at least one segment"));
    qint64 previousEnd = 0;
    for (int i = 0; i < segments.size(); ++i) {
        const TimeRange& range = segments.at(i).range;
        if (!range.isValid()) {
            throw TimelineError(QStringLiteral("segment %1 spans %2 to %3, which is empty or negative")
                                    .arg(i + 1)
                                    .arg(formatSongTime(range.startMs), formatSongTime(range.endMs)));
        }
        if (range.startMs < previousEnd) {
            throw TimelineError(QStringLiteral("segment %1 starts at %2, before segment %3 ends (%4)")
                                    .arg(i + 1)
                                    .arg(formatSongTime(range.startMs))
                                    .arg(i)
                                    .arg(formatSongTime(previousEnd)));
        }
        if (range.endMs > durationMs) {
            throw TimelineError(QStringLiteral("segment %1 ends at %2, after the song (%3)")
                                    .arg(i + 1)
                                    .arg(formatSongTime(range.endMs), formatSongTime(durationMs)));
        }
        previousEnd = range.endMs;
    }
}

} // namespace tessera::internal
