#pragma once

#include "tessera/motion/FlowField.h"

#include <QImage>

namespace tessera {

//! The longest side, in pixels, at which a cell's flow is estimated: the coarse structure that
//! moves between neighbouring cells is there, and DIS's coarse-to-fine passes stay cheap.
inline constexpr int kFlowEstimateSide = 256;
//! The longest side at which it is stored (vectors are smooth; the compositor resamples them).
inline constexpr int kFlowStoredSide = 128;

//! The flows between two neighbouring cells' images, each way.
struct CellFlowPair
{
    FlowField forward;  //!< from the first image to the second
    FlowField backward; //!< from the second to the first
};

//! The optical flow from one cell's image to its neighbour's: for each pixel of `from`, where its
//! content is in `to` (in the returned grid's pixels; `to` is brought to `from`'s shape first).
//! Still when no motion explains the change (the warped image is not much closer to `to` than
//! `from` itself, or the flows each way disagree), so morphing falls back to dissolving.
//! Follows a subject that moves up to about half the cell (measured: a disc of radius 14 px in a
//! 128x96 cell is followed 64 px, lost at 72 px, where the morph falls back to the dissolve).
//! Deterministic: the same images give the same field.
//! Both flows are estimated together: a motion is kept only when they agree (see CellFlow.cpp),
//! else both are still.
CellFlowPair estimateCellFlows(const QImage& from, const QImage& to);
//! The forward one of estimateCellFlows.
FlowField estimateCellFlow(const QImage& from, const QImage& to);

} // namespace tessera
