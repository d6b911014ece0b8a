#include "Trainer.h"

#include "ClipTextModel.h"
#include "Schedulers.h"
#include "TensorLoader.h"
#include "UNet.h"

#include "tessera/diffusion/ClipTokenizer.h"
#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/ModelConfig.h"
#include "tessera/diffusion/SafetensorsFile.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/core/grad_mode.h>
#include <ATen/Parallel.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tessera::train {

using namespace tessera::detail;
namespace fs = std::filesystem;

namespace {

constexpr int kTrainTimesteps = 1000;
constexpr double kBeta1 = 0.9;
constexpr double kBeta2 = 0.99;
constexpr double kAdamEps = 1e-8;
const char* const kCheckpointFormat = "tessera-train-checkpoint-1";
const std::vector<std::string> kTokenizerFiles{"vocab.json", "merges.txt", "tokenizer_config.json",
                                               "special_tokens_map.json"};

std::string unetConfigJson(const TrainRecipe& r)
{
    std::vector<std::string> down, up;
    for (std::size_t i = 0; i < r.channels.size(); ++i) {
        down.push_back(r.attention[i] ? "CrossAttnDownBlock2D" : "DownBlock2D");
        up.insert(up.begin(), r.attention[i] ? "CrossAttnUpBlock2D" : "UpBlock2D");
    }
    const nlohmann::ordered_json j = {
        {"_class_name", "UNet2DConditionModel"}, {"_diffusers_version", "0.27.2"},
        {"sample_size", r.imageSize}, {"in_channels", 3}, {"out_channels", 3},
        {"center_input_sample", false}, {"flip_sin_to_cos", true}, {"freq_shift", 0},
        {"down_block_types", down}, {"mid_block_type", "UNetMidBlock2DCrossAttn"}, {"up_block_types", up},
        {"block_out_channels", r.channels}, {"layers_per_block", r.layersPerBlock},
        {"downsample_padding", 1}, {"mid_block_scale_factor", 1}, {"act_fn", "silu"},
        {"norm_num_groups", r.normGroups}, {"norm_eps", 1e-5}, {"cross_attention_dim", r.textWidth},
        {"transformer_layers_per_block", 1}, {"attention_head_dim", r.attentionHeads},
        {"use_linear_projection", true}, {"upcast_attention", false}, {"only_cross_attention", false}};
    return j.dump(2) + '\n';
}

std::string textConfigJson(const TrainRecipe& r, int vocabSize, int bos, int eos, int pad)
{
    const nlohmann::ordered_json j = {
        {"architectures", {"CLIPTextModel"}}, {"model_type", "clip_text_model"},
        {"vocab_size", vocabSize}, {"hidden_size", r.textWidth}, {"intermediate_size", 4 * r.textWidth},
        {"projection_dim", r.textWidth}, {"num_hidden_layers", r.textLayers},
        {"num_attention_heads", r.textHeads}, {"max_position_embeddings", r.contextLength},
        {"hidden_act", "quick_gelu"}, {"layer_norm_eps", 1e-5}, {"bos_token_id", bos},
        {"eos_token_id", eos}, {"pad_token_id", pad}, {"torch_dtype", "float32"}};
    return j.dump(2) + '\n';
}

// Sampling: DPM-Solver++ 2M on the training schedule (cosine, v-prediction); "trailing" spacing
// starts at the last timestep, whose signal is ~0, like the start noise. Chosen by
// bench_model_quality at 30 steps: at guidance 1.5 DPM++ 2M 30.6%, Euler a 30.0%, DDIM 26.2%;
// DPM++ 2M keeps improving with guidance (36% at 4), DDIM collapses (5% at 3).
std::string schedulerConfigJson()
{
    const nlohmann::ordered_json j = {
        {"_class_name", "DPMSolverMultistepScheduler"}, {"_diffusers_version", "0.27.2"},
        {"num_train_timesteps", kTrainTimesteps}, {"beta_schedule", "squaredcos_cap_v2"},
        {"beta_start", 0.0001}, {"beta_end", 0.02}, {"prediction_type", "v_prediction"},
        {"timestep_spacing", "trailing"}, {"steps_offset", 0}, {"rescale_betas_zero_snr", false},
        {"algorithm_type", "dpmsolver++"}, {"solver_order", 2}, {"solver_type", "midpoint"},
        {"lower_order_final", true}, {"final_sigmas_type", "zero"}};
    return j.dump(2) + '\n';
}

constexpr double kRecommendedGuidance = 4.0;

std::string modelIndexJson()
{
    const nlohmann::ordered_json j = {
        {"_class_name", "StableDiffusionPipeline"}, {"_diffusers_version", "0.27.2"},
        // Measured on tessera-emoji-32 (bench_model_quality, DPM-Solver++ 2M): quality rises to
        // guidance 4 and holds to 7.5 (36%); with DDIM the model breaks up from guidance 3 on.
        {"_tessera_guidance", kRecommendedGuidance},
        {"scheduler", {"diffusers", "DPMSolverMultistepScheduler"}}, {"text_encoder", {"transformers", "CLIPTextModel"}},
        {"tokenizer", {"transformers", "CLIPTokenizer"}}, {"unet", {"diffusers", "UNet2DConditionModel"}},
        {"safety_checker", {nullptr, nullptr}}, {"feature_extractor", {nullptr, nullptr}},
        {"requires_safety_checker", false}};
    return j.dump(2) + '\n';
}

void writeText(const fs::path& path, const std::string& text)
{
    const auto tmp = path.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out)
            throw DiffusionError(path.string(), "cannot write the file");
    }
    fs::rename(tmp, path);
}

// Written aside and renamed, so that a kill mid-write leaves the previous file intact.
void writeTensors(const fs::path& path, const std::map<std::string, at::Tensor>& tensors,
                  const std::map<std::string, std::string>& metadata = {})
{
    const auto tmp = path.string() + ".tmp";
    writeSafetensors(tmp, tensors, metadata);
    std::error_code error;
    fs::rename(tmp, path, error);
    if (error)
        throw DiffusionError(path.string(), "cannot replace the file: " + error.message());
}

// Only parameters whose names start with `prefix`, the prefix removed.
std::map<std::string, at::Tensor> stripPrefix(const std::map<std::string, at::Tensor>& tensors, const std::string& prefix)
{
    std::map<std::string, at::Tensor> out;
    for (const auto& [name, t] : tensors)
        if (name.compare(0, prefix.size(), prefix) == 0)
            out[name.substr(prefix.size())] = t;
    return out;
}

} // namespace

struct Trainer::Private
{
    TrainRecipe recipe;
    std::string tokenizerFolder;
    std::map<std::string, std::string> tokenizerFiles;
    UNetConfig unetConfig;
    TextEncoderConfig textConfig;
    std::string unetJson, textJson;

    // "unet.<name>" / "text.<name>" -> tensor; the networks hold handles to the same storage
    std::map<std::string, at::Tensor> params, ema, adamM, adamV;
    std::unique_ptr<UNet> unet, emaUnet;
    std::unique_ptr<ClipTextModel> text, emaText;

    at::Device device{at::kCPU};
    at::Tensor images;    // [N, 3, S, S] in [-1, 1]
    at::Tensor ids;       // [N, T] int64
    at::Tensor emptyIds;  // [T]: the caption "" (the unconditional prompt)
    at::Tensor alphasCumprod;
    at::Generator generator;

    at::Tensor evalImages, evalIds, evalTimesteps, evalNoise;

    int step = 0;
    std::vector<float> losses;
    double trainingSeconds = 0;
    std::string dataNote;

    void buildEmaNetworks()
    {
        Weights unetWeights, textWeights;
        for (const auto& [name, t] : stripPrefix(ema, "unet."))
            unetWeights.insert(name, t);
        for (const auto& [name, t] : stripPrefix(ema, "text."))
            textWeights.insert(name, t);
        LoadedParams unetSource(unetWeights);
        LoadedParams textSource(textWeights);
        emaUnet = std::make_unique<UNet>(unetConfig, unetSource);
        emaText = std::make_unique<ClipTextModel>(textConfig, textSource);
    }

    // The per-item v-prediction loss, weighted (see TrainRecipe::minSnrGamma).
    at::Tensor loss(const UNet& net, const ClipTextModel& encoder, const at::Tensor& x0, const at::Tensor& tokens,
                    const at::Tensor& t, const at::Tensor& noise) const
    {
        const auto b = x0.size(0);
        const auto ab = alphasCumprod.index_select(0, t).view({b, 1, 1, 1});
        const auto a = ab.sqrt();
        const auto s = (1 - ab).sqrt();
        const auto xt = a * x0 + s * noise;
        const auto v = a * noise - s * x0;
        const auto context = encoder.forward(tokens).lastHiddenState;
        const auto pred = net.forward(xt, t.to(at::kFloat), context);
        const auto perItem = (pred - v).pow(2).mean({1, 2, 3});
        const auto snr = (ab / (1 - ab)).view({b});
        const auto weight = at::clamp_max((recipe.minSnrGamma + 1) / (snr + 1), 1.0);
        return (perItem * weight).mean();
    }

    double learningRate() const
    {
        const double peak = recipe.learningRate;
        if (step < recipe.warmupSteps)
            return peak * (step + 1) / recipe.warmupSteps;
        // cosine from the peak to a tenth of it at totalSteps, then flat
        const double progress = std::min(1.0, double(step - recipe.warmupSteps)
                                                  / std::max(1, recipe.totalSteps - recipe.warmupSteps));
        return peak * (0.1 + 0.9 * 0.5 * (1 + std::cos(M_PI * progress)));
    }
};

Trainer::Trainer(const TrainRecipe& recipe, std::vector<CaptionedImage> data, const std::string& tokenizerFolder,
                 const std::string& device)
    : d(std::make_unique<Private>())
{
    d->recipe = recipe;
    if (device == "cuda") {
        if (!at::hasCUDA())
            throw DiffusionError("tessera-train", "--device cuda was asked for but this libtorch has no usable CUDA device");
        d->device = at::Device(at::kCUDA, 0);
    } else if (device != "cpu") {
        throw DiffusionError("tessera-train", "unknown device '" + device + "' (cpu or cuda)");
    }
    d->tokenizerFolder = tokenizerFolder;
    if (data.empty())
        throw DiffusionError(tokenizerFolder, "no training images");
    for (const auto& file : kTokenizerFiles)
        d->tokenizerFiles[file] = readTextFile((fs::path(tokenizerFolder) / file).string());
    const auto tokenizer = ClipTokenizer::fromFolder(tokenizerFolder);
    if (tokenizer.maxLength() != recipe.contextLength)
        throw DiffusionError(tokenizerFolder, "the tokenizer's context differs from the recipe's");

    d->unetJson = unetConfigJson(recipe);
    d->textJson = textConfigJson(recipe, tokenizer.vocabSize(), tokenizer.bosId(), tokenizer.eosId(), tokenizer.padId());
    d->unetConfig = parseUNetConfig(d->unetJson, "unet/config.json");
    d->textConfig = parseTextEncoderConfig(d->textJson, "text_encoder/config.json");
    const auto scheduler = makeScheduler(parseSchedulerConfig(schedulerConfigJson(), "scheduler/scheduler_config.json"));
    d->alphasCumprod = scheduler->alphasCumprod().to(at::kFloat).to(d->device);

    // the networks, from the seed (the same code the engine samples with)
    {
        // drawn on the CPU from the seed, then moved: the same initial weights on every device
        InitParams unetInit(recipe.seed, d->device, true);
        d->unet = std::make_unique<UNet>(d->unetConfig, unetInit);
        for (const auto& [name, t] : unetInit.params())
            d->params["unet." + name] = t;
        InitParams textInit(recipe.seed + 1, d->device, true);
        d->text = std::make_unique<ClipTextModel>(d->textConfig, textInit);
        for (const auto& [name, t] : textInit.params())
            d->params["text." + name] = t;
    }
    for (const auto& [name, t] : d->params) {
        d->ema[name] = t.detach().clone();
        d->adamM[name] = at::zeros_like(t.detach());
        d->adamV[name] = at::zeros_like(t.detach());
    }
    d->buildEmaNetworks();

    // the data as tensors
    const int size = recipe.imageSize;
    const auto n = static_cast<int64_t>(data.size());
    auto pixels = at::empty({n, size, size, 3}, at::kByte);
    auto ids = at::empty({n, recipe.contextLength}, at::kLong);
    for (int64_t i = 0; i < n; ++i) {
        const auto& item = data[static_cast<std::size_t>(i)];
        if (item.rgb.size() != static_cast<std::size_t>(size * size * 3))
            throw DiffusionError(item.caption, "image size differs from the recipe's");
        std::memcpy(pixels[i].data_ptr(), item.rgb.data(), item.rgb.size());
        const auto encoded = tokenizer.encode(item.caption);
        for (int j = 0; j < recipe.contextLength; ++j)
            ids[i][j] = encoded[static_cast<std::size_t>(j)];
    }
    d->images = pixels.permute({0, 3, 1, 2}).to(at::kFloat).div(127.5).sub(1.0).contiguous().to(d->device);
    d->ids = ids.to(d->device);
    const auto empty = tokenizer.encode("");
    d->emptyIds = at::tensor(std::vector<int64_t>(empty.begin(), empty.end()), at::kLong).to(d->device);
    d->generator = at::make_generator<at::CPUGeneratorImpl>(recipe.seed + 2);

    // the fixed evaluation set: up to 64 images spread over the data, timesteps spread over the
    // schedule, noise from its own seed
    const int64_t k = std::min<int64_t>(n, 64);
    auto pick = at::empty({k}, at::kLong);
    auto timesteps = at::empty({k}, at::kLong);
    for (int64_t i = 0; i < k; ++i) {
        pick[i] = i * n / k;
        timesteps[i] = (i * kTrainTimesteps + kTrainTimesteps / 2) / k;
    }
    pick = pick.to(d->device);
    d->evalImages = d->images.index_select(0, pick);
    d->evalIds = d->ids.index_select(0, pick);
    d->evalTimesteps = timesteps.to(d->device);
    auto evalGenerator = at::make_generator<at::CPUGeneratorImpl>(recipe.seed + 3);
    d->evalNoise = at::randn(d->evalImages.sizes(), evalGenerator, at::kFloat).to(d->device);
}

Trainer::~Trainer() = default;

float Trainer::step()
{
    const auto started = std::chrono::steady_clock::now();
    auto& p = *d;
    const int64_t b = p.recipe.batchSize;
    const auto n = p.images.size(0);
    at::Tensor index, drop, t, noise;
    {
        at::NoGradGuard noGrad;
        index = at::randint(n, {b}, p.generator, at::kLong);
        drop = at::rand({b}, p.generator, at::kFloat) < p.recipe.captionDropout;
        t = at::randint(kTrainTimesteps, {b}, p.generator, at::kLong);
        noise = at::randn({b, 3, p.recipe.imageSize, p.recipe.imageSize}, p.generator, at::kFloat);
        if (p.device.is_cuda()) {
            index = index.to(p.device);
            drop = drop.to(p.device);
            t = t.to(p.device);
            noise = noise.to(p.device);
        }
    }
    const auto x0 = p.images.index_select(0, index);
    auto tokens = p.ids.index_select(0, index);
    tokens = at::where(drop.unsqueeze(1), p.emptyIds.unsqueeze(0).expand_as(tokens), tokens);

    const auto loss = p.loss(*p.unet, *p.text, x0, tokens, t, noise);
    loss.backward();
    const float value = loss.item<float>();
    if (!std::isfinite(value))
        throw DiffusionError("tessera-train", "the loss is not finite at step " + std::to_string(p.step));

    at::NoGradGuard noGrad;
    // AdamW (decoupled weight decay on matrices and kernels only) and the EMA, hand-written so that
    // their state lives in the same checkpoint file as the weights. Multi-tensor (_foreach) ops:
    // a dozen kernel launches per step instead of a dozen per parameter, which is what bounds a
    // network this small on a GPU.
    std::vector<at::Tensor> params, grads, ms, vs, emas, decayed;
    for (auto& [name, param] : p.params) {
        auto grad = param.grad();
        if (!grad.defined())
            continue;
        params.push_back(param);
        grads.push_back(grad);
        ms.push_back(p.adamM[name]);
        vs.push_back(p.adamV[name]);
        emas.push_back(p.ema[name]);
        if (param.dim() >= 2 && name.find("embedding.weight") == std::string::npos)
            decayed.push_back(param);
    }
    // clip the global gradient norm (one synchronisation)
    const double norm = at::stack(at::_foreach_norm(grads)).pow(2).sum().sqrt().item<double>();
    const double clip = norm > p.recipe.gradClip ? p.recipe.gradClip / (norm + 1e-6) : 1.0;
    if (clip != 1.0)
        at::_foreach_mul_(grads, clip);

    const double lr = p.learningRate();
    ++p.step;
    const double correction1 = 1 - std::pow(kBeta1, p.step);
    const double correction2 = 1 - std::pow(kBeta2, p.step);
    const double emaDecay = std::min(p.recipe.emaDecay, (1.0 + p.step) / (10.0 + p.step));
    at::_foreach_mul_(ms, kBeta1);
    at::_foreach_add_(ms, grads, 1 - kBeta1);
    at::_foreach_mul_(vs, kBeta2);
    at::_foreach_addcmul_(vs, grads, grads, 1 - kBeta2);
    if (!decayed.empty())
        at::_foreach_mul_(decayed, 1 - lr * p.recipe.weightDecay);
    auto denominators = at::_foreach_div(vs, correction2);
    at::_foreach_sqrt_(denominators);
    at::_foreach_add_(denominators, kAdamEps);
    at::_foreach_addcdiv_(params, ms, denominators, -lr / correction1);
    at::_foreach_zero_(grads);
    at::_foreach_mul_(emas, emaDecay); // ema += (1 - decay) * (param - ema)
    at::_foreach_add_(emas, params, 1 - emaDecay);
    p.losses.push_back(value);
    p.trainingSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return value;
}

float Trainer::evaluate(bool ema) const
{
    at::NoGradGuard noGrad;
    const auto& net = ema ? *d->emaUnet : *d->unet;
    const auto& encoder = ema ? *d->emaText : *d->text;
    const int64_t k = d->evalImages.size(0);
    double total = 0;
    for (int64_t start = 0; start < k; start += 32) {
        const int64_t end = std::min(k, start + 32);
        const auto part = d->loss(net, encoder, d->evalImages.slice(0, start, end), d->evalIds.slice(0, start, end),
                                  d->evalTimesteps.slice(0, start, end), d->evalNoise.slice(0, start, end));
        total += part.item<double>() * static_cast<double>(end - start);
    }
    return static_cast<float>(total / static_cast<double>(k));
}

int Trainer::stepsDone() const { return d->step; }
double Trainer::trainingSeconds() const { return d->trainingSeconds; }
void Trainer::setDataNote(const std::string& note) { d->dataNote = note; }
const std::vector<float>& Trainer::losses() const { return d->losses; }
const TrainRecipe& Trainer::recipe() const { return d->recipe; }

std::int64_t Trainer::unetParameters() const
{
    std::int64_t count = 0;
    for (const auto& [name, t] : stripPrefix(d->params, "unet."))
        count += t.numel();
    return count;
}

std::int64_t Trainer::textParameters() const
{
    std::int64_t count = 0;
    for (const auto& [name, t] : stripPrefix(d->params, "text."))
        count += t.numel();
    return count;
}

void Trainer::setComputeThreads(int threads) { at::set_num_threads(std::max(1, threads)); }

void Trainer::saveCheckpoint(const std::string& path) const
{
    std::map<std::string, at::Tensor> tensors;
    for (const auto& [prefix, group] : {std::pair{"param.", &d->params}, {"ema.", &d->ema}, {"adam_m.", &d->adamM},
                                        {"adam_v.", &d->adamV}})
        for (const auto& [name, t] : *group)
            tensors[std::string(prefix) + name] = t.detach();
    tensors["rng_state"] = d->generator.get_state(); // writeSafetensors copies device tensors to the CPU
    tensors["losses"] = at::tensor(d->losses.empty() ? std::vector<float>{} : d->losses, at::kFloat);
    std::map<std::string, std::string> metadata{{"format", kCheckpointFormat},
                                                {"step", std::to_string(d->step)},
                                                {"recipe", d->recipe.toJson()},
                                                {"training_seconds", std::to_string(d->trainingSeconds)},
                                                {"data", d->dataNote}};
    for (const auto& [file, text] : d->tokenizerFiles)
        metadata["tokenizer/" + file] = text;
    writeTensors(path, tensors, metadata);
}

TrainRecipe Trainer::checkpointRecipe(const std::string& path, std::map<std::string, std::string>* tokenizerFiles)
{
    SafetensorsFile file(path);
    const auto& metadata = file.metadata();
    const auto format = metadata.find("format");
    const auto recipe = metadata.find("recipe");
    if (format == metadata.end() || format->second != kCheckpointFormat || recipe == metadata.end())
        throw DiffusionError(path, "not a tessera-train checkpoint");
    if (tokenizerFiles) {
        tokenizerFiles->clear();
        for (const auto& name : kTokenizerFiles) {
            const auto it = metadata.find("tokenizer/" + name);
            if (it == metadata.end())
                throw DiffusionError(path, "the checkpoint lacks tokenizer/" + name);
            (*tokenizerFiles)[name] = it->second;
        }
    }
    return TrainRecipe::fromJson(recipe->second, path);
}

std::vector<float> Trainer::checkpointLosses(const std::string& path)
{
    SafetensorsFile file(path);
    const auto losses = toTensor(file.tensor("losses"), path).to(at::kFloat).contiguous();
    return std::vector<float>(losses.data_ptr<float>(), losses.data_ptr<float>() + losses.numel());
}

void Trainer::loadCheckpoint(const std::string& path)
{
    SafetensorsFile file(path);
    const auto& metadata = file.metadata();
    auto recipe = checkpointRecipe(path);
    recipe.totalSteps = d->recipe.totalSteps; // the schedule may be lengthened on resume
    if (recipe.toJson() != d->recipe.toJson())
        throw DiffusionError(path, "the checkpoint was written for another recipe");
    for (const auto& [name, text] : d->tokenizerFiles)
        if (metadata.at("tokenizer/" + name) != text)
            throw DiffusionError(path, "the checkpoint was written with another tokenizer (" + name + ")");
    at::NoGradGuard noGrad;
    for (const auto& [prefix, group] : {std::pair{"param.", &d->params}, {"ema.", &d->ema}, {"adam_m.", &d->adamM},
                                        {"adam_v.", &d->adamV}}) {
        for (auto& [name, t] : *group) {
            const auto stored = toTensor(file.tensor(std::string(prefix) + name), path);
            if (stored.sizes() != t.sizes())
                throw DiffusionError(path, "tensor '" + std::string(prefix) + name + "' has another shape");
            t.copy_(stored);
        }
    }
    d->generator.set_state(toTensor(file.tensor("rng_state"), path));
    const auto losses = toTensor(file.tensor("losses"), path).to(at::kFloat).contiguous();
    d->losses.assign(losses.data_ptr<float>(), losses.data_ptr<float>() + losses.numel());
    d->step = std::stoi(metadata.at("step"));
    d->trainingSeconds = std::stod(metadata.at("training_seconds"));
    if (static_cast<int>(d->losses.size()) != d->step)
        throw DiffusionError(path, "the loss history does not match the step count");
}

void Trainer::exportModel(const std::string& folder) const
{
    const fs::path dir(folder);
    std::error_code error;
    for (const auto* sub : {"unet", "text_encoder", "tokenizer", "scheduler"})
        fs::create_directories(dir / sub, error);
    if (error)
        throw DiffusionError(folder, "cannot create the folder: " + error.message());
    writeText(dir / "model_index.json", modelIndexJson());
    writeText(dir / "scheduler" / "scheduler_config.json", schedulerConfigJson());
    writeText(dir / "unet" / "config.json", d->unetJson);
    writeText(dir / "text_encoder" / "config.json", d->textJson);
    for (const auto& [file, text] : d->tokenizerFiles)
        writeText(dir / "tokenizer" / file, text);
    const std::map<std::string, std::string> metadata{{"format", "pt"},
                                                      {"tessera-train-step", std::to_string(d->step)}};
    writeTensors(dir / "unet" / "diffusion_pytorch_model.safetensors", stripPrefix(d->ema, "unet."), metadata);
    writeTensors(dir / "text_encoder" / "model.safetensors", stripPrefix(d->ema, "text."), metadata);
    const nlohmann::ordered_json facts = {
        {"tool", "tessera-train"}, {"steps", d->step}, {"training_seconds", std::round(d->trainingSeconds)},
        {"images_seen", static_cast<int64_t>(d->step) * d->recipe.batchSize}, {"data", d->dataNote},
        {"weights", "EMA"}, {"unet_parameters", unetParameters()}, {"text_encoder_parameters", textParameters()},
        {"recipe", nlohmann::json::parse(d->recipe.toJson())}};
    writeText(dir / "training.json", facts.dump(2) + '\n');
}

} // namespace tessera::train
