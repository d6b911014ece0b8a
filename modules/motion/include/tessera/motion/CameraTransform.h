#pragma once

#include "tessera/color/LinearImage.h"

namespace tessera {

//! Where the virtual camera stands for one frame, relative to the still frame.
struct CameraPose
{
    double zoom = 0.0;          //!< magnification - 1
    double rotateDegrees = 0.0; //!< counter-clockwise
    double shiftX = 0.0;        //!< the picture moves right by this fraction of the frame's width
    double shiftY = 0.0;        //!< and down by this fraction of its height

    bool isIdentity() const { return zoom == 0.0 && rotateDegrees == 0.0 && shiftX == 0.0 && shiftY == 0.0; }
};

//! The frame as the camera sees it: scaled and rotated about the frame's centre, then shifted,
//! resampled bilinearly in the image's own light (scene-linear in the compositor). Where the
//! camera sees past the picture's edge (a zoom out, a pan, a shake) the picture is mirrored, so
//! no black border flashes in on a beat. The identity pose returns the image unchanged.
LinearImage cameraTransform(const LinearImage& image, const CameraPose& pose);

} // namespace tessera
