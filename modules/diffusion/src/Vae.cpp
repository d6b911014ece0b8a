#include "Vae.h"

#include "tessera/diffusion/DiffusionError.h"

#include <cmath>

namespace tessera::detail {

namespace {
constexpr double vaeEps = 1e-6;
}

VaeAttention::VaeAttention(ParamSource& p, const std::string& name, int64_t channels, int64_t groups)
    : norm(p, name + ".group_norm", groups, channels, vaeEps)
    , q(p, name + ".to_q", channels, channels)
    , k(p, name + ".to_k", channels, channels)
    , v(p, name + ".to_v", channels, channels)
    , out(p, name + ".to_out.0", channels, channels)
{
}

at::Tensor VaeAttention::operator()(const at::Tensor& x) const
{
    const auto b = x.size(0);
    const auto c = x.size(1);
    const auto h = x.size(2);
    const auto w = x.size(3);
    const auto tokens = norm(x).reshape({b, c, h * w}).transpose(1, 2);
    const double scale = 1.0 / std::sqrt(static_cast<double>(c));
    const auto o = out(attention(q(tokens), k(tokens), v(tokens), scale));
    return o.transpose(1, 2).reshape({b, c, h, w}) + x;
}

Vae::Mid Vae::makeMid(ParamSource& p, const std::string& name, int64_t channels, const VaeConfig& config)
{
    Mid mid;
    mid.resnets.emplace_back(p, name + ".resnets.0", channels, channels, 0, config.normNumGroups, vaeEps);
    if (config.midBlockAddAttention)
        mid.attention.emplace_back(p, name + ".attentions.0", channels, config.normNumGroups);
    mid.resnets.emplace_back(p, name + ".resnets.1", channels, channels, 0, config.normNumGroups, vaeEps);
    return mid;
}

at::Tensor Vae::runMid(const Mid& mid, at::Tensor x)
{
    x = mid.resnets[0](x, at::Tensor());
    if (!mid.attention.empty())
        x = mid.attention[0](x);
    return mid.resnets[1](x, at::Tensor());
}

Vae::Vae(const VaeConfig& config, ParamSource& p, bool withEncoder)
    : m_config(config)
    , m_hasEncoder(withEncoder)
{
    const auto& ch = config.blockOutChannels;
    const auto blocks = ch.size();
    const int64_t groups = config.normNumGroups;
    const int64_t latent = config.latentChannels;
    if (withEncoder) {
        m_encConvIn = Conv2d(p, "encoder.conv_in", config.inChannels, ch[0], 3);
        int64_t out = ch[0];
        for (std::size_t i = 0; i < blocks; ++i) {
            const int64_t in = out;
            out = ch[i];
            const auto name = "encoder.down_blocks." + std::to_string(i);
            Block block;
            for (int j = 0; j < config.layersPerBlock; ++j)
                block.resnets.emplace_back(p, name + ".resnets." + std::to_string(j), j == 0 ? in : out, out, 0, groups,
                                           vaeEps);
            if (i + 1 < blocks)
                block.sampler.emplace(p, name + ".downsamplers.0.conv", out, out, 3, 2, 0);
            m_encDown.push_back(std::move(block));
        }
        m_encMid = makeMid(p, "encoder.mid_block", ch.back(), config);
        m_encNormOut = GroupNorm(p, "encoder.conv_norm_out", groups, ch.back(), vaeEps);
        m_encConvOut = Conv2d(p, "encoder.conv_out", ch.back(), 2 * latent, 3);
        m_quantConv = Conv2d(p, "quant_conv", 2 * latent, 2 * latent, 1);
    }
    m_postQuantConv = Conv2d(p, "post_quant_conv", latent, latent, 1);
    m_decConvIn = Conv2d(p, "decoder.conv_in", latent, ch.back(), 3);
    m_decMid = makeMid(p, "decoder.mid_block", ch.back(), config);
    int64_t out = ch.back();
    for (std::size_t i = 0; i < blocks; ++i) {
        const int64_t prevOut = out;
        out = ch[blocks - 1 - i];
        const auto name = "decoder.up_blocks." + std::to_string(i);
        Block block;
        for (int j = 0; j < config.layersPerBlock + 1; ++j)
            block.resnets.emplace_back(p, name + ".resnets." + std::to_string(j), j == 0 ? prevOut : out, out, 0, groups,
                                       vaeEps);
        if (i + 1 < blocks)
            block.sampler.emplace(p, name + ".upsamplers.0.conv", out, out, 3);
        m_decUp.push_back(std::move(block));
    }
    m_decNormOut = GroupNorm(p, "decoder.conv_norm_out", groups, ch[0], vaeEps);
    m_decConvOut = Conv2d(p, "decoder.conv_out", ch[0], config.outChannels, 3);
}

at::Tensor Vae::decodeRaw(const at::Tensor& z) const
{
    auto x = m_decConvIn(m_postQuantConv(z));
    x = runMid(m_decMid, x);
    for (const auto& block : m_decUp) {
        for (const auto& resnet : block.resnets)
            x = resnet(x, at::Tensor());
        if (block.sampler)
            x = (*block.sampler)(at::upsample_nearest2d(x, {x.size(2) * 2, x.size(3) * 2}));
    }
    // the latents' dtype and NCHW layout, whatever the weights' precision and layout
    return m_decConvOut(m_decNormOut.withSilu(x)).to(z.scalar_type()).contiguous();
}

at::Tensor Vae::decode(const at::Tensor& scaledLatents) const
{
    auto z = scaledLatents / m_config.scalingFactor;
    if (m_config.shiftFactor)
        z = z + *m_config.shiftFactor;
    return decodeRaw(z);
}

at::Tensor Vae::encodeMoments(const at::Tensor& image) const
{
    if (!m_hasEncoder)
        throw DiffusionError("vae", "this VAE was loaded without its encoder");
    auto x = m_encConvIn(image);
    for (const auto& block : m_encDown) {
        for (const auto& resnet : block.resnets)
            x = resnet(x, at::Tensor());
        if (block.sampler) // diffusers pads right and bottom by one, then a stride-2 conv without padding
            x = (*block.sampler)(at::constant_pad_nd(x, {0, 1, 0, 1}, 0));
    }
    x = runMid(m_encMid, x);
    return m_quantConv(m_encConvOut(m_encNormOut.withSilu(x))).to(image.scalar_type()).contiguous();
}

VaePosterior Vae::encode(const at::Tensor& image) const
{
    const auto moments = encodeMoments(image).chunk(2, 1);
    return {moments[0], moments[1].clamp(-30.0, 20.0)};
}

} // namespace tessera::detail
