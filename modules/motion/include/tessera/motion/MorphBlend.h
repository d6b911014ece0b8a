#pragma once

#include "tessera/color/LinearImage.h"
#include "tessera/motion/FlowField.h"

#include <vector>

namespace tessera {

//! One image of a morph: its light, how far its content moves toward the blend position (a field
//! of any size, resampled to the image's), and its share of the blend.
struct MorphInput
{
    const LinearImage* image = nullptr;
    FlowField displacement; //!< null or still: the image stays where it is
    float weight = 0.0f;
};

//! The weighted blend of images each moved along its displacement first, so that a subject that
//! moves between neighbouring cells moves in the blend instead of showing twice. Where an image's
//! moved content leaves a hole (what it uncovers), the others fill it; where none covers a pixel,
//! the plain dissolve does. With still displacements it is the dissolve. The images share a size.
LinearImage morphBlend(const std::vector<MorphInput>& inputs);

} // namespace tessera
