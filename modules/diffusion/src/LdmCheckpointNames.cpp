#include "tessera/diffusion/LdmCheckpointNames.h"

#include <cstdlib>
#include <vector>

namespace tessera {

namespace {

bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.compare(0, prefix.size(), prefix) == 0;
}

//! Splits "a.b.c" into its dot-separated parts.
std::vector<std::string> parts(const std::string& text)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const auto dot = text.find('.', start);
        out.push_back(text.substr(start, dot - start));
        if (dot == std::string::npos)
            return out;
        start = dot + 1;
    }
}

std::string join(const std::vector<std::string>& items, std::size_t from)
{
    std::string out;
    for (std::size_t i = from; i < items.size(); ++i)
        out += (out.empty() ? "" : ".") + items[i];
    return out;
}

std::optional<int> number(const std::string& text)
{
    if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::atoi(text.c_str());
}

//! An LDM ResBlock's inner names (in_layers.0 = GroupNorm, .2 = conv, ...) in diffusers' ResnetBlock2D.
std::optional<std::string> unetResnetPart(const std::string& rest)
{
    static const std::pair<const char*, const char*> table[] = {
        {"in_layers.0.", "norm1."}, {"in_layers.2.", "conv1."}, {"out_layers.0.", "norm2."},
        {"out_layers.3.", "conv2."}, {"emb_layers.1.", "time_emb_proj."}, {"skip_connection.", "conv_shortcut."}};
    for (const auto& [from, to] : table) {
        if (startsWith(rest, from))
            return to + rest.substr(std::string(from).size());
    }
    return std::nullopt;
}

std::optional<std::string> unetName(const std::string& key, const LdmLayout& layout)
{
    const auto p = parts(key);
    const int perLevel = layout.unetLayersPerBlock + 1;
    if (p.size() == 3 && p[0] == "time_embed") {
        if (p[1] == "0")
            return "time_embedding.linear_1." + p[2];
        if (p[1] == "2")
            return "time_embedding.linear_2." + p[2];
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
        const auto index = number(p[1]);
        if (!index || p.size() < 4)
            return std::nullopt;
        const std::string restMid = join(p, 2);
        if (*index == 1)
            return "mid_block.attentions.0." + restMid;
        const auto inner = unetResnetPart(restMid);
        if (!inner || (*index != 0 && *index != 2))
            return std::nullopt;
        return "mid_block.resnets." + std::to_string(*index / 2) + "." + *inner;
    }
    if (p.size() < 4)
        return std::nullopt;
    const auto block = number(p[1]);
    const auto sub = number(p[2]);
    if (!block || !sub)
        return std::nullopt;
    const std::string rest = join(p, 3);
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
    const auto p = parts(key);
    if (p.size() < 3 || (p[0] != "encoder" && p[0] != "decoder"))
        return std::nullopt;
    const bool encoder = p[0] == "encoder";
    const std::string coder = p[0] + ".";
    if (p[1] == "conv_in" || p[1] == "conv_out")
        return DiffusersName{"vae/" + key, false};
    if (p[1] == "norm_out")
        return DiffusersName{"vae/" + coder + "conv_norm_out." + join(p, 2), false};
    if (p[1] == "mid" && p.size() >= 4) {
        const std::string rest = join(p, 3);
        if (p[2] == "block_1" || p[2] == "block_2")
            return DiffusersName{"vae/" + coder + "mid_block.resnets." + (p[2] == "block_1" ? "0." : "1.")
                                     + vaeResnetPart(rest),
                                 false};
        if (p[2] != "attn_1")
            return std::nullopt;
        static const std::pair<const char*, const char*> attention[] = {
            {"norm", "group_norm"}, {"q", "to_q"}, {"k", "to_k"}, {"v", "to_v"}, {"proj_out", "to_out.0"}};
        for (const auto& [from, to] : attention) {
            if (p[3] == from && p.size() == 5)
                return DiffusersName{"vae/" + coder + "mid_block.attentions.0." + to + "." + p[4],
                                     p[3] != "norm" && p[4] == "weight"};
        }
        return std::nullopt;
    }
    const char* levelsName = encoder ? "down" : "up";
    if (p[1] != levelsName || p.size() < 5)
        return std::nullopt;
    const auto level = number(p[2]);
    if (!level || *level >= layout.vaeLevels)
        return std::nullopt;
    // the decoder's LDM levels count from the lowest resolution, diffusers' up_blocks from the top
    const int index = encoder ? *level : layout.vaeLevels - 1 - *level;
    const std::string prefix = coder + (encoder ? "down_blocks." : "up_blocks.") + std::to_string(index) + ".";
    if (p[3] == "block") {
        const auto layer = number(p[4]);
        if (!layer || p.size() < 6)
            return std::nullopt;
        return DiffusersName{"vae/" + prefix + "resnets." + p[4] + "." + vaeResnetPart(join(p, 5)), false};
    }
    if ((p[3] == "downsample" || p[3] == "upsample") && p[4] == "conv" && p.size() == 6)
        return DiffusersName{"vae/" + prefix + (encoder ? "downsamplers.0.conv." : "upsamplers.0.conv.") + p[5], false};
    return std::nullopt;
}

} // namespace

std::optional<DiffusersName> diffusersNameOfLdmKey(const std::string& ldmKey, const LdmLayout& layout)
{
    static const std::string unetPrefix = "model.diffusion_model.";
    static const std::string vaePrefix = "first_stage_model.";
    static const std::string textPrefix = "cond_stage_model.transformer.";
    if (startsWith(ldmKey, unetPrefix)) {
        const auto name = unetName(ldmKey.substr(unetPrefix.size()), layout);
        return name ? std::optional<DiffusersName>(DiffusersName{"unet/" + *name, false}) : std::nullopt;
    }
    if (startsWith(ldmKey, vaePrefix))
        return vaeName(ldmKey.substr(vaePrefix.size()), layout);
    if (startsWith(ldmKey, textPrefix)) {
        const std::string rest = ldmKey.substr(textPrefix.size());
        if (!startsWith(rest, "text_model.") || rest.find("position_ids") != std::string::npos)
            return std::nullopt;
        return DiffusersName{"text_encoder/" + rest, false};
    }
    return std::nullopt;
}

} // namespace tessera
