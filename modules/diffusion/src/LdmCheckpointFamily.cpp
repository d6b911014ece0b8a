#include "tessera/diffusion/LdmCheckpointFamily.h"

#include "tessera/diffusion/DiffusionError.h"

#include "LdmNameParts.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace tessera {

namespace {

using namespace detail;

bool anyKeyStartsWith(const std::map<std::string, std::vector<std::int64_t>>& shapes, const std::string& prefix)
{
    const auto it = shapes.lower_bound(prefix);
    return it != shapes.end() && startsWith(it->first, prefix);
}

//! The width of the text embedding the UNet's cross-attention reads (attn2.to_k's input size), or 0.
std::int64_t unetContextWidth(const std::map<std::string, std::vector<std::int64_t>>& shapes)
{
    for (const auto& [key, shape] : shapes) {
        const std::string suffix = ".attn2.to_k.weight";
        if (startsWith(key, kLdmUnetPrefix) && key.size() > suffix.size()
            && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0 && shape.size() == 2)
            return shape[1];
    }
    return 0;
}

std::int64_t widthOf(const std::map<std::string, std::vector<std::int64_t>>& shapes, const std::string& key)
{
    const auto it = shapes.find(key);
    return it != shapes.end() && it->second.size() == 2 ? it->second[1] : 0;
}

bool fileNameSaysTurbo(const std::string& path)
{
    auto name = std::filesystem::path(path).filename().string();
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    return name.find("turbo") != std::string::npos;
}

//! SDXL (SGM names): CLIP ViT-L (768) and OpenCLIP ViT-bigG (1280) side by side, 2048 wide.
LdmCheckpointKind sdxlKind(const std::map<std::string, std::vector<std::int64_t>>& shapes, const std::string& path)
{
    if (!anyKeyStartsWith(shapes, kSgmClipPrefix) || !anyKeyStartsWith(shapes, kSgmOpenClipPrefix))
        throw DiffusionError(path, "has conditioner.embedders.* but not SDXL base's two text encoders ("
                                   + kSgmClipPrefix + "* and " + kSgmOpenClipPrefix
                                   + "*): an SDXL refiner or another SGM model, which is not supported");
    const auto clipWidth = widthOf(shapes, kSgmClipPrefix + "text_model.embeddings.token_embedding.weight");
    const auto openClipWidth = widthOf(shapes, kSgmOpenClipPrefix + "token_embedding.weight");
    const auto context = unetContextWidth(shapes);
    if (clipWidth != 768 || openClipWidth != 1280 || context != 2048)
        throw DiffusionError(path, "text encoders " + std::to_string(clipWidth) + " and " + std::to_string(openClipWidth)
                                       + " wide and a UNet context " + std::to_string(context)
                                       + " wide are no known SDXL family (768 + 1280 = 2048)");
    LdmCheckpointKind kind;
    kind.family = fileNameSaysTurbo(path) ? "sdxl-turbo" : "sdxl";
    kind.textEncoder = LdmTextEncoder::Sdxl;
    return kind;
}

} // namespace

LdmTextEncoder ldmTextEncoderOf(const std::map<std::string, std::vector<std::int64_t>>& shapes)
{
    if (anyKeyStartsWith(shapes, "conditioner.embedders."))
        return LdmTextEncoder::Sdxl;
    return anyKeyStartsWith(shapes, kLdmOpenClipPrefix) ? LdmTextEncoder::OpenClip : LdmTextEncoder::ClipTransformers;
}

LdmCheckpointKind detectLdmCheckpointKind(const std::map<std::string, std::vector<std::int64_t>>& shapes,
                                          const std::string& path)
{
    if (!anyKeyStartsWith(shapes, kLdmUnetPrefix))
        throw DiffusionError(path, "has no model.diffusion_model.* UNet: not a Stable Diffusion checkpoint in the "
                                   "original (ldm) naming");
    const auto conv = shapes.find(kLdmUnetPrefix + "input_blocks.0.0.weight");
    if (conv != shapes.end() && conv->second.size() == 4 && conv->second[1] != 4)
        throw DiffusionError(path, "the UNet takes " + std::to_string(conv->second[1])
                                       + " input channels (an inpainting or other special model); only 4 are supported");
    if (anyKeyStartsWith(shapes, "conditioner.embedders."))
        return sdxlKind(shapes, path);
    const auto context = unetContextWidth(shapes);
    LdmCheckpointKind kind;
    std::int64_t textWidth = 0;
    if (anyKeyStartsWith(shapes, kLdmClipPrefix)) {
        textWidth = std::max(widthOf(shapes, kLdmClipPrefix + "text_model.embeddings.token_embedding.weight"),
                             widthOf(shapes, kLdmClipPrefix + "embeddings.token_embedding.weight")); // pre-4.19 names
        if (textWidth != 768 || context != 768)
            throw DiffusionError(path, "a CLIP text encoder " + std::to_string(textWidth) + " wide and a UNet context "
                                           + std::to_string(context) + " wide are no known SD 1.x family (768)");
        kind.family = "sd15";
        kind.textEncoder = LdmTextEncoder::ClipTransformers;
        return kind;
    }
    if (anyKeyStartsWith(shapes, kLdmOpenClipPrefix)) {
        textWidth = widthOf(shapes, kLdmOpenClipPrefix + "token_embedding.weight");
        if (textWidth != 1024 || context != 1024)
            throw DiffusionError(path, "an OpenCLIP text encoder " + std::to_string(textWidth)
                                           + " wide and a UNet context " + std::to_string(context)
                                           + " wide are no known SD 2.x family (1024)");
        kind.family = fileNameSaysTurbo(path) ? "sd-turbo" : "sd21";
        kind.textEncoder = LdmTextEncoder::OpenClip;
        return kind;
    }
    throw DiffusionError(path, "has no cond_stage_model.* or conditioner.embedders.* text encoder: not a Stable "
                               "Diffusion 1.x, 2.x or XL checkpoint");
}

} // namespace tessera
