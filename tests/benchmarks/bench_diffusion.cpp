// Diffusion engine figures, each as a ratio against a reference measured in the same run:
//  1. images per minute of the tiny reference model (64x64, DDIM, 10 steps, guidance 7.5),
//     batched five at a time against one at a time;
//  2. chunked (memory-efficient) attention against one full score matrix at SD 1.5's largest
//     attention (4096 tokens, 8 heads of 40, batch 2 for guidance): time and score memory;
//  3. with TESSERA_BENCH_SD15=1 (or =only, without 1 and 2; =vae: only the VAE decode; =cuda: the
//     GPU's fp16 figures instead, see benchSd15Cuda): a batch-1 and a batch-2 (guided) UNet
//     step of a random-weight SD 1.5-layout UNet at 512x512 (64x64 latents), each twice (the first
//     call, then warm), with the process's peak memory; then the text encoder and the VAE decode to
//     512x512, the rest of an image's time. These print seconds only: their reference is diffusers
//     doing the same work in the same window, which `./run.sh bench-diffusers` runs beside this
//     and divides by (it parses the "UNet step" and "VAE decode" lines, so keep their wording).
//     After each fp32 figure, the same work in bf16 (the weights of the same UNet and VAE converted
//     at load, ComputePrecision::Bf16) and the ratio fp32 / bf16 of the warm times; these lines say
//     "bf16" and neither "UNet step, batch" nor "VAE decode", so run.sh's parser skips them;
//  4. the tiny reference model's image time in fp32 and bf16 (10 DDIM steps): the ratio.

#include "Nn.h"
#include "TensorMemoryCache.h"
#include "UNet.h"
#include "Vae.h"
#include "ClipTextModel.h"

#include "tessera/diffusion/DiffusionPipeline.h"

#include <c10/core/InferenceMode.h>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

using namespace tessera;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string dataDir() { return TESSERA_DIFFUSION_TESTDATA; }

void benchBatching()
{
    const DiffusionPipeline pipeline(dataDir() + "/tiny-sd", ComputeDevice::Auto);
    std::vector<GenerationRequest> requests;
    for (int i = 0; i < 5; ++i) {
        GenerationRequest r;
        r.prompt = "a red fox in the snow";
        r.seed = static_cast<std::uint64_t>(i);
        r.steps = 10;
        r.sampler = SamplerKind::Ddim;
        requests.push_back(r);
    }
    pipeline.generate(requests.front()); // warm-up
    // interleaved rounds, best of three: the machine is shared, the minimum is the stable figure
    double single = 1e300;
    double batched = 1e300;
    for (int round = 0; round < 3; ++round) {
        auto start = Clock::now();
        for (const auto& r : requests)
            pipeline.generate(r);
        single = std::min(single, secondsSince(start));
        start = Clock::now();
        pipeline.generateBatch(requests);
        batched = std::min(batched, secondsSince(start));
    }
    std::printf("tiny-sd 64x64, 10 DDIM steps, guidance 7.5, device %s, best of 3 rounds of 5 images\n",
                pipeline.deviceName().c_str());
    std::printf("  one at a time : %7.1f images/min (%.3f s/image)\n", 300.0 / single, single / 5);
    std::printf("  batch of 5    : %7.1f images/min (%.3f s/image)  ratio %.2fx\n", 300.0 / batched, batched / 5,
                single / batched);
}

void benchPrecision()
{
    GenerationRequest request;
    request.prompt = "a red fox in the snow";
    request.steps = 10;
    request.sampler = SamplerKind::Ddim;
    double seconds[2] = {1e300, 1e300};
    const ComputePrecision precisions[2] = {ComputePrecision::Fp32, ComputePrecision::Bf16};
    std::vector<DiffusionPipeline> pipelines;
    for (const auto precision : precisions) {
        pipelines.emplace_back(dataDir() + "/tiny-sd", ComputeDevice::Cpu, std::string(), precision);
        pipelines.back().generate(request); // warm-up
    }
    for (int round = 0; round < 3; ++round) { // interleaved, best of three
        for (int i = 0; i < 2; ++i) {
            const auto start = Clock::now();
            pipelines[static_cast<std::size_t>(i)].generate(request);
            seconds[i] = std::min(seconds[i], secondsSince(start));
        }
    }
    std::printf("tiny-sd 64x64, 10 DDIM steps, one image, best of 3 (CPU %s bf16 instructions)\n",
                cpuHasNativeBf16() ? "with" : "without");
    std::printf("  fp32          : %.3f s/image\n", seconds[0]);
    std::printf("  bf16          : %.3f s/image  ratio %.2fx\n", seconds[1], seconds[0] / seconds[1]);
}

void benchAttention()
{
    c10::InferenceMode guard;
    const int64_t heads = 2 * 8;
    const auto q = at::randn({heads, 4096, 40});
    const auto k = at::randn({heads, 4096, 40});
    const auto v = at::randn({heads, 4096, 40});
    const double scale = 1.0 / std::sqrt(40.0);
    tessera::detail::attention(q, k, v, scale); // warm-up
    auto start = Clock::now();
    const auto full = tessera::detail::attention(q, k, v, scale, at::Tensor(), int64_t(1) << 40);
    const double fullSeconds = secondsSince(start);
    start = Clock::now();
    const auto chunked = tessera::detail::attention(q, k, v, scale);
    const double chunkedSeconds = secondsSince(start);
    const double fullMiB = heads * 4096.0 * 4096.0 * 4 / (1 << 20);
    const double chunkMiB = double(int64_t(1) << 22) * 4 / (1 << 20);
    std::printf("attention 2x8 heads x 4096 tokens x 40 (SD 1.5 at 512x512, guided)\n");
    std::printf("  full scores   : %.3f s, score matrix %.0f MiB\n", fullSeconds, fullMiB);
    std::printf("  chunked       : %.3f s, score chunk %.0f MiB  time ratio %.2fx, memory ratio %.0fx, max diff %.2g\n",
                chunkedSeconds, chunkMiB, fullSeconds / chunkedSeconds, fullMiB / chunkMiB,
                (full - chunked).abs().max().item<double>());
}

//! The process's peak resident memory so far, in GB (getrusage: kilobytes on Linux).
double peakRssGb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / (1024.0 * 1024.0);
}

//! The VAE decode to 512x512 of a random-weight SD 1.5-layout VAE, fp32 and bf16 (second calls).
void benchSd15VaeDecode(tessera::detail::InitParams& params)
{
    const auto vaeConfig = parseVaeConfig(
        readTextFile(dataDir() + "/configs/sd15/vae/config.json"), "configs/sd15/vae/config.json");
    tessera::detail::Vae vae(vaeConfig, params, false);
    tessera::detail::Weights vaeWeights;
    for (const auto& [name, tensor] : params.params())
        vaeWeights.insert(name, tensor);
    tessera::detail::LoadedParams vaeLoaded(vaeWeights);
    tessera::detail::PrecisionParams vaeBf16Params(vaeLoaded, at::kBFloat16);
    tessera::detail::Vae vaeBf16(vaeConfig, vaeBf16Params, false);
    c10::InferenceMode guard;
    const tessera::detail::TensorMemoryScope keepTensorMemory; // as DiffusionPipeline::generateBatch
    const auto latents = at::randn({1, 4, 64, 64});
    auto start = Clock::now();
    vae.decode(latents);
    std::printf("  VAE decode, 64x64 latents to 512x512: %.2f s; process peak RSS %.2f GB\n", secondsSince(start), peakRssGb());
    // the ratio compares second calls (the fp32 line above is a first call, as run.sh expects)
    start = Clock::now();
    const auto fp32Image = vae.decode(latents);
    const double fp32Warm = secondsSince(start);
    vaeBf16.decode(latents);
    start = Clock::now();
    const auto bf16Image = vaeBf16.decode(latents);
    const double bf16Warm = secondsSince(start);
    std::printf("  bf16 VAE, 64x64 latents to 512x512, second calls: bf16 %.2f s, fp32 %.2f s  ratio %.2fx, "
                "max difference %.3f\n",
                bf16Warm, fp32Warm, fp32Warm / bf16Warm, (bf16Image - fp32Image).abs().max().item<double>());
}

void benchSd15Step()
{
    const auto config = parseUNetConfig(
        readTextFile(dataDir() + "/configs/sd15/unet/config.json"), "configs/sd15/unet/config.json");
    auto start = Clock::now();
    tessera::detail::InitParams params(1, at::kCPU);
    tessera::detail::UNet unet(config, params);
    std::printf("SD 1.5-layout UNet with random weights: built in %.1f s, peak RSS %.2f GB\n", secondsSince(start),
                peakRssGb());
    // the same weights in bf16, as DiffusionPipeline converts them at load
    const auto bf16Source = [&params] {
        tessera::detail::Weights weights;
        for (const auto& [name, tensor] : params.params())
            weights.insert(name, tensor);
        return weights;
    };
    const auto unetWeights = bf16Source();
    tessera::detail::LoadedParams unetLoaded(unetWeights);
    tessera::detail::PrecisionParams unetBf16Params(unetLoaded, at::kBFloat16);
    tessera::detail::UNet unetBf16(config, unetBf16Params);
    c10::InferenceMode guard;
    const tessera::detail::TensorMemoryScope keepTensorMemory; // as DiffusionPipeline::generateBatch
    for (const int64_t batch : {1, 2}) {
        const auto latents = at::randn({batch, 4, 64, 64});
        const auto context = at::randn({batch, 77, 768});
        double warm[2] = {0, 0};
        for (int run = 1; run <= 2; ++run) { // the first call pays one-time costs; the second is warm
            start = Clock::now();
            unet.forward(latents, at::full({1}, 500.0), context);
            const double step = secondsSince(start);
            std::printf("  UNet step, batch %lld (run %d), 64x64 latents: %.2f s/step; process peak RSS %.2f GB\n",
                        static_cast<long long>(batch), run, step, peakRssGb());
            warm[0] = step;
        }
        for (int run = 1; run <= 2; ++run) {
            start = Clock::now();
            unetBf16.forward(latents, at::full({1}, 500.0), context);
            warm[1] = secondsSince(start);
            std::printf("  bf16 UNet, batch %lld, call %d: %.2f s/step\n", static_cast<long long>(batch), run, warm[1]);
        }
        std::printf("  bf16 against fp32, batch %lld, warm: ratio %.2fx\n", static_cast<long long>(batch),
                    warm[0] / warm[1]);
    }
    // The rest of an image, for the README's time per image: the text encoder (once per prompt,
    // twice with guidance) and the VAE decode of the final latents.
    {
        const auto textConfig = parseTextEncoderConfig(
            readTextFile(dataDir() + "/configs/sd15/text_encoder/config.json"), "configs/sd15/text_encoder/config.json");
        tessera::detail::ClipTextModel text(textConfig, params);
        const auto ids = at::randint(0, 49000, {2, 77}, at::kLong);
        start = Clock::now();
        text.forward(ids);
        std::printf("  text encoder, 2 prompts of 77 tokens: %.2f s\n", secondsSince(start));
    }
    benchSd15VaeDecode(params);
}

//! TESSERA_BENCH_SD15=cuda: on the GPU, the SD 1.5 UNet step (batch 1 and 2) in fp16, the VAE
//! decode in float32 (force_upcast keeps it so), and 30 guided steps plus the decode (a 30-step
//! 512x512 image less the text encoder); `./run.sh engine` sets diffusers fp16 beside each line
//! (tests/benchmarks/diffusers_cuda.py prints the same labels).
void benchSd15Cuda()
{
    if (!at::hasCUDA()) {
        std::printf("no CUDA device in this libtorch/machine: TESSERA_BENCH_SD15=cuda measures nothing here\n");
        return;
    }
    const at::Device gpu(at::kCUDA, 0);
    const auto config = parseUNetConfig(
        readTextFile(dataDir() + "/configs/sd15/unet/config.json"), "configs/sd15/unet/config.json");
    const auto vaeConfig = parseVaeConfig(
        readTextFile(dataDir() + "/configs/sd15/vae/config.json"), "configs/sd15/vae/config.json");
    tessera::detail::InitParams unetInit(1, gpu);
    tessera::detail::PrecisionParams unetHalf(unetInit, at::kHalf);
    const tessera::detail::UNet unet(config, unetHalf);
    tessera::detail::InitParams vaeInit(2, gpu);
    const tessera::detail::Vae vae(vaeConfig, vaeInit, false);
    c10::InferenceMode guard;
    // a result read back to the host waits for the GPU's queue: the timings include the work
    const auto finished = [](const at::Tensor& t) { return t.sum().item<double>(); };
    const auto milliseconds = [](Clock::time_point start) { return 1000.0 * secondsSince(start); };
    for (const int64_t batch : {1, 2}) {
        const auto latents = at::randn({batch, 4, 64, 64}).to(gpu);
        const auto context = at::randn({batch, 77, 768}).to(gpu);
        finished(unet.forward(latents, at::full({1}, 500.0), context)); // cuDNN's first-call set-up
        const int calls = 10;
        const auto start = Clock::now();
        at::Tensor eps;
        for (int i = 0; i < calls; ++i)
            eps = unet.forward(latents, at::full({1}, 500.0), context);
        finished(eps);
        std::printf("  CUDA fp16 UNet step, batch %lld: %.1f ms\n", static_cast<long long>(batch), milliseconds(start) / calls);
    }
    const auto latents = at::randn({1, 4, 64, 64}).to(gpu);
    finished(vae.decode(latents));
    auto start = Clock::now();
    finished(vae.decode(latents));
    std::printf("  CUDA VAE decode (float32), 64x64 latents to 512x512: %.1f ms\n", milliseconds(start));
    // 30 guided steps: the UNet on [uncond, cond] each step, the guidance and an Euler-like update
    const auto context = at::randn({2, 77, 768}).to(gpu);
    start = Clock::now();
    auto x = at::randn({1, 4, 64, 64}).to(gpu);
    for (int step = 0; step < 30; ++step) {
        const auto both = unet.forward(at::cat({x, x}), at::full({1}, 999.0 - 33.0 * step), context).chunk(2);
        x = x - 0.03 * (both[0] + 7.5 * (both[1] - both[0]));
    }
    finished(vae.decode(x));
    std::printf("  CUDA 30 guided steps + VAE decode, 512x512: %.2f s\n", secondsSince(start));
}

} // namespace

int main()
{
    configureComputeThreads();
    std::printf("bench_diffusion (libtorch intra-op threads set from the core count)\n");
    const char* sd15 = std::getenv("TESSERA_BENCH_SD15");
    if (sd15 && std::string(sd15) == "cuda") { // the GPU figures only
        benchSd15Cuda();
        return 0;
    }
    if (sd15 && std::string(sd15) == "vae") { // just the SD 1.5 VAE decode
        tessera::detail::InitParams params(1, at::kCPU);
        benchSd15VaeDecode(params);
        return 0;
    }
    if (!sd15 || std::string(sd15) != "only") { // "only": just the SD 1.5 step
        benchBatching();
        benchAttention();
        benchPrecision();
    }
    if (sd15 && (std::string(sd15) == "1" || std::string(sd15) == "only"))
        benchSd15Step();
    else
        std::printf("(set TESSERA_BENCH_SD15=1 for SD 1.5-size UNet steps and VAE decode, about five minutes and 7.5 GB)\n");
    return 0;
}
