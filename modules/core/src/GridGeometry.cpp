#include "tessera/core/GridGeometry.h"

#include <algorithm>
#include <cmath>

namespace tessera {

GridGeometry::GridGeometry(int rows, int cols)
    : m_rows(rows)
    , m_cols(cols)
{
}

bool GridGeometry::isValid() const
{
    return m_rows >= 1 && m_cols >= 1 && m_rows <= kMaxSide && m_cols <= kMaxSide;
}

bool GridGeometry::contains(CellIndex index) const
{
    return index.row >= 0 && index.col >= 0 && index.row < m_rows && index.col < m_cols;
}

int GridGeometry::linearIndex(CellIndex index) const
{
    return index.row * m_cols + index.col;
}

CellIndex GridGeometry::cellAt(int linear) const
{
    return m_cols > 0 ? CellIndex{linear / m_cols, linear % m_cols} : CellIndex{};
}

QVector<CellIndex> GridGeometry::neighbours(CellIndex index) const
{
    QVector<CellIndex> result;
    const std::array<CellIndex, 4> offsets{{{-1, 0}, {0, -1}, {0, 1}, {1, 0}}};
    for (const CellIndex& offset : offsets) {
        const CellIndex candidate{index.row + offset.row, index.col + offset.col};
        if (contains(candidate))
            result.append(candidate);
    }
    return result;
}

namespace {

struct AxisBlend
{
    int lower = 0;
    int upper = 0;
    double upperWeight = 0.0;
};

AxisBlend blendAlong(double position, int count)
{
    if (count <= 1)
        return {0, 0, 0.0};
    const double scaled = std::clamp(position, 0.0, 1.0) * (count - 1);
    const int lower = std::min(static_cast<int>(std::floor(scaled)), count - 1);
    const int upper = std::min(lower + 1, count - 1);
    return {lower, upper, scaled - lower};
}

} // namespace

QVector<WeightedCell> GridGeometry::bilinear(double x, double y) const
{
    QVector<WeightedCell> result;
    if (!isValid())
        return result;
    const AxisBlend bx = blendAlong(x, m_cols);
    const AxisBlend by = blendAlong(y, m_rows);
    const std::array<WeightedCell, 4> corners{{
        {{by.lower, bx.lower}, (1.0 - by.upperWeight) * (1.0 - bx.upperWeight)},
        {{by.lower, bx.upper}, (1.0 - by.upperWeight) * bx.upperWeight},
        {{by.upper, bx.lower}, by.upperWeight * (1.0 - bx.upperWeight)},
        {{by.upper, bx.upper}, by.upperWeight * bx.upperWeight},
    }};
    for (const WeightedCell& corner : corners) {
        if (corner.weight <= 0.0)
            continue;
        auto same = std::find_if(result.begin(), result.end(),
            [&](const WeightedCell& existing) { return existing.cell == corner.cell; });
        if (same != result.end())
            same->weight += corner.weight;
        else
            result.append(corner);
    }
    return result;
}

} // namespace tessera
