#pragma once

#include "tessera/catalog/CatalogCommand.h"
#include "tessera/core/CellState.h"
#include "tessera/core/Version.h"

#include <QString>
#include <QVector>

namespace tessera {

//! A cell as curation leaves it: its state and which version is active.
struct CellCuration
{
    qint64 cellId = 0;
    CellState state = CellState::Empty;
    qint64 activeVersionId = 0; //!< 0: leave the active version as it is
};

//! Sets the state (and optionally the active version) of several cells as one undo step, e.g.
//! reject the selection, lock a cell, make a version active. Undo puts back each cell's state
//! and active version as they were when the command first ran, so undoing a regenerate also
//! brings the earlier image back (the new version stays in the cell's history).
class SetCellCurationCommand : public CatalogCommand
{
public:
    SetCellCurationCommand(QVector<CellCuration> after, QString text);

    QString text() const override { return m_text; }
    void redo(Catalog& catalog) override;
    void undo(Catalog& catalog) override;

private:
    static void write(Catalog& catalog, const CellCuration& curation);

    QVector<CellCuration> m_after;
    QVector<CellCuration> m_before;
    QString m_text;
};

//! The curation rules, in one place for the studio's grid browser and `tessera-cli cell`: what
//! each change leaves of a cell. A change that needs an image throws ProjectError naming the
//! project and the cell when the cell has none (the studio offers those changes only for cells
//! with an image, so it never meets the error).
namespace curation {
//! Rejected: a grid job regenerates the cell. Needs an image.
CellCuration reject(const QString& projectPath, const Cell& cell);
//! Done again after a rejection. Needs an image.
CellCuration acceptAgain(const QString& projectPath, const Cell& cell);
//! Locked: grid jobs never regenerate the cell. Needs an image.
CellCuration lock(const QString& projectPath, const Cell& cell);
//! Unlocked: done with its image, empty without one.
CellCuration unlock(const Cell& cell);
//! versionId becomes the cell's image: a locked cell stays locked with it, any other is done.
CellCuration makeActive(const Cell& cell, qint64 versionId);
} // namespace curation

} // namespace tessera
