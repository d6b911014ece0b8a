#pragma once

#include "tessera/core/CellState.h"
#include "tessera/core/GridGeometry.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>

namespace tessera {

//! A grid cell as the catalog holds it.
struct Cell
{
    qint64 id = 0;
    qint64 segmentId = 0;
    CellIndex index;
    CellState state = CellState::Empty;
    qint64 activeVersionId = 0; //!< 0 when the cell has no active version
};

//! One generated image of a cell, with the full recipe that made it.
struct Version
{
    qint64 id = 0;
    qint64 cellId = 0;
    QByteArray png;          //!< the image, PNG-encoded (left empty when only metadata is read)
    int width = 0;
    int height = 0;
    QJsonObject recipe;      //!< prompt, weights, seed, sampler, steps, guidance, model hash...
    qint64 generationMs = 0; //!< how long generating it took
    QDateTime created;
};

} // namespace tessera
