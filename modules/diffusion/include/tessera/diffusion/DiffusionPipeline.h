#pragma once

#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/ModelConfig.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tessera {

//! Where the networks run: CUDA when the linked libtorch has it and a GPU is present, else CPU.
enum class ComputeDevice { Auto, Cpu, Cuda };

//! The number type the networks compute in. Their convolution and linear weights are converted to
//! it once at load (half the memory of float32); GroupNorm/LayerNorm, the attention softmax, the
//! sinusoidal timestep embedding, the text embeddings and the scheduler's latents stay float32.
//! Auto: bf16 on a CPU that multiplies bf16 natively (cpuHasNativeBf16), fp16 on CUDA, else fp32.
enum class ComputePrecision { Auto, Fp32, Bf16, Fp16 };

//! "auto", "fp32", "bf16" or "fp16".
std::string computePrecisionName(ComputePrecision precision);
//! The precision a computePrecisionName() names; throws DiffusionError for any other text.
ComputePrecision parseComputePrecision(const std::string& name);
//! Whether this CPU has bf16 instructions (AVX-512-BF16 or AMX-BF16) and the OS enabled their
//! registers, asked at run time (cpuid): without them libtorch emulates bf16, slower than float32.
bool cpuHasNativeBf16();
//! The precision `precision` means on `device` (Auto devices resolve as DiffusionPipeline does):
//! Auto picks as described at ComputePrecision. Fp16 on the CPU throws DiffusionError: libtorch
//! 1.13 has no half-precision CPU convolution, and no fast half-precision CPU matmul.
ComputePrecision resolveComputePrecision(ComputePrecision precision, ComputeDevice device);

//! Thrown when a generation is cancelled through its flag.
class GenerationCancelled : public DiffusionError
{
public:
    GenerationCancelled()
        : DiffusionError({}, "generation cancelled")
    {
    }
};

//! An 8-bit RGB image, rows top to bottom, 3 bytes per pixel.
struct RgbImage
{
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;
    //! With GenerationRequest::keepFloat: the same image before 8-bit quantisation, float32
    //! [H, W, 3] in [0, 1] (what diffusers returns with output_type "np"); else empty.
    std::vector<float> floatPixels;
};

//! Everything that determines one image: the same request on the same machine gives the same image.
struct GenerationRequest
{
    std::string prompt;                 //!< with optional "(word:1.3)" emphasis
    //! The unconditional prompt for guidance. None is not "": as diffusers' negative_prompt=None,
    //! SD 1.x/2.x encode the empty prompt either way, while SDXL (force_zeros_for_empty_prompt)
    //! guides away from zero embeddings when there is none.
    std::optional<std::string> negativePrompt;
    std::string blendPrompt;            //!< optional second prompt ...
    double blendWeight = 0.0;           //!< ... its share of the text embedding (0 = prompt only)
    std::uint64_t seed = 0;             //!< start noise: torch.Generator().manual_seed(seed)
    std::optional<std::uint64_t> blendSeed; //!< optional second seed ...
    double seedBlend = 0.0;             //!< ... spherical interpolation of the two noises (0 = seed)
    //! classifier-free guidance scale; 1 disables the uncond pass. Empty: the model's
    //! recommendedGuidance().
    std::optional<double> guidance;
    int steps = 30;
    int width = 0;                      //!< 0: the model's native size
    int height = 0;
    std::optional<SamplerKind> sampler; //!< default: the folder's scheduler class
    std::optional<RgbImage> initImage; //!< img2img: start from this image (the request's size) ...
    double strength = 0.8;              //!< ... noised this far (1 = ignore it); runs steps x strength steps
    bool karras = false;                //!< Karras sigmas (DPM-Solver++ and Euler)
    //! diffusers' clip_skip: 0 = last layer, 1 = penultimate layer (+ final LN), ...; applies
    //! to the prompt and blend prompt, not the negative prompt (as diffusers 0.27 does)
    int clipSkip = 0;
    bool keepFloat = false;             //!< also return RgbImage::floatPixels
    //! SDXL's micro-conditioning: the size the picture should look cropped from (0: the image's
    //! own size) and the crop's top-left corner; other models ignore them.
    int originalWidth = 0;
    int originalHeight = 0;
    int cropTop = 0;
    int cropLeft = 0;
    //! LoRA strengths by file (as given to DiffusionPipeline::addLora); a LoRA not named here is
    //! off (strength 0). 1 applies it as trained; a batch shares one set.
    std::map<std::string, double> loraScales;
};

//! Progress of a batch: steps done of the total.
using GenerationProgress = std::function<void(int done, int total)>;

//! A text-to-image model, loaded once and sampled many times. libtorch stays inside (pimpl). Either
//! - a folder in the diffusers layout (model_index.json, unet/, text_encoder/, tokenizer/,
//!   scheduler/, and vae/ for latent models; without vae/ the UNet works on pixels), of
//!   Stable Diffusion 1.x/2.x or SDXL (StableDiffusionXLPipeline: also text_encoder_2/ and
//!   tokenizer_2/), or
//! - a single-file Stable Diffusion 1.x/2.x/XL checkpoint (.safetensors in the original "ldm" or,
//!   for SDXL, "sgm" naming, as model sites offer them): its configs, scheduler and tokenizers come
//!   from a bundled model family (share/tessera/model-families), detected from the header
//!   (detectLdmCheckpointKind: SD 1.x -> sd15; SD 2.x -> sd-turbo when the file name says "turbo",
//!   else sd21; SDXL -> sdxl-turbo when the file name says "turbo", else sdxl).
class DiffusionPipeline
{
public:
    //! Loads and checks every component; throws DiffusionError "<file>: <problem>".
    //! `family` only matters for a single file: empty detects it (or takes $TESSERA_MODEL_FAMILY
    //! when set); else a bundled family name ("sd15", "sd21", "sd-turbo", "sdxl", "sdxl-turbo") or a
    //! folder of diffusers configs (model_index.json, unet/, vae/, text_encoder/, scheduler/,
    //! tokenizer/; SDXL also text_encoder_2/, tokenizer_2/).
    //! `precision` (resolveComputePrecision) is float32 unless asked: the same request keeps
    //! giving the same bytes as before precisions existed.
    explicit DiffusionPipeline(const std::string& path, ComputeDevice device = ComputeDevice::Auto,
                               const std::string& family = {},
                               ComputePrecision precision = ComputePrecision::Fp32);
    ~DiffusionPipeline();
    DiffusionPipeline(DiffusionPipeline&&) noexcept;
    DiffusionPipeline& operator=(DiffusionPipeline&&) noexcept;

    //! One image.
    RgbImage generate(const GenerationRequest& request, const GenerationProgress& progress = {},
                      const std::atomic<bool>* cancel = nullptr) const;
    //! Several images in one batched network pass per step. They must share size, steps and
    //! sampler; prompts, seeds and guidance may differ. Each image equals its one-by-one result up
    //! to float rounding.
    std::vector<RgbImage> generateBatch(const std::vector<GenerationRequest>& requests,
                                        const GenerationProgress& progress = {},
                                        const std::atomic<bool>* cancel = nullptr) const;

    //! Adds a textual-inversion embedding, usable as `token` in any prompt from then on (a file of
    //! n vectors adds token, token_1 ... token_{n-1}, and the token stands for all of them, as
    //! in diffusers). Files: A1111's .safetensors ("emb_params" [n, width]), SDXL's ("clip_l" and
    //! "clip_g"), or diffusers' one-tensor form. Empty token: the file's name without extension.
    //! Throws DiffusionError "<file>: <problem>" (another family's width, a token in use ...)
    //! and then leaves the model unchanged.
    void addTextualInversion(const std::string& path, const std::string& token = {});

    //! Reads a kohya-format LoRA (.safetensors, as model sites distribute them: UNet and text
    //! encoder modules, alpha/rank scaling) and checks every module against this model's layers;
    //! it is applied to the requests that name it in GenerationRequest::loraScales, merged into
    //! the weights for their batch (no copy of the base weights is kept: a strength change adds
    //! the difference). Throws DiffusionError "<file>: <problem>" for a LoRA of another model
    //! family, one whose shapes do not fit, or a file that is not a kohya LoRA; the model is then
    //! unchanged. Adding the same file again reads it again (its strength is kept).
    void addLora(const std::string& path);
    //! The LoRAs added, by path.
    std::vector<std::string> loraPaths() const;

    //! The path it was loaded from (a folder or a single file).
    const std::string& folder() const;
    //! A single file's family folder (bundled or given); empty for a diffusers folder.
    const std::string& familyFolder() const;
    //! The native image size (unet sample_size x VAE scale factor).
    int nativeWidth() const;
    int nativeHeight() const;
    bool latentSpace() const;
    //! "cpu" or "cuda:0".
    std::string deviceName() const;
    //! The precision in use (never Auto), and its name: "fp32", "bf16" or "fp16".
    ComputePrecision precision() const;
    std::string precisionName() const;
    //! The folder's scheduler class.
    SamplerKind defaultSampler() const;
    //! model_index.json's "_tessera_guidance", else 7.5 (Stable Diffusion's customary scale).
    double recommendedGuidance() const;

    struct Private;

private:
    friend struct DiffusionPipelineInternals; // the engine's own tests reach the tensors
    std::unique_ptr<Private> d;
};

//! Sets libtorch's intra-op threads from the core count (or $TESSERA_COMPUTE_THREADS) and OpenBLAS to one thread (so the two
//! thread pools do not fight); called by the pipeline, idempotent.
void configureComputeThreads();

} // namespace tessera
