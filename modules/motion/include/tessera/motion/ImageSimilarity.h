#pragma once

#include <QImage>

namespace tessera {

//! The structural similarity (SSIM, Wang et al. 2004) of two images as OpenCV's quality module
//! computes it (a Gaussian window of 11 px, sigma 1.5), averaged over red, green and blue: 1 for
//! equal images, about 0 for unrelated ones, below 0 for opposed structure. Images of different
//! sizes are compared at the smaller one's size (the larger is resampled, area-averaged), and
//! images under the window's 11 px are enlarged to it. How much two neighbouring cells of a grid
//! look alike: where a refined grid needs cells first. Throws MotionError for a null image.
double structuralSimilarity(const QImage& a, const QImage& b);

} // namespace tessera
