// SDXL figures of the diffusion engine. They print seconds and the process's peak memory only:
// their reference is diffusers doing the same work on the same folder in the same window, which
// `./run.sh bench-sdxl` runs beside this (tests/benchmarks/diffusers_sdxl.py) and divides by; it
// parses the lines "SDXL UNet step", "SDXL-Turbo image" and "SDXL LoRA", so keep their wording.
//
// TESSERA_BENCH_SDXL_DIR: a real-size SDXL diffusers folder (diffusers_sdxl.py make: random weights,
// F16). Everything loads at ComputePrecision::Auto (bf16 on a CPU with bf16 instructions).
// TESSERA_BENCH_SDXL picks the work, one per process so that each peak is its own:
//  unet:  the UNet alone, loaded as the pipeline loads it, then one guided step (batch 2, 128x128
//         latents: a 1024x1024 image, pooled text embeds [2, 1280] and time ids [2, 6]), twice (the
//         first call, then warm);
//  turbo: the whole pipeline of the folder given (run.sh gives an SDXL-Turbo view of it: Euler
//         ancestral with trailing timesteps, sample size 64), then one 512x512 image, 1 step,
//         guidance 0: text encoders, UNet and VAE decode;
//  lora:  the whole pipeline, two synthetic rank-64 kohya LoRAs for the real SDXL layout written to
//         a temporary folder, then the time to add one (read and map) and to merge it at strength
//         1, and to switch to the other (unmerge one, merge the other) and back.
// TESSERA_BENCH_SDXL_SMOKE=1: 64x64 latents and one UNet call, a 256x256 turbo image (checks that
// each mode runs; its figures compare with nothing).

#include "DiffusionPipelinePrivate.h"
#include "Nn.h"
#include "TensorLoader.h"
#include "TensorMemoryCache.h"
#include "UNet.h"

#include "tessera/diffusion/DiffusionPipeline.h"

#include <c10/core/InferenceMode.h>

#include <sys/resource.h>

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <regex>
#include <string>
#include <unistd.h>

using namespace tessera;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

//! The process's peak resident memory so far, in GB (getrusage: kilobytes on Linux).
double peakRssGb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / (1024.0 * 1024.0);
}

bool smoke()
{
    const char* value = std::getenv("TESSERA_BENCH_SDXL_SMOKE");
    return value && std::string(value) == "1";
}

at::ScalarType autoComputeType()
{
    switch (resolveComputePrecision(ComputePrecision::Auto, ComputeDevice::Cpu)) {
    case ComputePrecision::Bf16:
        return at::kBFloat16;
    case ComputePrecision::Fp16:
        return at::kHalf;
    default:
        return at::kFloat;
    }
}

void benchUNetStep(const fs::path& folder)
{
    const auto type = autoComputeType();
    auto start = Clock::now();
    const auto configPath = (folder / "unet" / "config.json").string();
    const auto config = parseUNetConfig(readTextFile(configPath), configPath);
    std::unique_ptr<tessera::detail::UNet> unet;
    { // as DiffusionPipeline::Private::load: the file's F16 tensors live until converted once
        const auto loaded = tessera::detail::Weights::load((folder / "unet" / "diffusion_pytorch_model.safetensors").string(),
                                                  at::kCPU, type != at::kFloat);
        tessera::detail::LoadedParams params(loaded);
        tessera::detail::PrecisionParams precise(params, type);
        unet = std::make_unique<tessera::detail::UNet>(config, precise);
    }
    std::printf("compute type %s; Tessera SDXL UNet loaded in %.1f s, peak %.2f GB\n", c10::toString(type),
                secondsSince(start), peakRssGb());
    const int64_t size = smoke() ? 64 : 128;
    c10::InferenceMode guard;
    const tessera::detail::TensorMemoryScope keepTensorMemory; // as DiffusionPipeline::generateBatch
    at::manual_seed(0);
    // float32 inputs, as the sampling loop gives them; the UNet computes in its weights' type
    const auto latents = at::randn({2, 4, size, size});
    const auto context = at::randn({2, 77, config.crossAttentionDim});
    tessera::detail::TextTimeCondition added;
    added.textEmbeds = at::randn({2, 1280});
    const double pixels = double(size * 8);
    added.timeIds = at::tensor({pixels, pixels, 0.0, 0.0, pixels, pixels}, at::kFloat).repeat({2, 1});
    for (int run = 1; run <= (smoke() ? 1 : 2); ++run) { // the first call pays one-time costs; the second is warm
        start = Clock::now();
        unet->forward(latents, at::full({1}, 500.0), context, nullptr, {}, added);
        std::printf("Tessera SDXL UNet step %lldx%lld batch 2 (run %d): %.1f s, peak %.2f GB\n",
                    static_cast<long long>(size), static_cast<long long>(size), run, secondsSince(start), peakRssGb());
        std::fflush(stdout);
    }
}

void benchTurboImage(const fs::path& folder)
{
    auto start = Clock::now();
    const DiffusionPipeline pipeline(folder.string(), ComputeDevice::Cpu, {}, ComputePrecision::Auto);
    std::printf("precision %s; Tessera SDXL pipeline loaded in %.1f s, peak %.2f GB\n",
                pipeline.precisionName().c_str(), secondsSince(start), peakRssGb());
    GenerationRequest request;
    request.prompt = "a lighthouse in a storm";
    request.guidance = 0.0;
    request.steps = 1;
    request.width = request.height = smoke() ? 256 : 512;
    start = Clock::now();
    pipeline.generate(request);
    std::printf("Tessera SDXL-Turbo image %dx%d 1 step: %.1f s, peak %.2f GB\n", request.width, request.height,
                secondsSince(start), peakRssGb());
}

//! kohya's SDXL module name of a diffusers UNet parameter (SGM block indices, as kohya's SDXL
//! trainer writes them); empty when a LoRA would not touch it.
std::string kohyaUNetModule(const std::string& weightName, int layersPerBlock)
{
    static const std::regex target(
        R"(.*\.(attn[12]\.(to_q|to_k|to_v|to_out\.0)|ff\.net\.0\.proj|ff\.net\.2|proj_in|proj_out)\.weight$)");
    if (!std::regex_match(weightName, target))
        return {};
    static const std::regex down(R"(^down_blocks\.(\d+)\.attentions\.(\d+)\.(.*)\.weight$)");
    static const std::regex mid(R"(^mid_block\.attentions\.0\.(.*)\.weight$)");
    static const std::regex up(R"(^up_blocks\.(\d+)\.attentions\.(\d+)\.(.*)\.weight$)");
    std::smatch m;
    std::string block, rest;
    if (std::regex_match(weightName, m, down)) {
        block = "input_blocks_" + std::to_string(std::stoi(m[1]) * (layersPerBlock + 1) + std::stoi(m[2]) + 1) + "_1";
        rest = m[3];
    } else if (std::regex_match(weightName, m, mid)) {
        block = "middle_block_1";
        rest = m[1];
    } else if (std::regex_match(weightName, m, up)) {
        block = "output_blocks_" + std::to_string(std::stoi(m[1]) * (layersPerBlock + 1) + std::stoi(m[2])) + "_1";
        rest = m[3];
    } else {
        return {};
    }
    std::replace(rest.begin(), rest.end(), '.', '_');
    return "lora_unet_" + block + "_" + rest;
}

//! kohya's module name of a text encoder parameter ("lora_te1_" / "lora_te2_"); empty when not a target.
std::string kohyaTextModule(const std::string& weightName, const std::string& prefix)
{
    static const std::regex target(R"(.*encoder\.layers\.\d+\.(self_attn\.(q|k|v|out)_proj|mlp\.fc[12])\.weight$)");
    if (!std::regex_match(weightName, target))
        return {};
    auto module = weightName.substr(0, weightName.size() - std::string(".weight").size());
    std::replace(module.begin(), module.end(), '.', '_');
    return prefix + module;
}

//! A rank-`rank` kohya LoRA (F16, alpha rank/2) for every attention, feed-forward and proj_in/out
//! layer of the UNet and every attention and MLP layer of both text encoders of `core`'s model.
//! Returns the number of modules.
std::size_t writeSyntheticLora(const DiffusionPipeline::Private& core, const std::string& path, int64_t rank,
                               uint64_t seed)
{
    auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    std::map<std::string, at::Tensor> tensors;
    const int layersPerBlock = core.unet->config().layersPerBlock.front();
    for (const auto& [network, weights] : core.layerWeights) {
        for (const auto& [name, weight] : weights) {
            const auto module = network == "unet"       ? kohyaUNetModule(name, layersPerBlock)
                : network == "text_encoder"             ? kohyaTextModule(name, "lora_te1_")
                : network == "text_encoder_2"           ? kohyaTextModule(name, "lora_te2_")
                                                        : std::string();
            if (module.empty())
                continue;
            // [r, in] and [out, r] for a Linear; [r, in, kh, kw] and [out, r, 1, 1] for a Conv2d
            std::vector<int64_t> downShape{rank};
            std::vector<int64_t> upShape{weight.size(0), rank};
            for (int64_t dim = 1; dim < weight.dim(); ++dim) {
                downShape.push_back(weight.size(dim));
                if (dim >= 2)
                    upShape.push_back(1);
            }
            const double fanIn = double(weight.numel() / weight.size(0));
            tensors[module + ".lora_down.weight"]
                = (at::randn(downShape, generator) / std::sqrt(fanIn)).to(at::kHalf);
            tensors[module + ".lora_up.weight"] = (at::randn(upShape, generator) * 0.01).to(at::kHalf);
            tensors[module + ".alpha"] = at::full({}, double(rank) / 2, at::kHalf);
        }
    }
    tessera::detail::writeSafetensors(path, tensors,
                             {{"ss_network_module", "networks.lora"},
                              {"ss_network_dim", std::to_string(rank)},
                              {"ss_network_alpha", std::to_string(rank / 2)},
                              {"ss_base_model_version", "sdxl_base_v1-0"}});
    return tensors.size() / 3;
}

void benchLora(const fs::path& folder)
{
    auto start = Clock::now();
    DiffusionPipeline pipeline(folder.string(), ComputeDevice::Cpu, {}, ComputePrecision::Auto);
    std::printf("precision %s; Tessera SDXL pipeline loaded in %.1f s, peak %.2f GB\n",
                pipeline.precisionName().c_str(), secondsSince(start), peakRssGb());
    auto& core = DiffusionPipelineInternals::of(pipeline);
    const auto scratch = fs::temp_directory_path() / ("tessera-bench-sdxl-lora-" + std::to_string(::getpid()));
    fs::create_directories(scratch);
    const std::string first = (scratch / "first.safetensors").string();
    const std::string second = (scratch / "second.safetensors").string();
    start = Clock::now();
    const auto modules = writeSyntheticLora(core, first, 64, 1);
    writeSyntheticLora(core, second, 64, 2);
    std::printf("two synthetic rank-64 kohya LoRAs of %zu modules (%.0f MB each) written in %.1f s\n", modules,
                double(fs::file_size(first)) / 1e6, secondsSince(start));

    // what a strength change in a request costs: GenerationRequest::loraScales, merged before the batch
    const auto merge = [&core](const std::map<std::string, double>& scales) {
        const std::lock_guard<std::mutex> lock(core.loraMutex);
        core.applyLoraScales(scales);
    };
    start = Clock::now();
    pipeline.addLora(first);
    const double added = secondsSince(start);
    start = Clock::now();
    merge({{first, 1.0}});
    const double merged = secondsSince(start);
    std::printf("Tessera SDXL LoRA apply: %.1f s (add %.1f s, merge at strength 1 %.1f s), peak %.2f GB\n",
                added + merged, added, merged, peakRssGb());
    pipeline.addLora(second);
    start = Clock::now();
    merge({{second, 1.0}});
    const double toSecond = secondsSince(start);
    start = Clock::now();
    merge({{first, 1.0}});
    const double toFirst = secondsSince(start);
    std::printf("Tessera SDXL LoRA switch: %.1f s (to the second %.1f s, back %.1f s), peak %.2f GB\n",
                (toSecond + toFirst) / 2, toSecond, toFirst, peakRssGb());
    fs::remove_all(scratch);
}

} // namespace

int main()
{
    configureComputeThreads();
    const char* mode = std::getenv("TESSERA_BENCH_SDXL");
    const char* dir = std::getenv("TESSERA_BENCH_SDXL_DIR");
    if (!mode || !dir) { // `./run.sh bench` runs every benchmark: this one needs its folder
        std::printf("bench_sdxl: set TESSERA_BENCH_SDXL=unet|turbo|lora and TESSERA_BENCH_SDXL_DIR=<SDXL folder> "
                    "(./run.sh bench-sdxl does both, beside diffusers)\n");
        return 0;
    }
    std::printf("bench_sdxl %s on %s (libtorch intra-op threads set from the core count)\n", mode, dir);
    std::fflush(stdout);
    try {
        const std::string work = mode;
        if (work == "unet")
            benchUNetStep(dir);
        else if (work == "turbo")
            benchTurboImage(dir);
        else if (work == "lora")
            benchLora(dir);
        else
            throw std::runtime_error("TESSERA_BENCH_SDXL is unet, turbo or lora, not '" + work + "'");
    } catch (const std::exception& error) {
        std::fprintf(stderr, "bench_sdxl: %s\n", error.what());
        return 1;
    }
    return 0;
}
