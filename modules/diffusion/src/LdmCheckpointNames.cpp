#include "tessera/diffusion/LdmCheckpointNames.h"

#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/ModelConfig.h"

#include "LdmNameParts.h"

#include <algorithm>
#include <functional>

namespace tessera {

namespace {

using namespace detail;

std::optional<std::string> unetResnetPart(const std::string& rest)
{
    return renamedResnetPart(rest, true);
}

std::optional<std::string> unetName(const std::string& key, const LdmLayout& layout)
{
    const auto p = dottedParts(key);
    const int perLevel = layout.unetLayersPerBlock + 1;
    if (p.size() == 3 && p[0] == "time_embed") {
        if (p[1] == "0")
            return "time_embedding.linear_1." + p[2];
        if (p[1] == "2")
            return "time_embedding.linear_2." + p[2];
        return std::nullopt;
    }
    if (p.size() == 4 && p[0] == "label_emb" && p[1] == "0") { // SDXL's add_embedding MLP
        if (p[2] == "0")
            return "add_embedding.linear_1." + p[3];
        if (p[2] == "2")
            return "add_embedding.linear_2." + p[3];
        return std::nullopt;
    }
    if (p.size() == 3 && p[0] == "out") {
        if (p[1] == "0")
            return "conv_norm_out." + p[2];
        if (p[1] == "2")
            return "conv_out." + p[2];
        return std::nullopt;
    }
    if (p[0] == "middle_block") {
        const auto index = indexNumber(p[1]);
        if (!index || p.size() < 4)
            return std::nullopt;
        const std::string restMid = joinDotted(p, 2);
        if (*index == 1)
            return "mid_block.attentions.0." + restMid;
        const auto inner = unetResnetPart(restMid);
        if (!inner || (*index != 0 && *index != 2))
            return std::nullopt;
        return "mid_block.resnets." + std::to_string(*index / 2) + "." + *inner;
    }
    if (p.size() < 4)
        return std::nullopt;
    const auto block = indexNumber(p[1]);
    const auto sub = indexNumber(p[2]);
    if (!block || !sub)
        return std::nullopt;
    const std::string rest = joinDotted(p, 3);
    if (p[0] == "input_blocks") {
        if (*block == 0)
            return *sub == 0 ? std::optional<std::string>("conv_in." + rest) : std::nullopt;
        const int level = (*block - 1) / perLevel;
        const int layer = (*block - 1) % perLevel;
        const std::string prefix = "down_blocks." + std::to_string(level) + ".";
        if (layer == layout.unetLayersPerBlock) // the level's downsampler
            return startsWith(rest, "op.") ? std::optional<std::string>(prefix + "downsamplers.0.conv." + rest.substr(3))
                                           : std::nullopt;
        if (*sub == 0) {
            const auto inner = unetResnetPart(rest);
            return inner ? std::optional<std::string>(prefix + "resnets." + std::to_string(layer) + "." + *inner)
                         : std::nullopt;
        }
        if (*sub == 1)
            return prefix + "attentions." + std::to_string(layer) + "." + rest;
        return std::nullopt;
    }
    if (p[0] == "output_blocks") {
        const int level = *block / perLevel;
        const int layer = *block % perLevel;
        const std::string prefix = "up_blocks." + std::to_string(level) + ".";
        if (*sub == 0) {
            const auto inner = unetResnetPart(rest);
            return inner ? std::optional<std::string>(prefix + "resnets." + std::to_string(layer) + "." + *inner)
                         : std::nullopt;
        }
        if (startsWith(rest, "conv.")) // the upsampler: after the resnet (and the attention, if any)
            return prefix + "upsamplers.0." + rest;
        if (*sub == 1)
            return prefix + "attentions." + std::to_string(layer) + "." + rest;
        return std::nullopt;
    }
    return std::nullopt;
}

//! The VAE's ResnetBlock names are the same in both, but for the shortcut.
std::string vaeResnetPart(const std::string& rest)
{
    return startsWith(rest, "nin_shortcut.") ? "conv_shortcut." + rest.substr(13) : rest;
}

std::optional<DiffusersName> vaeName(const std::string& key, const LdmLayout& layout)
{
    for (const char* direct : {"quant_conv.", "post_quant_conv."}) {
        if (startsWith(key, direct))
            return DiffusersName{"vae/" + key, false};
    }
    const auto p = dottedParts(key);
    if (p.size() < 3 || (p[0] != "encoder" && p[0] != "decoder"))
        return std::nullopt;
    const bool encoder = p[0] == "encoder";
    const std::string coder = p[0] + ".";
    if (p[1] == "conv_in" || p[1] == "conv_out")
        return DiffusersName{"vae/" + key, false};
    if (p[1] == "norm_out")
        return DiffusersName{"vae/" + coder + "conv_norm_out." + joinDotted(p, 2), false};
    if (p[1] == "mid" && p.size() >= 4) {
        const std::string rest = joinDotted(p, 3);
        if (p[2] == "block_1" || p[2] == "block_2")
            return DiffusersName{"vae/" + coder + "mid_block.resnets." + (p[2] == "block_1" ? "0." : "1.")
                                     + vaeResnetPart(rest),
                                 false};
        if (p[2] != "attn_1")
            return std::nullopt;
        for (const auto& [from, to] : vaeAttentionNames()) {
            if (p[3] == from && p.size() == 5)
                return DiffusersName{"vae/" + coder + "mid_block.attentions.0." + to + "." + p[4],
                                     p[3] != "norm" && p[4] == "weight"};
        }
        return std::nullopt;
    }
    const char* levelsName = encoder ? "down" : "up";
    if (p[1] != levelsName || p.size() < 5)
        return std::nullopt;
    const auto level = indexNumber(p[2]);
    if (!level || *level >= layout.vaeLevels)
        return std::nullopt;
    // the decoder's LDM levels count from the lowest resolution, diffusers' up_blocks from the top
    const int index = encoder ? *level : layout.vaeLevels - 1 - *level;
    const std::string prefix = coder + (encoder ? "down_blocks." : "up_blocks.") + std::to_string(index) + ".";
    if (p[3] == "block") {
        const auto layer = indexNumber(p[4]);
        if (!layer || p.size() < 6)
            return std::nullopt;
        return DiffusersName{"vae/" + prefix + "resnets." + p[4] + "." + vaeResnetPart(joinDotted(p, 5)), false};
    }
    if ((p[3] == "downsample" || p[3] == "upsample") && p[4] == "conv" && p.size() == 6)
        return DiffusersName{"vae/" + prefix + (encoder ? "downsamplers.0.conv." : "upsamplers.0.conv.") + p[5], false};
    return std::nullopt;
}

//! OpenCLIP text encoder names after "cond_stage_model.model." (SD 2.x: `network` text_encoder,
//! the first `keptLayers` resblocks, no projection) or "conditioner.embedders.1.model." (SDXL:
//! text_encoder_2, every resblock, with its projection).
std::vector<DiffusersName> openClipNames(const std::string& key, const std::string& network,
                                         std::optional<int> keptLayers, bool withProjection)
{
    for (const auto& [from, to] : openClipTopNames()) {
        if (key == from)
            return {DiffusersName{network + "/" + to}};
    }
    if (withProjection && key == "text_projection")
        return {DiffusersName{network + "/text_projection.weight", false, true}};
    if (!startsWith(key, kOpenClipBlocks))
        return {};
    const auto p = dottedParts(key.substr(kOpenClipBlocks.size()));
    const auto block = indexNumber(p[0]);
    if (!block || p.size() < 2 || (keptLayers && *block >= *keptLayers))
        return {};
    const std::string layer = network + "/text_model.encoder.layers." + p[0] + ".";
    const std::string rest = joinDotted(p, 1);
    for (const char* fused : {"weight", "bias"}) {
        if (rest == std::string("attn.in_proj_") + fused) {
            std::vector<DiffusersName> out;
            for (int i = 0; i < 3; ++i)
                out.push_back(
                    DiffusersName{layer + "self_attn." + kFusedProjections[i] + "." + fused, false, false, i, 3});
            return out;
        }
    }
    for (const auto& [from, to] : openClipLayerNames()) {
        if (startsWith(rest, from) && rest.size() > from.size())
            return {DiffusersName{layer + to + rest.substr(from.size())}};
    }
    return {};
}

//! transformers' CLIP names after "cond_stage_model.transformer." or (SDXL)
//! "conditioner.embedders.0.transformer.".
std::vector<DiffusersName> clipNames(std::string rest)
{
    // checkpoints saved with transformers before 4.19 lack the "text_model." level
    for (const char* old : {"embeddings.", "encoder.", "final_layer_norm."}) {
        if (startsWith(rest, old))
            rest = "text_model." + rest;
    }
    if (!startsWith(rest, "text_model.") || rest.find("position_ids") != std::string::npos)
        return {};
    return {DiffusersName{"text_encoder/" + rest}};
}

} // namespace

LdmLayout ldmLayoutOf(const UNetConfig& unet, const VaeConfig& vae, const TextEncoderConfig& text,
                      const std::string& source)
{
    const auto& perLevel = unet.layersPerBlock;
    if (perLevel.empty() || std::adjacent_find(perLevel.begin(), perLevel.end(), std::not_equal_to<>()) != perLevel.end())
        throw DiffusionError(source, "the LDM naming needs the same layers_per_block on every UNet level");
    LdmLayout layout;
    layout.unetLayersPerBlock = perLevel.front();
    layout.vaeLevels = static_cast<int>(vae.blockOutChannels.size());
    layout.textEncoderLayers = text.numHiddenLayers;
    layout.unetUpLevelsWithAttention.clear();
    for (std::size_t i = 0; i < unet.upBlockTypes.size(); ++i) {
        if (unet.upBlockTypes[i] == "CrossAttnUpBlock2D")
            layout.unetUpLevelsWithAttention.insert(static_cast<int>(i));
    }
    return layout;
}

std::vector<DiffusersName> diffusersNamesOfLdmKey(const std::string& ldmKey, const LdmLayout& layout)
{
    if (startsWith(ldmKey, kLdmUnetPrefix)) {
        const auto name = unetName(ldmKey.substr(kLdmUnetPrefix.size()), layout);
        return name ? std::vector<DiffusersName>{DiffusersName{"unet/" + *name}} : std::vector<DiffusersName>{};
    }
    if (startsWith(ldmKey, kLdmVaePrefix)) {
        const auto name = vaeName(ldmKey.substr(kLdmVaePrefix.size()), layout);
        return name ? std::vector<DiffusersName>{*name} : std::vector<DiffusersName>{};
    }
    if (startsWith(ldmKey, kLdmClipPrefix))
        return clipNames(ldmKey.substr(kLdmClipPrefix.size()));
    if (startsWith(ldmKey, kSgmClipPrefix))
        return clipNames(ldmKey.substr(kSgmClipPrefix.size()));
    if (startsWith(ldmKey, kLdmOpenClipPrefix))
        return openClipNames(ldmKey.substr(kLdmOpenClipPrefix.size()), "text_encoder", layout.textEncoderLayers, false);
    if (startsWith(ldmKey, kSgmOpenClipPrefix))
        return openClipNames(ldmKey.substr(kSgmOpenClipPrefix.size()), "text_encoder_2", std::nullopt, true);
    return {};
}

bool isIgnoredLdmKey(const std::string& ldmKey, const LdmLayout& layout)
{
    if (ldmKey.find('.') == std::string::npos) // betas, alphas_cumprod, ... of the DDPM wrapper
        return true;
    if (startsWith(ldmKey, "model_ema.") || startsWith(ldmKey, "first_stage_model.loss.")
        || startsWith(ldmKey, "denoiser.") || ldmKey.find("position_ids") != std::string::npos)
        return true;
    if (ldmKey == kSgmOpenClipPrefix + "logit_scale")
        return true;
    if (!startsWith(ldmKey, kLdmOpenClipPrefix))
        return false;
    const std::string rest = ldmKey.substr(kLdmOpenClipPrefix.size());
    if (rest == "logit_scale" || rest == "text_projection")
        return true;
    if (!startsWith(rest, kOpenClipBlocks))
        return false;
    const auto block = indexNumber(dottedParts(rest.substr(kOpenClipBlocks.size()))[0]);
    return block && *block >= layout.textEncoderLayers;
}

} // namespace tessera
