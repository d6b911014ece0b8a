#pragma once

#include "tessera/catalog/CatalogCommand.h"
#include "tessera/color/ExposureMatch.h"
#include "tessera/core/Segment.h"
#include "tessera/core/Version.h"

#include <QVector>

#include <memory>

namespace tessera {

class Catalog;

//! Match exposure planned for one segment's grid: what was measured and the undoable edit that
//! stores each generated cell's offset as its cell exposure grade (other grade fields kept).
struct SegmentExposureMatch
{
    QVector<Cell> cells;  //!< the generated cells, in the order of match's per-cell vectors
    ExposureMatch match;
    std::unique_ptr<SetGradesCommand> command; //!< not yet applied
};

//! Measures the active image of every generated cell of the segment and plans the grades that
//! bring each to the grid's median brightness. Shared by the studio (through its undo history)
//! and `tessera-cli match-exposure`. Throws CatalogError naming the project when the segment has
//! no generated cell or an image cannot be read. label names the segment in the edit's text.
SegmentExposureMatch planExposureMatch(const Catalog& catalog, const Segment& segment, const QString& label);

} // namespace tessera
