#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tessera {

//! model_index.json: the pipeline class and its components (library, class) by folder name.
struct ModelIndex
{
    std::string className;
    std::map<std::string, std::pair<std::string, std::string>> components;
    //! "_tessera_guidance": the guidance the model was tuned for (diffusers ignores "_" keys).
    //! Small models trained without guidance in mind break up at SD's customary 7.5.
    std::optional<double> recommendedGuidance;
    //! SDXL's force_zeros_for_empty_prompt: with no negative prompt at all, the unconditional
    //! embeddings (and pooled embedding) are zeros instead of the encoded empty prompt.
    bool forceZerosForEmptyPrompt = false;
    //! recommendedGuidance, else the pipeline's default in diffusers: 5.0 for SDXL, 7.5 for
    //! Stable Diffusion 1.x/2.x.
    double guidanceOrDefault() const
    {
        return recommendedGuidance.value_or(isSdxl() ? 5.0 : 7.5);
    }
    //! A StableDiffusionXLPipeline (two text encoders, pooled embedding, micro-conditioning).
    bool isSdxl() const { return className == "StableDiffusionXLPipeline"; }

    //! True when the component is listed with a class (null entries mean "absent").
    bool has(const std::string& component) const;
};

//! The sampler families the engine implements (diffusers class names in comments).
enum class SamplerKind {
    Ddim,           // DDIMScheduler
    Pndm,           // PNDMScheduler (PLMS, skip_prk_steps)
    Euler,          // EulerDiscreteScheduler
    EulerAncestral, // EulerAncestralDiscreteScheduler
    DpmSolverMultistep, // DPMSolverMultistepScheduler (DPM-Solver++ 2M, optionally Karras sigmas)
    Lcm,            // LCMScheduler (latent consistency models: few steps, guidance usually off)
};

//! The diffusers class name of a sampler kind, and back (throws DiffusionError for unknown names).
std::string samplerClassName(SamplerKind kind);
SamplerKind samplerKindFromClassName(const std::string& className);
//! Short names for the CLI: "ddim", "pndm", "euler", "euler_a", "dpmpp_2m", "dpmpp_2m_karras", "lcm".
SamplerKind samplerKindFromShortName(const std::string& name, bool* karras = nullptr);

//! scheduler_config.json for one sampler class: the class's diffusers defaults overlaid with the
//! keys the file has (as diffusers' Scheduler.from_config does when switching samplers).
struct SchedulerConfig
{
    SamplerKind kind = SamplerKind::Ddim;
    int numTrainTimesteps = 1000;
    double betaStart = 0.0001;
    double betaEnd = 0.02;
    std::string betaSchedule = "linear"; // linear, scaled_linear, squaredcos_cap_v2
    std::vector<double> trainedBetas;
    std::string predictionType = "epsilon"; // epsilon, v_prediction, sample
    std::string timestepSpacing = "leading"; // leading, trailing, linspace
    int stepsOffset = 0;
    bool setAlphaToOne = true;
    bool clipSample = true;
    double clipSampleRange = 1.0;
    bool skipPrkSteps = false;
    bool rescaleBetasZeroSnr = false;
    bool useKarrasSigmas = false;
    std::string interpolationType = "linear";
    std::string algorithmType = "dpmsolver++";
    std::string solverType = "midpoint";
    int solverOrder = 2;
    bool lowerOrderFinal = true;
    bool eulerAtFinal = false;
    std::string finalSigmasType = "zero";
    int originalInferenceSteps = 50; //!< LCM: the distillation schedule's length
    double timestepScaling = 10.0;   //!< LCM: boundary-condition timestep scale
};

//! Parses scheduler_config.json text for the given sampler (default: the file's _class_name).
SchedulerConfig parseSchedulerConfig(const std::string& jsonText, const std::string& path,
                                     std::optional<SamplerKind> kind = std::nullopt);

//! unet/config.json (UNet2DConditionModel), per-block lists already broadcast.
struct UNetConfig
{
    int inChannels = 4;
    int outChannels = 4;
    std::optional<int> sampleSize;
    bool centerInputSample = false;
    bool flipSinToCos = true;
    double freqShift = 0;
    std::vector<std::string> downBlockTypes;
    std::string midBlockType = "UNetMidBlock2DCrossAttn";
    std::vector<std::string> upBlockTypes;
    std::vector<int> blockOutChannels;
    std::vector<int> layersPerBlock;
    int downsamplePadding = 1;
    double midBlockScaleFactor = 1.0;
    int normNumGroups = 32;
    double normEps = 1e-5;
    int crossAttentionDim = 1280;
    std::vector<int> transformerLayersPerBlock;
    std::vector<int> attentionHeads; //!< heads per block (diffusers' attention_head_dim quirk resolved)
    bool useLinearProjection = false;
    bool upcastAttention = false;
    bool onlyCrossAttention = false;
    int convInKernel = 3;
    int convOutKernel = 3;
    //! time_cond_proj_dim: guidance-distilled (LCM) UNets take the guidance scale as an embedding
    //! of this width added to the time embedding's input, and are sampled without classifier-free
    //! guidance (diffusers' StableDiffusionPipeline / LatentConsistencyModelPipeline).
    std::optional<int> timeCondProjDim;
    //! addition_embed_type "text_time" (SDXL's micro-conditioning): the pooled text embedding
    //! and a sinusoidal embedding (additionTimeEmbedDim wide) of each of the six time ids
    //! (original size, crop corner, target size) go through add_embedding, a
    //! projectionClassEmbeddingsInputDim -> time-embedding MLP added to the timestep embedding.
    bool textTimeEmbedding = false;
    int additionTimeEmbedDim = 0;
    int projectionClassEmbeddingsInputDim = 0;
};

UNetConfig parseUNetConfig(const std::string& jsonText, const std::string& path);

//! vae/config.json (AutoencoderKL).
struct VaeConfig
{
    int inChannels = 3;
    int outChannels = 3;
    int latentChannels = 4;
    std::vector<std::string> downBlockTypes;
    std::vector<std::string> upBlockTypes;
    std::vector<int> blockOutChannels;
    int layersPerBlock = 1;
    int normNumGroups = 32;
    double scalingFactor = 0.18215;
    std::optional<double> shiftFactor;
    bool midBlockAddAttention = true;
    int sampleSize = 32;
    //! diffusers' force_upcast (default true): the VAE overflows fp16, so a half-precision pipeline
    //! keeps it in float32 (a VAE made safe for fp16, e.g. SDXL's fp16-fix, says false)
    bool forceUpcast = true;
};

VaeConfig parseVaeConfig(const std::string& jsonText, const std::string& path);

//! text_encoder/config.json (transformers' CLIPTextConfig).
struct TextEncoderConfig
{
    int vocabSize = 49408;
    int hiddenSize = 512;
    int intermediateSize = 2048;
    int numHiddenLayers = 12;
    int numAttentionHeads = 8;
    int maxPositionEmbeddings = 77;
    std::string hiddenAct = "quick_gelu"; // quick_gelu, gelu
    double layerNormEps = 1e-5;
    int bosTokenId = 49406;
    int eosTokenId = 49407;
    int padTokenId = 1;
    //! projection_dim: the width of CLIPTextModelWithProjection's text_projection (SDXL's second
    //! encoder gives the pooled embedding through it).
    int projectionDim = 512;
    //! Set by the pipeline from model_index.json's class (CLIPTextModelWithProjection), not
    //! from config.json.
    bool withProjection = false;
};

TextEncoderConfig parseTextEncoderConfig(const std::string& jsonText, const std::string& path);

//! model_index.json.
ModelIndex parseModelIndex(const std::string& jsonText, const std::string& path);

//! Reads a whole text file; throws DiffusionError "<path>: cannot read ..." on failure.
std::string readTextFile(const std::string& path);

} // namespace tessera
