// The inverse of the LDM name map: where a diffusers parameter lives in a single-file checkpoint.
// The loader names missing parameters by their LDM key with it.

#include "tessera/diffusion/LdmCheckpointNames.h"

#include "LdmNameParts.h"

namespace tessera {

namespace {

using namespace detail;

std::optional<std::string> ldmResnetPart(const std::string& rest)
{
    return renamedResnetPart(rest, false);
}

std::optional<std::string> unetKey(const std::string& name, const LdmLayout& layout)
{
    static const std::pair<const char*, const char*> direct[] = {
        {"conv_in.", "input_blocks.0.0."}, {"time_embedding.linear_1.", "time_embed.0."},
        {"time_embedding.linear_2.", "time_embed.2."}, {"add_embedding.linear_1.", "label_emb.0.0."},
        {"add_embedding.linear_2.", "label_emb.0.2."}, {"conv_norm_out.", "out.0."}, {"conv_out.", "out.2."}};
    for (const auto& [diffusers, ldm] : direct) {
        if (startsWith(name, diffusers))
            return ldm + name.substr(std::string(diffusers).size());
    }
    const auto p = dottedParts(name);
    if (p.size() < 4)
        return std::nullopt;
    const int perLevel = layout.unetLayersPerBlock + 1;
    if (p[0] == "mid_block") {
        const auto index = indexNumber(p[2]);
        if (!index)
            return std::nullopt;
        if (p[1] == "attentions" && *index == 0)
            return "middle_block.1." + joinDotted(p, 3);
        const auto inner = p[1] == "resnets" && *index < 2 ? ldmResnetPart(joinDotted(p, 3)) : std::nullopt;
        return inner ? std::optional<std::string>("middle_block." + std::to_string(*index * 2) + "." + *inner)
                     : std::nullopt;
    }
    const auto level = indexNumber(p[1]);
    const auto layer = indexNumber(p[3]);
    if (!level || !layer || (p[0] != "down_blocks" && p[0] != "up_blocks"))
        return std::nullopt;
    const bool down = p[0] == "down_blocks";
    const std::string rest = joinDotted(p, 4);
    const int first = down ? 1 + *level * perLevel : *level * perLevel; // input_blocks.0 is conv_in
    const std::string blocks = down ? "input_blocks." : "output_blocks.";
    if (p[2] == "resnets") {
        const auto inner = ldmResnetPart(rest);
        return inner ? std::optional<std::string>(blocks + std::to_string(first + *layer) + ".0." + *inner)
                     : std::nullopt;
    }
    if (p[2] == "attentions")
        return blocks + std::to_string(first + *layer) + ".1." + rest;
    if (p[2] == "downsamplers" && down && *layer == 0 && startsWith(rest, "conv."))
        return blocks + std::to_string(first + layout.unetLayersPerBlock) + ".0.op." + rest.substr(5);
    if (p[2] == "upsamplers" && !down && *layer == 0 && startsWith(rest, "conv.")) {
        const bool attention = layout.unetUpLevelsWithAttention.count(*level) != 0;
        return blocks + std::to_string(first + layout.unetLayersPerBlock) + (attention ? ".2." : ".1.") + rest;
    }
    return std::nullopt;
}

std::string ldmVaeResnetPart(const std::string& rest)
{
    return startsWith(rest, "conv_shortcut.") ? "nin_shortcut." + rest.substr(14) : rest;
}

std::optional<LdmSource> vaeSource(const std::string& name, const LdmLayout& layout)
{
    for (const char* direct : {"quant_conv.", "post_quant_conv.", "encoder.conv_in.", "encoder.conv_out.",
                               "decoder.conv_in.", "decoder.conv_out."}) {
        if (startsWith(name, direct))
            return LdmSource{name};
    }
    const auto p = dottedParts(name);
    if (p.size() < 3 || (p[0] != "encoder" && p[0] != "decoder"))
        return std::nullopt;
    const bool encoder = p[0] == "encoder";
    const std::string coder = p[0] + ".";
    if (p[1] == "conv_norm_out")
        return LdmSource{coder + "norm_out." + joinDotted(p, 2)};
    if (p[1] == "mid_block" && p.size() >= 5) {
        const auto index = indexNumber(p[3]);
        if (p[2] == "resnets" && index && *index < 2)
            return LdmSource{coder + "mid.block_" + std::to_string(*index + 1) + "." + ldmVaeResnetPart(joinDotted(p, 4))};
        if (p[2] != "attentions" || !index || *index != 0)
            return std::nullopt;
        const std::string rest = joinDotted(p, 4);
        for (const auto& [ldm, diffusers] : vaeAttentionNames()) {
            if (startsWith(rest, diffusers + ".") && rest.find('.', diffusers.size() + 1) == std::string::npos) {
                const std::string tail = rest.substr(diffusers.size() + 1);
                return LdmSource{coder + "mid.attn_1." + ldm + "." + tail, ldm != "norm" && tail == "weight"};
            }
        }
        return std::nullopt;
    }
    if (p.size() < 5 || p[1] != (encoder ? "down_blocks" : "up_blocks"))
        return std::nullopt;
    const auto index = indexNumber(p[2]);
    if (!index || *index >= layout.vaeLevels)
        return std::nullopt;
    // the decoder's LDM levels count from the lowest resolution, diffusers' up_blocks from the top
    const std::string level = coder + (encoder ? "down." : "up.")
        + std::to_string(encoder ? *index : layout.vaeLevels - 1 - *index) + ".";
    if (p[3] == "resnets" && p.size() >= 6 && indexNumber(p[4]))
        return LdmSource{level + "block." + p[4] + "." + ldmVaeResnetPart(joinDotted(p, 5))};
    if (p[3] == (encoder ? "downsamplers" : "upsamplers") && p[4] == "0" && p.size() == 7 && p[5] == "conv")
        return LdmSource{level + (encoder ? "downsample.conv." : "upsample.conv.") + p[6]};
    return std::nullopt;
}

//! An OpenCLIP encoder's key under `prefix` (SD 2.x's cond_stage_model.model., SDXL's
//! conditioner.embedders.1.model. with its transposed projection).
std::optional<LdmSource> openClipSource(const std::string& name, const std::string& prefix)
{
    for (const auto& [openClip, clip] : openClipTopNames()) {
        if (name == clip)
            return LdmSource{prefix + openClip};
    }
    if (prefix == kSgmOpenClipPrefix && name == "text_projection.weight")
        return LdmSource{prefix + "text_projection", false, true};
    static const std::string layers = "text_model.encoder.layers.";
    if (!startsWith(name, layers))
        return std::nullopt;
    const auto p = dottedParts(name.substr(layers.size()));
    if (p.size() < 3 || !indexNumber(p[0]))
        return std::nullopt;
    const std::string block = prefix + kOpenClipBlocks + p[0] + ".";
    const std::string rest = joinDotted(p, 1);
    for (int i = 0; i < 3; ++i) {
        const std::string projection = std::string("self_attn.") + kFusedProjections[i] + ".";
        if (startsWith(rest, projection) && p.size() == 4 && (p[3] == "weight" || p[3] == "bias"))
            return LdmSource{block + "attn.in_proj_" + p[3], false, false, i, 3};
    }
    for (const auto& [openClip, clip] : openClipLayerNames()) {
        if (startsWith(rest, clip) && rest.size() > clip.size())
            return LdmSource{block + openClip + rest.substr(clip.size())};
    }
    return std::nullopt;
}

} // namespace

std::optional<LdmSource> ldmSourceOfDiffusersName(const std::string& diffusersName, const LdmLayout& layout,
                                                  LdmTextEncoder textEncoder)
{
    static const std::string unet = "unet/";
    static const std::string vae = "vae/";
    static const std::string text = "text_encoder/";
    static const std::string text2 = "text_encoder_2/";
    if (startsWith(diffusersName, unet)) {
        const auto key = unetKey(diffusersName.substr(unet.size()), layout);
        return key ? std::optional<LdmSource>(LdmSource{kLdmUnetPrefix + *key}) : std::nullopt;
    }
    if (startsWith(diffusersName, vae)) {
        auto source = vaeSource(diffusersName.substr(vae.size()), layout);
        if (source)
            source->key = kLdmVaePrefix + source->key;
        return source;
    }
    if (startsWith(diffusersName, text2))
        return textEncoder == LdmTextEncoder::Sdxl ? openClipSource(diffusersName.substr(text2.size()), kSgmOpenClipPrefix)
                                                   : std::nullopt;
    if (!startsWith(diffusersName, text))
        return std::nullopt;
    const std::string name = diffusersName.substr(text.size());
    if (textEncoder == LdmTextEncoder::OpenClip)
        return openClipSource(name, kLdmOpenClipPrefix);
    const std::string& clipPrefix = textEncoder == LdmTextEncoder::Sdxl ? kSgmClipPrefix : kLdmClipPrefix;
    return startsWith(name, "text_model.") ? std::optional<LdmSource>(LdmSource{clipPrefix + name}) : std::nullopt;
}

} // namespace tessera
