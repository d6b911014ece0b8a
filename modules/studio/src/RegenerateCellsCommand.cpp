#include "tessera/studio/RegenerateCellsCommand.h"

#include "tessera/studio/GenerationQueue.h"

namespace tessera {

RegenerateCellsCommand::RegenerateCellsCommand(GenerationQueue* queue, qint64 segmentId, QVector<CellIndex> cells,
    QVector<CellCuration> rejections, std::optional<double> repairStrength, QString text)
    : m_queue(queue)
    , m_segmentId(segmentId)
    , m_cells(std::move(cells))
    , m_repairStrength(repairStrength)
    , m_curation(std::move(rejections), std::move(text))
{
}

void RegenerateCellsCommand::redo(Catalog& catalog)
{
    m_curation.redo(catalog);
    m_jobId = 0;
    if (!m_queue)
        return;
    m_jobId = m_repairStrength ? m_queue->enqueueRepair(m_segmentId, m_cells, *m_repairStrength)
                               : m_queue->enqueueSegment(m_segmentId, m_cells);
}

void RegenerateCellsCommand::undo(Catalog& catalog)
{
    // The job stops first (a cell in flight is dropped, not committed), so the states put back
    // below are the last word.
    if (m_queue && m_jobId != 0)
        m_queue->cancel(m_jobId);
    m_jobId = 0;
    m_curation.undo(catalog);
}

} // namespace tessera
