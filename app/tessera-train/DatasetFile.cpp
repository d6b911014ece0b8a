#include "DatasetFile.h"

#include "TensorLoader.h"

#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/SafetensorsFile.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <cstring>

namespace tessera::train {

using namespace tessera::detail;

namespace {
const char* const kFormat = "tessera-train-dataset-1";
}

void saveDatasetFile(const DatasetFile& dataset, const std::string& path)
{
    const auto n = static_cast<int64_t>(dataset.images.size());
    const auto bytes = static_cast<std::size_t>(dataset.size) * static_cast<std::size_t>(dataset.size) * 3;
    auto pixels = at::empty({n, dataset.size, dataset.size, 3}, at::kByte);
    nlohmann::json captions = nlohmann::json::array();
    for (int64_t i = 0; i < n; ++i) {
        const auto& item = dataset.images[static_cast<std::size_t>(i)];
        if (item.rgb.size() != bytes)
            throw DiffusionError(path, "image " + std::to_string(i) + " (" + item.caption + ") has the wrong size");
        std::memcpy(pixels[i].data_ptr(), item.rgb.data(), bytes);
        captions.push_back(item.caption);
    }
    writeSafetensors(path, {{"images", pixels}},
                     {{"format", kFormat}, {"captions", captions.dump()}, {"note", dataset.note}});
}

DatasetFile loadDatasetFile(const std::string& path)
{
    SafetensorsFile file(path);
    const auto& metadata = file.metadata();
    const auto format = metadata.find("format");
    if (format == metadata.end() || format->second != kFormat || !metadata.count("captions"))
        throw DiffusionError(path, "not a tessera-train dataset file");
    nlohmann::json captions;
    try {
        captions = nlohmann::json::parse(metadata.at("captions"));
    } catch (const nlohmann::json::exception& e) {
        throw DiffusionError(path, std::string("malformed captions: ") + e.what());
    }
    const auto pixels = toTensor(file.tensor("images"), path).contiguous();
    if (pixels.dim() != 4 || pixels.scalar_type() != at::kByte || pixels.size(1) != pixels.size(2)
        || pixels.size(3) != 3 || !captions.is_array() || static_cast<int64_t>(captions.size()) != pixels.size(0))
        throw DiffusionError(path, "images must be uint8 [N, S, S, 3] with one caption each");
    DatasetFile dataset;
    dataset.size = static_cast<int>(pixels.size(1));
    const auto note = metadata.find("note");
    dataset.note = note == metadata.end() ? std::string() : note->second;
    const auto bytes = static_cast<std::size_t>(pixels[0].numel());
    for (int64_t i = 0; i < pixels.size(0); ++i) {
        CaptionedImage item;
        item.caption = captions[static_cast<std::size_t>(i)].get<std::string>();
        const auto* data = pixels[i].data_ptr<std::uint8_t>();
        item.rgb.assign(data, data + bytes);
        dataset.images.push_back(std::move(item));
    }
    return dataset;
}

} // namespace tessera::train
