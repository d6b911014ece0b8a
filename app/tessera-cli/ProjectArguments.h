#pragma once

#include "tessera/catalog/Catalog.h"

#include <QSize>
#include <QString>
#include <optional>

namespace tessera::cli {

//! The segment a user means by "--segment N": N counts from 1 in timeline order, as `info`
//! lists them. Throws CatalogError naming the project when there is no such segment.
Segment segmentByNumber(const Catalog& catalog, const QString& number);

//! "r,c" (rows and columns count from 0, as `cells --json` prints them); nullopt when malformed.
std::optional<CellIndex> parseCellIndex(const QString& text);

//! "WIDTHxHEIGHT" (e.g. 1920x1080), each side 1 to 99999; nullopt when malformed.
std::optional<QSize> parseSize(const QString& text);

//! The cell at r,c of a segment; throws CatalogError when it is outside the grid.
Cell cellAt(const Catalog& catalog, const Segment& segment, const QString& cellText);

} // namespace tessera::cli
