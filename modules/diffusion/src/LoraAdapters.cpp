// LoRAs merged into the loaded weights. Merging (W += strength x scale x up @ down, once per
// batch whose strengths differ from the last) costs nothing per sampling step, where a low-rank
// side path costs two extra products per layer per step; the price is that a batch shares one
// set of strengths, and that in bf16/fp16 each change rounds the weights once more.

#include "DiffusionPipelinePrivate.h"

#include <c10/core/InferenceMode.h>

namespace tessera {

using namespace detail;

void DiffusionPipeline::addLora(const std::string& path)
{
    c10::InferenceMode guard;
    std::map<std::string, std::map<std::string, std::vector<int64_t>>> shapes;
    for (const auto& [network, weights] : d->layerWeights) {
        for (const auto& [name, tensor] : weights)
            shapes[network][name] = tensor.sizes().vec();
    }
    auto lora = readKohyaLora(path, shapes, d->unet->config().layersPerBlock.front());
    const std::lock_guard<std::mutex> lock(d->loraMutex);
    // the file may have changed since it was added: its old version comes out before the new
    // one goes in at the same strength
    std::map<std::string, double> strengths;
    for (const auto& [addedPath, added] : d->loras)
        strengths[addedPath] = added.merged;
    const double strength = d->loras.count(path) ? d->loras.at(path).merged : 0.0;
    if (strength != 0.0) {
        strengths[path] = 0.0;
        d->applyLoraScales(strengths);
    }
    d->loras[path] = Private::AddedLora{std::move(lora), 0.0};
    if (strength != 0.0) {
        strengths[path] = strength;
        d->applyLoraScales(strengths);
    }
}

std::vector<std::string> DiffusionPipeline::loraPaths() const
{
    const std::lock_guard<std::mutex> lock(d->loraMutex);
    std::vector<std::string> paths;
    for (const auto& entry : d->loras)
        paths.push_back(entry.first);
    return paths;
}

void DiffusionPipeline::Private::applyLoraScales(const std::map<std::string, double>& scales) const
{
    for (const auto& [path, strength] : scales) {
        (void)strength;
        if (!loras.count(path))
            throw DiffusionError(path, "this LoRA was not added to the model (" + folder + ")");
    }
    c10::InferenceMode guard;
    for (auto& [path, added] : loras) {
        const auto wanted = scales.count(path) ? scales.at(path) : 0.0;
        const double change = wanted - added.merged;
        if (change == 0.0)
            continue;
        for (const auto& layer : added.lora.layers)
            layer.addTo(layerWeights.at(layer.network).at(layer.weightName), change);
        added.merged = wanted;
    }
}

} // namespace tessera
