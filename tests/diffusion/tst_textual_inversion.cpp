// Textual inversion against diffusers' load_textual_inversion (sd-reference-2 part D): an A1111
// embedding of two vectors for tiny-sd, its token ids, the prompt embedding and the image; and
// the refusals that keep a model unchanged when an embedding does not fit it.

#include "TestData.h"

#include "DiffusionPipelinePrivate.h"

#include <c10/core/InferenceMode.h>

#include <gtest/gtest.h>

#include <cstdio>

using namespace tessera;
using namespace tessera::detail;
using namespace tessera::test;

namespace {

std::filesystem::path embeddingFile()
{
    return dataDir() / "sd-reference-2" / "textual-inversion" / "tessera-style.safetensors";
}

const std::map<std::string, at::Tensor>& reference()
{
    static const auto tensors = Weights::loadRaw(
        (dataDir() / "sd-reference-2" / "reference2" / "textual_inversion.safetensors").string());
    return tensors;
}

double maxAbsDiff(const at::Tensor& a, const at::Tensor& b)
{
    EXPECT_EQ(a.sizes(), b.sizes());
    return (a.to(at::kDouble) - b.to(at::kDouble)).abs().max().item<double>();
}

std::string problemOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const DiffusionError& error) {
        return error.what();
    }
    return "(no error)";
}

} // namespace

TEST(TextualInversion, theTokenAndItsVectorsMatchDiffusers)
{
    // given tiny-sd with the two-vector embedding loaded as "<tessera-style>"
    DiffusionPipeline pipeline((dataDir() / "tiny-sd").string(), ComputeDevice::Cpu);
    pipeline.addTextualInversion(embeddingFile().string(), "<tessera-style>");
    const auto& core = DiffusionPipelineInternals::of(pipeline);
    c10::InferenceMode guard;
    const auto& ref = reference();

    // then the token is matched whole, stands for both vectors (ids 1000, 1001 after the
    // 1000-token vocabulary) and the prompt embedding equals transformers'
    EXPECT_EQ(core.tokenizer->ids("a <tessera-style> fox"), (std::vector<int>{320, 1000, 587}));
    ASSERT_EQ(core.tokenExpansions.count(1000), 1u);
    EXPECT_EQ(core.tokenExpansions.at(1000), (std::vector<int>{1000, 1001}));
    const auto ids = ref.at("input_ids");
    const auto fromIds = core.textEncoder->forward(ids).lastHiddenState;
    const auto encoded = core.encodePrompt("a <tessera-style> fox");
    std::printf("[ max error ] textual inversion prompt embeds %.3g\n",
                maxAbsDiff(encoded, ref.at("text_encoder_last_hidden_state")));
    EXPECT_TRUE(at::equal(encoded, fromIds)); // the pipeline fed exactly the reference's ids
    EXPECT_LT(maxAbsDiff(encoded, ref.at("text_encoder_last_hidden_state")), 1e-4);

    // and the image of the tiny-sd recipe with that prompt matches (README: latents 1e-3, image 5e-4)
    auto request = foxRequest();
    request.prompt = "a <tessera-style> fox";
    std::vector<at::Tensor> steps;
    const auto latents = core.sample({request}, [&](std::size_t, const at::Tensor& x) { steps.push_back(x); }, {},
                                     nullptr);
    const auto expectedSteps = ref.at("step_latents");
    ASSERT_EQ(static_cast<int64_t>(steps.size()), expectedSteps.size(0));
    double worstLatent = 0;
    for (std::size_t i = 0; i < steps.size(); ++i)
        worstLatent = std::max(worstLatent, maxAbsDiff(steps[i], expectedSteps[static_cast<int64_t>(i)]));
    const double imageDiff = maxAbsDiff(core.decode(latents).permute({0, 2, 3, 1}), ref.at("image"));
    std::printf("[ max error ] textual inversion step latents %.3g, image %.3g\n", worstLatent, imageDiff);
    EXPECT_LT(worstLatent, 1e-3);
    EXPECT_LT(imageDiff, 5e-4);
}

TEST(TextualInversion, theTokenDefaultsToTheFileNameAndEmphasisReachesEveryVector)
{
    DiffusionPipeline pipeline((dataDir() / "tiny-sd").string(), ComputeDevice::Cpu);
    pipeline.addTextualInversion(embeddingFile().string());
    const auto& core = DiffusionPipelineInternals::of(pipeline);
    c10::InferenceMode guard;
    EXPECT_TRUE(core.tokenizer->hasToken("tessera-style"));
    EXPECT_TRUE(core.tokenizer->hasToken("tessera-style_1"));
    const auto plain = core.encodePrompt("a tessera-style fox");
    const auto stressed = core.encodePrompt("a (tessera-style:1.5) fox");
    // positions 2 and 3 hold the two vectors; both are weighted, the rest keep their values up
    // to the mean-restoring rescale
    const auto ratio = (stressed / plain).squeeze(0);
    EXPECT_NEAR(ratio[2].mean().item<double>() / ratio[1].mean().item<double>(), 1.5, 1e-3);
    EXPECT_NEAR(ratio[3].mean().item<double>() / ratio[1].mean().item<double>(), 1.5, 1e-3);
}

TEST(TextualInversion, anEmbeddingThatDoesNotFitIsRefusedAndTheModelStaysAsItWas)
{
    TempDir dir;
    DiffusionPipeline pipeline((dataDir() / "tiny-sd").string(), ComputeDevice::Cpu);
    const auto& core = DiffusionPipelineInternals::of(pipeline);
    const auto vocabulary = core.tokenizer->vocabSize();

    // another family's width
    const auto wide = (dir.path() / "wide.safetensors").string();
    writeSafetensors(wide, {{"emb_params", at::ones({1, 48})}});
    auto message = problemOf([&] { pipeline.addTextualInversion(wide, "<wide>"); });
    EXPECT_NE(message.find("wide.safetensors"), std::string::npos) << message;
    EXPECT_NE(message.find("48 wide"), std::string::npos) << message;
    // an SDXL embedding on an SD 1.x model
    const auto xl = (dir.path() / "xl.safetensors").string();
    writeSafetensors(xl, {{"clip_l", at::ones({1, 32})}, {"clip_g", at::ones({1, 48})}});
    message = problemOf([&] { pipeline.addTextualInversion(xl, "<xl>"); });
    EXPECT_NE(message.find("SDXL embedding"), std::string::npos) << message;
    // not an embedding at all, and a truncated file
    const auto lora = (dataDir() / "sd-reference-2" / "lora" / "tiny-sd-kohya.safetensors").string();
    message = problemOf([&] { pipeline.addTextualInversion(lora, "<lora>"); });
    EXPECT_NE(message.find("not a textual-inversion embedding"), std::string::npos) << message;
    const auto truncated = (dir.path() / "cut.safetensors").string();
    writeFile(truncated, readTextFile(embeddingFile().string()).substr(0, 100));
    message = problemOf([&] { pipeline.addTextualInversion(truncated, "<cut>"); });
    EXPECT_NE(message.find("cut.safetensors"), std::string::npos) << message;
    // a token already in use (a word of the vocabulary, or the same embedding twice)
    message = problemOf([&] { pipeline.addTextualInversion(embeddingFile().string(), "a"); });
    EXPECT_NE(message.find("already in use"), std::string::npos) << message;
    EXPECT_EQ(core.tokenizer->vocabSize(), vocabulary);
    EXPECT_EQ(core.textEncoder->config().vocabSize, vocabulary);

    pipeline.addTextualInversion(embeddingFile().string(), "<style>");
    message = problemOf([&] { pipeline.addTextualInversion(embeddingFile().string(), "<style>"); });
    EXPECT_NE(message.find("already in use"), std::string::npos) << message;
    EXPECT_EQ(core.tokenizer->vocabSize(), vocabulary + 2);
    EXPECT_EQ(core.textEncoder->config().vocabSize, vocabulary + 2);
}

TEST(TextualInversion, anSdxlEmbeddingFeedsBothEncoders)
{
    // given tiny-sdxl and an SDXL embedding (one vector per encoder)
    TempDir dir;
    const auto file = (dir.path() / "xl-style.safetensors").string();
    const auto clipL = at::randn({1, 32}, at::kFloat) * 0.5;
    const auto clipG = at::randn({1, 48}, at::kFloat) * 0.5;
    writeSafetensors(file, {{"clip_l", clipL}, {"clip_g", clipG}});
    DiffusionPipeline pipeline((dataDir() / "sd-reference-2" / "tiny-sdxl").string(), ComputeDevice::Cpu);
    const auto& core = DiffusionPipelineInternals::of(pipeline);
    c10::InferenceMode guard;
    const auto before = core.encodeText("a <xl-style> fox");

    // when it is added, then each encoder's token embedding got its own vectors and the prompt's
    // both halves and pooled embedding change
    pipeline.addTextualInversion(file, "<xl-style>");
    const auto after = core.encodeText("a <xl-style> fox");
    EXPECT_EQ(core.tokenizer->ids("<xl-style>"), (std::vector<int>{1000}));
    EXPECT_EQ(core.tokenizer2->ids("<xl-style>"), (std::vector<int>{1000}));
    EXPECT_GT(maxAbsDiff(before.context.slice(2, 0, 32), after.context.slice(2, 0, 32)), 1e-3);
    EXPECT_GT(maxAbsDiff(before.context.slice(2, 32), after.context.slice(2, 32)), 1e-3);
    EXPECT_GT(maxAbsDiff(before.pooled, after.pooled), 1e-3);
    // a one-encoder embedding is refused for SDXL
    const auto message = problemOf([&] { pipeline.addTextualInversion(embeddingFile().string(), "<one>"); });
    EXPECT_NE(message.find("clip_l"), std::string::npos) << message;
}
