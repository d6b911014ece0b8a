#include "tessera/project/TimelineEdit.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/project/ProjectError.h"
#include "tessera/timeline/TimelineCommands.h"
#include "tessera/timeline/TimelineError.h"
#include "tessera/timeline/TimelineModel.h"

#include <QSet>

namespace tessera {

SegmentsEditCommand::SegmentsEditCommand(QVector<Segment> before, QVector<Segment> after, QString text,
    std::shared_ptr<SegmentIdMap> ids)
    : m_before(std::move(before))
    , m_after(std::move(after))
    , m_text(std::move(text))
    , m_ids(ids ? std::move(ids) : std::make_shared<SegmentIdMap>())
{
}

void SegmentsEditCommand::redo(Catalog& catalog)
{
    store(catalog, m_after);
}

void SegmentsEditCommand::undo(Catalog& catalog)
{
    store(catalog, m_before);
}

void SegmentsEditCommand::store(Catalog& catalog, QVector<Segment>& segments)
{
    QSet<qint64> present;
    for (const Segment& segment : catalog.segments())
        present.insert(segment.id);
    // Follow the ids earlier undo/redo steps gave re-stored segments; an id still missing is
    // a segment this step stores again (id 0 asks the catalog for a new one).
    QVector<Segment> resolved = segments;
    QVector<qint64> originalIds;
    for (Segment& segment : resolved) {
        originalIds.append(segment.id);
        qint64 id = segment.id;
        for (int hops = 0; id != 0 && !present.contains(id) && m_ids->contains(id) && hops < 1000; ++hops)
            id = m_ids->value(id);
        segment.id = present.contains(id) ? id : 0;
    }
    const QVector<Segment> stored = catalog.syncSegments(resolved);
    for (int i = 0; i < stored.size(); ++i) {
        if (originalIds.at(i) != 0 && originalIds.at(i) != stored.at(i).id)
            m_ids->insert(originalIds.at(i), stored.at(i).id);
    }
    // Segments new to this step (id 0, e.g. the right half of a split) keep the id they got
    // first: later steps were computed with it.
    for (int i = 0; i < stored.size(); ++i) {
        if (segments.at(i).id == 0)
            segments[i].id = stored.at(i).id;
    }
}

std::unique_ptr<SegmentsEditCommand> makeTimelineEdit(const Catalog& catalog, qint64 songDurationMs,
    const TimelineCommandFactory& makeCommand, std::shared_ptr<SegmentIdMap> ids, const TimelineOptions& options)
{
    TimelineModel model(options);
    const QVector<Segment> before = catalog.segments();
    try {
        model.reset(before, songDurationMs);
        const std::unique_ptr<TimelineCommand> command = makeCommand(model);
        if (command->isNoOp())
            return nullptr;
        command->redo();
        return std::make_unique<SegmentsEditCommand>(before, model.segments(), command->text(), std::move(ids));
    } catch (const TimelineError& error) {
        throw ProjectError(catalog.path(), error.problem());
    }
}

} // namespace tessera
