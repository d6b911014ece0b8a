// Whole pipelines against diffusers' StableDiffusionPipeline (reference/pipelines.*: tiny-sd with
// PNDM / epsilon, tiny-sd2 with DDIM / v-prediction, guidance 7.5, 4 steps, seed 0), plus
// determinism, batching, guidance 1, prompt weights, cancel, bad folders and a random-weight
// pixel-space model run end to end.

#include "TestData.h"

#include "DiffusionPipelinePrivate.h"
#include "Nn.h"

#include "tessera/diffusion/DiffusionPipeline.h"
#include "tessera/diffusion/PickleCheckpoint.h"
#include "tessera/diffusion/PromptWeights.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Context.h>
#include <c10/core/InferenceMode.h>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>

using namespace tessera;
using namespace tessera::detail;
using namespace tessera::test;

namespace fs = std::filesystem;

namespace {

const std::map<std::string, at::Tensor>& pipelineReference()
{
    static const auto tensors = Weights::loadRaw((dataDir() / "reference/pipelines.safetensors").string());
    return tensors;
}

double maxAbsDiff(const at::Tensor& a, const at::Tensor& b)
{
    EXPECT_EQ(a.sizes(), b.sizes());
    return (a.to(at::kDouble) - b.to(at::kDouble)).abs().max().item<double>();
}


const DiffusionPipeline& tinySd()
{
    static const DiffusionPipeline pipeline((dataDir() / "tiny-sd").string(), ComputeDevice::Cpu);
    return pipeline;
}

int maxByteDifference(const RgbImage& a, const RgbImage& b)
{
    EXPECT_EQ(a.pixels.size(), b.pixels.size());
    int worst = 0;
    for (std::size_t i = 0; i < std::min(a.pixels.size(), b.pixels.size()); ++i)
        worst = std::max(worst, std::abs(int(a.pixels[i]) - int(b.pixels[i])));
    return worst;
}

} // namespace

class ReferencePipelines : public testing::TestWithParam<std::string>
{
};

TEST_P(ReferencePipelines, txt2imgMatchesDiffusers)
{
    // given a tiny diffusers folder and diffusers' run of it
    const auto family = GetParam();
    const auto& ref = pipelineReference();
    const auto key = "txt2img." + family + ".";
    const DiffusionPipeline pipeline((dataDir() / (family == "sd" ? "tiny-sd" : "tiny-sd2")).string(),
                                     ComputeDevice::Cpu);
    auto& core = DiffusionPipelineInternals::of(pipeline);
    c10::InferenceMode guard;
    const auto request = foxRequest();

    // when the same request is sampled here
    EXPECT_LT(maxAbsDiff(core.encodePrompt(request.prompt), ref.at(key + "prompt_embeds")), 1e-4);
    EXPECT_LT(maxAbsDiff(core.encodePrompt(request.negativePrompt.value_or("")), ref.at(key + "negative_prompt_embeds")), 1e-4);
    // clip skip 1 = transformers' hidden_states[-2] + final LN for the same prompt (text_encoder reference)
    static const auto textRef = Weights::loadRaw((dataDir() / "reference/text_encoder.safetensors").string());
    EXPECT_LT(maxAbsDiff(core.encodePrompt(request.prompt, 1),
                         textRef.at(family + ".hidden_states_m2_final_ln").slice(0, 1, 2)),
              1e-4);
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(request.seed);
    EXPECT_TRUE(at::equal(core.startNoise(request, 32, 32, generator), ref.at(key + "init_noise")));
    std::vector<at::Tensor> steps;
    const auto latents = core.sample({request}, [&](std::size_t, const at::Tensor& x) { steps.push_back(x); }, {},
                                     nullptr);
    const auto image = core.decode(latents).permute({0, 2, 3, 1});

    // then every step's latents and the image match to about 3x the largest difference measured
    // with 1, 2, 3 and 16 compute threads (sd: latents 4.2e-5, image 2.8e-6; sd2: 3.1e-5, 1.4e-5),
    // far inside the reference README's ceilings (1e-3, 5e-4)
    const double latentTolerance = family == "sd" ? 1.5e-4 : 1e-4;
    const double imageTolerance = family == "sd" ? 1e-5 : 4e-5;
    const auto expectedSteps = ref.at(key + "step_latents");
    ASSERT_EQ(static_cast<int64_t>(steps.size()), expectedSteps.size(0));
    double worstLatent = 0;
    for (std::size_t i = 0; i < steps.size(); ++i)
        worstLatent = std::max(worstLatent, maxAbsDiff(steps[i], expectedSteps[static_cast<int64_t>(i)]));
    const double imageDiff = maxAbsDiff(image, ref.at(key + "image"));
    std::printf("[ max error ] txt2img %-4s step latents %.3g (|ref| max %.3g), image %.3g\n", family.c_str(),
                worstLatent, expectedSteps.abs().max().item<double>(), imageDiff);
    EXPECT_LT(worstLatent, latentTolerance);
    EXPECT_LT(imageDiff, imageTolerance);

    // and the public API gives those pixels as 8 bits
    const auto rgb = pipeline.generate(request);
    ASSERT_EQ(rgb.width, 64);
    ASSERT_EQ(rgb.height, 64);
    const auto expectedBytes = (ref.at(key + "image") * 255).round().to(at::kByte).contiguous();
    int worstByte = 0;
    for (std::size_t i = 0; i < rgb.pixels.size(); ++i)
        worstByte = std::max(worstByte, std::abs(int(rgb.pixels[i]) - int(expectedBytes.data_ptr<uint8_t>()[i])));
    EXPECT_LE(worstByte, 1);
}

INSTANTIATE_TEST_SUITE_P(TinyModels, ReferencePipelines, testing::Values("sd", "sd2"));

TEST(Pipeline, img2imgMatchesDiffusers)
{
    // given diffusers' img2img run of tiny-sd (strength 0.6 of 4 PNDM steps: 501, 251, 1)
    const auto& ref = pipelineReference();
    const auto& pipeline = tinySd();
    auto& core = DiffusionPipelineInternals::of(pipeline);
    c10::InferenceMode guard;
    auto request = foxRequest();
    request.strength = 0.6;

    // when the posterior sample and the noise come from the seeded generator in diffusers' order
    auto generator = at::make_generator<at::CPUGeneratorImpl>(0);
    const auto initLatents = core.imageLatents(ref.at("img2img.sd.init_image_01"), generator);
    EXPECT_TRUE(at::equal(core.startNoise(request, 32, 32, generator), ref.at("img2img.sd.noise")));
    std::vector<at::Tensor> steps;
    const auto latents = core.sample({request}, [&](std::size_t, const at::Tensor& x) { steps.push_back(x); }, {},
                                     nullptr, {ref.at("img2img.sd.init_image_01")});
    const auto image = core.decode(latents).permute({0, 2, 3, 1});

    // then the start latents, every step and the image match to about 3x the largest difference
    // measured with 1, 2, 3 and 16 compute threads (init 4.8e-7, latents 1.6e-5, image 2.9e-6)
    const double initDiff = maxAbsDiff(initLatents, ref.at("img2img.sd.init_latents_scaled"));
    EXPECT_LT(initDiff, 1.5e-6);
    const auto expectedSteps = ref.at("img2img.sd.step_latents");
    ASSERT_EQ(static_cast<int64_t>(steps.size()), expectedSteps.size(0));
    double worstLatent = 0;
    for (std::size_t i = 0; i < steps.size(); ++i)
        worstLatent = std::max(worstLatent, maxAbsDiff(steps[i], expectedSteps[static_cast<int64_t>(i)]));
    const double imageDiff = maxAbsDiff(image, ref.at("img2img.sd.image"));
    std::printf("[ max error ] img2img sd   init latents %.3g, step latents %.3g (|ref| max %.3g), image %.3g\n",
                initDiff, worstLatent, expectedSteps.abs().max().item<double>(), imageDiff);
    EXPECT_LT(worstLatent, 5e-5);
    EXPECT_LT(imageDiff, 1e-5);

    // and the public API takes the image as 8-bit RGB (quantised input: a looser check)
    const auto bytes = (ref.at("img2img.sd.init_image_01")[0].permute({1, 2, 0}) * 255).round().to(at::kByte).contiguous();
    RgbImage init;
    init.width = 64;
    init.height = 64;
    init.pixels.assign(bytes.data_ptr<uint8_t>(), bytes.data_ptr<uint8_t>() + bytes.numel());
    request.initImage = init;
    int calls = 0;
    const auto rgb = pipeline.generate(request, [&](int, int total) {
        ++calls;
        EXPECT_EQ(total, 3);
    });
    EXPECT_EQ(calls, 3);
    const auto expectedBytes = (ref.at("img2img.sd.image") * 255).round().to(at::kByte).contiguous();
    int worstByte = 0;
    for (std::size_t i = 0; i < rgb.pixels.size(); ++i)
        worstByte = std::max(worstByte, std::abs(int(rgb.pixels[i]) - int(expectedBytes.data_ptr<uint8_t>()[i])));
    EXPECT_LE(worstByte, 3);
    request.strength = 0.1; // less than one of 4 steps
    EXPECT_THROW(pipeline.generate(request), DiffusionError);
}

TEST(Pipeline, sameSeedSameImageOtherSeedOtherImage)
{
    const auto& pipeline = tinySd();
    auto request = foxRequest();
    request.sampler = SamplerKind::EulerAncestral; // stochastic steps too
    const auto a = pipeline.generate(request);
    const auto b = pipeline.generate(request);
    request.seed = 1;
    const auto c = pipeline.generate(request);
    EXPECT_EQ(a.pixels, b.pixels);
    EXPECT_NE(a.pixels, c.pixels);
}

TEST(Pipeline, batchEqualsOneByOneAndGuidanceOneSkipsTheUnconditionalPass)
{
    // given two different requests, one unguided, with the ancestral sampler (per-item noise)
    const auto& pipeline = tinySd();
    auto first = foxRequest();
    first.sampler = SamplerKind::EulerAncestral;
    first.guidance = 1.0;
    auto second = first;
    second.prompt = "(red:1.4) fox";
    second.seed = 5;
    second.guidance = 3.0;

    // when generated in one batch and one by one
    const auto batch = pipeline.generateBatch({first, second});
    const auto alone1 = pipeline.generate(first);
    const auto alone2 = pipeline.generate(second);

    // then the images agree (the batched unguided item went through u + 1 (c - u))
    ASSERT_EQ(batch.size(), 2u);
    std::printf("[ max error ] batch vs one by one: %d and %d of 255\n", maxByteDifference(batch[0], alone1),
                maxByteDifference(batch[1], alone2));
    EXPECT_LE(maxByteDifference(batch[0], alone1), 1);
    EXPECT_LE(maxByteDifference(batch[1], alone2), 1);
    EXPECT_NE(alone1.pixels, alone2.pixels);

    // and a mismatched batch is refused
    auto other = first;
    other.steps = 3;
    EXPECT_THROW(pipeline.generateBatch({first, other}), DiffusionError);
}

TEST(Pipeline, everySamplerRuns)
{
    const auto& pipeline = tinySd();
    std::vector<std::vector<uint8_t>> images;
    for (auto [kind, karras] : {std::pair{SamplerKind::Ddim, false}, {SamplerKind::Pndm, false},
                                {SamplerKind::Euler, false}, {SamplerKind::Euler, true},
                                {SamplerKind::EulerAncestral, false}, {SamplerKind::DpmSolverMultistep, false},
                                {SamplerKind::DpmSolverMultistep, true}}) {
        auto request = foxRequest();
        request.sampler = kind;
        request.karras = karras;
        int lastProgress = 0;
        const auto image = pipeline.generate(request, [&](int done, int total) {
            EXPECT_EQ(done, lastProgress + 1);
            lastProgress = done;
            EXPECT_LE(done, total);
        });
        EXPECT_GE(lastProgress, 4);
        images.push_back(image.pixels);
    }
    for (std::size_t i = 1; i < images.size(); ++i)
        EXPECT_NE(images[i], images[0]) << "sampler " << i;
}

TEST(Pipeline, promptSyntaxCheckUsesTheParsersScan)
{
    // given prompts the parser reads as written, and ones it reads leniently
    EXPECT_TRUE(checkPromptSyntax("a (red:1.5) fox [calm] \\(x\\)").empty());
    EXPECT_TRUE(checkPromptSyntax("(time: dawn)").empty());
    // then the lenient readings are reported where they are, in bytes
    EXPECT_EQ(checkPromptSyntax("a (open"), (std::vector<PromptSyntaxIssue>{{PromptSyntaxProblem::UnclosedBracket, 2, 1}}));
    EXPECT_EQ(checkPromptSyntax("x) y]"), (std::vector<PromptSyntaxIssue>{
        {PromptSyntaxProblem::UnmatchedBracket, 1, 1}, {PromptSyntaxProblem::UnmatchedBracket, 4, 1}}));
    EXPECT_EQ(checkPromptSyntax("(red:1.5x)"), (std::vector<PromptSyntaxIssue>{{PromptSyntaxProblem::BadWeight, 4, 5}}));
    EXPECT_EQ(checkPromptSyntax("(red:)"), (std::vector<PromptSyntaxIssue>{{PromptSyntaxProblem::BadWeight, 4, 1}}));
}

TEST(Pipeline, promptWeightsStayFiniteAndBounded)
{
    // Found by tests/fuzz (fuzz_prompt_weights): "(x:1e999)" gave an infinite weight, and nested
    // huge weights overflowed; the engine casts weights to float and scales the embedding by them.
    // given a weight suffix that is not a finite number
    // then it stays text, and the syntax check calls it a bad weight
    EXPECT_EQ(parsePromptWeights("(red:1e999)"), (std::vector<WeightedText>{{"red:1e999", 1.1}}));
    EXPECT_EQ(checkPromptSyntax("(red:1e999)"), (std::vector<PromptSyntaxIssue>{{PromptSyntaxProblem::BadWeight, 4, 6}}));
    // given weights whose product overflows, and nesting deep enough for 1.1^n to overflow
    for (const std::string& prompt : {std::string("((b:1e300):1e300)"), std::string("(a:-1e300) ((c:1e300):-5)"),
                                     std::string(8000, '(') + "deep"}) {
        // then every weight is finite and clamped to maxPromptWeight
        for (const auto& run : parsePromptWeights(prompt)) {
            EXPECT_TRUE(std::isfinite(run.weight)) << prompt.substr(0, 40);
            EXPECT_LE(std::abs(run.weight), maxPromptWeight) << prompt.substr(0, 40);
        }
    }
    EXPECT_EQ(parsePromptWeights("((b:1e300):1e300)"), (std::vector<WeightedText>{{"b", maxPromptWeight}}));
    // and ordinary weights are untouched
    EXPECT_EQ(parsePromptWeights("(red:12.5)"), (std::vector<WeightedText>{{"red", 12.5}}));
}

TEST(Pipeline, promptWeightsScaleTheirTokensAndKeepTheMean)
{
    // given the parser
    EXPECT_EQ(parsePromptWeights("a (red:1.5) fox"),
              (std::vector<WeightedText>{{"a ", 1.0}, {"red", 1.5}, {" fox", 1.0}}));
    EXPECT_EQ(parsePromptWeights("(a (b:2) c)"),
              (std::vector<WeightedText>{{"a ", 1.1}, {"b", 2.2}, {" c", 1.1}}));
    const auto down = parsePromptWeights("[x] y");
    ASSERT_EQ(down.size(), 2u);
    EXPECT_NEAR(down[0].weight, 1 / 1.1, 1e-12);
    EXPECT_EQ(parsePromptWeights("\\(literal\\) x)"), (std::vector<WeightedText>{{"(literal) x)", 1.0}}));
    EXPECT_EQ(parsePromptWeights("(open"), (std::vector<WeightedText>{{"open", 1.1}}));

    // when a weighted prompt is encoded
    c10::InferenceMode guard;
    const auto& core = DiffusionPipelineInternals::of(tinySd());
    const auto plain = core.encodePrompt("a red fox");
    const auto weighted = core.encodePrompt("a (red:1.5) fox");

    // then it is the plain encoding with token 2 ("red") scaled by 1.5, rescaled to the plain mean
    auto w = at::ones({1, 77, 1});
    w[0][2][0] = 1.5;
    auto expected = plain * w;
    expected = expected * (plain.mean() / expected.mean());
    EXPECT_LT(maxAbsDiff(weighted, expected), 1e-5);
    EXPECT_NEAR(weighted.mean().item<double>(), plain.mean().item<double>(), 1e-6);
}

TEST(Pipeline, cancelStopsTheLoop)
{
    std::atomic<bool> cancel{false};
    int seen = 0;
    EXPECT_THROW(tinySd().generate(foxRequest(),
                                   [&](int done, int) {
                                       seen = done;
                                       if (done == 2)
                                           cancel = true;
                                   },
                                   &cancel),
                 GenerationCancelled);
    EXPECT_EQ(seen, 2);
}

TEST(Pipeline, badFoldersAreClearErrors)
{
    TempDir dir;
    const auto copy = dir.path() / "model";
    fs::copy(dataDir() / "tiny-sd", copy, fs::copy_options::recursive);
    fs::permissions(copy, fs::perms::owner_all, fs::perm_options::add);

    // a truncated weight file names itself
    const auto unetFile = copy / "unet/diffusion_pytorch_model.safetensors";
    fs::permissions(unetFile, fs::perms::owner_write, fs::perm_options::add);
    fs::resize_file(unetFile, 4000);
    try {
        DiffusionPipeline pipeline(copy.string(), ComputeDevice::Cpu);
        FAIL();
    } catch (const DiffusionError& e) {
        EXPECT_EQ(e.path(), unetFile.string()) << e.what();
    }
    // a missing folder, and a model_index without a unet
    EXPECT_THROW(DiffusionPipeline((dir.path() / "absent").string(), ComputeDevice::Cpu), DiffusionError);
    fs::permissions(copy / "model_index.json", fs::perms::owner_write, fs::perm_options::add);
    writeFile(copy / "model_index.json", R"({"_class_name": "StableDiffusionPipeline"})");
    try {
        DiffusionPipeline pipeline(copy.string(), ComputeDevice::Cpu);
        FAIL();
    } catch (const DiffusionError& e) {
        EXPECT_NE(std::string(e.what()).find("model_index.json: the model has no unet"), std::string::npos) << e.what();
    }
    // a bad request
    auto request = foxRequest();
    request.width = 63;
    EXPECT_THROW(tinySd().generate(request), DiffusionError);
}

TEST(Pipeline, pickleCheckpointsAreRefusedUnopened)
{
    TempDir dir;
    // a pickle file given as the model: refused by name, whatever it holds (it is never read)
    for (const char* name : {"model.ckpt", "model.PT", "weights.pth", "pytorch_model.bin"}) {
        const auto file = dir.path() / name;
        writeFile(file, "\x80\x02}q\x00.");
        try {
            DiffusionPipeline pipeline(file.string(), ComputeDevice::Cpu);
            FAIL() << name;
        } catch (const DiffusionError& e) {
            EXPECT_EQ(e.path(), file.string());
            EXPECT_NE(std::string(e.what()).find("unpickling can run arbitrary code"), std::string::npos) << e.what();
        }
    }
    EXPECT_FALSE(isPickleCheckpointPath("unet/diffusion_pytorch_model.safetensors"));

    // a folder whose UNet weights are a pickle where the safetensors file should be
    const auto copy = dir.path() / "model";
    fs::copy(dataDir() / "tiny-sd", copy, fs::copy_options::recursive);
    fs::permissions(copy, fs::perms::owner_all, fs::perm_options::add);
    const auto unetDir = copy / "unet";
    fs::permissions(unetDir, fs::perms::owner_all, fs::perm_options::add);
    fs::remove(unetDir / "diffusion_pytorch_model.safetensors");
    writeFile(unetDir / "diffusion_pytorch_model.bin", "PK\x03\x04");
    try {
        DiffusionPipeline pipeline(copy.string(), ComputeDevice::Cpu);
        FAIL();
    } catch (const DiffusionError& e) {
        EXPECT_EQ(e.path(), (unetDir / "diffusion_pytorch_model.bin").string()) << e.what();
        EXPECT_NE(std::string(e.what()).find("pickle"), std::string::npos) << e.what();
    }
}

TEST(Pipeline, clipSkipChangesThePromptEmbeddingOnly)
{
    // clip skip 1 conditions on the penultimate layer: another image from the same seed
    auto request = foxRequest();
    request.steps = 1;
    request.guidance = 1.0;
    const auto plain = tinySd().generate(request);
    request.clipSkip = 1;
    const auto skipped = tinySd().generate(request);
    EXPECT_NE(plain.pixels, skipped.pixels);
    request.clipSkip = 99;
    EXPECT_THROW(tinySd().generate(request), DiffusionError);
}

TEST(Pipeline, cudaMatchesCpuWhenThereIsAGpu)
{
    const auto folder = (dataDir() / "tiny-sd2").string();
    if (!at::hasCUDA()) {
        EXPECT_THROW(DiffusionPipeline(folder, ComputeDevice::Cuda), DiffusionError);
        GTEST_SKIP() << "no CUDA device in this libtorch/machine";
    }
    // given the same request on both devices
    const DiffusionPipeline gpu(folder, ComputeDevice::Cuda);
    const DiffusionPipeline cpu(folder, ComputeDevice::Cpu);
    EXPECT_EQ(gpu.deviceName(), "cuda:0");
    auto request = foxRequest();
    request.sampler = SamplerKind::EulerAncestral;
    // then the images agree to GPU rounding (README: ~1e-2), and the GPU is deterministic too
    const auto onGpu = gpu.generate(request);
    EXPECT_LE(maxByteDifference(onGpu, cpu.generate(request)), 4);
    EXPECT_LE(maxByteDifference(onGpu, gpu.generate(request)), 1);
    EXPECT_EQ(gpu.generateBatch({request, request}).size(), 2u);
}

TEST(Pipeline, randomWeightPixelModelRunsEndToEnd)
{
    // given a pixel-space model (no vae/) with random weights written as a diffusers folder
    TempDir dir;
    const auto root = dir.path();
    for (const auto* sub : {"unet", "text_encoder", "tokenizer", "scheduler"})
        fs::create_directories(root / sub);
    writeFile(root / "model_index.json",
              R"({"_class_name":"StableDiffusionPipeline","unet":["diffusers","UNet2DConditionModel"],)"
              R"("text_encoder":["transformers","CLIPTextModel"],"tokenizer":["transformers","CLIPTokenizer"],)"
              R"("scheduler":["diffusers","DDIMScheduler"],"vae":[null,null]})");
    const std::string unetJson =
        R"({"in_channels":3,"out_channels":3,"block_out_channels":[32,32],"layers_per_block":1,)"
        R"("down_block_types":["DownBlock2D","CrossAttnDownBlock2D"],"up_block_types":["CrossAttnUpBlock2D","UpBlock2D"],)"
        R"("cross_attention_dim":32,"attention_head_dim":4,"sample_size":16})";
    const std::string textJson = R"({"hidden_size":32,"intermediate_size":64,"num_hidden_layers":1,)"
                                 R"("num_attention_heads":2,"vocab_size":1000,"eos_token_id":999,"bos_token_id":998})";
    writeFile(root / "unet/config.json", unetJson);
    writeFile(root / "text_encoder/config.json", textJson);
    writeFile(root / "scheduler/scheduler_config.json",
              R"({"_class_name":"DDIMScheduler","prediction_type":"epsilon","clip_sample":true})");
    for (const auto* file : {"vocab.json", "merges.txt", "tokenizer_config.json"})
        fs::copy_file(dataDir() / "tiny-sd/tokenizer" / file, root / "tokenizer" / file);
    {
        InitParams unetParams(11, at::kCPU);
        UNet unet(parseUNetConfig(unetJson, "unet"), unetParams);
        writeSafetensors((root / "unet/diffusion_pytorch_model.safetensors").string(), unetParams.params());
        InitParams textParams(12, at::kCPU);
        ClipTextModel text(parseTextEncoderConfig(textJson, "te"), textParams);
        writeSafetensors((root / "text_encoder/model.safetensors").string(), textParams.params(), {{"format", "pt"}});
    }

    // when it is loaded and sampled
    const DiffusionPipeline pipeline(root.string(), ComputeDevice::Cpu);
    GenerationRequest request;
    request.prompt = "a heart";
    request.steps = 3;
    request.seed = 3;
    request.blendPrompt = "a moon";
    request.blendWeight = 0.5;
    request.blendSeed = 4;
    request.seedBlend = 0.25;
    const auto image = pipeline.generate(request);

    // then it is a deterministic native-size RGB image
    EXPECT_FALSE(pipeline.latentSpace());
    EXPECT_EQ(pipeline.nativeWidth(), 16);
    EXPECT_EQ(image.width, 16);
    EXPECT_EQ(image.height, 16);
    EXPECT_EQ(image.pixels.size(), 16u * 16u * 3u);
    EXPECT_EQ(pipeline.generate(request).pixels, image.pixels);
    request.seedBlend = 0.5;
    EXPECT_NE(pipeline.generate(request).pixels, image.pixels);
}
