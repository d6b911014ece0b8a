#pragma once

#include "tessera/color/LinearImage.h"
#include "tessera/core/RenderSettings.h"

namespace tessera::internal {

//! Places a scene-linear image in a frame of another size: Fill covers the frame and crops the
//! overflow, Fit shows all of it with black bars. Scaled in linear light (never on encoded
//! values) by Qt's smooth scaler on 32-bit float pixels: area averaging down, bilinear up.
LinearImage placeInFrame(const LinearImage& image, int width, int height, FrameFit fit);

} // namespace tessera::internal
