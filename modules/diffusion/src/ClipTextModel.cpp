#include "ClipTextModel.h"

#include "tessera/diffusion/DiffusionError.h"

#include <cmath>
#include <limits>

namespace tessera::detail {

ClipTextModel::ClipTextModel(const TextEncoderConfig& config, ParamSource& p)
    : m_config(config)
{
    const int64_t d = config.hiddenSize;
    const std::string prefix = "text_model.";
    m_tokenEmbedding = p.take(prefix + "embeddings.token_embedding.weight", {config.vocabSize, d}, ParamKind::Embedding);
    m_positionEmbedding = p.take(prefix + "embeddings.position_embedding.weight", {config.maxPositionEmbeddings, d},
                                 ParamKind::Embedding);
    for (int i = 0; i < config.numHiddenLayers; ++i) {
        const auto l = prefix + "encoder.layers." + std::to_string(i) + ".";
        m_layers.push_back(Layer{LayerNorm(p, l + "layer_norm1", d, config.layerNormEps),
                                 Linear(p, l + "self_attn.q_proj", d, d), Linear(p, l + "self_attn.k_proj", d, d),
                                 Linear(p, l + "self_attn.v_proj", d, d), Linear(p, l + "self_attn.out_proj", d, d),
                                 LayerNorm(p, l + "layer_norm2", d, config.layerNormEps),
                                 Linear(p, l + "mlp.fc1", d, config.intermediateSize),
                                 Linear(p, l + "mlp.fc2", config.intermediateSize, d)});
    }
    m_finalNorm = LayerNorm(p, prefix + "final_layer_norm", d, config.layerNormEps);
    if (config.withProjection)
        m_projection.emplace(p, "text_projection", d, config.projectionDim, false);
}

ClipTextOutput ClipTextModel::forward(const at::Tensor& ids) const
{
    const int64_t batch = ids.size(0);
    const int64_t length = ids.size(1);
    if (length > m_config.maxPositionEmbeddings)
        throw DiffusionError("text_encoder", "sequence of " + std::to_string(length) + " tokens exceeds the "
                                                 + std::to_string(m_config.maxPositionEmbeddings) + " positions");
    if (ids.numel() && (ids.min().item<int64_t>() < 0 || ids.max().item<int64_t>() >= m_config.vocabSize))
        throw DiffusionError("text_encoder", "token id outside the vocabulary");
    const auto device = m_tokenEmbedding.device();
    const auto idsOnDevice = ids.to(device, at::kLong);
    auto x = at::embedding(m_tokenEmbedding, idsOnDevice) + m_positionEmbedding.slice(0, 0, length).unsqueeze(0);

    const int64_t heads = m_config.numAttentionHeads;
    const double scale = 1.0 / std::sqrt(static_cast<double>(m_config.hiddenSize / heads));
    const auto mask = at::full({length, length}, -std::numeric_limits<float>::infinity(), x.options()).triu(1);
    at::Tensor penultimate = x;
    std::vector<at::Tensor> hiddenStates{x};
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        const auto& layer = m_layers[i];
        if (i + 1 == m_layers.size())
            penultimate = x;
        auto h = layer.norm1(x);
        const auto q = splitHeads(layer.q(h), heads);
        const auto k = splitHeads(layer.k(h), heads);
        const auto v = splitHeads(layer.v(h), heads);
        x = x + layer.out(mergeHeads(attention(q, k, v, scale, mask), heads));
        h = layer.fc1(layer.norm2(x));
        h = m_config.hiddenAct == "gelu" ? at::gelu(h) : h * at::sigmoid(1.702 * h);
        x = x + layer.fc2(h);
        hiddenStates.push_back(x);
    }
    if (m_layers.empty())
        penultimate = x;
    ClipTextOutput out;
    out.lastHiddenState = m_finalNorm(x);
    out.penultimate = penultimate;
    out.hiddenStates = std::move(hiddenStates);
    // transformers: legacy configs (eos_token_id == 2) pool at the largest id, others at the first eos
    const auto eosPositions = m_config.eosTokenId == 2 ? idsOnDevice.argmax(-1)
                                                       : (idsOnDevice == m_config.eosTokenId).to(at::kInt).argmax(-1);
    out.pooled = out.lastHiddenState.index({at::arange(batch, idsOnDevice.options()), eosPositions});
    if (m_projection)
        out.textEmbeds = (*m_projection)(out.pooled).to(at::kFloat);
    return out;
}

int64_t ClipTextModel::appendTokenEmbeddings(const at::Tensor& rows)
{
    if (rows.dim() != 2 || rows.size(1) != m_tokenEmbedding.size(1))
        throw DiffusionError("text_encoder", "token embeddings must be [n, " + std::to_string(m_tokenEmbedding.size(1))
                                                 + "]");
    const auto first = m_tokenEmbedding.size(0);
    m_tokenEmbedding = at::cat({m_tokenEmbedding, rows.to(m_tokenEmbedding.device(), m_tokenEmbedding.scalar_type())}, 0);
    m_config.vocabSize = static_cast<int>(m_tokenEmbedding.size(0));
    return first;
}

at::Tensor ClipTextModel::embedding(const ClipTextOutput& out, int clipSkip) const
{
    if (clipSkip == 0)
        return out.lastHiddenState;
    if (clipSkip < 0 || clipSkip >= static_cast<int>(out.hiddenStates.size()))
        throw DiffusionError("text_encoder", "clip skip " + std::to_string(clipSkip) + " is outside 0.."
                                                 + std::to_string(static_cast<int>(out.hiddenStates.size()) - 1)
                                                 + " for a text encoder of " + std::to_string(m_layers.size())
                                                 + " layers");
    return m_finalNorm(out.hiddenStates[out.hiddenStates.size() - 1 - static_cast<std::size_t>(clipSkip)]);
}

} // namespace tessera::detail
