#include "tessera/timeline/TimelineCommands.h"

#include "Tiling.h"

#include "tessera/timeline/SegmentDefaults.h"
#include "tessera/timeline/TimelineModel.h"

namespace tessera {

TimelineCommand::TimelineCommand(TimelineModel& model)
    : m_model(model)
{
}

TimelineCommand::~TimelineCommand() = default;

void TimelineCommand::setEdit(int first, int count, const QVector<Segment>& after, const QString& text)
{
    const QVector<Segment>& current = m_model.segments();
    Q_ASSERT(first >= 0 && count >= 0 && first + count <= current.size());
    QVector<Segment> result = current.mid(0, first) + after + current.mid(first + count);
    internal::validateSegments(result, m_model.songDurationMs()); // a guard: commands check first
    m_first = first;
    m_before = current.mid(first, count);
    m_after = after;
    m_text = text;
}

void TimelineCommand::redo()
{
    m_model.replace(m_first, int(m_before.size()), m_after);
}

void TimelineCommand::undo()
{
    m_model.replace(m_first, int(m_after.size()), m_before);
}

bool TimelineCommand::isNoOp() const
{
    if (m_before.size() != m_after.size())
        return false;
    for (int i = 0; i < m_before.size(); ++i) {
        if (!sameSegment(m_before.at(i), m_after.at(i)))
            return false;
    }
    return true;
}

} // namespace tessera
