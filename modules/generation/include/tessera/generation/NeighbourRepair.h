#pragma once

#include "tessera/catalog/Catalog.h"
#include "tessera/generation/GridCoherence.h"

#include <QByteArray>
#include <QVector>

namespace tessera {

//! The start image of "repair from neighbours": the mean of a cell's edge-adjacent neighbours'
//! active images, so that an img2img pass from it at a moderate strength gives the cell an image
//! that continues its grid again.
struct NeighbourBlend
{
    QByteArray png;             //!< RGB, the size of the first neighbour's image
    QVector<qint64> versionIds; //!< the neighbours' versions it blends, in neighbour order
    QVector<Thumbnail> thumbnails; //!< theirs, for choosing the repair candidate that fits best
};

//! Blends the active images of the cell's neighbours that have one and are not rejected (a
//! rejected image is one the artist called bad). Throws GenerationError naming the project and
//! the cell when no neighbour qualifies, or when a stored image cannot be decoded or the blend encoded.
NeighbourBlend neighbourBlend(const Catalog& catalog, const Segment& segment, CellIndex cell);

//! The strength repairs use unless told otherwise: a third of the steps, enough to sharpen the
//! blend's soft average while keeping its colours and layout. Measured on the bundled model
//! (tst_generation): the model's own img2img drift grows with the strength, and past about 0.4 a
//! repaired cell sits farther from its neighbours than the grid's typical pair.
inline constexpr double kDefaultRepairStrength = 0.35;
//! Seeds tried per repaired cell by default, and at most.
inline constexpr int kDefaultRepairCandidates = 4;
inline constexpr int kMaxRepairCandidates = 16;

} // namespace tessera
