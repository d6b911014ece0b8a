#pragma once

// Dotted-name helpers and the OpenCLIP name table shared by the LDM name map and its inverse.

#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tessera::detail {

inline bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.compare(0, prefix.size(), prefix) == 0;
}

//! Splits "a.b.c" into its dot-separated parts.
inline std::vector<std::string> dottedParts(const std::string& text)
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

inline std::string joinDotted(const std::vector<std::string>& items, std::size_t from)
{
    std::string out;
    for (std::size_t i = from; i < items.size(); ++i)
        out += (out.empty() ? "" : ".") + items[i];
    return out;
}

//! A small non-negative decimal index, or nullopt.
inline std::optional<int> indexNumber(const std::string& text)
{
    if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::atoi(text.c_str());
}

inline const std::string kLdmUnetPrefix = "model.diffusion_model.";
inline const std::string kLdmVaePrefix = "first_stage_model.";
inline const std::string kLdmClipPrefix = "cond_stage_model.transformer.";
inline const std::string kLdmOpenClipPrefix = "cond_stage_model.model.";
inline const std::string kSgmClipPrefix = "conditioner.embedders.0.transformer.";
inline const std::string kSgmOpenClipPrefix = "conditioner.embedders.1.model.";
inline const std::string kOpenClipBlocks = "transformer.resblocks.";

//! OpenCLIP names outside the resblocks -> transformers' CLIPTextModel names (diffusers'
//! convert_open_clip_checkpoint; text_projection and logit_scale have no counterpart).
inline const std::vector<std::pair<std::string, std::string>>& openClipTopNames()
{
    static const std::vector<std::pair<std::string, std::string>> table = {
        {"token_embedding.weight", "text_model.embeddings.token_embedding.weight"},
        {"positional_embedding", "text_model.embeddings.position_embedding.weight"},
        {"ln_final.weight", "text_model.final_layer_norm.weight"},
        {"ln_final.bias", "text_model.final_layer_norm.bias"}};
    return table;
}

//! A resblock's inner OpenCLIP name prefixes -> a CLIPEncoderLayer's (the fused in_proj apart).
inline const std::vector<std::pair<std::string, std::string>>& openClipLayerNames()
{
    static const std::vector<std::pair<std::string, std::string>> table = {
        {"ln_1.", "layer_norm1."}, {"ln_2.", "layer_norm2."}, {"mlp.c_fc.", "mlp.fc1."},
        {"mlp.c_proj.", "mlp.fc2."}, {"attn.out_proj.", "self_attn.out_proj."}};
    return table;
}

//! The q, k, v projections that OpenCLIP's in_proj holds in this order along dim 0.
inline const char* const kFusedProjections[3] = {"q_proj", "k_proj", "v_proj"};

//! LDM ResBlock inner names (in_layers.0 = GroupNorm, .2 = conv, ...) -> diffusers' ResnetBlock2D.
inline const std::vector<std::pair<std::string, std::string>>& unetResnetNames()
{
    static const std::vector<std::pair<std::string, std::string>> table = {
        {"in_layers.0.", "norm1."}, {"in_layers.2.", "conv1."}, {"out_layers.0.", "norm2."},
        {"out_layers.3.", "conv2."}, {"emb_layers.1.", "time_emb_proj."}, {"skip_connection.", "conv_shortcut."}};
    return table;
}

//! A UNet resnet's parameter suffix renamed through unetResnetNames(), LDM to diffusers or back.
inline std::optional<std::string> renamedResnetPart(const std::string& rest, bool toDiffusers)
{
    for (const auto& [ldm, diffusers] : unetResnetNames()) {
        const std::string& from = toDiffusers ? ldm : diffusers;
        const std::string& to = toDiffusers ? diffusers : ldm;
        if (startsWith(rest, from))
            return to + rest.substr(from.size());
    }
    return std::nullopt;
}

//! The VAE mid-block attention's LDM names -> diffusers' Attention names.
inline const std::vector<std::pair<std::string, std::string>>& vaeAttentionNames()
{
    static const std::vector<std::pair<std::string, std::string>> table = {
        {"norm", "group_norm"}, {"q", "to_q"}, {"k", "to_k"}, {"v", "to_v"}, {"proj_out", "to_out.0"}};
    return table;
}

} // namespace tessera::detail
