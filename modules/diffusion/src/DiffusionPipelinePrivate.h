#pragma once

// The pipeline's tensor-level core (text embeddings, start noise, the guided sampling loop,
// decoding), shared by DiffusionPipeline and the engine's tests.

#include "ClipTextModel.h"
#include "KohyaLora.h"
#include "Schedulers.h"
#include "UNet.h"
#include "Vae.h"

#include "tessera/diffusion/ClipTokenizer.h"
#include "tessera/diffusion/DiffusionPipeline.h"

#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace tessera {

//! Where a pipeline's networks get their weights: a diffusers folder's files or one checkpoint.
class ComponentWeights
{
public:
    virtual ~ComponentWeights() = default;
    //! Called once with the configs before any load (`text2`: SDXL's text_encoder_2, else empty).
    virtual void prepare(const UNetConfig&, const std::optional<VaeConfig>&, const TextEncoderConfig& /*text*/,
                         const std::optional<TextEncoderConfig>& /*text2*/, const std::string& /*configFolder*/)
    {
    }
    //! The parameters of "unet", "vae", "text_encoder" or "text_encoder_2" (F16/BF16 kept as they are when
    //! `keepHalfPrecision`: see Weights).
    virtual detail::Weights load(const std::string& network, const at::Device& device, bool keepHalfPrecision) = 0;
    //! Called after a network took its parameters (a single file refuses leftovers).
    virtual void finish(const detail::Weights&) {}
};

struct DiffusionPipeline::Private
{
    std::string folder;
    std::string familyFolder; // a single file's configs; empty for a diffusers folder
    at::Device device{at::kCPU};
    ComputePrecision precision = ComputePrecision::Fp32; // resolved, never Auto
    ModelIndex index;
    std::unique_ptr<ClipTokenizer> tokenizer;
    std::unique_ptr<detail::ClipTextModel> textEncoder;
    // SDXL's second tokenizer and encoder (CLIPTextModelWithProjection); null for SD 1.x/2.x
    std::unique_ptr<ClipTokenizer> tokenizer2;
    std::unique_ptr<detail::ClipTextModel> textEncoder2;
    // textual inversion: a token's id -> the ids of all its vectors, per tokenizer
    std::map<int, std::vector<int>> tokenExpansions;
    std::map<int, std::vector<int>> tokenExpansions2;
    // every convolution/linear weight each network holds, by network ("unet", "text_encoder",
    // "text_encoder_2") and parameter name: where LoRAs are merged
    std::map<std::string, std::map<std::string, at::Tensor>> layerWeights;
    // added LoRAs by path, with the strength merged into the weights now; the lock keeps one
    // batch's strengths from changing under another's (a pipeline may serve several threads)
    struct AddedLora
    {
        detail::KohyaLora lora;
        double merged = 0.0;
    };
    mutable std::map<std::string, AddedLora> loras;
    mutable std::mutex loraMutex;
    std::unique_ptr<detail::UNet> unet;
    std::unique_ptr<detail::Vae> vae; // null: the UNet works in pixel space
    std::string schedulerPath;
    std::string schedulerJson;
    SchedulerConfig schedulerConfig;

    //! Called after every sampling step with the step index and the latents.
    using StepObserver = std::function<void(std::size_t, const at::Tensor&)>;

    //! What a prompt gives the UNet: the per-token context [1, T, D] and, for SDXL, the pooled
    //! embedding [1, projection_dim] (undefined otherwise).
    struct TextConditioning
    {
        at::Tensor context;
        at::Tensor pooled;
    };
    //! The text embedding of a prompt with emphasis weights (A1111's scheme: the weighted
    //! hidden states are rescaled to keep the unweighted mean). SD 1.x/2.x: the layer `clipSkip`
    //! picks (see ClipTextModel::embedding). SDXL, as diffusers: both encoders'
    //! hidden_states[-(clipSkip + 2)], without the final LayerNorm, side by side, and the second
    //! encoder's projected pooled embedding.
    TextConditioning encodeText(const std::string& prompt, int clipSkip = 0) const;
    at::Tensor encodePrompt(const std::string& prompt, int clipSkip = 0) const
    {
        return encodeText(prompt, clipSkip).context;
    }
    //! The request's conditioning, with its optional prompt blend.
    TextConditioning conditioning(const GenerationRequest& request) const;
    //! The unconditional side of guidance: the encoded negative prompt, or (SDXL's
    //! force_zeros_for_empty_prompt, when the request has no negative prompt at all) zeros.
    TextConditioning unconditioning(const GenerationRequest& request) const;
    //! SDXL's six time ids [1, 6] for an image of this size (diffusers' _get_add_time_ids).
    at::Tensor timeIds(const GenerationRequest& request, int width, int height) const;
    //! The scheduler configuration a request asks for.
    SchedulerConfig schedulerFor(const GenerationRequest& request) const;
    //! [1, C, h, w] unit noise drawn from `generator` (seeded with request.seed by the caller),
    //! slerped towards the request's blend seed's noise.
    at::Tensor startNoise(const GenerationRequest& request, int latentHeight, int latentWidth,
                          at::Generator& generator) const;
    //! img2img: the scaled latents [1, C, h, w] of an image [1, 3, H, W] in [0, 1]; draws the
    //! posterior sample from `generator` first, as diffusers does.
    at::Tensor imageLatents(const at::Tensor& image01, at::Generator& generator) const;
    //! Merges the LoRAs at the strengths asked (GenerationRequest::loraScales: absent = 0),
    //! changing each weight by the strength's difference to what is merged now; the caller holds
    //! loraMutex.
    void applyLoraScales(const std::map<std::string, double>& scales) const;
    //! The sampled latents [B, C, h, w] for requests of one size/steps/sampler/strength/LoRAs;
    //! initImages (float [1, 3, H, W] in [0, 1], one per request) override the requests' initImage.
    at::Tensor sample(const std::vector<GenerationRequest>& requests, const StepObserver& observer,
                      const GenerationProgress& progress, const std::atomic<bool>* cancel,
                      const std::vector<at::Tensor>& initImages = {}) const;
    //! Latents -> images [B, 3, H, W] in [0, 1].
    at::Tensor decode(const at::Tensor& latents) const;
    //! The dtype the networks' convolution and linear weights are held and computed in.
    at::ScalarType computeType() const;
    int vaeScale() const { return vae ? vae->scaleFactor() : 1; }
    int nativeSize() const;
    //! Reads the configs and tokenizer from `configFolder` and builds the networks from `weights`.
    void load(const std::string& configFolder, ComponentWeights& weights);
};

struct DiffusionPipelineInternals
{
    static DiffusionPipeline::Private& of(const DiffusionPipeline& pipeline) { return *pipeline.d; }
};

//! Images [B, 3, H, W] in [0, 1] -> 8-bit RGB as diffusers' numpy_to_pil: round(x * 255).
std::vector<RgbImage> toRgb8(const at::Tensor& images);

} // namespace tessera
