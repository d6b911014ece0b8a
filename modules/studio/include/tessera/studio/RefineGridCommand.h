#pragma once

#include "tessera/catalog/CatalogCommand.h"
#include "tessera/generation/GridRefinement.h"

#include <QCoreApplication>
#include <QPointer>

namespace tessera {

class GenerationQueue;

//! "Refine segment N to R x C" as one undo step: the grid becomes twice as dense along an axis
//! (refineGrid: the cells keep their images at the even places) and a job for the new cells is
//! queued, between the least alike neighbours first. Undo cancels the job and takes the
//! refinement back, unless a new cell already has an image (that would delete it: the error says
//! so and nothing changes); redo refines again only the grid it refined before.
class RefineGridCommand : public CatalogCommand
{
    Q_DECLARE_TR_FUNCTIONS(tessera::RefineGridCommand)
public:
    //! grid: the segment's grid now, for the step's name.
    RefineGridCommand(GenerationQueue* queue, qint64 segmentId, int segmentNumber, const GridGeometry& grid, GridAxis axis);

    QString text() const override;
    void redo(Catalog& catalog) override;
    void undo(Catalog& catalog) override;

    const GridRefinement& refinement() const { return m_refinement; }
    //! The job the last redo queued; 0 when none (no queue, or the request waits for the model).
    qint64 jobId() const { return m_jobId; }

private:
    QPointer<GenerationQueue> m_queue;
    qint64 m_segmentId = 0;
    int m_segmentNumber = 0;
    GridGeometry m_before;
    GridAxis m_axis;
    GridRefinement m_refinement;
    qint64 m_jobId = 0;
};

} // namespace tessera
