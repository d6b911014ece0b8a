// Which bundled family a single-file checkpoint gets, from synthetic headers (names and shapes
// only, as detection reads them), and the bundled families themselves.

#include "TestData.h"

#include "tessera/diffusion/ClipTokenizer.h"
#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/LdmCheckpointFamily.h"
#include "tessera/diffusion/ModelConfig.h"
#include "tessera/diffusion/ModelFamilies.h"

#include <gtest/gtest.h>

#include <cstdlib>

using namespace tessera;
using namespace tessera::test;

namespace {

using Shapes = std::map<std::string, std::vector<std::int64_t>>;

//! The keys detection looks at, for a text encoder of `textWidth` and a UNet context of `context`.
Shapes header(bool openClip, std::int64_t textWidth, std::int64_t context, std::int64_t inChannels = 4)
{
    Shapes shapes{{"model.diffusion_model.input_blocks.0.0.weight", {320, inChannels, 3, 3}},
                  {"model.diffusion_model.input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight", {320, context}},
                  {"first_stage_model.decoder.conv_in.weight", {512, 4, 3, 3}},
                  {"betas", {1000}}};
    if (openClip) {
        shapes["cond_stage_model.model.token_embedding.weight"] = {49408, textWidth};
        shapes["cond_stage_model.model.transformer.resblocks.0.attn.in_proj_weight"] = {3 * textWidth, textWidth};
    } else {
        shapes["cond_stage_model.transformer.text_model.embeddings.token_embedding.weight"] = {49408, textWidth};
    }
    return shapes;
}

//! The keys detection looks at in an SGM (SDXL) file: CLIP-L and OpenCLIP bigG of these widths.
Shapes sdxlHeader(std::int64_t clipWidth, std::int64_t openClipWidth, std::int64_t context)
{
    return {{"model.diffusion_model.input_blocks.0.0.weight", {320, 4, 3, 3}},
            {"model.diffusion_model.input_blocks.4.1.transformer_blocks.0.attn2.to_k.weight", {640, context}},
            {"model.diffusion_model.label_emb.0.0.weight", {1280, 2816}},
            {"first_stage_model.decoder.conv_in.weight", {512, 4, 3, 3}},
            {"conditioner.embedders.0.transformer.text_model.embeddings.token_embedding.weight", {49408, clipWidth}},
            {"conditioner.embedders.1.model.token_embedding.weight", {49408, openClipWidth}},
            {"conditioner.embedders.1.model.text_projection", {openClipWidth, openClipWidth}}};
}

std::string errorOf(const Shapes& shapes, const std::string& path)
{
    try {
        detectLdmCheckpointKind(shapes, path);
    } catch (const DiffusionError& e) {
        EXPECT_EQ(e.path(), path);
        return e.problem();
    }
    ADD_FAILURE() << "no error for " << path;
    return {};
}

} // namespace

TEST(LdmFamily, sd1AndSd2AreToldFromTheTextEncoderAndTheContextWidth)
{
    // given SD 1.x (CLIP names, 768) and SD 2.x (OpenCLIP names, 1024) headers
    // when detected, then SD 1.x is sd15 with transformers' names and SD 2.x is sd21 with OpenCLIP's
    const auto sd15 = detectLdmCheckpointKind(header(false, 768, 768), "/m/v1-5-pruned-emaonly.safetensors");
    EXPECT_EQ(sd15.family, "sd15");
    EXPECT_EQ(sd15.textEncoder, LdmTextEncoder::ClipTransformers);
    const auto sd21 = detectLdmCheckpointKind(header(true, 1024, 1024), "/m/v2-1_768-ema-pruned.safetensors");
    EXPECT_EQ(sd21.family, "sd21");
    EXPECT_EQ(sd21.textEncoder, LdmTextEncoder::OpenClip);
    EXPECT_EQ(ldmTextEncoderOf(header(true, 1024, 1024)), LdmTextEncoder::OpenClip);
    EXPECT_EQ(ldmTextEncoderOf(header(false, 768, 768)), LdmTextEncoder::ClipTransformers);
    // an SD 1.x file with transformers' pre-4.19 names (no "text_model.") is SD 1.x too
    auto old = header(false, 768, 768);
    old.erase("cond_stage_model.transformer.text_model.embeddings.token_embedding.weight");
    old["cond_stage_model.transformer.embeddings.token_embedding.weight"] = {49408, 768};
    EXPECT_EQ(detectLdmCheckpointKind(old, "anything-v3.safetensors").family, "sd15");
}

TEST(LdmFamily, anSd2FileNamedTurboIsSdTurbo)
{
    // given the same SD 2.x header under several names: the file name is the documented rule
    for (const char* name : {"/models/sd_turbo.safetensors", "/x/SD-Turbo-fp16.safetensors", "/x/myTURBOmodel.safetensors"})
        EXPECT_EQ(detectLdmCheckpointKind(header(true, 1024, 1024), name).family, "sd-turbo") << name;
    // a "turbo" folder does not count, nor does an SD 1.x file named turbo
    EXPECT_EQ(detectLdmCheckpointKind(header(true, 1024, 1024), "/turbo/v2-1.safetensors").family, "sd21");
    EXPECT_EQ(detectLdmCheckpointKind(header(false, 768, 768), "/x/turbo15.safetensors").family, "sd15");
}

TEST(LdmFamily, sdxlIsToldFromItsTwoTextEncodersAndTheFileNameSaysTurbo)
{
    // given SGM headers with CLIP-L (768) and OpenCLIP bigG (1280) and a 2048-wide context
    const auto sdxl = detectLdmCheckpointKind(sdxlHeader(768, 1280, 2048), "/m/sd_xl_base_1.0.safetensors");
    EXPECT_EQ(sdxl.family, "sdxl");
    EXPECT_EQ(sdxl.textEncoder, LdmTextEncoder::Sdxl);
    EXPECT_EQ(ldmTextEncoderOf(sdxlHeader(768, 1280, 2048)), LdmTextEncoder::Sdxl);
    for (const char* name : {"/x/sd_xl_turbo_1.0_fp16.safetensors", "/x/SDXL-Turbo.safetensors"})
        EXPECT_EQ(detectLdmCheckpointKind(sdxlHeader(768, 1280, 2048), name).family, "sdxl-turbo") << name;
    EXPECT_EQ(detectLdmCheckpointKind(sdxlHeader(768, 1280, 2048), "/turbo/xl.safetensors").family, "sdxl");
}

TEST(LdmFamily, otherCheckpointsAreClearErrors)
{
    // an SGM file with one text encoder (the SDXL refiner has only OpenCLIP bigG), SDXL widths of
    // no known family, an SDXL inpainting UNet
    auto refiner = sdxlHeader(768, 1280, 2048);
    refiner.erase("conditioner.embedders.0.transformer.text_model.embeddings.token_embedding.weight");
    EXPECT_NE(errorOf(refiner, "refiner.safetensors").find("not SDXL base's two text encoders"), std::string::npos);
    EXPECT_NE(errorOf(sdxlHeader(768, 1024, 1792), "xl.safetensors").find("no known SDXL family"), std::string::npos);
    auto inpainting = sdxlHeader(768, 1280, 2048);
    inpainting["model.diffusion_model.input_blocks.0.0.weight"] = {320, 9, 3, 3};
    EXPECT_NE(errorOf(inpainting, "xl-inpaint.safetensors").find("9 input channels"), std::string::npos);
    // no UNet, no text encoder, inpainting, and widths of no known family
    EXPECT_NE(errorOf({{"cond_stage_model.transformer.text_model.x", {1}}}, "a.safetensors").find("no model.diffusion_model"),
              std::string::npos);
    auto noText = header(false, 768, 768);
    noText.erase("cond_stage_model.transformer.text_model.embeddings.token_embedding.weight");
    EXPECT_NE(errorOf(noText, "b.safetensors").find("no cond_stage_model"), std::string::npos);
    EXPECT_NE(errorOf(header(false, 768, 768, 9), "inpaint.safetensors").find("9 input channels"), std::string::npos);
    EXPECT_NE(errorOf(header(false, 768, 1024), "c.safetensors").find("no known SD 1.x family"), std::string::npos);
    EXPECT_NE(errorOf(header(true, 1024, 768), "d.safetensors").find("no known SD 2.x family"), std::string::npos);
}

TEST(ModelFamilies, eachBundledFamilyLoadsItsConfigsAndTheShippedVocabulary)
{
    // given the source tree's resources laid out as share/tessera
    ASSERT_EQ(setenv("TESSERA_DATA_DIR", resourcesDir().c_str(), 1), 0);
    for (const auto& family : bundledModelFamilies()) {
        // when a family is located and its configs read
        const std::filesystem::path folder = locateModelFamily(family);
        EXPECT_TRUE(std::filesystem::equivalent(folder, resourcesDir() / "model-families" / family)) << folder;
        const auto read = [&](const std::string& relative) { return readTextFile((folder / relative).string()); };
        const auto index = parseModelIndex(read("model_index.json"), family);
        const auto scheduler = parseSchedulerConfig(read("scheduler/scheduler_config.json"), family);
        const auto unet = parseUNetConfig(read("unet/config.json"), family);
        const auto text = parseTextEncoderConfig(read("text_encoder/config.json"), family);
        const auto tokenizer = ClipTokenizer::fromClipMergesFile(bundledClipVocabFile(),
                                                                 read("tokenizer/tokenizer_config.json"));
        // then each is the family's: sampler, prediction, size, guidance, text width, padding
        EXPECT_EQ(tokenizer.vocabSize(), text.vocabSize) << family;
        EXPECT_EQ(tokenizer.bosId(), 49406);
        EXPECT_EQ(tokenizer.eosId(), 49407);
        const bool sdxl = family.rfind("sdxl", 0) == 0;
        if (sdxl) {
            // two text encoders side by side; the second pads with "!" as SDXL's tokenizer_2
            EXPECT_TRUE(index.isSdxl()) << family;
            const auto text2 = parseTextEncoderConfig(read("text_encoder_2/config.json"), family);
            EXPECT_EQ(unet.crossAttentionDim, text.hiddenSize + text2.hiddenSize) << family;
            const auto tokenizer2 = ClipTokenizer::fromClipMergesFile(bundledClipVocabFile(),
                                                                      read("tokenizer_2/tokenizer_config.json"));
            EXPECT_EQ(tokenizer.padId(), 49407) << family;
            EXPECT_EQ(tokenizer2.padId(), 0) << family;
            EXPECT_EQ(tokenizer2.vocabSize(), text2.vocabSize) << family;
        } else {
            EXPECT_FALSE(index.isSdxl()) << family;
            EXPECT_EQ(unet.crossAttentionDim, text.hiddenSize) << family;
        }
        if (family == "sdxl") {
            EXPECT_EQ(scheduler.kind, SamplerKind::Euler);
            EXPECT_EQ(scheduler.timestepSpacing, "leading");
            EXPECT_EQ(unet.sampleSize.value_or(0), 128);
            EXPECT_EQ(index.guidanceOrDefault(), 5.0);
        } else if (family == "sdxl-turbo") {
            EXPECT_EQ(scheduler.kind, SamplerKind::EulerAncestral);
            EXPECT_EQ(scheduler.timestepSpacing, "trailing");
            EXPECT_EQ(unet.sampleSize.value_or(0), 64);
            EXPECT_EQ(index.guidanceOrDefault(), 0.0);
        } else if (family == "sd15") {
            EXPECT_EQ(scheduler.kind, SamplerKind::Pndm);
            EXPECT_EQ(unet.sampleSize.value_or(0), 64);
            EXPECT_EQ(tokenizer.padId(), 49407);
            EXPECT_EQ(index.guidanceOrDefault(), 7.5);
        } else if (family == "sd21") {
            EXPECT_EQ(scheduler.kind, SamplerKind::Ddim);
            EXPECT_EQ(scheduler.predictionType, "v_prediction");
            EXPECT_EQ(unet.sampleSize.value_or(0), 96);
            EXPECT_EQ(tokenizer.padId(), 0); // "!"
        } else {
            EXPECT_EQ(scheduler.kind, SamplerKind::Euler);
            EXPECT_EQ(scheduler.timestepSpacing, "trailing");
            EXPECT_EQ(unet.sampleSize.value_or(0), 64);
            EXPECT_EQ(tokenizer.padId(), 0);
            EXPECT_EQ(index.guidanceOrDefault(), 0.0);
        }
    }
    // and an unknown name or a folder without configs is a clear error
    EXPECT_THROW(locateModelFamily("sd3"), DiffusionError);
    EXPECT_THROW(locateModelFamily(dataDir().string()), DiffusionError);
    EXPECT_EQ(locateModelFamily((dataDir() / "tiny-sd").string()), (dataDir() / "tiny-sd").string());
}
