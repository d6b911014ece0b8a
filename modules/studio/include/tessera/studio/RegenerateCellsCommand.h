#pragma once

#include "tessera/catalog/CatalogCommand.h"
#include "tessera/core/GridGeometry.h"
#include "tessera/project/CurationCommands.h"

#include <QPointer>
#include <QVector>

#include <optional>

namespace tessera {

class GenerationQueue;

//! "Regenerate N cells" (or "Repair N cells from neighbours") as one undo step: the cells are
//! rejected and a grid job for them is queued; undo cancels that job if it has not finished
//! (cells it already made stay in their history) and puts back each cell's state and image;
//! redo rejects them again and queues a new job. Without undo cancelling the job, it ran on and
//! left a mix of old and new cells.
class RegenerateCellsCommand : public CatalogCommand
{
public:
    //! rejections: the cells that get rejected (those with an image); cells: every cell to make.
    //! repairStrength set: a repair from neighbours at that strength.
    RegenerateCellsCommand(GenerationQueue* queue, qint64 segmentId, QVector<CellIndex> cells,
        QVector<CellCuration> rejections, std::optional<double> repairStrength, QString text);

    QString text() const override { return m_curation.text(); }
    void redo(Catalog& catalog) override;
    void undo(Catalog& catalog) override;

    //! The job the last redo queued; 0 when none (no queue, or the request waits for the model).
    qint64 jobId() const { return m_jobId; }

private:
    QPointer<GenerationQueue> m_queue;
    qint64 m_segmentId = 0;
    QVector<CellIndex> m_cells;
    std::optional<double> m_repairStrength;
    SetCellCurationCommand m_curation;
    qint64 m_jobId = 0;
};

} // namespace tessera
