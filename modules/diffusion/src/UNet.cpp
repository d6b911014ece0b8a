#include "UNet.h"

#include "tessera/diffusion/DiffusionError.h"

#include <cmath>

namespace tessera::detail {

ResnetBlock::ResnetBlock(ParamSource& p, const std::string& name, int64_t in, int64_t out, int64_t tembChannels,
                         int64_t groups, double eps)
    : norm1(p, name + ".norm1", groups, in, eps)
    , conv1(p, name + ".conv1", in, out, 3)
    , norm2(p, name + ".norm2", groups, out, eps)
    , conv2(p, name + ".conv2", out, out, 3)
{
    if (tembChannels > 0)
        timeProj = Linear(p, name + ".time_emb_proj", tembChannels, out);
    if (in != out)
        shortcut.emplace(p, name + ".conv_shortcut", in, out, 1);
}

at::Tensor ResnetBlock::operator()(const at::Tensor& x, const at::Tensor& temb) const
{
    auto h = conv1(norm1.withSilu(x));
    if (temb.defined() && timeProj.weight.defined())
        h = h + timeProj(at::silu(temb)).unsqueeze(-1).unsqueeze(-1);
    h = conv2(norm2.withSilu(h));
    return (shortcut ? (*shortcut)(x) : x) + h;
}

CrossAttention::CrossAttention(ParamSource& p, const std::string& name, int64_t dim, int64_t contextDim,
                               int64_t heads_, bool qkvBias)
    : q(p, name + ".to_q", dim, dim, qkvBias)
    , k(p, name + ".to_k", contextDim, dim, qkvBias)
    , v(p, name + ".to_v", contextDim, dim, qkvBias)
    , out(p, name + ".to_out.0", dim, dim)
    , heads(heads_)
{
}

at::Tensor CrossAttention::operator()(const at::Tensor& x, const at::Tensor& context) const
{
    const auto& c = context.defined() ? context : x;
    const double scale = 1.0 / std::sqrt(static_cast<double>(x.size(-1) / heads));
    const auto o = attention(splitHeads(q(x), heads), splitHeads(k(c), heads), splitHeads(v(c), heads), scale);
    return out(mergeHeads(o, heads));
}

TransformerBlock::TransformerBlock(ParamSource& p, const std::string& name, int64_t dim, int64_t contextDim,
                                   int64_t heads, bool onlyCross)
    : norm1(p, name + ".norm1", dim, 1e-5)
    , attn1(p, name + ".attn1", dim, onlyCross ? contextDim : dim, heads, false)
    , norm2(p, name + ".norm2", dim, 1e-5)
    , attn2(p, name + ".attn2", dim, contextDim, heads, false)
    , norm3(p, name + ".norm3", dim, 1e-5)
    , geglu(p, name + ".ff.net.0.proj", dim, dim * 4 * 2)
    , ffOut(p, name + ".ff.net.2", dim * 4, dim)
    , onlyCrossAttention(onlyCross)
{
}

at::Tensor TransformerBlock::operator()(at::Tensor x, const at::Tensor& context) const
{
    x = x + attn1(norm1(x), onlyCrossAttention ? context : at::Tensor());
    x = x + attn2(norm2(x), context);
    const auto projected = geglu(norm3(x)).chunk(2, -1);
    return x + ffOut(projected[0] * at::gelu(projected[1]));
}

Transformer2D::Transformer2D(ParamSource& p, const std::string& name, int64_t channels, int64_t contextDim,
                             int64_t heads, int layers, const UNetConfig& config)
    : norm(p, name + ".norm", config.normNumGroups, channels, 1e-6)
    , linearProjection(config.useLinearProjection)
{
    if (linearProjection)
        projInLinear = Linear(p, name + ".proj_in", channels, channels);
    else
        projInConv = Conv2d(p, name + ".proj_in", channels, channels, 1);
    for (int i = 0; i < layers; ++i)
        blocks.emplace_back(p, name + ".transformer_blocks." + std::to_string(i), channels, contextDim, heads,
                            config.onlyCrossAttention);
    if (linearProjection)
        projOutLinear = Linear(p, name + ".proj_out", channels, channels);
    else
        projOutConv = Conv2d(p, name + ".proj_out", channels, channels, 1);
}

at::Tensor Transformer2D::operator()(const at::Tensor& x, const at::Tensor& context) const
{
    const auto b = x.size(0);
    const auto c = x.size(1);
    const auto h = x.size(2);
    const auto w = x.size(3);
    auto y = norm(x);
    if (linearProjection) {
        y = projInLinear(y.permute({0, 2, 3, 1}).reshape({b, h * w, c}));
    } else {
        y = projInConv(y).permute({0, 2, 3, 1}).reshape({b, h * w, c});
    }
    for (const auto& block : blocks)
        y = block(y, context);
    if (linearProjection) {
        y = projOutLinear(y).reshape({b, h, w, c}).permute({0, 3, 1, 2});
    } else {
        y = projOutConv(y.reshape({b, h, w, c}).permute({0, 3, 1, 2}).contiguous(x.suggest_memory_format()));
    }
    return y + x;
}

UNet::UNet(const UNetConfig& config, ParamSource& p)
    : m_config(config)
{
    const auto& ch = config.blockOutChannels;
    const auto blocks = ch.size();
    const int64_t groups = config.normNumGroups;
    const double eps = config.normEps;
    const int64_t temb = ch[0] * 4;
    const int64_t context = config.crossAttentionDim;
    m_convIn = Conv2d(p, "conv_in", config.inChannels, ch[0], config.convInKernel);
    m_timeLinear1 = Linear(p, "time_embedding.linear_1", ch[0], temb);
    m_timeLinear2 = Linear(p, "time_embedding.linear_2", temb, temb);
    if (config.timeCondProjDim)
        m_timeCondProj.emplace(p, "time_embedding.cond_proj", *config.timeCondProjDim, ch[0], false);
    if (config.textTimeEmbedding) {
        m_addLinear1 = Linear(p, "add_embedding.linear_1", config.projectionClassEmbeddingsInputDim, temb);
        m_addLinear2 = Linear(p, "add_embedding.linear_2", temb, temb);
    }

    int64_t out = ch[0];
    for (std::size_t i = 0; i < blocks; ++i) {
        const int64_t in = out;
        out = ch[i];
        const bool cross = config.downBlockTypes[i] == "CrossAttnDownBlock2D";
        const auto name = "down_blocks." + std::to_string(i);
        Block block;
        for (int j = 0; j < config.layersPerBlock[i]; ++j) {
            block.resnets.emplace_back(p, name + ".resnets." + std::to_string(j), j == 0 ? in : out, out, temb, groups,
                                       eps);
            if (cross)
                block.attentions.emplace_back(p, name + ".attentions." + std::to_string(j), out, context,
                                              config.attentionHeads[i], config.transformerLayersPerBlock[i], config);
        }
        if (i + 1 < blocks)
            block.sampler.emplace(p, name + ".downsamplers.0.conv", out, out, 3, 2, config.downsamplePadding);
        m_down.push_back(std::move(block));
    }

    const int64_t midChannels = ch.back();
    m_mid.resnets.emplace_back(p, "mid_block.resnets.0", midChannels, midChannels, temb, groups, eps);
    m_mid.attentions.emplace_back(p, "mid_block.attentions.0", midChannels, context, config.attentionHeads.back(),
                                  config.transformerLayersPerBlock.back(), config);
    m_mid.resnets.emplace_back(p, "mid_block.resnets.1", midChannels, midChannels, temb, groups, eps);

    out = ch.back();
    for (std::size_t i = 0; i < blocks; ++i) {
        const std::size_t r = blocks - 1 - i; // the matching down block
        const int64_t prevOut = out;
        out = ch[r];
        const int64_t in = ch[r == 0 ? 0 : r - 1];
        const bool cross = config.upBlockTypes[i] == "CrossAttnUpBlock2D";
        const int layers = config.layersPerBlock[r] + 1;
        const auto name = "up_blocks." + std::to_string(i);
        Block block;
        for (int j = 0; j < layers; ++j) {
            const int64_t skip = j == layers - 1 ? in : out;
            const int64_t resIn = j == 0 ? prevOut : out;
            block.resnets.emplace_back(p, name + ".resnets." + std::to_string(j), resIn + skip, out, temb, groups, eps);
            if (cross)
                block.attentions.emplace_back(p, name + ".attentions." + std::to_string(j), out, context,
                                              config.attentionHeads[r], config.transformerLayersPerBlock[r], config);
        }
        if (i + 1 < blocks)
            block.sampler.emplace(p, name + ".upsamplers.0.conv", out, out, 3);
        m_up.push_back(std::move(block));
    }
    m_normOut = GroupNorm(p, "conv_norm_out", groups, ch[0], eps);
    m_convOut = Conv2d(p, "conv_out", ch[0], config.outChannels, config.convOutKernel);
}

at::Tensor sinusoidalEmbedding(const at::Tensor& values, int64_t dim, bool flipSinToCos, double freqShift)
{
    const int64_t half = dim / 2;
    auto exponent = at::arange(0, half, values.options().dtype(at::kFloat)) * -std::log(10000.0);
    exponent = exponent / (static_cast<double>(half) - freqShift);
    const auto args = values.to(at::kFloat).unsqueeze(1) * at::exp(exponent).unsqueeze(0);
    auto emb = at::cat({at::sin(args), at::cos(args)}, -1);
    if (flipSinToCos)
        emb = at::cat({emb.slice(1, half), emb.slice(1, 0, half)}, -1);
    if (dim % 2 == 1)
        emb = at::constant_pad_nd(emb, {0, 1});
    return emb;
}

at::Tensor UNet::timeProjection(const at::Tensor& timesteps) const
{
    return sinusoidalEmbedding(timesteps, m_config.blockOutChannels[0], m_config.flipSinToCos, m_config.freqShift);
}

at::Tensor UNet::additionEmbedding(const TextTimeCondition& added) const
{
    if (!m_config.textTimeEmbedding)
        throw DiffusionError("unet", "text and time ids were given to a UNet without addition_embed_type text_time");
    if (!added.textEmbeds.defined() || !added.timeIds.defined())
        throw DiffusionError("unet", "this UNet (SDXL) needs the pooled text embedding and the six time ids");
    const auto batch = added.timeIds.size(0);
    const auto device = m_addLinear1.weight.device();
    const auto timeEmbeds = sinusoidalEmbedding(added.timeIds.to(device, at::kFloat).reshape({-1}),
                                                m_config.additionTimeEmbedDim, m_config.flipSinToCos,
                                                m_config.freqShift)
                                .reshape({batch, -1});
    const auto input = at::cat({added.textEmbeds.to(device, at::kFloat), timeEmbeds}, -1);
    if (input.size(1) != m_config.projectionClassEmbeddingsInputDim)
        throw DiffusionError("unet", "the pooled text embedding and time ids give " + std::to_string(input.size(1))
                                         + " values; projection_class_embeddings_input_dim is "
                                         + std::to_string(m_config.projectionClassEmbeddingsInputDim));
    return m_addLinear2(at::silu(m_addLinear1(input)));
}

at::Tensor UNet::timeEmbedding(const at::Tensor& tProj, const at::Tensor& condition) const
{
    if (!condition.defined())
        return m_timeLinear2(at::silu(m_timeLinear1(tProj)));
    if (!m_timeCondProj)
        throw DiffusionError("unet", "a guidance embedding was given to a UNet without time_cond_proj_dim");
    return m_timeLinear2(at::silu(m_timeLinear1(tProj + (*m_timeCondProj)(condition.to(tProj.device(), at::kFloat)))));
}

at::Tensor guidanceScaleEmbedding(const at::Tensor& w, int64_t dim)
{
    const int64_t half = dim / 2;
    const auto scaled = w.to(at::kFloat).reshape({-1}) * 1000.0;
    // in float32 as diffusers computes it (torch.log(torch.tensor(10000.0)) / (half_dim - 1))
    const float step = static_cast<float>(std::log(10000.0)) / static_cast<float>(half - 1);
    const auto frequencies = at::exp(at::arange(half, scaled.options()) * -step);
    const auto args = scaled.unsqueeze(1) * frequencies.unsqueeze(0);
    auto emb = at::cat({at::sin(args), at::cos(args)}, 1);
    if (dim % 2 == 1)
        emb = at::constant_pad_nd(emb, {0, 1});
    return emb;
}

at::Tensor UNet::forward(const at::Tensor& sampleIn, const at::Tensor& timesteps, const at::Tensor& context,
                         const Probe& probe, const at::Tensor& timestepCond,
                         const TextTimeCondition& added) const
{
    const int64_t batch = sampleIn.size(0);
    auto t = timesteps.to(sampleIn.device()).reshape({-1});
    if (t.size(0) == 1 && batch != 1)
        t = t.expand({batch});
    if (t.size(0) != batch)
        throw DiffusionError("unet", "got " + std::to_string(t.size(0)) + " timesteps for a batch of "
                                         + std::to_string(batch));
    auto temb = timeEmbedding(timeProjection(t), timestepCond);
    if (m_config.textTimeEmbedding)
        temb = temb + additionEmbedding(added);

    auto sample = m_config.centerInputSample ? 2 * sampleIn - 1.0 : sampleIn;
    auto x = m_convIn(sample);
    std::vector<at::Tensor> skips{x};
    for (std::size_t i = 0; i < m_down.size(); ++i) {
        const auto& block = m_down[i];
        for (std::size_t j = 0; j < block.resnets.size(); ++j) {
            x = block.resnets[j](x, temb);
            if (!block.attentions.empty())
                x = block.attentions[j](x, context);
            skips.push_back(x);
        }
        if (block.sampler) {
            x = (*block.sampler)(x);
            skips.push_back(x);
        }
        if (probe)
            probe("down_blocks." + std::to_string(i), x);
    }
    x = m_mid.resnets[0](x, temb);
    x = m_mid.attentions[0](x, context);
    x = m_mid.resnets[1](x, temb);
    if (probe)
        probe("mid_block", x);
    for (std::size_t i = 0; i < m_up.size(); ++i) {
        const auto& block = m_up[i];
        for (std::size_t j = 0; j < block.resnets.size(); ++j) {
            x = block.resnets[j](at::cat({x, skips.back()}, 1), temb);
            skips.pop_back();
            if (!block.attentions.empty())
                x = block.attentions[j](x, context);
        }
        if (block.sampler) {
            // nearest x2, or to the next skip's size when the input was not a multiple of 2^n
            const auto& next = skips.back();
            x = at::upsample_nearest2d(x, {next.size(2), next.size(3)});
            x = (*block.sampler)(x);
        }
        if (probe)
            probe("up_blocks." + std::to_string(i), x);
    }
    // in the sample's dtype (float32) for the scheduler, whatever the weights' precision
    // contiguous: bf16 runs channels-last inside, the sampler's latents are NCHW
    return m_convOut(m_normOut.withSilu(x)).to(sampleIn.scalar_type()).contiguous();
}

} // namespace tessera::detail
