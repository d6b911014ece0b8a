#pragma once

#include "tessera/catalog/CatalogCommand.h"
#include "tessera/core/Segment.h"
#include "tessera/timeline/TimelineOptions.h"

#include <QHash>
#include <QVector>

#include <functional>
#include <memory>

namespace tessera {

class TimelineCommand;
class TimelineModel;

//! Old segment ids and the ids their segments got when an undo or redo stored them again
//! (the catalog deletes a merged-away segment; undo adds it back under a new id). Shared by the
//! commands of one undo history so each step finds the segments the steps before it stored.
using SegmentIdMap = QHash<qint64, qint64>;

//! A timeline edit as a catalog edit: the stored segments go from `before` to `after` (and back
//! on undo) in one transaction. Built by makeTimelineEdit from a TimelineCommand (split, merge,
//! move/snap, retime, relyric, rename) or by makeReplaceLyricsCommand.
//! Known limit: a segment the edit removes loses its cells and versions; undo brings the segment
//! back with a fresh, empty grid.
class SegmentsEditCommand : public CatalogCommand
{
public:
    SegmentsEditCommand(QVector<Segment> before, QVector<Segment> after, QString text,
        std::shared_ptr<SegmentIdMap> ids = {});

    QString text() const override { return m_text; }
    void redo(Catalog& catalog) override;
    void undo(Catalog& catalog) override;

    const QVector<Segment>& before() const { return m_before; }
    const QVector<Segment>& after() const { return m_after; }

private:
    void store(Catalog& catalog, QVector<Segment>& segments);

    QVector<Segment> m_before;
    QVector<Segment> m_after;
    QString m_text;
    std::shared_ptr<SegmentIdMap> m_ids;
};

//! Builds a timeline command over the catalog's segments, e.g.
//! `[&](TimelineModel& m) { return std::make_unique<SplitSegmentCommand>(m, 2, 61500); }`.
using TimelineCommandFactory = std::function<std::unique_ptr<TimelineCommand>(TimelineModel&)>;

//! The catalog edit that makes the timeline command built by makeCommand: computed on a model
//! loaded from the catalog's segments (nothing is written yet; EditHistory::execute applies it).
//! Returns null when the edit would change nothing. Throws TimelineError, prefixed with the
//! project's path, when the edit is refused.
std::unique_ptr<SegmentsEditCommand> makeTimelineEdit(const Catalog& catalog, qint64 songDurationMs,
    const TimelineCommandFactory& makeCommand, std::shared_ptr<SegmentIdMap> ids = {},
    const TimelineOptions& options = {});

} // namespace tessera
