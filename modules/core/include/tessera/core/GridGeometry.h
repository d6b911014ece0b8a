#pragma once

#include <QVector>
#include <array>

namespace tessera {

//! A cell's coordinates in a segment's grid: row along Y, column along X.
struct CellIndex
{
    int row = 0;
    int col = 0;
    friend bool operator==(const CellIndex& a, const CellIndex& b)
    {
        return a.row == b.row && a.col == b.col;
    }
    friend bool operator!=(const CellIndex& a, const CellIndex& b) { return !(a == b); }
};

//! An axis of a segment's grid: X runs along the columns, Y along the rows.
enum class GridAxis { X, Y };

//! Where a cell goes when its grid is reshaped (Catalog::regridSegment).
struct CellMove
{
    CellIndex from;
    CellIndex to;
};

//! One of the (up to) four cells a continuous grid position blends, with its weight.
struct WeightedCell
{
    CellIndex cell;
    double weight = 0.0;
};

//! The shape of a segment's grid: rows x cols cells, addressed by CellIndex or linear index.
class GridGeometry
{
public:
    static constexpr int kMaxSide = 128; //!< 16,384 cells: bench_grid_scale keeps 100x100 interactive

    GridGeometry() = default;
    GridGeometry(int rows, int cols);

    int rows() const { return m_rows; }
    int cols() const { return m_cols; }
    int cellCount() const { return m_rows * m_cols; }
    bool isValid() const;
    bool contains(CellIndex index) const;

    //! Row-major linear index, used to order cells in jobs and thumbnails.
    int linearIndex(CellIndex index) const;
    CellIndex cellAt(int linearIndex) const;

    //! Edge-adjacent neighbours (up to four): the pairs that must look alike to avoid flicker.
    QVector<CellIndex> neighbours(CellIndex index) const;

    //! Bilinear blend of a continuous position, x and y in [0, 1] across the whole grid
    //! (0 = first column/row centre, 1 = last). Weights sum to 1; cells with zero weight
    //! are omitted. Positions outside [0, 1] are clamped.
    QVector<WeightedCell> bilinear(double x, double y) const;

    friend bool operator==(const GridGeometry& a, const GridGeometry& b)
    {
        return a.m_rows == b.m_rows && a.m_cols == b.m_cols;
    }
    friend bool operator!=(const GridGeometry& a, const GridGeometry& b) { return !(a == b); }

private:
    int m_rows = 0;
    int m_cols = 0;
};

} // namespace tessera
