#include "tessera/project/CurationCommands.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/CatalogError.h"
#include "tessera/project/ProjectError.h"

#include <QCoreApplication>

namespace tessera {

SetCellCurationCommand::SetCellCurationCommand(QVector<CellCuration> after, QString text)
    : m_after(std::move(after))
    , m_text(std::move(text))
{
}

void SetCellCurationCommand::write(Catalog& catalog, const CellCuration& curation)
{
    // The active version first: setActiveVersion turns a rejected cell done, and the state
    // asked for must win.
    if (curation.activeVersionId != 0)
        catalog.setActiveVersion(curation.cellId, curation.activeVersionId);
    catalog.setCellState(curation.cellId, curation.state);
}

void SetCellCurationCommand::redo(Catalog& catalog)
{
    catalog.transact([&] {
        if (m_before.isEmpty()) { // remembered once: a redo after an undo goes back to the same cells
            for (const CellCuration& change : m_after) {
                const auto cell = catalog.cellById(change.cellId);
                if (!cell)
                    throw CatalogError(catalog.path(), QCoreApplication::translate("tessera::SetCellCurationCommand", "no cell with id %1").arg(change.cellId));
                m_before.append(CellCuration{cell->id, cell->state, cell->activeVersionId});
            }
        }
        for (const CellCuration& change : m_after)
            write(catalog, change);
    });
}

void SetCellCurationCommand::undo(Catalog& catalog)
{
    catalog.transact([&] {
        for (const CellCuration& previous : m_before)
            write(catalog, previous);
    });
}

namespace curation {

namespace {

void requireImage(const QString& projectPath, const Cell& cell, const char* change)
{
    if (cell.activeVersionId == 0) {
        throw ProjectError(projectPath, QStringLiteral("cell %1,%2 has no image to %3 (generate it first)")
                                            .arg(cell.index.row)
                                            .arg(cell.index.col)
                                            .arg(QLatin1String(change)));
    }
}

} // namespace

CellCuration reject(const QString& projectPath, const Cell& cell)
{
    requireImage(projectPath, cell, "reject");
    return CellCuration{cell.id, CellState::Rejected, 0};
}

CellCuration acceptAgain(const QString& projectPath, const Cell& cell)
{
    requireImage(projectPath, cell, "accept");
    return CellCuration{cell.id, CellState::Done, 0};
}

CellCuration lock(const QString& projectPath, const Cell& cell)
{
    requireImage(projectPath, cell, "lock");
    return CellCuration{cell.id, CellState::Locked, 0};
}

CellCuration unlock(const Cell& cell)
{
    return CellCuration{cell.id, cell.activeVersionId != 0 ? CellState::Done : CellState::Empty, 0};
}

CellCuration makeActive(const Cell& cell, qint64 versionId)
{
    return CellCuration{cell.id, cell.state == CellState::Locked ? CellState::Locked : CellState::Done, versionId};
}

} // namespace curation

} // namespace tessera
