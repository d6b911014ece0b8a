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
        return Weights::load(weightFile(m_dir / network, network == "text_encoder" ? "model" : "diffusion_pytorch_model"),
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
                 const std::string& configFolder) override
    {
        if (!vae)
            throw DiffusionError(configFolder, "a single-file checkpoint needs a family with a vae");
        m_layout = ldmLayoutOf(unet, *vae, text, configFolder + "/unet/config.json");
        m_checkpoint.checkKeys(m_layout);
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

at::Tensor DiffusionPipeline::Private::encodePrompt(const std::string& prompt, int clipSkip) const
{
    std::vector<int64_t> ids{tokenizer->bosId()};
    std::vector<float> weights{1.0f};
    bool weighted = false;
    const auto room = static_cast<std::size_t>(tokenizer->maxLength() - 2);
    for (const auto& run : parsePromptWeights(prompt)) {
        for (int id : tokenizer->ids(run.text)) {
            if (ids.size() - 1 >= room)
                break;
            ids.push_back(id);
            weights.push_back(static_cast<float>(run.weight));
            weighted = weighted || run.weight != 1.0;
        }
    }
    ids.push_back(tokenizer->eosId());
    weights.push_back(1.0f);
    ids.resize(static_cast<std::size_t>(tokenizer->maxLength()), tokenizer->padId());
    weights.resize(ids.size(), 1.0f);

    const auto idTensor = at::tensor(ids, at::kLong).unsqueeze(0);
    auto z = textEncoder->embedding(textEncoder->forward(idTensor), clipSkip);
    if (weighted) {
        const auto originalMean = z.mean();
        z = z * at::tensor(weights, at::kFloat).to(z.device()).reshape({1, -1, 1});
        z = z * (originalMean / z.mean());
    }
    return z;
}

at::Tensor DiffusionPipeline::Private::conditioning(const GenerationRequest& request) const
{
    // as diffusers 0.27: clip skip applies to the prompts, not to the negative prompt
    auto z = encodePrompt(request.prompt, request.clipSkip);
    if (request.blendWeight != 0.0)
        z = (1.0 - request.blendWeight) * z
            + request.blendWeight * encodePrompt(request.blendPrompt, request.clipSkip);
    return z;
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
    const auto config = schedulerFor(first);
    const auto guidanceOf = [this](const GenerationRequest& r) {
        return r.guidance.value_or(index.guidanceOrDefault());
    };
    for (const auto& r : requests) {
        if ((r.width > 0 ? r.width : nativeSize()) != width || (r.height > 0 ? r.height : nativeSize()) != height
            || r.steps != first.steps || r.sampler != first.sampler || r.karras != first.karras
            || r.initImage.has_value() != first.initImage.has_value() || r.strength != first.strength)
            throw DiffusionError(folder, "a batch must share size, steps, sampler and img2img strength");
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
    for (const auto& r : requests) {
        conds.push_back(conditioning(r));
        if (guided)
            unconds.push_back(encodePrompt(r.negativePrompt));
    }
    const auto cond = at::cat(conds, 0);
    const auto context = guided ? at::cat({at::cat(unconds, 0), cond}, 0) : cond;
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
        auto eps = unet->forward(input, t, context, nullptr, timestepCond);
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
    if (tokenizer->vocabSize() > teConfig.vocabSize)
        throw DiffusionError(teConfigPath, "the tokenizer's vocabulary is larger than the text encoder's");
    if (tokenizer->maxLength() > teConfig.maxPositionEmbeddings)
        throw DiffusionError(teConfigPath, "the tokenizer's context (" + std::to_string(tokenizer->maxLength())
                                               + ") is longer than the text encoder's positions");
    const auto unetConfigPath = (dir / "unet" / "config.json").string();
    const auto unetConfig = parseUNetConfig(readTextFile(unetConfigPath), unetConfigPath);
    if (unetConfig.crossAttentionDim != teConfig.hiddenSize)
        throw DiffusionError(unetConfigPath, "cross_attention_dim " + std::to_string(unetConfig.crossAttentionDim)
                                                 + " differs from the text encoder's hidden size "
                                                 + std::to_string(teConfig.hiddenSize));
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
    weights.prepare(unetConfig, vaeConfig, teConfig, configFolder);

    // Each network's loaded weights live until it has taken its compute-dtype copies: the
    // conversion happens once, here, and the loaded tensors go with `loaded`. A half-precision
    // network loads F16/BF16 files as they are: no float32 copy of the model is made.
    const bool keepHalfPrecision = computeType() != at::kFloat;
    {
        const auto loaded = weights.load("text_encoder", device, keepHalfPrecision);
        LoadedParams params(loaded);
        PrecisionParams compute(params, computeType());
        textEncoder = std::make_unique<ClipTextModel>(teConfig, compute);
        weights.finish(loaded);
    }
    {
        const auto loaded = weights.load("unet", device, keepHalfPrecision);
        LoadedParams params(loaded);
        PrecisionParams compute(params, computeType());
        unet = std::make_unique<UNet>(unetConfig, compute);
        weights.finish(loaded);
    }
    if (vaeConfig) {
        // fp16 overflows a VAE that says force_upcast (SD 1.x/2.x): it stays float32, as diffusers
        // upcasts it; bf16 has float32's range and needs no such care
        const auto vaeType = computeType() == at::kHalf && vaeConfig->forceUpcast ? at::kFloat : computeType();
        const auto loaded = weights.load("vae", device, vaeType != at::kFloat);
        LoadedParams params(loaded);
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
