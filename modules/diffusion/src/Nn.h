#pragma once

// Building blocks of the networks, written on ATen functions (not torch::nn modules) so that each
// network is a plain struct of tensors named as in diffusers/transformers. Parameters come from a
// ParamSource: loaded from safetensors (shape-checked), or freshly initialised (a random-weight
// model, training) while recording every name and shape.

#include "TensorLoader.h"

#include <ATen/ATen.h>

#include <map>
#include <string>

namespace tessera::detail {

enum class ParamKind { Weight, Bias, NormWeight, NormBias, Embedding };

class ParamSource
{
public:
    virtual ~ParamSource() = default;
    virtual at::Tensor take(const std::string& name, at::IntArrayRef shape, ParamKind kind) = 0;
};

//! Parameters from loaded weights, shape-checked.
class LoadedParams final : public ParamSource
{
public:
    explicit LoadedParams(const Weights& weights)
        : m_weights(weights)
    {
    }
    at::Tensor take(const std::string& name, at::IntArrayRef shape, ParamKind kind) override;

private:
    const Weights& m_weights;
};

//! Parameters handed over from loaded weights, shape-checked: each loaded tensor is freed once the
//! network took (and perhaps converted) it, so loading never holds a network twice.
class ReleasedParams final : public ParamSource
{
public:
    explicit ReleasedParams(Weights& weights)
        : m_weights(weights)
    {
    }
    at::Tensor take(const std::string& name, at::IntArrayRef shape, ParamKind) override
    {
        return m_weights.release(name, shape);
    }

private:
    Weights& m_weights;
};

//! Fresh parameters (PyTorch-like fan-in uniform init, unit norms, zero biases) from a seeded
//! generator, recorded by name.
class InitParams final : public ParamSource
{
public:
    //! `trainable`: the parameters require gradients (training with autograd).
    InitParams(uint64_t seed, const at::Device& device, bool trainable = false);
    at::Tensor take(const std::string& name, at::IntArrayRef shape, ParamKind kind) override;
    const std::map<std::string, at::Tensor>& params() const { return m_params; }

private:
    at::Generator m_generator;
    at::Device m_device;
    bool m_trainable;
    std::map<std::string, at::Tensor> m_params;
};

//! Records every parameter's name and shape, returning storage-free meta tensors (for checking a
//! network's layout against a real model's manifest without allocating it).
class ShapeParams final : public ParamSource
{
public:
    at::Tensor take(const std::string& name, at::IntArrayRef shape, ParamKind kind) override;
    const std::map<std::string, std::vector<int64_t>>& shapes() const { return m_shapes; }
    //! How many parameters were taken (a name taken twice counts twice).
    std::size_t takes() const { return m_takes; }

private:
    std::map<std::string, std::vector<int64_t>> m_shapes;
    std::size_t m_takes = 0;
};

//! Another source's parameters, with the convolution and linear ones (ParamKind Weight and Bias)
//! converted once to a compute dtype (bf16, fp16); norms and embeddings are float32 (converted
//! when the source kept a file's F16/BF16). In bf16 and
//! fp16 the convolution weights are laid out channels-last, so the convolutions give channels-last
//! activations, which oneDNN (and cuDNN's tensor cores) run two to three times faster in bf16
//! than NCHW (measured here) and which the attention's token view reads without a copy. Layers
//! compute in their weight's dtype: Linear and Conv2d cast their input to it, the norms and the
//! attention softmax run in float32 and give back their input's dtype.
class PrecisionParams final : public ParamSource
{
public:
    PrecisionParams(ParamSource& source, at::ScalarType computeType)
        : m_source(source)
        , m_computeType(computeType)
    {
    }
    at::Tensor take(const std::string& name, at::IntArrayRef shape, ParamKind kind) override;

private:
    ParamSource& m_source;
    at::ScalarType m_computeType;
};

//! Another source's parameters, with every convolution and linear weight also kept by name in
//! `weights` (the same tensors the network holds, so that a LoRA merged into one changes the
//! network).
class RecordingParams final : public ParamSource
{
public:
    RecordingParams(ParamSource& source, std::map<std::string, at::Tensor>& weights)
        : m_source(source)
        , m_weights(weights)
    {
    }
    at::Tensor take(const std::string& name, at::IntArrayRef shape, ParamKind kind) override
    {
        auto tensor = m_source.take(name, shape, kind);
        if (kind == ParamKind::Weight)
            m_weights[name] = tensor;
        return tensor;
    }

private:
    ParamSource& m_source;
    std::map<std::string, at::Tensor>& m_weights;
};

struct Linear
{
    at::Tensor weight;
    at::Tensor bias; // may be undefined
    Linear() = default;
    Linear(ParamSource& p, const std::string& name, int64_t in, int64_t out, bool bias = true);
    at::Tensor operator()(const at::Tensor& x) const { return at::linear(x.to(weight.scalar_type()), weight, bias); }
};

struct Conv2d
{
    at::Tensor weight;
    at::Tensor bias;
    int64_t stride = 1;
    int64_t padding = 0;
    Conv2d() = default;
    Conv2d(ParamSource& p, const std::string& name, int64_t in, int64_t out, int64_t kernel, int64_t stride = 1,
           int64_t padding = -1);
    at::Tensor operator()(const at::Tensor& x) const;
};

struct GroupNorm
{
    at::Tensor weight;
    at::Tensor bias;
    int64_t groups = 32;
    double eps = 1e-5;
    GroupNorm() = default;
    GroupNorm(ParamSource& p, const std::string& name, int64_t groups, int64_t channels, double eps);
    //! statistics in float32 (over many values), returned in x's dtype and layout
    at::Tensor operator()(const at::Tensor& x) const { return apply(x, false); }
    //! followed by SiLU (every ResNet block's and the networks' output norms), fused in bf16
    at::Tensor withSilu(const at::Tensor& x) const { return apply(x, true); }

private:
    at::Tensor apply(const at::Tensor& x, bool silu) const;
};

struct LayerNorm
{
    at::Tensor weight;
    at::Tensor bias;
    double eps = 1e-5;
    LayerNorm() = default;
    LayerNorm(ParamSource& p, const std::string& name, int64_t channels, double eps);
    at::Tensor operator()(const at::Tensor& x) const
    {
        return at::layer_norm(x.to(at::kFloat), {weight.size(0)}, weight, bias, eps).to(x.scalar_type());
    }
};

//! softmax(q k^T * scale + mask) v over [B*heads, tokens, headDim] tensors (the softmax accumulated
//! in float32 by libtorch's kernel, the result in v's dtype), in query chunks so
//! that no score chunk exceeds about 4M elements (16 MiB; measured fastest here) (memory-efficient attention; exact).
at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, double scale,
                     const at::Tensor& mask = at::Tensor(), int64_t maxScores = int64_t(1) << 22);
//! [B, N, heads*d] -> [B*heads, N, d] and back.
at::Tensor splitHeads(const at::Tensor& x, int64_t heads);
at::Tensor mergeHeads(const at::Tensor& x, int64_t heads);

} // namespace tessera::detail
