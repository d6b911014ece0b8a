#include "tessera/studio/RefineGridCommand.h"

#include "tessera/catalog/CatalogError.h"
#include "tessera/studio/GenerationQueue.h"

namespace tessera {

RefineGridCommand::RefineGridCommand(GenerationQueue* queue, qint64 segmentId, int segmentNumber, const GridGeometry& grid, GridAxis axis)
    : m_queue(queue)
    , m_segmentId(segmentId)
    , m_segmentNumber(segmentNumber)
    , m_before(grid)
    , m_axis(axis)
{
}

QString RefineGridCommand::text() const
{
    const GridGeometry after = refinedGrid(m_before, m_axis);
    return tr("Refine segment %1 to %2 x %3").arg(m_segmentNumber).arg(after.rows()).arg(after.cols());
}

void RefineGridCommand::redo(Catalog& catalog)
{
    // An undo that was refused (new cells had images) left the refined grid: refining it again
    // would make a third density nobody asked for.
    const std::optional<Segment> segment = catalog.segment(m_segmentId);
    if (segment && segment->grid != m_before) {
        throw CatalogError(catalog.path(), tr("segment %1's grid is %2 x %3, not the %4 x %5 this step refines")
                                               .arg(m_segmentNumber)
                                               .arg(segment->grid.rows())
                                               .arg(segment->grid.cols())
                                               .arg(m_before.rows())
                                               .arg(m_before.cols()));
    }
    m_refinement = refineGrid(catalog, m_segmentId, m_axis);
    m_jobId = m_queue ? m_queue->enqueueInOrder(m_segmentId, m_refinement.newCells) : 0;
}

void RefineGridCommand::undo(Catalog& catalog)
{
    // The job stops first (a cell in flight is dropped, not committed).
    if (m_queue && m_jobId != 0)
        m_queue->cancel(m_jobId);
    m_jobId = 0;
    // Said here in the artist's terms (undoRefinement refuses the same, by the segment's id).
    int made = 0;
    for (const CellIndex& index : m_refinement.newCells) {
        const std::optional<Cell> cell = catalog.cell(m_segmentId, index);
        made += cell && cell->activeVersionId != 0 ? 1 : 0;
    }
    if (made > 0) {
        throw CatalogError(catalog.path(),
            tr("%n new cell(s) of segment %1 already have an image, which taking the refinement back would delete; "
               "the refined grid stays",
                nullptr, made)
                .arg(m_segmentNumber));
    }
    undoRefinement(catalog, m_refinement);
}

} // namespace tessera
