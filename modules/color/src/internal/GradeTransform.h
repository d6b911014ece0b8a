#pragma once

#include "internal/OcioConfig.h"

#include "tessera/core/Grade.h"

namespace tessera::internal {

//! Middle grey in scene-linear light: the pivot gamma turns around, so gamma changes contrast
//! without changing the exposure of mid-tones (OCIO's default pivot for linear-style grades).
constexpr double kGammaPivot = 0.18;

//! Throws ColorError when a grade cannot be applied (non-finite, gamma <= 0, saturation < 0).
void checkGrade(const Grade& grade);

//! The grade as OCIO transforms in scene-linear light: exposure (x 2^stops) and gamma
//! (pivot * (v / pivot)^(1 / gamma)) in one ExposureContrastTransform, then saturation around
//! Rec.709 luma with negative light clipped to 0. dynamic: exposure and gamma become dynamic properties (for the GPU shader), and
//! the transform is kept even when the grade is the identity.
OCIO::GroupTransformRcPtr makeGradeTransform(const Grade& grade, bool dynamic = false);

//! The grade's per-channel part alone: exposure and gamma (empty group when both are neutral).
OCIO::GroupTransformRcPtr makeExposureGammaTransform(const Grade& grade, bool dynamic = false);
//! The grade's cross-channel part alone: saturation around Rec.709 luma, then negative light
//! clipped to 0 (empty group when saturation is 1).
OCIO::GroupTransformRcPtr makeSaturationTransform(const Grade& grade);

} // namespace tessera::internal
