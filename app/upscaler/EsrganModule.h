#pragma once

// The one entry point of the upscaler module (libtessera-upscale.so), which links the libtorch
// engine: tessera-cli and the studio load it only when they upscale, so they start without
// loading libtorch (that alone takes about 0.4 s here).

#include "tessera/diffusion/EsrganUpscaler.h"

#include <atomic>

namespace tessera::upscaler {

//! Loads the ESRGAN model at `model` (model.json or its folder), checks it upscales `scale` times
//! (else throws DiffusionError) and upscales `input` into `output`. Throws on any failure.
using EsrganUpscaleFunction = void (*)(const char* model, int scale, const RgbFloatImage* input,
    const std::atomic<bool>* cancel, RgbFloatImage* output);
inline constexpr const char* kEsrganUpscaleSymbol = "tesseraEsrganUpscale";

} // namespace tessera::upscaler
