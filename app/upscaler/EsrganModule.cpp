// The upscaler module: the engine's EsrganUpscaler behind one C symbol (see EsrganModule.h).
#include "EsrganModule.h"

#include <string>

extern "C" __attribute__((visibility("default"))) void tesseraEsrganUpscale(const char* model, int scale,
    const tessera::RgbFloatImage* input, const std::atomic<bool>* cancel, tessera::RgbFloatImage* output)
{
    const tessera::EsrganUpscaler upscaler(model);
    if (upscaler.scale() != scale)
        throw tessera::DiffusionError(upscaler.modelJson().string(),
            "the model upscales x" + std::to_string(upscaler.scale()) + ", not x" + std::to_string(scale));
    tessera::UpscaleOptions options;
    options.cancel = cancel;
    *output = upscaler.upscale(*input, options);
}

// the declared type and the definition must agree
static_assert(std::is_same_v<tessera::upscaler::EsrganUpscaleFunction, decltype(&tesseraEsrganUpscale)>);
