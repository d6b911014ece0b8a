#include "tessera/timeline/TimelineCommands.h"

#include "Tiling.h"

#include "tessera/timeline/SegmentDefaults.h"
#include "tessera/timeline/TimelineError.h"
#include "tessera/timeline/TimelineModel.h"

namespace tessera {

namespace {

//! Where the boundary after segment index may go: both sides keep the minimum length.
struct BoundaryLimits
{
    qint64 lowMs = 0;
    qint64 highMs = 0;
};

BoundaryLimits boundaryLimits(const TimelineModel& model, int index, const QString& what)
{
    model.requireIndex(index, what);
    if (index + 1 >= model.count()) {
        throw TimelineError(QStringLiteral("cannot %1 the end of segment %2: it is the last, and the song's end "
                                           "does not move")
                                .arg(what)
                                .arg(index + 1));
    }
    const Segment& left = model.segment(index);
    const Segment& right = model.segment(index + 1);
    if (left.range.endMs != right.range.startMs) {
        throw TimelineError(QStringLiteral("cannot %1 the boundary after segment %2: segments %2 and %3 do not touch")
                                .arg(what)
                                .arg(index + 1)
                                .arg(index + 2));
    }
    const qint64 minimum = model.options().minimumLengthMs;
    const BoundaryLimits limits{left.range.startMs + minimum, right.range.endMs - minimum};
    if (limits.lowMs > limits.highMs) {
        throw TimelineError(QStringLiteral("cannot %1 the boundary after segment %2: segments %2 and %3 together "
                                           "are shorter than twice the minimum length (%4)")
                                .arg(what)
                                .arg(index + 1)
                                .arg(index + 2)
                                .arg(formatSongTime(minimum)));
    }
    return limits;
}

QVector<Segment> withBoundaryAt(const TimelineModel& model, int index, qint64 positionMs)
{
    Segment left = model.segment(index);
    Segment right = model.segment(index + 1);
    left.range.endMs = positionMs;
    right.range.startMs = positionMs;
    left.words = internal::clampWords(left.words, left.range);
    right.words = internal::clampWords(right.words, right.range);
    return {left, right};
}

} // namespace

MoveBoundaryCommand::MoveBoundaryCommand(TimelineModel& model, int index, qint64 toMs)
    : TimelineCommand(model)
{
    const BoundaryLimits limits = boundaryLimits(model, index, QStringLiteral("move"));
    m_positionMs = qBound(limits.lowMs, toMs, limits.highMs);
    setEdit(index, 2, withBoundaryAt(model, index, m_positionMs),
            QStringLiteral("Move boundary between segments %1 and %2 to %3")
                .arg(index + 1)
                .arg(index + 2)
                .arg(formatSongTime(m_positionMs)));
}

SnapBoundaryCommand::SnapBoundaryCommand(TimelineModel& model, int index, const QVector<qint64>& beatTimesMs)
    : TimelineCommand(model)
{
    const BoundaryLimits limits = boundaryLimits(model, index, QStringLiteral("snap"));
    const qint64 current = model.segment(index).range.endMs;
    std::optional<qint64> best;
    for (const qint64 beat : beatTimesMs) {
        if (beat < limits.lowMs || beat > limits.highMs)
            continue;
        const qint64 distance = qAbs(beat - current);
        if (!best || distance < qAbs(*best - current) || (distance == qAbs(*best - current) && beat < *best))
            best = beat;
    }
    if (!best) {
        throw TimelineError(QStringLiteral("cannot snap the boundary after segment %1: no beat between %2 and %3")
                                .arg(index + 1)
                                .arg(formatSongTime(limits.lowMs), formatSongTime(limits.highMs)));
    }
    m_positionMs = *best;
    setEdit(index, 2, withBoundaryAt(model, index, m_positionMs),
            QStringLiteral("Snap boundary between segments %1 and %2 to the beat at %3")
                .arg(index + 1)
                .arg(index + 2)
                .arg(formatSongTime(m_positionMs)));
}

} // namespace tessera
