#pragma once

// Writes one float32 tensor as a .safetensors file (the format's header: an 8-byte little-endian
// length, then JSON naming dtype, shape and byte offsets, padded with spaces to 8 bytes), so that
// sample --tensor results can be read by Tessera's reader, numpy's safetensors or torch.

#include <QByteArray>
#include <QString>
#include <QVector>

namespace tessera::cli {

//! Writes `values` (float32, native little-endian order, product(shape) elements) as tensor
//! `name`; throws GenerationError "<path>: <problem>".
void writeFloatSafetensors(const QString& path, const QString& name, const QVector<qint64>& shape,
    const QByteArray& values);

} // namespace tessera::cli
