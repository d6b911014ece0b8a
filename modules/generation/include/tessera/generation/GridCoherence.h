#pragma once

#include "tessera/catalog/Catalog.h"

#include <QByteArray>
#include <QVector>
#include <optional>

namespace tessera {

//! A cell's score above this breaks the grid's continuity: it differs from its neighbours one and
//! a half times more than neighbours in this grid typically differ.
inline constexpr double kSuspectCoherence = 1.5;

//! How well a cell continues its grid.
struct CellCoherence
{
    CellIndex index;
    //! The cell's mean distance to its neighbours divided by the grid's median neighbour distance:
    //! about 1 for a cell that fits, higher for one that breaks the grid (its neighbours rise a
    //! little too, since they are near it). Empty when the cell or all its neighbours lack an image.
    std::optional<double> score;

    bool isSuspect() const { return score && *score >= kSuspectCoherence; }
};

//! A 16x16 RGB thumbnail of an image, values in [0, 1], for comparing cells cheaply.
using Thumbnail = QVector<float>;

//! The thumbnail of a PNG (or any image Qt reads); empty when the bytes are not an image.
Thumbnail thumbnailOf(const QByteArray& imageBytes);
//! The thumbnail of a stored VersionPreview::signature (what thumbnailOf gives for its image).
Thumbnail thumbnailFromSignature(const QByteArray& signature);

//! The root mean square difference of two thumbnails, in [0, 1].
double thumbnailDistance(const Thumbnail& a, const Thumbnail& b);

//! Scores every cell of grid from its thumbnail (row-major, empty where a cell has no image).
QVector<CellCoherence> coherenceScores(const GridGeometry& grid, const QVector<Thumbnail>& thumbnails);

//! Scores every cell of a stored segment from its active version's image, row-major.
QVector<CellCoherence> gridCoherence(const Catalog& catalog, qint64 segmentId);

} // namespace tessera
