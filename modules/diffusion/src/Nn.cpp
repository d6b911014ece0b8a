#include "Nn.h"

#include "GroupNormBf16.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

namespace tessera::detail {

at::Tensor LoadedParams::take(const std::string& name, at::IntArrayRef shape, ParamKind)
{
    return m_weights.get(name, shape);
}

at::Tensor PrecisionParams::take(const std::string& name, at::IntArrayRef shape, ParamKind kind)
{
    const auto tensor = m_source.take(name, shape, kind);
    if (kind != ParamKind::Weight && kind != ParamKind::Bias)
        return tensor.to(at::kFloat); // norms and embeddings: float32, from a half-precision file too
    const bool channelsLast = m_computeType != at::kFloat && tensor.dim() == 4;
    return tensor.to(tensor.options().dtype(m_computeType), false, false,
                     channelsLast ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Preserve);
}

InitParams::InitParams(uint64_t seed, const at::Device& device, bool trainable)
    : m_generator(at::make_generator<at::CPUGeneratorImpl>(seed))
    , m_device(device)
    , m_trainable(trainable)
{
}

at::Tensor InitParams::take(const std::string& name, at::IntArrayRef shape, ParamKind kind)
{
    at::Tensor t;
    switch (kind) {
    case ParamKind::NormWeight:
        t = at::ones(shape, at::kFloat);
        break;
    case ParamKind::Bias:
    case ParamKind::NormBias:
        t = at::zeros(shape, at::kFloat);
        break;
    case ParamKind::Embedding:
        t = at::randn(shape, m_generator, at::kFloat) * 0.02;
        break;
    case ParamKind::Weight: {
        int64_t fanIn = 1;
        for (std::size_t i = 1; i < shape.size(); ++i)
            fanIn *= shape[i];
        const double bound = 1.0 / std::sqrt(static_cast<double>(std::max<int64_t>(fanIn, 1)));
        t = at::rand(shape, m_generator, at::kFloat) * (2 * bound) - bound;
        break;
    }
    }
    t = t.to(m_device);
    if (m_trainable)
        t.requires_grad_(true);
    m_params[name] = t;
    return t;
}

at::Tensor ShapeParams::take(const std::string& name, at::IntArrayRef shape, ParamKind)
{
    m_shapes[name] = shape.vec();
    ++m_takes;
    return at::empty(shape, at::TensorOptions().dtype(at::kFloat).device(at::kMeta));
}

Linear::Linear(ParamSource& p, const std::string& name, int64_t in, int64_t out, bool withBias)
    : weight(p.take(name + ".weight", {out, in}, ParamKind::Weight))
{
    if (withBias)
        bias = p.take(name + ".bias", {out}, ParamKind::Bias);
}

Conv2d::Conv2d(ParamSource& p, const std::string& name, int64_t in, int64_t out, int64_t kernel, int64_t stride_,
               int64_t padding_)
    : weight(p.take(name + ".weight", {out, in, kernel, kernel}, ParamKind::Weight))
    , bias(p.take(name + ".bias", {out}, ParamKind::Bias))
    , stride(stride_)
    , padding(padding_ < 0 ? kernel / 2 : padding_)
{
}

at::Tensor Conv2d::operator()(const at::Tensor& x) const
{
    return at::conv2d(x.to(weight.scalar_type()), weight, bias, {stride, stride}, {padding, padding});
}

GroupNorm::GroupNorm(ParamSource& p, const std::string& name, int64_t groups_, int64_t channels, double eps_)
    : weight(p.take(name + ".weight", {channels}, ParamKind::NormWeight))
    , bias(p.take(name + ".bias", {channels}, ParamKind::NormBias))
    , groups(groups_)
    , eps(eps_)
{
}

at::Tensor GroupNorm::apply(const at::Tensor& x, bool silu) const
{
    if (fitsGroupNormBf16ChannelsLast(x))
        return groupNormBf16ChannelsLast(x, groups, weight, bias, eps, silu);
    const auto y = at::group_norm(x.to(at::kFloat), groups, weight, bias, eps).to(x.scalar_type());
    return silu ? at::silu(y) : y;
}

LayerNorm::LayerNorm(ParamSource& p, const std::string& name, int64_t channels, double eps_)
    : weight(p.take(name + ".weight", {channels}, ParamKind::NormWeight))
    , bias(p.take(name + ".bias", {channels}, ParamKind::NormBias))
    , eps(eps_)
{
}

at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, double scale,
                     const at::Tensor& mask, int64_t maxScores)
{
    const int64_t batch = q.size(0);
    const int64_t queries = q.size(1);
    const int64_t keys = k.size(1);
    const int64_t chunk = std::max<int64_t>(1, std::min(queries, maxScores / std::max<int64_t>(1, batch * keys)));
    const auto kt = k.transpose(1, 2);
    const auto qs = q * scale; // scaling the queries is cheaper than scaling the scores
    std::vector<at::Tensor> chunks;
    for (int64_t start = 0; start < queries; start += chunk) {
        const int64_t end = std::min(queries, start + chunk);
        auto scores = at::bmm(chunk >= queries ? qs : qs.slice(1, start, end), kt);
        if (mask.defined())
            scores = scores + (chunk >= queries ? mask : mask.slice(-2, start, end));
        // The softmax in the scores' dtype: libtorch's bf16/fp16 softmax sums and exponentiates in
        // float32 and rounds once, bit for bit what a float32 softmax rounded to bf16 gives at
        // SD's 4096 keys (measured), three times faster; the product with v in v's dtype.
        chunks.push_back(at::bmm(scores.softmax(-1).to(v.scalar_type()), v));
    }
    return chunks.size() == 1 ? chunks.front() : at::cat(chunks, 1);
}

at::Tensor splitHeads(const at::Tensor& x, int64_t heads)
{
    const auto b = x.size(0);
    const auto n = x.size(1);
    const auto d = x.size(2) / heads;
    return x.reshape({b, n, heads, d}).permute({0, 2, 1, 3}).reshape({b * heads, n, d});
}

at::Tensor mergeHeads(const at::Tensor& x, int64_t heads)
{
    const auto b = x.size(0) / heads;
    const auto n = x.size(1);
    const auto d = x.size(2);
    return x.reshape({b, heads, n, d}).permute({0, 2, 1, 3}).reshape({b, n, heads * d});
}

} // namespace tessera::detail
