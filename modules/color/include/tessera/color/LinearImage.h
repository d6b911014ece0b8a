#pragma once

#include <cstddef>
#include <vector>

namespace tessera {

//! An RGB float image, three floats per pixel, rows packed: scene-linear working-space light for
//! the compositor to blend, or display-encoded values from a float display transform.
struct LinearImage
{
    int width = 0;
    int height = 0;
    std::vector<float> rgb; //!< width * height * 3 floats, row after row

    LinearImage() = default;
    LinearImage(int w, int h) : width(w), height(h), rgb(std::size_t(w) * std::size_t(h) * 3, 0.0f) {}

    bool isNull() const { return width <= 0 || height <= 0; }
    float* pixel(int x, int y) { return rgb.data() + (std::size_t(y) * std::size_t(width) + std::size_t(x)) * 3; }
    const float* pixel(int x, int y) const { return rgb.data() + (std::size_t(y) * std::size_t(width) + std::size_t(x)) * 3; }
};

} // namespace tessera
