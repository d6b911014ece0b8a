#include "tessera/diffusion/EsrganUpscaler.h"

#include "KerasLayersModel.h"
#include "tessera/diffusion/DiffusionPipeline.h"

#include <c10/core/InferenceMode.h>
#include <torch/torch.h>

#include <algorithm>
#include <cstring>
#include <string>

namespace tessera {

struct EsrganUpscaler::Private
{
    std::filesystem::path modelJson;
    detail::KerasLayersModel network;
    // UpscalerJS's inputRange/outputRange top: getESRGANModelDefinition gives RDN models [0, 255]
    // and the others (RRDN, the only ones it registers MultiplyBeta and PixelShuffle for) [0, 1]
    float range = 255.0F;
};

namespace {

std::filesystem::path modelJsonOf(const std::filesystem::path& model)
{
    std::error_code error;
    const std::filesystem::path json = model.extension() == ".json" ? model : model / "model.json";
    if (!std::filesystem::exists(json, error))
        throw DiffusionError(json.string(), "no such file (an ESRGAN model is a TF.js model.json with its weight shards)");
    return json;
}

} // namespace

EsrganUpscaler::EsrganUpscaler(const std::filesystem::path& model)
{
    const std::filesystem::path json = modelJsonOf(model);
    d = std::make_unique<Private>(Private{json, detail::KerasLayersModel(json)});
    d->range = d->network.hasRrdnLayers() ? 1.0F : 255.0F;
    if (d->network.inputChannels() != 3)
        throw DiffusionError(json.string(), "the network takes " + std::to_string(d->network.inputChannels())
                                                + " channels, not RGB");
}

EsrganUpscaler::~EsrganUpscaler() = default;
EsrganUpscaler::EsrganUpscaler(EsrganUpscaler&&) noexcept = default;
EsrganUpscaler& EsrganUpscaler::operator=(EsrganUpscaler&&) noexcept = default;

const std::filesystem::path& EsrganUpscaler::modelJson() const { return d->modelJson; }
int EsrganUpscaler::scale() const { return d->network.upsampling(); }
int EsrganUpscaler::receptiveRadius() const { return d->network.receptiveRadius(); }
float EsrganUpscaler::networkRange() const { return d->range; }

std::filesystem::path EsrganUpscaler::modelFolder(const std::filesystem::path& modelsDir, int scale)
{
    return modelsDir / ("x" + std::to_string(scale));
}

const std::vector<std::string>& EsrganUpscaler::networks()
{
    static const std::vector<std::string> names{"slim", "medium", "thick"};
    return names;
}

std::filesystem::path EsrganUpscaler::networkModelsDir(const std::filesystem::path& packagesDir, const std::string& name)
{
    return packagesDir / ("esrgan-" + name) / "models";
}

RgbFloatImage EsrganUpscaler::upscale(const RgbFloatImage& input, const UpscaleOptions& options) const
{
    if (input.width <= 0 || input.height <= 0
        || input.pixels.size() != static_cast<std::size_t>(input.width) * static_cast<std::size_t>(input.height) * 3)
        throw DiffusionError({}, "upscale: the image is " + std::to_string(input.width) + "x" + std::to_string(input.height)
                                     + " with " + std::to_string(input.pixels.size()) + " samples, not 3 per pixel");
    configureComputeThreads();
    c10::InferenceMode guard;
    const int scale = this->scale();
    const int tile = options.tileSize > 0 ? options.tileSize : std::max(16, (512 + scale - 1) / scale);
    const int overlap = options.tileOverlap >= 0 ? options.tileOverlap : receptiveRadius();

    // the whole input as NHWC over the caller's buffer; tiles are sliced from it
    const torch::Tensor image = torch::from_blob(const_cast<float*>(input.pixels.data()), {1, input.height, input.width, 3},
                                                 torch::kFloat32);
    RgbFloatImage output;
    output.width = input.width * scale;
    output.height = input.height * scale;
    output.pixels.resize(static_cast<std::size_t>(output.width) * static_cast<std::size_t>(output.height) * 3);
    torch::Tensor result = torch::from_blob(output.pixels.data(), {output.height, output.width, 3}, torch::kFloat32);

    for (int top = 0; top < input.height; top += tile) {
        for (int left = 0; left < input.width; left += tile) {
            if (options.cancel && options.cancel->load())
                throw GenerationCancelled();
            const int bottom = std::min(input.height, top + tile);
            const int right = std::min(input.width, left + tile);
            // the tile with its context: the network's zero padding then falls outside what is kept,
            // except at the image's own edges, where the untiled run pads the same way
            const int contextTop = std::max(0, top - overlap);
            const int contextLeft = std::max(0, left - overlap);
            const int contextBottom = std::min(input.height, bottom + overlap);
            const int contextRight = std::min(input.width, right + overlap);
            const torch::Tensor patch = image.slice(1, contextTop, contextBottom)
                                            .slice(2, contextLeft, contextRight)
                                            .permute({0, 3, 1, 2})
                                            .contiguous();
            // UpscalerJS's scaleIncomingPixels (x * (1/255) for a 0..1 network) and scaleOutput
            // (clip to the output range, then times 255 for a 0..1 network)
            const bool unit = d->range == 1.0F;
            const torch::Tensor upscaled = unit ? d->network.forward(patch * (1.0F / 255.0F)).clamp_(0.0, 1.0).mul_(255.0F)
                                                : d->network.forward(patch).clamp_(0.0, 255.0);
            result.slice(0, top * scale, bottom * scale)
                .slice(1, left * scale, right * scale)
                .copy_(upscaled[0]
                           .slice(1, (top - contextTop) * scale, (bottom - contextTop) * scale)
                           .slice(2, (left - contextLeft) * scale, (right - contextLeft) * scale)
                           .permute({1, 2, 0}));
        }
    }
    return output;
}

} // namespace tessera
