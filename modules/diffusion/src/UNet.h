#pragma once

// diffusers' UNet2DConditionModel for the SD 1.x / 2.x family: DownBlock2D / CrossAttnDownBlock2D,
// UNetMidBlock2DCrossAttn, UpBlock2D / CrossAttnUpBlock2D, Transformer2DModel with conv or linear
// projection, heads from attention_head_dim (diffusers' quirk: it is the number of heads).

#include "Nn.h"

#include "tessera/diffusion/ModelConfig.h"

#include <functional>
#include <optional>
#include <vector>

namespace tessera::detail {

struct ResnetBlock
{
    GroupNorm norm1;
    Conv2d conv1;
    Linear timeProj; // undefined weight in the VAE (no time embedding)
    GroupNorm norm2;
    Conv2d conv2;
    std::optional<Conv2d> shortcut;

    ResnetBlock(ParamSource& p, const std::string& name, int64_t in, int64_t out, int64_t tembChannels, int64_t groups,
                double eps);
    at::Tensor operator()(const at::Tensor& x, const at::Tensor& temb) const;
};

struct CrossAttention
{
    Linear q, k, v, out;
    int64_t heads;
    CrossAttention(ParamSource& p, const std::string& name, int64_t dim, int64_t contextDim, int64_t heads,
                   bool qkvBias);
    at::Tensor operator()(const at::Tensor& x, const at::Tensor& context) const;
};

struct TransformerBlock
{
    LayerNorm norm1;
    CrossAttention attn1;
    LayerNorm norm2;
    CrossAttention attn2;
    LayerNorm norm3;
    Linear geglu;
    Linear ffOut;
    bool onlyCrossAttention;
    TransformerBlock(ParamSource& p, const std::string& name, int64_t dim, int64_t contextDim, int64_t heads,
                     bool onlyCross);
    at::Tensor operator()(at::Tensor x, const at::Tensor& context) const;
};

struct Transformer2D
{
    GroupNorm norm;
    bool linearProjection;
    Linear projInLinear, projOutLinear;
    Conv2d projInConv, projOutConv;
    std::vector<TransformerBlock> blocks;
    Transformer2D(ParamSource& p, const std::string& name, int64_t channels, int64_t contextDim, int64_t heads,
                  int layers, const UNetConfig& config);
    at::Tensor operator()(const at::Tensor& x, const at::Tensor& context) const;
};

//! diffusers' get_guidance_scale_embedding (after VDM): w [B] -> [B, dim], with w scaled by 1000,
//! half sines then half cosines of w x exp(-ln(10000) i / (half - 1)), zero-padded when dim is odd.
//! Pipelines pass w = guidance - 1.
at::Tensor guidanceScaleEmbedding(const at::Tensor& w, int64_t dim);

//! diffusers' get_timestep_embedding (Timesteps): values [B] -> [B, dim], half sines and half
//! cosines of value x exp(-ln(10000) i / (half - freqShift)), cosines first when flipSinToCos.
at::Tensor sinusoidalEmbedding(const at::Tensor& values, int64_t dim, bool flipSinToCos, double freqShift);

//! SDXL's added conditions (addition_embed_type "text_time"), one row per sample.
struct TextTimeCondition
{
    at::Tensor textEmbeds; //!< [B, projection_dim]: the second text encoder's pooled embedding
    at::Tensor timeIds;    //!< [B, 6]: original height, width, crop top, left, target height, width
};

class UNet
{
public:
    using Probe = std::function<void(const std::string&, const at::Tensor&)>;

    UNet(const UNetConfig& config, ParamSource& params);
    //! sample [B, C, H, W]; timesteps float [B] (or one value); context [B, T, cross_attention_dim].
    //! The probe, when set, sees each block's output ("down_blocks.0", "mid_block", ...).
    //! timestepCond [B, time_cond_proj_dim]: the guidance embedding of a UNet with time_cond_proj_dim
    //! (guidanceScaleEmbedding); undefined for others. Computes in the weights' dtype, returns the
    //! sample's.
    at::Tensor forward(const at::Tensor& sample, const at::Tensor& timesteps, const at::Tensor& context,
                       const Probe& probe = nullptr, const at::Tensor& timestepCond = {},
                       const TextTimeCondition& added = {}) const;
    //! SDXL's aug_emb: add_embedding(cat(textEmbeds, sinusoidal(timeIds) flattened)) [B, temb],
    //! added to the time embedding. Throws for a UNet without the text_time embedding.
    at::Tensor additionEmbedding(const TextTimeCondition& added) const;
    //! The sinusoidal time_proj embedding and the time_embedding MLP output (diffusers'
    //! TimestepEmbedding: cond_proj(condition) is added to its input when the UNet has one).
    at::Tensor timeProjection(const at::Tensor& timesteps) const;
    at::Tensor timeEmbedding(const at::Tensor& tProj, const at::Tensor& condition = {}) const;
    const UNetConfig& config() const { return m_config; }

private:
    struct Block
    {
        std::vector<ResnetBlock> resnets;
        std::vector<Transformer2D> attentions;
        std::optional<Conv2d> sampler; // downsampler or the upsampler's conv
    };

    UNetConfig m_config;
    Conv2d m_convIn;
    Linear m_timeLinear1, m_timeLinear2;
    std::optional<Linear> m_timeCondProj; // time_embedding.cond_proj (no bias), with time_cond_proj_dim
    Linear m_addLinear1, m_addLinear2;    // add_embedding, with the text_time embedding
    std::vector<Block> m_down;
    Block m_mid;
    std::vector<Block> m_up;
    GroupNorm m_normOut;
    Conv2d m_convOut;
};

} // namespace tessera::detail
