#pragma once

#include "tessera/core/RenderSettings.h"
#include "tessera/core/Segment.h"

#include <QImage>

namespace tessera::internal {

//! Burns a segment's lyric line into a display-referred frame: centred near the bottom, outlined
//! so it reads on any image, the word being sung in the highlight colour when words are timed.
void paintCaption(QImage& frame, const Segment& segment, double seconds, const CaptionStyle& style);

} // namespace tessera::internal
