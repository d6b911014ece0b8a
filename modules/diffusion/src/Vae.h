#pragma once

// diffusers' AutoencoderKL: the decoder (latents -> image) and the encoder (image -> posterior
// mean / log-variance), parameter names as diffusers'.

#include "Nn.h"
#include "UNet.h"

#include "tessera/diffusion/ModelConfig.h"

#include <vector>

namespace tessera::detail {

//! The VAE's single-head self-attention with GroupNorm and a residual (mid blocks).
struct VaeAttention
{
    GroupNorm norm;
    Linear q, k, v, out;
    VaeAttention(ParamSource& p, const std::string& name, int64_t channels, int64_t groups);
    at::Tensor operator()(const at::Tensor& x) const;
};

struct VaePosterior
{
    at::Tensor mean;
    at::Tensor logvar; //!< clamped to [-30, 20]
    at::Tensor std() const { return at::exp(0.5 * logvar); }
};

class Vae
{
public:
    Vae(const VaeConfig& config, ParamSource& params, bool withEncoder = true);
    //! Latents as the sampler produced them (divided by scaling_factor here) -> image in about [-1, 1].
    at::Tensor decode(const at::Tensor& scaledLatents) const;
    //! The decoder on unscaled latents z (what diffusers' vae.decode(z) takes). Computes in the
    //! weights' dtype, returns z's (so does the encoder, in the image's).
    at::Tensor decodeRaw(const at::Tensor& z) const;
    //! Image in [-1, 1] -> the posterior over unscaled latents.
    VaePosterior encode(const at::Tensor& image) const;
    //! quant_conv(encoder(image)): [B, 2 * latent, h, w].
    at::Tensor encodeMoments(const at::Tensor& image) const;
    const VaeConfig& config() const { return m_config; }
    //! Image pixels per latent pixel (2^(blocks - 1)).
    int scaleFactor() const { return 1 << (m_config.blockOutChannels.size() - 1); }

private:
    struct Block
    {
        std::vector<ResnetBlock> resnets;
        std::optional<Conv2d> sampler;
    };
    struct Mid
    {
        std::vector<ResnetBlock> resnets;
        std::vector<VaeAttention> attention;
    };
    static Mid makeMid(ParamSource& p, const std::string& name, int64_t channels, const VaeConfig& config);
    static at::Tensor runMid(const Mid& mid, at::Tensor x);

    VaeConfig m_config;
    bool m_hasEncoder;
    // encoder
    Conv2d m_encConvIn;
    std::vector<Block> m_encDown;
    Mid m_encMid;
    GroupNorm m_encNormOut;
    Conv2d m_encConvOut;
    Conv2d m_quantConv;
    // decoder
    Conv2d m_postQuantConv;
    Conv2d m_decConvIn;
    Mid m_decMid;
    std::vector<Block> m_decUp;
    GroupNorm m_decNormOut;
    Conv2d m_decConvOut;
};

} // namespace tessera::detail
