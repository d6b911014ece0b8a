#include "tessera/timeline/TimelineModel.h"

#include "Tiling.h"

#include "tessera/timeline/SegmentDefaults.h"
#include "tessera/timeline/TimelineError.h"

#include <algorithm>

namespace tessera {

TimelineModel::TimelineModel(const TimelineOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
{
    if (const QString problem = options.problem(); !problem.isEmpty())
        throw TimelineError(problem);
}

void TimelineModel::reset(const QVector<Segment>& segments, qint64 songDurationMs)
{
    internal::validateSegments(segments, songDurationMs);
    m_segments = segments;
    m_durationMs = songDurationMs;
    Q_EMIT modelReset();
}

const Segment& TimelineModel::segment(int index) const
{
    requireIndex(index, QStringLiteral("read"));
    return m_segments.at(index);
}

void TimelineModel::requireIndex(int index, const QString& what) const
{
    if (index < 0 || index >= m_segments.size()) {
        throw TimelineError(QStringLiteral("cannot %1 segment %2: the timeline has %3 segments")
                                .arg(what)
                                .arg(index + 1)
                                .arg(m_segments.size()));
    }
}

int TimelineModel::indexAt(qint64 ms) const
{
    // Segments are ordered and disjoint: the first one ending after ms is the only candidate.
    const auto it = std::upper_bound(m_segments.cbegin(), m_segments.cend(), ms,
                                     [](qint64 time, const Segment& segment) { return time < segment.range.endMs; });
    if (it == m_segments.cend() || !it->range.contains(ms))
        return -1;
    return int(it - m_segments.cbegin());
}

int TimelineModel::indexOfId(qint64 id) const
{
    for (int i = 0; i < m_segments.size(); ++i) {
        if (m_segments.at(i).id == id)
            return i;
    }
    return -1;
}

void TimelineModel::adoptIds(const QVector<Segment>& stored)
{
    if (stored.size() != m_segments.size())
        throw TimelineError(QStringLiteral("the stored timeline has %1 segments, the model %2").arg(stored.size()).arg(m_segments.size()));
    for (int i = 0; i < stored.size(); ++i) {
        if (stored.at(i).range != m_segments.at(i).range)
            throw TimelineError(QStringLiteral("stored segment %1 does not match the model's").arg(i + 1));
    }
    for (int i = 0; i < stored.size(); ++i) {
        if (m_segments.at(i).id != stored.at(i).id) {
            m_segments[i].id = stored.at(i).id;
            Q_EMIT segmentsReplaced(i, 1, 1);
        }
    }
}

void TimelineModel::replace(int first, int removedCount, const QVector<Segment>& inserted)
{
    Q_ASSERT(first >= 0 && first + removedCount <= m_segments.size());
    m_segments.remove(first, removedCount);
    for (int i = 0; i < inserted.size(); ++i)
        m_segments.insert(first + i, inserted.at(i));
    Q_EMIT segmentsReplaced(first, removedCount, int(inserted.size()));
}

} // namespace tessera
