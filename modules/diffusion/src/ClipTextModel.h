#pragma once

// transformers' CLIPTextModel and CLIPTextModelWithProjection (pre-LayerNorm transformer, causal mask, quick_gelu or gelu),
// parameter names as in its state dict: text_model.embeddings..., text_model.encoder.layers.N...

#include "Nn.h"

#include "tessera/diffusion/ModelConfig.h"

#include <optional>
#include <vector>

namespace tessera::detail {

struct ClipTextOutput
{
    at::Tensor lastHiddenState;   //!< [B, T, D] after final_layer_norm
    at::Tensor penultimate;       //!< hidden_states[-2]: the input of the last layer, no final LN
    at::Tensor pooled;            //!< [B, D] at the end-of-text token
    //! [B, projection_dim]: text_projection(pooled), with a CLIPTextModelWithProjection (SDXL's
    //! pooled embedding); undefined otherwise
    at::Tensor textEmbeds;
    //! transformers' hidden_states: the embeddings, then every layer's output (no final LN)
    std::vector<at::Tensor> hiddenStates;
};

class ClipTextModel
{
public:
    ClipTextModel(const TextEncoderConfig& config, ParamSource& params);
    //! ids: int64 [B, T] with T <= max_position_embeddings.
    ClipTextOutput forward(const at::Tensor& ids) const;
    const TextEncoderConfig& config() const { return m_config; }
    //! final_layer_norm, for clip-skip embeddings from `penultimate`.
    at::Tensor finalLayerNorm(const at::Tensor& x) const { return m_finalNorm(x); }
    //! The prompt embedding with diffusers' clip_skip: 0 = last_hidden_state, N = final LN of
    //! hidden_states[-(N + 1)] (1 = the penultimate layer). Throws for N beyond the layers.
    at::Tensor embedding(const ClipTextOutput& out, int clipSkip) const;
    int layerCount() const { return static_cast<int>(m_layers.size()); }
    //! Appends rows [n, hidden] to the token embedding (textual inversion); returns the first
    //! new id.
    int64_t appendTokenEmbeddings(const at::Tensor& rows);

private:
    struct Layer
    {
        LayerNorm norm1;
        Linear q, k, v, out;
        LayerNorm norm2;
        Linear fc1, fc2;
    };

    TextEncoderConfig m_config;
    at::Tensor m_tokenEmbedding;
    at::Tensor m_positionEmbedding;
    std::vector<Layer> m_layers;
    LayerNorm m_finalNorm;
    std::optional<Linear> m_projection; // text_projection, without bias
};

} // namespace tessera::detail
