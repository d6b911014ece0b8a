#pragma once

#include "tessera/catalog/Catalog.h"

#include <QVector>
#include <optional>

namespace tessera {

//! Two edge-adjacent cells of a grid and how alike their active images look.
struct NeighbourSimilarity
{
    CellIndex a; //!< the left or upper cell
    CellIndex b; //!< its right or lower neighbour
    //! structuralSimilarity of the two active versions' previews (VersionPreview, at most 128 px a
    //! side; SSIM in [-1, 1], 1 for equal images); empty when either cell has no image.
    std::optional<double> ssim;
};

//! The similarity of every edge-adjacent pair of a stored segment's grid: for each cell in
//! row-major order, its right neighbour, then the one below. Throws CatalogError for an unknown
//! segment, GenerationError naming the project and cell for a preview that cannot be decoded.
QVector<NeighbourSimilarity> neighbourSimilarities(const Catalog& catalog, qint64 segmentId);

//! The median SSIM of the pairs that have one; empty when none has.
std::optional<double> medianSimilarity(const QVector<NeighbourSimilarity>& pairs);

//! The grid with one axis twice as dense: n cells along it become 2n - 1, the existing ones at
//! the even places (the axes' parameters there are unchanged: parameterAt(2i, 2n - 1) equals
//! parameterAt(i, n)) and new ones halfway between.
GridGeometry refinedGrid(const GridGeometry& grid, GridAxis axis);

//! What refineGrid did, enough to take it back (undoRefinement).
struct GridRefinement
{
    qint64 segmentId = 0;
    GridAxis axis = GridAxis::X;
    GridGeometry before;
    GridGeometry after;
    //! The new cells in the order to generate them: those between the least alike neighbours
    //! first (lowest SSIM), then those beside a cell without an image, row-major.
    QVector<CellIndex> newCells;
};

//! Refines a stored segment's grid along axis (refinedGrid) in one transaction: every cell moves
//! to its even place with its history, state and grade; the new cells between are empty. Throws
//! GenerationError naming the project and segment when the axis has one cell (nothing lies between)
//! or the refined grid would pass GridGeometry::kMaxSide.
GridRefinement refineGrid(Catalog& catalog, qint64 segmentId, GridAxis axis);

//! Takes a refinement back in one transaction: the cells return to their places and the new
//! ones are removed. Throws GenerationError when a new cell already has an image (undo would
//! delete it: reject or keep it instead) or the segment's grid is no longer the refined one.
void undoRefinement(Catalog& catalog, const GridRefinement& refinement);

} // namespace tessera
