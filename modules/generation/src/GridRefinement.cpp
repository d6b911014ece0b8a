#include "tessera/generation/GridRefinement.h"

#include "tessera/catalog/CatalogError.h"
#include "tessera/generation/GenerationError.h"
#include "tessera/motion/ImageSimilarity.h"
#include "tessera/motion/MotionError.h"

#include <QHash>
#include <QImage>

#include <algorithm>

namespace tessera {

namespace {

Segment storedSegment(const Catalog& catalog, qint64 segmentId)
{
    std::optional<Segment> segment = catalog.segment(segmentId);
    if (!segment)
        throw CatalogError(catalog.path(), QStringLiteral("no segment with id %1").arg(segmentId));
    return *segment;
}

QString cellName(CellIndex index)
{
    return QStringLiteral("cell %1,%2").arg(index.row).arg(index.col);
}

//! Where a cell of the coarse grid goes in the refined one.
CellIndex spread(CellIndex index, GridAxis axis)
{
    return axis == GridAxis::X ? CellIndex{index.row, index.col * 2} : CellIndex{index.row * 2, index.col};
}

QVector<CellMove> spreadingMoves(const GridGeometry& grid, GridAxis axis)
{
    QVector<CellMove> moves;
    for (int i = 0; i < grid.cellCount(); ++i)
        moves.append(CellMove{grid.cellAt(i), spread(grid.cellAt(i), axis)});
    return moves;
}

} // namespace

QVector<NeighbourSimilarity> neighbourSimilarities(const Catalog& catalog, qint64 segmentId)
{
    const Segment segment = storedSegment(catalog, segmentId);
    const GridGeometry& grid = segment.grid;
    QVector<QImage> previews(grid.cellCount());
    for (const Cell& cell : catalog.cells(segmentId)) {
        if (cell.activeVersionId == 0 || !grid.contains(cell.index))
            continue;
        QImage& preview = previews[grid.linearIndex(cell.index)];
        if (!preview.loadFromData(catalog.versionPreview(cell.activeVersionId), "PNG"))
            throw GenerationError(catalog.path(), QStringLiteral("%1 of segment id %2: its preview cannot be decoded").arg(cellName(cell.index)).arg(segmentId));
    }
    QVector<NeighbourSimilarity> pairs;
    const auto compare = [&](CellIndex a, CellIndex b) {
        NeighbourSimilarity pair{a, b, std::nullopt};
        const QImage& imageA = previews[grid.linearIndex(a)];
        const QImage& imageB = previews[grid.linearIndex(b)];
        if (!imageA.isNull() && !imageB.isNull()) {
            try {
                pair.ssim = structuralSimilarity(imageA, imageB);
            } catch (const MotionError& error) {
                throw GenerationError(catalog.path(),
                    QStringLiteral("%1 and %2 of segment id %3: %4").arg(cellName(a), cellName(b)).arg(segmentId).arg(error.problem()));
            }
        }
        pairs.append(pair);
    };
    for (int i = 0; i < grid.cellCount(); ++i) {
        const CellIndex cell = grid.cellAt(i);
        if (cell.col + 1 < grid.cols())
            compare(cell, CellIndex{cell.row, cell.col + 1});
        if (cell.row + 1 < grid.rows())
            compare(cell, CellIndex{cell.row + 1, cell.col});
    }
    return pairs;
}

std::optional<double> medianSimilarity(const QVector<NeighbourSimilarity>& pairs)
{
    QVector<double> values;
    for (const NeighbourSimilarity& pair : pairs)
        if (pair.ssim)
            values.append(*pair.ssim);
    if (values.isEmpty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
}

GridGeometry refinedGrid(const GridGeometry& grid, GridAxis axis)
{
    return axis == GridAxis::X ? GridGeometry(grid.rows(), grid.cols() * 2 - 1) : GridGeometry(grid.rows() * 2 - 1, grid.cols());
}

GridRefinement refineGrid(Catalog& catalog, qint64 segmentId, GridAxis axis)
{
    GridRefinement refinement;
    catalog.transact([&] {
        const Segment segment = storedSegment(catalog, segmentId);
        const int along = axis == GridAxis::X ? segment.grid.cols() : segment.grid.rows();
        const QString axisName = axis == GridAxis::X ? QStringLiteral("column") : QStringLiteral("row");
        if (along < 2) {
            throw GenerationError(catalog.path(), QStringLiteral("segment id %1 has one %2: refining puts cells between %2s, so it needs two")
                                                      .arg(segmentId)
                                                      .arg(axisName));
        }
        refinement.segmentId = segmentId;
        refinement.axis = axis;
        refinement.before = segment.grid;
        refinement.after = refinedGrid(segment.grid, axis);
        if (!refinement.after.isValid()) {
            throw GenerationError(catalog.path(), QStringLiteral("segment id %1 has %2 %3s: refined it would have %4, more than %5")
                                                      .arg(segmentId)
                                                      .arg(along)
                                                      .arg(axisName)
                                                      .arg(along * 2 - 1)
                                                      .arg(GridGeometry::kMaxSide));
        }
        // Each new cell sits between two old neighbours along the axis: the less alike they are,
        // the sooner it is made. Pairs across the axis are not between anything new.
        struct Candidate
        {
            CellIndex cell;
            std::optional<double> ssim;
        };
        QVector<Candidate> candidates;
        for (const NeighbourSimilarity& pair : neighbourSimilarities(catalog, segmentId)) {
            const bool alongAxis = axis == GridAxis::X ? pair.a.row == pair.b.row : pair.a.col == pair.b.col;
            if (!alongAxis)
                continue;
            const CellIndex left = spread(pair.a, axis);
            const CellIndex between = axis == GridAxis::X ? CellIndex{left.row, left.col + 1} : CellIndex{left.row + 1, left.col};
            candidates.append(Candidate{between, pair.ssim});
        }
        std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
            if (a.ssim.has_value() != b.ssim.has_value())
                return a.ssim.has_value();
            return a.ssim && *a.ssim < *b.ssim;
        });
        for (const Candidate& candidate : candidates)
            refinement.newCells.append(candidate.cell);
        catalog.regridSegment(segmentId, refinement.after, spreadingMoves(segment.grid, axis));
    });
    return refinement;
}

void undoRefinement(Catalog& catalog, const GridRefinement& refinement)
{
    catalog.transact([&] {
        const Segment segment = storedSegment(catalog, refinement.segmentId);
        if (segment.grid != refinement.after) {
            throw GenerationError(catalog.path(), QStringLiteral("segment id %1's grid is %2x%3, not the refined %4x%5 any more")
                                                      .arg(refinement.segmentId)
                                                      .arg(segment.grid.rows())
                                                      .arg(segment.grid.cols())
                                                      .arg(refinement.after.rows())
                                                      .arg(refinement.after.cols()));
        }
        int made = 0;
        for (const CellIndex& index : refinement.newCells) {
            const std::optional<Cell> cell = catalog.cell(refinement.segmentId, index);
            if (cell && !catalog.versions(cell->id).isEmpty())
                ++made;
        }
        if (made > 0) {
            throw GenerationError(catalog.path(),
                QStringLiteral("%1 of the new cells of segment id %2 already have an image, which taking the refinement back "
                               "would delete")
                    .arg(made)
                    .arg(refinement.segmentId));
        }
        QVector<CellMove> gather;
        for (const CellMove& move : spreadingMoves(refinement.before, refinement.axis))
            gather.append(CellMove{move.to, move.from});
        catalog.regridSegment(refinement.segmentId, refinement.before, gather);
    });
}

} // namespace tessera
