#pragma once

#include "tessera/motion/FlowField.h"

#include <QImage>

namespace tessera {

//! The longest side, in pixels, at which a cell's flow is estimated: the coarse structure that
//! moves between neighbouring cells is there, and DIS takes some 10 ms at this size.
inline constexpr int kFlowEstimateSide = 256;
//! The longest side at which it is stored (vectors are smooth; the compositor resamples them).
inline constexpr int kFlowStoredSide = 128;

//! The optical flow from one cell's image to its neighbour's: for each pixel of `from`, where its
//! content is in `to` (in the returned grid's pixels; `to` is brought to `from`'s shape first).
//! Still when no motion explains the change better than a dissolve does (the warped image is not
//! clearly closer to `to` than `from` itself), so morphing never does worse than dissolving.
//! Follows a subject that moves up to about half the cell (measured: a disc of radius 14 px in a
//! 128x96 cell is followed 64 px, lost at 72 px, where the morph falls back to the dissolve).
//! Deterministic: the same images give the same field.
FlowField estimateCellFlow(const QImage& from, const QImage& to);

} // namespace tessera
