#include "tessera/timeline/TimelineBuilder.h"

#include "Tiling.h"

#include "tessera/timeline/SegmentDefaults.h"
#include "tessera/timeline/TimelineError.h"

#include <algorithm>

namespace tessera {

namespace {

QString quoted(const QString& text)
{
    return QLatin1Char('"') + text.simplified() + QLatin1Char('"');
}

//! Start times for lines never timed: evenly over the song, to be tapped later.
QVector<LyricLine> spreadEvenly(const QVector<LyricLine>& lines, qint64 durationMs, const TimelineOptions& options)
{
    const qint64 count = lines.size();
    if (durationMs / count < options.minimumLengthMs) {
        throw TimelineError(QStringLiteral("%1 lyric lines do not fit in a song of %2 at %3 each")
                                .arg(count)
                                .arg(formatSongTime(durationMs), formatSongTime(options.minimumLengthMs)));
    }
    QVector<LyricLine> timed = lines;
    for (qint64 i = 0; i < count; ++i)
        timed[int(i)].startMs = durationMs * i / count;
    return timed;
}

void mergeInto(internal::Span& span, const LyricLine& line)
{
    Segment& segment = span.segment;
    segment.lyric += QLatin1Char('\n') + line.text;
    segment.words += line.words;
    segment.prompt = promptFromLyric(segment.lyric);
    if (line.endMs)
        span.explicitEndMs = qMax(span.explicitEndMs.value_or(0), *line.endMs);
}

} // namespace

TimelineBuild buildTimeline(const QVector<LyricLine>& lines, qint64 songDurationMs, const TimelineOptions& options)
{
    if (songDurationMs <= 0)
        throw TimelineError(QStringLiteral("the song has no duration"));
    if (const QString problem = options.problem(); !problem.isEmpty())
        throw TimelineError(problem);
    const auto timedCount = std::count_if(lines.cbegin(), lines.cend(), [](const LyricLine& line) { return line.isTimed(); });
    if (timedCount != 0 && timedCount != lines.size()) {
        const auto untimed = std::find_if(lines.cbegin(), lines.cend(), [](const LyricLine& line) { return !line.isTimed(); });
        throw TimelineError(QStringLiteral("lyric line %1 (%2) has no time while others have")
                                .arg(int(untimed - lines.cbegin()) + 1)
                                .arg(quoted(untimed->text)));
    }
    QVector<LyricLine> sorted = timedCount == 0 && !lines.isEmpty() ? spreadEvenly(lines, songDurationMs, options) : lines;
    std::stable_sort(sorted.begin(), sorted.end(), [](const LyricLine& a, const LyricLine& b) { return *a.startMs < *b.startMs; });

    TimelineBuild build;
    QVector<internal::Span> spans;
    const qint64 minimum = options.minimumLengthMs;
    for (const LyricLine& line : std::as_const(sorted)) {
        const qint64 start = qMax<qint64>(0, *line.startMs);
        if (start >= songDurationMs) {
            build.notes << QStringLiteral("line %1 at %2 starts after the song ends (%3); left out")
                               .arg(quoted(line.text), formatSongTime(start), formatSongTime(songDurationMs));
            continue;
        }
        const bool tooClose = !spans.isEmpty()
            && (start < spans.last().segment.range.startMs + minimum || start > songDurationMs - minimum);
        if (tooClose) {
            build.notes << QStringLiteral("line %1 at %2 is too close to the line before or the song's end; merged "
                                          "into the line before")
                               .arg(quoted(line.text), formatSongTime(start));
            mergeInto(spans.last(), line);
            continue;
        }
        internal::Span span{makeSegment({qMin(start, qMax<qint64>(0, songDurationMs - minimum)), songDurationMs},
                                        line.text, line.words),
                            line.endMs};
        spans.append(span);
    }
    build.segments = internal::tile(spans, songDurationMs, options);
    return build;
}

QVector<LyricLine> lyricLinesFromSegments(const QVector<Segment>& segments)
{
    QVector<LyricLine> lines;
    for (int i = 0; i < segments.size(); ++i) {
        const Segment& segment = segments.at(i);
        if (segment.isInstrumental())
            continue;
        LyricLine line;
        line.startMs = segment.range.startMs;
        line.text = segment.lyric;
        line.words = segment.words;
        const bool last = i + 1 == segments.size();
        const bool flowsIntoNext = !last && !segments.at(i + 1).isInstrumental()
            && segments.at(i + 1).range.startMs == segment.range.endMs;
        if (!flowsIntoNext && !last)
            line.endMs = segment.range.endMs;
        lines.append(line);
    }
    return lines;
}

} // namespace tessera
