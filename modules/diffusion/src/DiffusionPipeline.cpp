#include "DiffusionPipelinePrivate.h"
#include "LdmCheckpoint.h"
#include "TensorMemoryCache.h"

#include "tessera/diffusion/LdmCheckpointFamily.h"
#include "tessera/diffusion/ModelFamilies.h"

#include "tessera/diffusion/PickleCheckpoint.h"
#include "tessera/diffusion/PromptWeights.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Context.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>

namespace tessera {

using namespace detail;

namespace {

namespace fs = std::filesystem;

std::string weightFile(const fs::path& dir, const std::string& name)
{
    for (const auto& candidate : {name + ".safetensors", name + ".fp16.safetensors"}) {
        if (fs::exists(dir / candidate))
            return (dir / candidate).string();
    }
    refusePickleCheckpointIn(dir.string(), name == "model" ? "pytorch_model" : name);
    throw DiffusionError(dir.string(), "no " + name + ".safetensors");
}

void expectClass(const ModelIndex& index, const std::string& indexPath, const std::string& component,
                 const std::string& className)
{
    if (!index.has(component))
        throw DiffusionError(indexPath, "the model has no " + component);
    if (index.components.at(component).second != className)
        throw DiffusionError(indexPath, component + " is a " + index.components.at(component).second + ", only "
                                            + className + " is supported");
}

bool isSafetensorsPath(const std::string& path)
{
    auto extension = fs::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension == ".safetensors";
}

//! A tokenizer/ folder: vocab.json + merges.txt, or (a bundled family's) tokenizer_config.json
//! alone with the shipped CLIP vocabulary.
ClipTokenizer loadTokenizer(const fs::path& dir)
{
    if (fs::exists(dir / "vocab.json") || !fs::exists(dir / "tokenizer_config.json"))
        return ClipTokenizer::fromFolder(dir.string());
    return ClipTokenizer::fromClipMergesFile(bundledClipVocabFile(),
                                             readTextFile((dir / "tokenizer_config.json").string()));
}

//! A diffusers folder's weights: one safetensors file per network folder.
class FolderWeights final : public ComponentWeights
{
public:
    explicit FolderWeights(const fs::path& dir)
        : m_dir(dir)
    {
    }
    Weights load(const std::string& network, const at::Device& device, bool keepHalfPrecision) override
    {
        const bool textEncoder = network.rfind("text_encoder", 0) == 0;
        return Weights::load(weightFile(m_dir / network, textEncoder ? "model" : "diffusion_pytorch_model"),
                             device, keepHalfPrecision);
    }

private:
    fs::path m_dir;
};

//! A single-file checkpoint's weights, mapped from LDM names with the layout of the family's configs.
class SingleFileWeights final : public ComponentWeights
{
public:
    explicit SingleFileWeights(const LdmCheckpoint& checkpoint)
        : m_checkpoint(checkpoint)
    {
    }
    void prepare(const UNetConfig& unet, const std::optional<VaeConfig>& vae, const TextEncoderConfig& text,
                 const std::optional<TextEncoderConfig>& text2, const std::string& configFolder) override
    {
        if (!vae)
            throw DiffusionError(configFolder, "a single-file checkpoint needs a family with a vae");
        m_layout = ldmLayoutOf(unet, *vae, text, configFolder + "/unet/config.json");
        std::set<std::string> networks{"unet", "vae", "text_encoder"};
        if (text2)
            networks.insert("text_encoder_2");
        m_checkpoint.checkKeys(m_layout, networks);
    }
    Weights load(const std::string& network, const at::Device& device, bool keepHalfPrecision) override
    {
        return m_checkpoint.weights(network, m_layout, device, keepHalfPrecision);
    }
    void finish(const Weights& weights) override { m_checkpoint.checkAllTaken(weights); }

private:
    const LdmCheckpoint& m_checkpoint;
    LdmLayout m_layout;
};

// Spherical interpolation between two noise tensors (linear when they are nearly parallel).
at::Tensor slerp(const at::Tensor& a, const at::Tensor& b, double t)
{
    const auto a64 = a.to(at::kDouble);
    const auto b64 = b.to(at::kDouble);
    const double cosine = ((a64 * b64).sum() / (a64.norm() * b64.norm())).item<double>();
    const double theta = std::acos(std::clamp(cosine, -1.0, 1.0));
    if (std::abs(std::sin(theta)) < 1e-6)
        return ((1 - t) * a64 + t * b64).to(a.scalar_type());
    const double wa = std::sin((1 - t) * theta) / std::sin(theta);
    const double wb = std::sin(t * theta) / std::sin(theta);
    return (wa * a64 + wb * b64).to(a.scalar_type());
}

} // namespace

at::ScalarType DiffusionPipeline::Private::computeType() const
{
    switch (precision) {
    case ComputePrecision::Bf16:
        return at::kBFloat16;
    case ComputePrecision::Fp16:
        return at::kHalf;
    case ComputePrecision::Auto:
    case ComputePrecision::Fp32:
        break;
    }
    return at::kFloat;
}

int DiffusionPipeline::Private::nativeSize() const
{
    return unet->config().sampleSize.value_or(64) * vaeScale();
}

namespace {

//! A prompt's token ids (bos, text, eos, padded to the tokenizer's length) and each token's
//! emphasis weight.
struct WeightedTokens
{
    at::Tensor ids; // int64 [1, T]
    at::Tensor weights; // float [1, T, 1]
    bool weighted = false;
};

WeightedTokens tokenize(const ClipTokenizer& tokenizer, const std::string& prompt,
                        const std::map<int, std::vector<int>>& expansions)
{
    std::vector<int64_t> ids{tokenizer.bosId()};
    std::vector<float> weights{1.0f};
    bool weighted = false;
    const auto room = static_cast<std::size_t>(tokenizer.maxLength() - 2);
    for (const auto& run : parsePromptWeights(prompt)) {
        for (int token : tokenizer.ids(run.text)) {
            const auto expansion = expansions.find(token);
            for (int id : expansion == expansions.end() ? std::vector<int>{token} : expansion->second) {
                if (ids.size() - 1 >= room)
                    break;
                ids.push_back(id);
                weights.push_back(static_cast<float>(run.weight));
                weighted = weighted || run.weight != 1.0;
            }
        }
    }
    ids.push_back(tokenizer.eosId());
    weights.push_back(1.0f);
    ids.resize(static_cast<std::size_t>(tokenizer.maxLength()), tokenizer.padId());
    weights.resize(ids.size(), 1.0f);
    return {at::tensor(ids, at::kLong).unsqueeze(0), at::tensor(weights, at::kFloat).reshape({1, -1, 1}), weighted};
}

//! A1111's emphasis: weight each token's hidden state, then restore the unweighted mean.
at::Tensor emphasise(const at::Tensor& hidden, const WeightedTokens& tokens)
{
    if (!tokens.weighted)
        return hidden;
    const auto originalMean = hidden.mean();
    const auto z = hidden * tokens.weights.to(hidden.device());
    return z * (originalMean / z.mean());
}

} // namespace

DiffusionPipeline::Private::TextConditioning DiffusionPipeline::Private::encodeText(const std::string& prompt,
                                                                                    int clipSkip) const
{
    const auto tokens = tokenize(*tokenizer, prompt, tokenExpansions);
    if (!textEncoder2)
        return {emphasise(textEncoder->embedding(textEncoder->forward(tokens.ids), clipSkip), tokens), {}};

    const auto tokens2 = tokenize(*tokenizer2, prompt, tokenExpansions2);
    const auto out1 = textEncoder->forward(tokens.ids);
    const auto out2 = textEncoder2->forward(tokens2.ids);
    const auto layer = [clipSkip](const detail::ClipTextOutput& out) {
        const auto& states = out.hiddenStates;
        if (clipSkip < 0 || static_cast<std::size_t>(clipSkip) + 2 > states.size())
            throw DiffusionError("text_encoder", "clip skip " + std::to_string(clipSkip)
                                                     + " is beyond the text encoders' layers");
        return states[states.size() - 2 - static_cast<std::size_t>(clipSkip)].to(at::kFloat);
    };
    return {at::cat({emphasise(layer(out1), tokens), emphasise(layer(out2), tokens2)}, -1), out2.textEmbeds};
}

DiffusionPipeline::Private::TextConditioning
DiffusionPipeline::Private::conditioning(const GenerationRequest& request) const
{
    // as diffusers 0.27: clip skip applies to the prompts, not to the negative prompt
    auto z = encodeText(request.prompt, request.clipSkip);
    if (request.blendWeight != 0.0) {
        const auto other = encodeText(request.blendPrompt, request.clipSkip);
        z.context = (1.0 - request.blendWeight) * z.context + request.blendWeight * other.context;
        if (z.pooled.defined())
            z.pooled = (1.0 - request.blendWeight) * z.pooled + request.blendWeight * other.pooled;
    }
    return z;
}

DiffusionPipeline::Private::TextConditioning
DiffusionPipeline::Private::unconditioning(const GenerationRequest& request) const
{
    if (request.negativePrompt || !index.forceZerosForEmptyPrompt)
        return encodeText(request.negativePrompt.value_or(std::string()));
    const auto shape = encodeText({});
    return {at::zeros_like(shape.context), shape.pooled.defined() ? at::zeros_like(shape.pooled) : at::Tensor()};
}

at::Tensor DiffusionPipeline::Private::timeIds(const GenerationRequest& request, int width, int height) const
{
    const auto originalHeight = request.originalHeight > 0 ? request.originalHeight : height;
    const auto originalWidth = request.originalWidth > 0 ? request.originalWidth : width;
    return at::tensor(std::vector<float>{static_cast<float>(originalHeight), static_cast<float>(originalWidth),
                                         static_cast<float>(request.cropTop), static_cast<float>(request.cropLeft),
                                         static_cast<float>(height), static_cast<float>(width)},
                      at::kFloat)
        .unsqueeze(0);
}

SchedulerConfig DiffusionPipeline::Private::schedulerFor(const GenerationRequest& request) const
{
    if (!request.sampler && !request.karras)
        return schedulerConfig;
    auto config = parseSchedulerConfig(schedulerJson, schedulerPath, request.sampler.value_or(schedulerConfig.kind));
    if (request.karras) {
        if (config.kind != SamplerKind::DpmSolverMultistep && config.kind != SamplerKind::Euler)
            throw DiffusionError({}, "Karras sigmas need the dpmpp_2m or euler sampler");
        config.useKarrasSigmas = true;
    }
    return config;
}

at::Tensor DiffusionPipeline::Private::startNoise(const GenerationRequest& request, int latentHeight, int latentWidth,
                                                  at::Generator& generator) const
{
    const int64_t channels = unet->config().inChannels;
    auto noise = at::randn({1, channels, latentHeight, latentWidth}, generator, at::kFloat);
    if (request.blendSeed && request.seedBlend != 0.0) {
        auto other = at::make_generator<at::CPUGeneratorImpl>(*request.blendSeed);
        noise = slerp(noise, at::randn({1, channels, latentHeight, latentWidth}, other, at::kFloat), request.seedBlend);
    }
    return noise;
}

at::Tensor DiffusionPipeline::Private::imageLatents(const at::Tensor& image01, at::Generator& generator) const
{
    const auto image = (image01.to(device, at::kFloat) * 2 - 1);
    if (!vae)
        return image;
    const auto posterior = vae->encode(image);
    const auto eps = at::randn(posterior.mean.sizes(), generator, at::kFloat).to(device);
    return (posterior.mean + posterior.std() * eps) * vae->config().scalingFactor;
}

at::Tensor DiffusionPipeline::Private::sample(const std::vector<GenerationRequest>& requests,
                                              const StepObserver& observer, const GenerationProgress& progress,
                                              const std::atomic<bool>* cancel,
                                              const std::vector<at::Tensor>& initImages) const
{
    if (requests.empty())
        throw DiffusionError(folder, "no images requested");
    const auto& first = requests.front();
    const int width = first.width > 0 ? first.width : nativeSize();
    const int height = first.height > 0 ? first.height : nativeSize();
    const int scale = vaeScale();
    if (width % scale != 0 || height % scale != 0 || width > 8192 || height > 8192)
        throw DiffusionError(folder, "image size " + std::to_string(width) + "x" + std::to_string(height)
                                         + " must be at most 8192 and a multiple of " + std::to_string(scale));
    if (first.steps < 1 || first.steps > 1000)
        throw DiffusionError(folder, "steps must be between 1 and 1000");
    std::unique_lock<std::mutex> loraLock(loraMutex, std::defer_lock);
    if (!loras.empty() || !first.loraScales.empty()) {
        loraLock.lock();
        applyLoraScales(first.loraScales);
    }
    const auto config = schedulerFor(first);
    const auto guidanceOf = [this](const GenerationRequest& r) {
        return r.guidance.value_or(index.guidanceOrDefault());
    };
    for (const auto& r : requests) {
        if ((r.width > 0 ? r.width : nativeSize()) != width || (r.height > 0 ? r.height : nativeSize()) != height
            || r.steps != first.steps || r.sampler != first.sampler || r.karras != first.karras
            || r.initImage.has_value() != first.initImage.has_value() || r.strength != first.strength
            || r.loraScales != first.loraScales)
            throw DiffusionError(folder, "a batch must share size, steps, sampler, img2img strength and LoRA strengths");
        if (r.initImage && (r.initImage->width != width || r.initImage->height != height
                            || r.initImage->pixels.size() != static_cast<std::size_t>(width) * height * 3))
            throw DiffusionError(folder, "the init image must be " + std::to_string(width) + "x"
                                             + std::to_string(height) + " RGB");
        if (!std::isfinite(guidanceOf(r)) || guidanceOf(r) < 0)
            throw DiffusionError(folder, "guidance must be a finite number >= 0");
    }

    const auto batch = static_cast<int64_t>(requests.size());
    bool guided = false;
    std::vector<at::Tensor> conds;
    std::vector<at::Tensor> unconds;
    std::vector<at::Tensor> noises;
    std::vector<at::Generator> generators(requests.size());
    std::vector<float> guidance;
    const bool img2img = !initImages.empty() || first.initImage.has_value();
    if (!initImages.empty() && initImages.size() != requests.size())
        throw DiffusionError(folder, "one init image per request is needed");
    std::vector<at::Tensor> initLatents;
    // a guidance-distilled (LCM) UNet takes the guidance as an embedding instead of a second pass
    const auto& condDim = unet->config().timeCondProjDim;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        guided = guided || (!condDim && guidanceOf(requests[i]) > 1.0);
        guidance.push_back(static_cast<float>(guidanceOf(requests[i])));
        generators[i] = at::make_generator<at::CPUGeneratorImpl>(requests[i].seed);
        if (img2img) {
            at::Tensor image01;
            if (!initImages.empty()) {
                image01 = initImages[i];
            } else {
                const auto& rgb = *requests[i].initImage;
                image01 = at::from_blob(const_cast<std::uint8_t*>(rgb.pixels.data()), {1, height, width, 3}, at::kByte)
                              .permute({0, 3, 1, 2})
                              .to(at::kFloat)
                    / 255.0;
            }
            initLatents.push_back(imageLatents(image01, generators[i]));
        }
        noises.push_back(startNoise(requests[i], height / scale, width / scale, generators[i]));
    }
    std::vector<at::Tensor> pooled;
    std::vector<at::Tensor> uncondPooled;
    std::vector<at::Tensor> ids;
    for (const auto& r : requests) {
        const auto c = conditioning(r);
        conds.push_back(c.context);
        pooled.push_back(c.pooled);
        ids.push_back(timeIds(r, width, height));
        if (guided) {
            const auto u = unconditioning(r);
            unconds.push_back(u.context);
            uncondPooled.push_back(u.pooled);
        }
    }
    const auto cond = at::cat(conds, 0);
    const auto context = guided ? at::cat({at::cat(unconds, 0), cond}, 0) : cond;
    // SDXL's added conditions, in the same [uncond, cond] order; the negative shares the time ids
    detail::TextTimeCondition added;
    if (unet->config().textTimeEmbedding) {
        const auto condPooled = at::cat(pooled, 0);
        const auto condIds = at::cat(ids, 0);
        added.textEmbeds = guided ? at::cat({at::cat(uncondPooled, 0), condPooled}, 0) : condPooled;
        added.timeIds = guided ? at::cat({condIds, condIds}, 0) : condIds;
    }
    const auto g = at::tensor(guidance, at::kFloat).to(device).reshape({batch, 1, 1, 1});
    // as diffusers: the embedding of w = guidance - 1, one row per image
    const auto timestepCond = condDim ? guidanceScaleEmbedding(at::tensor(guidance, at::kFloat) - 1, *condDim).to(device)
                                      : at::Tensor();

    auto scheduler = makeScheduler(config);
    scheduler->setTimesteps(first.steps);
    // img2img (diffusers' get_timesteps): skip the first steps x (1 - strength), noise the image to there
    std::size_t begin = 0;
    at::Tensor latents;
    if (img2img) {
        if (!(first.strength > 0.0 && first.strength <= 1.0))
            throw DiffusionError(folder, "img2img strength must be in (0, 1]");
        const int initSteps = std::min(static_cast<int>(first.steps * first.strength), first.steps);
        if (initSteps < 1)
            throw DiffusionError(folder, "img2img strength is too low to run one step");
        begin = static_cast<std::size_t>(std::max(first.steps - initSteps, 0));
        latents = scheduler->addNoise(at::cat(initLatents, 0), at::cat(noises, 0).to(device), begin);
    } else {
        latents = (at::cat(noises, 0) * scheduler->initNoiseSigma()).to(device);
    }
    const auto total = static_cast<int>(scheduler->timesteps().size() - begin);
    for (std::size_t i = begin; i < scheduler->timesteps().size(); ++i) {
        if (cancel && cancel->load())
            throw GenerationCancelled();
        auto input = guided ? at::cat({latents, latents}, 0) : latents;
        input = scheduler->scaleModelInput(input, i);
        const auto t = at::full({1}, scheduler->timesteps()[i], at::TensorOptions().dtype(at::kFloat).device(device));
        auto eps = unet->forward(input, t, context, nullptr, timestepCond, added);
        if (guided) {
            const auto parts = eps.chunk(2, 0);
            eps = parts[0] + g * (parts[1] - parts[0]);
        }
        latents = scheduler->step(eps, i, latents, generators).prevSample;
        if (observer)
            observer(i, latents);
        if (progress)
            progress(static_cast<int>(i - begin) + 1, total);
    }
    return latents;
}

at::Tensor DiffusionPipeline::Private::decode(const at::Tensor& latents) const
{
    if (!vae)
        return (latents / 2 + 0.5).clamp(0, 1);
    std::vector<at::Tensor> images; // one at a time: the decoder's activations are the largest
    for (int64_t i = 0; i < latents.size(0); ++i)
        images.push_back((vae->decode(latents.slice(0, i, i + 1)) / 2 + 0.5).clamp(0, 1));
    return at::cat(images, 0);
}

std::vector<RgbImage> toRgb8(const at::Tensor& images)
{
    const auto bytes = (images.to(at::kCPU, at::kFloat) * 255).round().clamp(0, 255).to(at::kByte)
                           .permute({0, 2, 3, 1}).contiguous();
    std::vector<RgbImage> out;
    const auto* data = bytes.data_ptr<uint8_t>();
    const auto perImage = static_cast<std::size_t>(bytes.size(1) * bytes.size(2) * 3);
    for (int64_t i = 0; i < bytes.size(0); ++i) {
        RgbImage image;
        image.height = static_cast<int>(bytes.size(1));
        image.width = static_cast<int>(bytes.size(2));
        image.pixels.assign(data + i * perImage, data + (i + 1) * perImage);
        out.push_back(std::move(image));
    }
    return out;
}

DiffusionPipeline::DiffusionPipeline(const std::string& path, ComputeDevice device, const std::string& family,
                                     ComputePrecision precision)
    : d(std::make_unique<Private>())
{
    configureComputeThreads();
    c10::InferenceMode guard;
    d->folder = path;
    refusePickleCheckpoint(path);
    const bool singleFile = fs::is_regular_file(path);
    if (singleFile && !isSafetensorsPath(path))
        throw DiffusionError(path, "is a single file but no .safetensors checkpoint; give a diffusers model folder "
                                   "(model_index.json) or a .safetensors Stable Diffusion checkpoint");
    if (device == ComputeDevice::Cuda && !at::hasCUDA())
        throw DiffusionError(path, "CUDA was asked for but this libtorch has no usable CUDA device");
    d->device = (device == ComputeDevice::Cuda || (device == ComputeDevice::Auto && at::hasCUDA()))
        ? at::Device(at::kCUDA, 0)
        : at::Device(at::kCPU);
    try {
        d->precision = resolveComputePrecision(precision, d->device.is_cuda() ? ComputeDevice::Cuda : ComputeDevice::Cpu);
    } catch (const DiffusionError& error) {
        throw DiffusionError(path, error.problem());
    }
    if (d->device.is_cuda()) {
        // TF32 rounds float32 matrix products to 10 bits on Ampere and later: off, so that float32
        // means float32 and the same recipe gives the same image (libtorch 1.13 leaves it on for
        // cuDNN's convolutions)
        at::globalContext().setAllowTF32CuBLAS(false);
        at::globalContext().setAllowTF32CuDNN(false);
    }

    if (!singleFile) {
        FolderWeights weights(path);
        d->load(path, weights);
        return;
    }
    LdmCheckpoint checkpoint(path);
    std::string familyName = family;
    if (familyName.empty()) {
        const char* fromEnvironment = std::getenv("TESSERA_MODEL_FAMILY");
        familyName = fromEnvironment && *fromEnvironment ? fromEnvironment
                                                         : detectLdmCheckpointKind(checkpoint.shapes(), path).family;
    }
    d->familyFolder = locateModelFamily(familyName);
    SingleFileWeights weights(checkpoint);
    d->load(d->familyFolder, weights);
}

void DiffusionPipeline::Private::load(const std::string& configFolder, ComponentWeights& weights)
{
    const fs::path dir(configFolder);
    const auto indexPath = (dir / "model_index.json").string();
    index = parseModelIndex(readTextFile(indexPath), indexPath);
    expectClass(index, indexPath, "unet", "UNet2DConditionModel");
    expectClass(index, indexPath, "text_encoder", "CLIPTextModel");
    if (!index.has("tokenizer"))
        throw DiffusionError(indexPath, "the model has no tokenizer");
    if (!index.has("scheduler"))
        throw DiffusionError(indexPath, "the model has no scheduler");

    tokenizer = std::make_unique<ClipTokenizer>(loadTokenizer(dir / "tokenizer"));
    schedulerPath = (dir / "scheduler" / "scheduler_config.json").string();
    schedulerJson = readTextFile(schedulerPath);
    schedulerConfig = parseSchedulerConfig(schedulerJson, schedulerPath);

    const auto teConfigPath = (dir / "text_encoder" / "config.json").string();
    const auto teConfig = parseTextEncoderConfig(readTextFile(teConfigPath), teConfigPath);
    const auto checkTokenizer = [](const ClipTokenizer& tok, const TextEncoderConfig& config, const std::string& path) {
        if (tok.vocabSize() > config.vocabSize)
            throw DiffusionError(path, "the tokenizer's vocabulary is larger than the text encoder's");
        if (tok.maxLength() > config.maxPositionEmbeddings)
            throw DiffusionError(path, "the tokenizer's context (" + std::to_string(tok.maxLength())
                                           + ") is longer than the text encoder's positions");
    };
    checkTokenizer(*tokenizer, teConfig, teConfigPath);
    const auto unetConfigPath = (dir / "unet" / "config.json").string();
    const auto unetConfig = parseUNetConfig(readTextFile(unetConfigPath), unetConfigPath);
    std::optional<TextEncoderConfig> te2Config;
    int contextWidth = teConfig.hiddenSize;
    if (index.isSdxl()) {
        expectClass(index, indexPath, "text_encoder_2", "CLIPTextModelWithProjection");
        if (!index.has("tokenizer_2"))
            throw DiffusionError(indexPath, "the model has no tokenizer_2");
        tokenizer2 = std::make_unique<ClipTokenizer>(loadTokenizer(dir / "tokenizer_2"));
        const auto te2ConfigPath = (dir / "text_encoder_2" / "config.json").string();
        te2Config = parseTextEncoderConfig(readTextFile(te2ConfigPath), te2ConfigPath);
        te2Config->withProjection = true;
        checkTokenizer(*tokenizer2, *te2Config, te2ConfigPath);
        contextWidth += te2Config->hiddenSize;
        if (!unetConfig.textTimeEmbedding)
            throw DiffusionError(unetConfigPath, "an SDXL UNet needs addition_embed_type text_time");
        const int expected = te2Config->projectionDim + 6 * unetConfig.additionTimeEmbedDim;
        if (unetConfig.projectionClassEmbeddingsInputDim != expected)
            throw DiffusionError(unetConfigPath, "projection_class_embeddings_input_dim "
                                                     + std::to_string(unetConfig.projectionClassEmbeddingsInputDim)
                                                     + " is not text_encoder_2's projection_dim + 6 x "
                                                       "addition_time_embed_dim ("
                                                     + std::to_string(expected) + ")");
    } else if (unetConfig.textTimeEmbedding) {
        throw DiffusionError(indexPath, "the UNet takes SDXL's text and time conditions but the pipeline is a "
                                            + index.className + ", not a StableDiffusionXLPipeline");
    }
    if (unetConfig.crossAttentionDim != contextWidth)
        throw DiffusionError(unetConfigPath, "cross_attention_dim " + std::to_string(unetConfig.crossAttentionDim)
                                                 + " differs from the text encoders' hidden size "
                                                 + std::to_string(contextWidth));
    std::optional<VaeConfig> vaeConfig;
    if (index.has("vae")) {
        expectClass(index, indexPath, "vae", "AutoencoderKL");
        const auto vaeConfigPath = (dir / "vae" / "config.json").string();
        vaeConfig = parseVaeConfig(readTextFile(vaeConfigPath), vaeConfigPath);
        if (vaeConfig->latentChannels != unetConfig.inChannels)
            throw DiffusionError(vaeConfigPath, "latent_channels differs from the UNet's in_channels");
    } else if (unetConfig.inChannels != 3 || unetConfig.outChannels != 3) {
        throw DiffusionError(unetConfigPath, "a model without vae/ works on RGB pixels: in/out channels must be 3");
    }
    weights.prepare(unetConfig, vaeConfig, teConfig, te2Config, configFolder);

    // Each network's loaded weights live until it has taken its compute-dtype copies: the
    // conversion happens once, here, and the loaded tensors go with `loaded`. A half-precision
    // network loads F16/BF16 files as they are: no float32 copy of the model is made.
    const bool keepHalfPrecision = computeType() != at::kFloat;
    {
        auto loaded = weights.load("text_encoder", device, keepHalfPrecision);
        ReleasedParams params(loaded);
        PrecisionParams precise(params, computeType());
        RecordingParams compute(precise, layerWeights["text_encoder"]);
        textEncoder = std::make_unique<ClipTextModel>(teConfig, compute);
        weights.finish(loaded);
    }
    if (te2Config) {
        auto loaded = weights.load("text_encoder_2", device, keepHalfPrecision);
        ReleasedParams params(loaded);
        PrecisionParams precise(params, computeType());
        RecordingParams compute(precise, layerWeights["text_encoder_2"]);
        textEncoder2 = std::make_unique<ClipTextModel>(*te2Config, compute);
        weights.finish(loaded);
    }
    {
        auto loaded = weights.load("unet", device, keepHalfPrecision);
        ReleasedParams params(loaded);
        PrecisionParams precise(params, computeType());
        RecordingParams compute(precise, layerWeights["unet"]);
        unet = std::make_unique<UNet>(unetConfig, compute);
        weights.finish(loaded);
    }
    if (vaeConfig) {
        // fp16 overflows a VAE that says force_upcast (SD 1.x/2.x): it stays float32, as diffusers
        // upcasts it; bf16 has float32's range and needs no such care
        const auto vaeType = computeType() == at::kHalf && vaeConfig->forceUpcast ? at::kFloat : computeType();
        auto loaded = weights.load("vae", device, vaeType != at::kFloat);
        ReleasedParams params(loaded);
        PrecisionParams compute(params, vaeType);
        vae = std::make_unique<Vae>(*vaeConfig, compute, true); // the encoder serves img2img
        weights.finish(loaded);
    }
}

DiffusionPipeline::~DiffusionPipeline() = default;
DiffusionPipeline::DiffusionPipeline(DiffusionPipeline&&) noexcept = default;
DiffusionPipeline& DiffusionPipeline::operator=(DiffusionPipeline&&) noexcept = default;

RgbImage DiffusionPipeline::generate(const GenerationRequest& request, const GenerationProgress& progress,
                                     const std::atomic<bool>* cancel) const
{
    return generateBatch({request}, progress, cancel).front();
}

std::vector<RgbImage> DiffusionPipeline::generateBatch(const std::vector<GenerationRequest>& requests,
                                                       const GenerationProgress& progress,
                                                       const std::atomic<bool>* cancel) const
{
    configureComputeThreads();
    c10::InferenceMode guard;
    const TensorMemoryScope keepTensorMemory; // the batch's activations reuse their pages
    const auto images = d->decode(d->sample(requests, {}, progress, cancel));
    auto out = toRgb8(images);
    const auto hwc = images.to(at::kCPU, at::kFloat).permute({0, 2, 3, 1}).contiguous();
    for (std::size_t i = 0; i < out.size() && i < requests.size(); ++i) {
        if (!requests[i].keepFloat)
            continue;
        const auto item = hwc[static_cast<int64_t>(i)];
        const auto* data = item.data_ptr<float>();
        out[i].floatPixels.assign(data, data + item.numel());
    }
    return out;
}

const std::string& DiffusionPipeline::folder() const { return d->folder; }
const std::string& DiffusionPipeline::familyFolder() const { return d->familyFolder; }
int DiffusionPipeline::nativeWidth() const { return d->nativeSize(); }
int DiffusionPipeline::nativeHeight() const { return d->nativeSize(); }
bool DiffusionPipeline::latentSpace() const { return d->vae != nullptr; }
std::string DiffusionPipeline::deviceName() const { return d->device.str(); }
ComputePrecision DiffusionPipeline::precision() const { return d->precision; }
std::string DiffusionPipeline::precisionName() const { return computePrecisionName(d->precision); }
SamplerKind DiffusionPipeline::defaultSampler() const { return d->schedulerConfig.kind; }
double DiffusionPipeline::recommendedGuidance() const { return d->index.guidanceOrDefault(); }

} // namespace tessera
