// SDXL against diffusers 0.27.2's own numbers for the tiny SDXL folder of sd-reference-2 (its
// README, part B): both text encoders' penultimate states and the pooled embedding, the time ids,
// the UNet's added embedding and output, the VAE at scaling 0.13025, txt2img without a negative
// prompt (zeroed negative embeddings) and with one, and img2img. Tolerances are the README's for
// an independent fp32 implementation: single passes 1e-4, latents 1e-3 + 1e-3 relative, images 5e-4.

#include "TestData.h"

#include "DiffusionPipelinePrivate.h"
#include "JsonHelpers.h"

#include <ATen/CPUGeneratorImpl.h>
#include <c10/core/InferenceMode.h>

#include <gtest/gtest.h>

#include <cstdio>

using namespace tessera;
using namespace tessera::detail;
using namespace tessera::test;

namespace {

constexpr double singlePassTolerance = 1e-4;
constexpr double imageTolerance = 5e-4;

std::filesystem::path sdxlDir() { return dataDir() / "sd-reference-2" / "tiny-sdxl"; }

const std::map<std::string, at::Tensor>& sdxlReference()
{
    static const auto tensors
        = Weights::loadRaw((dataDir() / "sd-reference-2" / "reference2" / "sdxl.safetensors").string());
    return tensors;
}

const DiffusionPipeline& tinySdxl()
{
    static const DiffusionPipeline pipeline(sdxlDir().string(), ComputeDevice::Cpu);
    return pipeline;
}

double maxAbsDiff(const at::Tensor& a, const at::Tensor& b)
{
    EXPECT_EQ(a.sizes(), b.sizes());
    return (a.to(at::kDouble) - b.to(at::kDouble)).abs().max().item<double>();
}

void expectClose(const std::string& what, const at::Tensor& actual, const at::Tensor& expected, double tolerance)
{
    const double diff = maxAbsDiff(actual, expected);
    std::printf("[ max error ] %-40s %.3g (|ref| max %.3g)\n", what.c_str(), diff,
                expected.abs().max().item<double>());
    EXPECT_LT(diff, tolerance) << what;
}

//! The README's latent tolerance: atol 1e-3 plus 1e-3 of the reference's magnitude.
void expectLatentsClose(const std::string& what, const std::vector<at::Tensor>& steps, const at::Tensor& expected)
{
    ASSERT_EQ(static_cast<int64_t>(steps.size()), expected.size(0)) << what;
    double worstExcess = -1;
    double worstDiff = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto ref = expected[static_cast<int64_t>(i)].to(at::kDouble);
        const auto diff = (steps[i].to(at::kDouble) - ref).abs();
        worstDiff = std::max(worstDiff, diff.max().item<double>());
        worstExcess = std::max(worstExcess, (diff - (1e-3 + 1e-3 * ref.abs())).max().item<double>());
    }
    std::printf("[ max error ] %-40s %.3g (|ref| max %.3g)\n", what.c_str(), worstDiff,
                expected.abs().max().item<double>());
    EXPECT_LE(worstExcess, 0.0) << what << ": beyond atol 1e-3 + rtol 1e-3";
}

//! The B recipe: "a red fox in the snow", 4 Euler steps, 64x64, seed 0; no negative prompt.
GenerationRequest sdxlFox(double guidance)
{
    auto request = foxRequest(guidance);
    request.negativePrompt.reset();
    return request;
}

} // namespace

TEST(Sdxl, theFolderLoadsAsAnSdxlPipeline)
{
    const auto& pipeline = tinySdxl();
    const auto& core = DiffusionPipelineInternals::of(pipeline);
    EXPECT_TRUE(core.index.isSdxl());
    ASSERT_TRUE(core.textEncoder2);
    EXPECT_EQ(pipeline.nativeWidth(), 64); // sample_size 8 x VAE factor 8 (four levels)
    EXPECT_DOUBLE_EQ(pipeline.recommendedGuidance(), 5.0); // diffusers' SDXL default
    EXPECT_EQ(pipeline.defaultSampler(), SamplerKind::Euler);
}

TEST(Sdxl, bothTextEncodersAndThePooledEmbeddingMatchTransformers)
{
    // given the three prompts of the reference and their token ids for both tokenizers
    const auto& ref = sdxlReference();
    const auto& core = DiffusionPipelineInternals::of(tinySdxl());
    c10::InferenceMode guard;
    const std::vector<std::string> prompts{"", "a red fox in the snow",
                                           "A photograph of an astronaut riding a horse, highly detailed!"};
    for (std::size_t i = 0; i < prompts.size(); ++i) {
        const auto row = static_cast<int64_t>(i);
        // when each prompt is tokenised and encoded as the pipeline does
        const auto ids1 = core.tokenizer->ids(prompts[i]);
        const auto ids2 = core.tokenizer2->ids(prompts[i]);
        const auto expected1 = ref.at("te.input_ids")[row];
        const auto expected2 = ref.at("te2.input_ids")[row];
        for (std::size_t k = 0; k < ids1.size(); ++k)
            EXPECT_EQ(ids1[k], expected1[static_cast<int64_t>(k) + 1].item<int64_t>()) << prompts[i];
        for (std::size_t k = 0; k < ids2.size(); ++k)
            EXPECT_EQ(ids2[k], expected2[static_cast<int64_t>(k) + 1].item<int64_t>()) << prompts[i];
        const auto out1 = core.textEncoder->forward(expected1.unsqueeze(0));
        const auto out2 = core.textEncoder2->forward(expected2.unsqueeze(0));
        const auto encoded = core.encodeText(prompts[i]);

        // then the penultimate states (no final LayerNorm), their concatenation and the pooled
        // (projected) embedding match
        expectClose("te hidden_states[-2] " + std::to_string(i), out1.hiddenStates[out1.hiddenStates.size() - 2],
                    ref.at("te.hidden_states_m2").slice(0, row, row + 1), singlePassTolerance);
        expectClose("te2 hidden_states[-2] " + std::to_string(i), out2.hiddenStates[out2.hiddenStates.size() - 2],
                    ref.at("te2.hidden_states_m2").slice(0, row, row + 1), singlePassTolerance);
        expectClose("te2 pooled (unprojected) " + std::to_string(i), out2.pooled,
                    ref.at("te2.pooled_unprojected").slice(0, row, row + 1), singlePassTolerance);
        expectClose("prompt_embeds " + std::to_string(i), encoded.context,
                    ref.at("prompt_embeds").slice(0, row, row + 1), singlePassTolerance);
        expectClose("pooled_prompt_embeds " + std::to_string(i), encoded.pooled,
                    ref.at("te2.text_embeds").slice(0, row, row + 1), singlePassTolerance);
    }
}

TEST(Sdxl, timeIdsAndTheUNetMatchDiffusers)
{
    // given the reference UNet call at t = 500 with two prompts' embeddings and pooled embeddings
    const auto& ref = sdxlReference();
    const auto& core = DiffusionPipelineInternals::of(tinySdxl());
    c10::InferenceMode guard;
    GenerationRequest request;
    EXPECT_TRUE(at::equal(core.timeIds(request, 64, 64), ref.at("add_time_ids")));
    // micro-conditioning: original size and crop corner go where diffusers puts them
    request.originalWidth = 1024;
    request.originalHeight = 768;
    request.cropTop = 16;
    request.cropLeft = 32;
    EXPECT_TRUE(at::equal(core.timeIds(request, 64, 48), at::tensor({768.f, 1024.f, 16.f, 32.f, 48.f, 64.f}).unsqueeze(0)));

    const TextTimeCondition added{ref.at("unet.text_embeds"), ref.at("unet.time_ids")};
    const auto t = at::full({2}, 500.0);
    // when the embeddings and the whole UNet are computed here
    const auto tEmb = core.unet->timeProjection(t);
    expectClose("unet t_emb", tEmb, ref.at("unet.t500.t_emb"), singlePassTolerance);
    expectClose("unet temb", core.unet->timeEmbedding(tEmb), ref.at("unet.t500.temb"), singlePassTolerance);
    expectClose("unet add_time_embeds",
                sinusoidalEmbedding(ref.at("unet.time_ids").reshape({-1}), 8, true, 0).reshape({2, -1}),
                ref.at("unet.add_time_embeds"), singlePassTolerance);
    expectClose("unet aug_emb", core.unet->additionEmbedding(added), ref.at("unet.aug_emb"), singlePassTolerance);
    const auto out = core.unet->forward(ref.at("unet.latents"), t, ref.at("unet.encoder_hidden_states"), nullptr, {},
                                        added);

    // then they match, and a missing condition is refused rather than ignored
    expectClose("unet t500 out", out, ref.at("unet.t500.out"), singlePassTolerance);
    EXPECT_THROW(core.unet->forward(ref.at("unet.latents"), t, ref.at("unet.encoder_hidden_states")), DiffusionError);
}

TEST(Sdxl, theVaeDecodesAndEncodesAtScaling013025)
{
    const auto& ref = sdxlReference();
    const auto& core = DiffusionPipelineInternals::of(tinySdxl());
    c10::InferenceMode guard;
    ASSERT_TRUE(core.vae);
    EXPECT_EQ(core.vae->scaleFactor(), 8);
    expectClose("vae decoded", core.vae->decode(ref.at("vae.latents")), ref.at("vae.decoded"), singlePassTolerance);
    const auto posterior = core.vae->encode(ref.at("vae.image"));
    expectClose("vae encoder mean", posterior.mean, ref.at("vae.enc_mean"), singlePassTolerance);
    expectClose("vae encoder std", posterior.std(), ref.at("vae.enc_std"), singlePassTolerance);
}

class SdxlTxt2img : public testing::TestWithParam<std::string>
{
};

TEST_P(SdxlTxt2img, matchesDiffusers)
{
    // given txt2img with no negative prompt (zeroed negative embeddings, guidance 5) or with
    // "blurry" (encoded through both encoders, guidance 6)
    const auto run = GetParam();
    const auto& ref = sdxlReference();
    const auto& pipeline = tinySdxl();
    const auto& core = DiffusionPipelineInternals::of(pipeline);
    c10::InferenceMode guard;
    auto request = sdxlFox(run == "txt2img" ? 5.0 : 6.0);
    if (run == "txt2img_neg")
        request.negativePrompt = "blurry";
    const auto key = run + ".";

    // when the guidance inputs are built and the request is sampled here
    const auto cond = core.conditioning(request);
    const auto uncond = core.unconditioning(request);
    expectClose(run + " negative embeds", uncond.context, ref.at(key + "unet_prompt_embeds").slice(0, 0, 1),
                singlePassTolerance);
    expectClose(run + " prompt embeds", cond.context, ref.at(key + "unet_prompt_embeds").slice(0, 1, 2),
                singlePassTolerance);
    expectClose(run + " negative pooled", uncond.pooled, ref.at(key + "unet_add_text_embeds").slice(0, 0, 1),
                singlePassTolerance);
    expectClose(run + " pooled", cond.pooled, ref.at(key + "unet_add_text_embeds").slice(0, 1, 2),
                singlePassTolerance);
    EXPECT_TRUE(at::equal(core.timeIds(request, 64, 64), ref.at(key + "unet_add_time_ids").slice(0, 1, 2)));
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(request.seed);
    EXPECT_TRUE(at::equal(core.startNoise(request, 8, 8, generator), ref.at(key + "init_noise")));
    std::vector<at::Tensor> steps;
    const auto latents = core.sample({request}, [&](std::size_t, const at::Tensor& x) { steps.push_back(x); }, {},
                                     nullptr);

    // then every Euler step's latents and the image match
    expectLatentsClose(run + " step latents", steps, ref.at(key + "step_latents"));
    expectClose(run + " image", core.decode(latents).permute({0, 2, 3, 1}), ref.at(key + "image"), imageTolerance);
    // and the public API gives the same pixels
    const auto rgb = pipeline.generate(request);
    const auto expectedBytes = (ref.at(key + "image") * 255).round().to(at::kByte).contiguous();
    int worstByte = 0;
    for (std::size_t i = 0; i < rgb.pixels.size(); ++i)
        worstByte = std::max(worstByte, std::abs(int(rgb.pixels[i]) - int(expectedBytes.data_ptr<uint8_t>()[i])));
    EXPECT_LE(worstByte, 1);
}

INSTANTIATE_TEST_SUITE_P(TinySdxl, SdxlTxt2img, testing::Values("txt2img", "txt2img_neg"));

TEST(Sdxl, anEmptyNegativePromptIsEncodedNotZeroed)
{
    // diffusers: negative_prompt="" is encoded like any text; only None gives zeros
    const auto& core = DiffusionPipelineInternals::of(tinySdxl());
    c10::InferenceMode guard;
    auto request = sdxlFox(5.0);
    request.negativePrompt = "";
    const auto uncond = core.unconditioning(request);
    const auto empty = core.encodeText("");
    EXPECT_TRUE(at::equal(uncond.context, empty.context));
    EXPECT_GT(uncond.context.abs().max().item<double>(), 0.1);
    EXPECT_GT(uncond.pooled.abs().max().item<double>(), 0.01);
}

TEST(Sdxl, img2imgMatchesDiffusers)
{
    // given diffusers' SDXL img2img (strength 0.6 of 4 Euler steps: 251, 1; no negative prompt)
    const auto& ref = sdxlReference();
    const auto& core = DiffusionPipelineInternals::of(tinySdxl());
    c10::InferenceMode guard;
    auto request = sdxlFox(5.0);
    request.strength = 0.6;

    // when the posterior sample and the noise come from the seeded generator in diffusers' order
    auto generator = at::make_generator<at::CPUGeneratorImpl>(0);
    expectClose("img2img init latents", core.imageLatents(ref.at("img2img.init_image_01"), generator),
                ref.at("img2img.init_latents_scaled"), singlePassTolerance);
    EXPECT_TRUE(at::equal(core.startNoise(request, 8, 8, generator), ref.at("img2img.noise")));
    std::vector<at::Tensor> steps;
    const auto latents = core.sample({request}, [&](std::size_t, const at::Tensor& x) { steps.push_back(x); }, {},
                                     nullptr, {ref.at("img2img.init_image_01")});

    // then both steps' latents and the image match
    expectLatentsClose("img2img step latents", steps, ref.at("img2img.step_latents"));
    expectClose("img2img image", core.decode(latents).permute({0, 2, 3, 1}), ref.at("img2img.image"),
                imageTolerance);
}

TEST(Sdxl, aFolderWhoseEncodersDoNotFitTheUNetIsRefused)
{
    // given the tiny SDXL folder with text_encoder_2 told to project to another width
    TempDir dir;
    std::filesystem::copy(sdxlDir(), dir.path(), std::filesystem::copy_options::recursive);
    const auto config = dir.path() / "text_encoder_2" / "config.json";
    auto text = readTextFile(config.string());
    const auto at = text.find("\"projection_dim\": 32");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 20, "\"projection_dim\": 40");
    writeFile(config, text);
    // when it is loaded, then the error names the UNet's config and the mismatch
    try {
        DiffusionPipeline pipeline(dir.path().string(), ComputeDevice::Cpu);
        FAIL() << "a mismatched SDXL folder loaded";
    } catch (const DiffusionError& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("unet/config.json"), std::string::npos) << message;
        EXPECT_NE(message.find("projection_class_embeddings_input_dim"), std::string::npos) << message;
    }
}

class SdxlFamilies : public testing::TestWithParam<std::string>
{
};

TEST_P(SdxlFamilies, theBundledConfigsLayOutEverySdxlBaseParameterOnce)
{
    // given a bundled SDXL family (what SDXL single files load with) and the manifest of SDXL
    // base 1.0 (every parameter name and shape of its four networks)
    const auto configs = resourcesDir() / "model-families" / GetParam();
    const auto config = [&](const std::string& relative) { return readTextFile((configs / relative).string()); };
    const auto manifest
        = parseJson(readTextFile((dataDir() / "sd-reference-2" / "manifests" / "sdxl.json").string()), "sdxl.json");
    const auto check = [&](const std::string& network, const ShapeParams& shapes) {
        std::map<std::string, std::vector<int64_t>> expected;
        for (const auto& [name, shape] : manifest[network + "_shapes"].items())
            expected[name] = shape.get<std::vector<int64_t>>();
        EXPECT_EQ(shapes.takes(), manifest[network]["num_state_dict_tensors"].get<std::size_t>()) << network;
        EXPECT_EQ(shapes.shapes(), expected) << network;
    };

    // when each network is laid out from the family's configs (meta tensors, nothing allocated)
    ShapeParams unetShapes;
    UNet unet(parseUNetConfig(config("unet/config.json"), "unet"), unetShapes);
    ShapeParams vaeShapes;
    Vae vae(parseVaeConfig(config("vae/config.json"), "vae"), vaeShapes);
    ShapeParams textShapes;
    ClipTextModel te(parseTextEncoderConfig(config("text_encoder/config.json"), "te"), textShapes);
    ShapeParams text2Shapes;
    auto te2Config = parseTextEncoderConfig(config("text_encoder_2/config.json"), "te2");
    te2Config.withProjection = true;
    ClipTextModel te2(te2Config, text2Shapes);

    // then every parameter is produced exactly once with the real shape
    check("unet", unetShapes);
    check("vae", vaeShapes);
    check("text_encoder", textShapes);
    check("text_encoder_2", text2Shapes);
    EXPECT_TRUE(parseModelIndex(config("model_index.json"), "model_index.json").isSdxl());
}

INSTANTIATE_TEST_SUITE_P(Bundled, SdxlFamilies, testing::Values("sdxl", "sdxl-turbo"));
