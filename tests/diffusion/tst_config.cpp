// diffusers/transformers config parsing: the tiny reference folders, real SD 1.5 / 2.1 configs, the
// per-class scheduler defaults, and bad files.

#include "TestData.h"

#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/ModelConfig.h"

#include <gtest/gtest.h>

using namespace tessera;
using namespace tessera::test;

namespace {

std::string text(const std::filesystem::path& relative) { return readTextFile((dataDir() / relative).string()); }

} // namespace

TEST(Config, readsTheTinyModelIndexes)
{
    // given / when
    const auto sd = parseModelIndex(text("tiny-sd/model_index.json"), "model_index.json");

    // then
    EXPECT_EQ(sd.className, "StableDiffusionPipeline");
    EXPECT_TRUE(sd.has("unet"));
    EXPECT_TRUE(sd.has("vae"));
    EXPECT_FALSE(sd.has("safety_checker"));
    EXPECT_FALSE(sd.has("image_encoder"));
    EXPECT_EQ(sd.components.at("scheduler").second, "PNDMScheduler");
    EXPECT_FALSE(sd.recommendedGuidance.has_value()); // diffusers folders carry none
}

TEST(Config, readsTheRecommendedGuidance)
{
    // given Tessera's private key, which diffusers ignores like every "_" key
    const auto index = parseModelIndex(
        R"({"_class_name": "StableDiffusionPipeline", "_tessera_guidance": 4.0, "unet": ["diffusers", "UNet2DConditionModel"]})",
        "model_index.json");
    // then it is read, and the key is no component
    ASSERT_TRUE(index.recommendedGuidance.has_value());
    EXPECT_EQ(*index.recommendedGuidance, 4.0);
    EXPECT_EQ(index.components.count("_tessera_guidance"), 0u);
    // and a negative or non-numeric guidance is refused, naming the file and the key
    for (const char* bad : {R"({"_tessera_guidance": -1})", R"({"_tessera_guidance": "high"})"}) {
        try {
            parseModelIndex(bad, "model_index.json");
            ADD_FAILURE() << "accepted: " << bad;
        } catch (const DiffusionError& e) {
            EXPECT_NE(std::string(e.what()).find("model_index.json"), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("_tessera_guidance"), std::string::npos) << e.what();
        }
    }
}

TEST(Config, resolvesAttentionHeadsAsDiffusersDoes)
{
    // given the SD1-style (one int) and SD2-style (per block list) tiny UNets
    const auto sd = parseUNetConfig(text("tiny-sd/unet/config.json"), "sd");
    const auto sd2 = parseUNetConfig(text("tiny-sd2/unet/config.json"), "sd2");
    const auto sd21 = parseUNetConfig(text("configs/sd21/unet/config.json"), "sd21");

    // then attention_head_dim is read as the number of heads per block
    EXPECT_EQ(sd.attentionHeads, (std::vector<int>{8, 8}));
    EXPECT_EQ(sd2.attentionHeads, (std::vector<int>{2, 4}));
    EXPECT_EQ(sd21.attentionHeads, (std::vector<int>{5, 10, 20, 20}));
    EXPECT_EQ(sd.blockOutChannels, (std::vector<int>{32, 64}));
    EXPECT_EQ(sd.layersPerBlock, (std::vector<int>{2, 2}));
    EXPECT_EQ(sd.transformerLayersPerBlock, (std::vector<int>{1, 1}));
    EXPECT_EQ(sd.crossAttentionDim, 32);
    EXPECT_FALSE(sd.useLinearProjection);
    EXPECT_TRUE(sd2.useLinearProjection);
    EXPECT_TRUE(sd2.upcastAttention);
    EXPECT_EQ(sd21.crossAttentionDim, 1024);
    EXPECT_EQ(sd.downBlockTypes[1], "CrossAttnDownBlock2D");
    EXPECT_EQ(sd.upBlockTypes[0], "CrossAttnUpBlock2D");
}

TEST(Config, readsVaeAndTextEncoderConfigs)
{
    const auto vae = parseVaeConfig(text("tiny-sd/vae/config.json"), "vae");
    EXPECT_EQ(vae.blockOutChannels, (std::vector<int>{32, 64}));
    EXPECT_EQ(vae.latentChannels, 4);
    EXPECT_DOUBLE_EQ(vae.scalingFactor, 0.18215);
    EXPECT_EQ(vae.layersPerBlock, 1);

    const auto sd = parseTextEncoderConfig(text("tiny-sd/text_encoder/config.json"), "te");
    const auto sd2 = parseTextEncoderConfig(text("tiny-sd2/text_encoder/config.json"), "te2");
    const auto real = parseTextEncoderConfig(text("configs/sd15/text_encoder/config.json"), "te15");
    EXPECT_EQ(sd.hiddenAct, "quick_gelu");
    EXPECT_EQ(sd2.hiddenAct, "gelu");
    EXPECT_EQ(sd.numHiddenLayers, 5);
    EXPECT_EQ(sd.intermediateSize, 37);
    EXPECT_EQ(sd.eosTokenId, 2);
    EXPECT_EQ(real.hiddenSize, 768);
    EXPECT_EQ(real.vocabSize, 49408);
}

TEST(Config, appliesEachSchedulerClassDefaultsUnderTheFileKeys)
{
    // given SD 1.5's PNDM config and an almost empty one
    const auto pndmText = text("tiny-sd/scheduler/scheduler_config.json");
    const std::string bare = R"({"_class_name": "EulerDiscreteScheduler"})";

    // when read as its own class, as another class, and bare
    const auto pndm = parseSchedulerConfig(pndmText, "p");
    const auto asDdim = parseSchedulerConfig(pndmText, "p", SamplerKind::Ddim);
    const auto asDpm = parseSchedulerConfig(pndmText, "p", SamplerKind::DpmSolverMultistep);
    const auto euler = parseSchedulerConfig(bare, "e");
    const auto ddim = parseSchedulerConfig(R"({"_class_name": "DDIMScheduler"})", "d");

    // then the file's keys win and missing keys take the class's defaults
    EXPECT_EQ(pndm.kind, SamplerKind::Pndm);
    EXPECT_TRUE(pndm.skipPrkSteps);
    EXPECT_EQ(pndm.betaSchedule, "scaled_linear");
    EXPECT_EQ(pndm.stepsOffset, 1);
    EXPECT_FALSE(pndm.setAlphaToOne);
    EXPECT_EQ(asDdim.kind, SamplerKind::Ddim);
    EXPECT_FALSE(asDdim.setAlphaToOne); // from the file
    EXPECT_TRUE(asDdim.clipSample);     // DDIM's default; the PNDM file has no clip_sample
    EXPECT_EQ(asDpm.timestepSpacing, "leading");
    EXPECT_EQ(asDpm.solverOrder, 2);
    EXPECT_EQ(euler.timestepSpacing, "linspace");
    EXPECT_EQ(euler.betaSchedule, "linear");
    EXPECT_DOUBLE_EQ(euler.betaStart, 0.0001);
    EXPECT_EQ(euler.stepsOffset, 0);
    EXPECT_TRUE(ddim.setAlphaToOne);
    EXPECT_EQ(ddim.timestepSpacing, "leading");
}

TEST(Config, badConfigsAreClearErrors)
{
    const auto expectError = [](auto parse, const std::string& json, const std::string& phrase) {
        try {
            parse(json, "cfg.json");
            ADD_FAILURE() << "accepted: " << json;
        } catch (const DiffusionError& e) {
            const std::string message = e.what();
            EXPECT_EQ(message.rfind("cfg.json: ", 0), 0u) << message;
            EXPECT_NE(message.find(phrase), std::string::npos) << message;
        }
    };
    const auto unet = [](const std::string& j, const std::string& p) { return parseUNetConfig(j, p); };
    const auto sched = [](const std::string& j, const std::string& p) { return parseSchedulerConfig(j, p); };
    const auto te = [](const std::string& j, const std::string& p) { return parseTextEncoderConfig(j, p); };
    expectError(unet, "{", "not valid JSON");
    expectError(unet, "[]", "expected a JSON object");
    expectError(unet, R"({"in_channels": "four"})", "in_channels: expected an integer");
    expectError(unet, R"({"block_out_channels": [32, 64]})", "has 2 entries for 4 blocks");
    expectError(unet, R"({"addition_embed_type": "image"})", "addition_embed_type: only text_time (SDXL) is supported");
    expectError(unet, R"({"addition_embed_type": "text_time", "addition_time_embed_dim": 8, "projection_class_embeddings_input_dim": 48})",
                "projection_class_embeddings_input_dim: must exceed 6 x addition_time_embed_dim");
    expectError(unet, R"({"addition_embed_type": "text_time"})", "addition_time_embed_dim: must be an even number");
    expectError(unet, R"({"block_out_channels": [30], "down_block_types": ["DownBlock2D"], "up_block_types": ["UpBlock2D"]})",
                "not divisible");
    expectError(sched, R"({"beta_schedule": "linear"})", "_class_name is missing");
    expectError(sched, R"({"_class_name": "LMSDiscreteScheduler"})", "unsupported scheduler class");
    expectError(sched, R"({"_class_name": "DDIMScheduler", "prediction_type": "flow"})", "prediction_type");
    expectError(sched, R"({"_class_name": "DDIMScheduler", "timestep_spacing": 3})", "expected a string");
    expectError(te, R"({"hidden_act": "relu"})", "hidden_act");
    // a group count of 0 divided the channel counts by zero (found with the fuzz target's seeds)
    const auto vae = [](const std::string& j, const std::string& p) { return parseVaeConfig(j, p); };
    expectError(unet, R"({"norm_num_groups": 0})", "norm_num_groups: must be positive");
    expectError(vae, R"({"norm_num_groups": 0})", "norm_num_groups: must be positive");
    expectError(vae, R"({"norm_num_groups": -32})", "norm_num_groups: must be positive");
    EXPECT_THROW(readTextFile("/nonexistent/config.json"), DiffusionError);
}

TEST(Config, countsOutsideIntAreClearErrors)
{
    // Found by tests/fuzz (fuzz_model_config): a count of 1e61 was cast to int (undefined
    // behaviour), and 2^32 + 8 silently became 8.
    const auto expectIntegerError = [](const std::string& json, const std::string& key) {
        try {
            parseTextEncoderConfig(json, "cfg.json");
            ADD_FAILURE() << "accepted: " << json;
        } catch (const DiffusionError& e) {
            EXPECT_EQ(std::string(e.what()), "cfg.json: " + key + ": expected an integer");
        }
    };
    // given counts beyond int, as integers and as floats, and a fraction
    expectIntegerError(R"({"hidden_size": 32888888888888888888888888888888888888888888888888888888888888})", "hidden_size");
    expectIntegerError(R"({"hidden_size": 3.2e61})", "hidden_size");
    expectIntegerError(R"({"hidden_size": 4294967304})", "hidden_size");
    expectIntegerError(R"({"vocab_size": -2147483649})", "vocab_size");
    expectIntegerError(R"({"vocab_size": 1000.5})", "vocab_size");
    // then they are errors; per-block lists are checked the same way
    EXPECT_THROW(parseUNetConfig(R"({"layers_per_block": 4294967298})", "cfg.json"), DiffusionError);
    EXPECT_THROW(parseUNetConfig(R"({"layers_per_block": [1, 1, 1, 4294967298]})", "cfg.json"), DiffusionError);
    // and an integral float within range still reads (Python writes 512.0 for some counts)
    EXPECT_EQ(parseTextEncoderConfig(R"({"hidden_size": 512.0})", "cfg.json").hiddenSize, 512);
}

TEST(Config, samplerNames)
{
    bool karras = false;
    EXPECT_EQ(samplerKindFromShortName("dpmpp_2m_karras", &karras), SamplerKind::DpmSolverMultistep);
    EXPECT_TRUE(karras);
    EXPECT_EQ(samplerKindFromShortName("euler_a"), SamplerKind::EulerAncestral);
    EXPECT_EQ(samplerKindFromClassName("DDIMScheduler"), SamplerKind::Ddim);
    EXPECT_THROW(samplerKindFromShortName("lms"), DiffusionError);
}
