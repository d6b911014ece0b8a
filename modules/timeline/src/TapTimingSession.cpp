#include "tessera/timeline/TapTimingSession.h"

#include "tessera/timeline/TimelineError.h"
#include "tessera/timeline/TimelineModel.h"

#include <cmath>

namespace tessera {

namespace {

qint64 toMs(double seconds)
{
    return millisecondsFromSeconds(seconds);
}

} // namespace

TapTimingSession::TapTimingSession(Clock clock, QStringList lyricLines, int firstLine)
    : m_clock(std::move(clock))
    , m_lines(std::move(lyricLines))
    , m_firstLine(qBound(0, firstLine, int(m_lines.size())))
{
}

QStringList TapTimingSession::lyricLinesOf(const QVector<Segment>& segments)
{
    QStringList lines;
    for (const Segment& segment : segments) {
        if (!segment.isInstrumental())
            lines.append(segment.lyric);
    }
    return lines;
}

QString TapTimingSession::nextLineText() const
{
    return m_lines.value(m_firstLine + startedCount());
}

bool TapTimingSession::isLineOpen() const
{
    return !m_starts.isEmpty() && !m_ends.constLast().has_value();
}

bool TapTimingSession::markStart()
{
    if (isComplete())
        return false;
    const qint64 now = toMs(m_clock());
    // A tap before the last one means the artist seeked back: it cannot time this line.
    if (now < 0)
        return false;
    if (!m_starts.isEmpty() && (now <= m_starts.constLast() || now < m_ends.constLast().value_or(0)))
        return false;
    m_starts.append(now);
    m_ends.append(std::nullopt);
    m_log.append(TapKind::Start);
    return true;
}

bool TapTimingSession::markEnd()
{
    if (!isLineOpen())
        return false;
    const qint64 now = toMs(m_clock());
    if (now <= m_starts.constLast())
        return false;
    m_ends.last() = now;
    m_log.append(TapKind::End);
    return true;
}

bool TapTimingSession::undoLastTap()
{
    if (m_log.isEmpty())
        return false;
    if (m_log.takeLast() == TapKind::End) {
        m_ends.last().reset();
    } else {
        m_starts.removeLast();
        m_ends.removeLast();
    }
    return true;
}

std::unique_ptr<RetimeFromTapsCommand> TapTimingSession::makeRetimeCommand(TimelineModel& model) const
{
    if (m_starts.isEmpty())
        throw TimelineError(QStringLiteral("cannot retime: no line was tapped"));
    QVector<qint64> ends;
    const bool anyEnd = std::any_of(m_ends.cbegin(), m_ends.cend(), [](const auto& end) { return end.has_value(); });
    if (anyEnd) {
        // The command takes an end for every start or none: fill the gaps as the command would
        // without ends (a line lasts until the next one starts).
        const QVector<Segment>& segments = model.segments();
        QVector<const Segment*> lyricSegments;
        for (const Segment& segment : segments) {
            if (!segment.isInstrumental())
                lyricSegments.append(&segment);
        }
        for (int tap = 0; tap < m_starts.size(); ++tap) {
            if (m_ends.at(tap)) {
                ends.append(*m_ends.at(tap));
            } else if (tap + 1 < m_starts.size()) {
                ends.append(m_starts.at(tap + 1));
            } else {
                const Segment* old = lyricSegments.value(m_firstLine + tap);
                const qint64 oldEnd = old ? old->range.endMs : model.songDurationMs();
                const qint64 minimumEnd = m_starts.at(tap) + model.options().minimumLengthMs;
                ends.append(oldEnd >= minimumEnd ? oldEnd : std::min(minimumEnd, model.songDurationMs()));
            }
        }
    }
    return std::make_unique<RetimeFromTapsCommand>(model, m_starts, ends, m_firstLine,
        RetimeFromTapsCommand::WordTiming::Scale);
}

} // namespace tessera
