// Single-file ("ldm") checkpoint names: SD 1.5 against diffusers' own conversion
// (manifests/sd15-ldm.json: every LDM key with its diffusers name and both shapes), SD 2.1 against
// its diffusers manifest (manifests/sd21.json: every parameter produced once, with its shape), and
// the inverse map against both.

#include "TestData.h"

#include "JsonHelpers.h"

#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/LdmCheckpointNames.h"
#include "tessera/diffusion/ModelConfig.h"

#include <gtest/gtest.h>

#include <map>

using namespace tessera;
using namespace tessera::test;

namespace {

using Shape = std::vector<int64_t>;

nlohmann::json manifest(const std::string& name)
{
    return detail::parseJson(readTextFile((dataDir() / ("manifests/" + name + ".json")).string()), name);
}

//! The slice of an LDM shape that one diffusers parameter gets.
Shape partShape(Shape shape, const DiffusersName& name)
{
    if (name.parts > 1)
        shape[0] /= name.parts;
    if (name.squeezeToLinear && shape.size() == 4)
        shape.resize(2);
    return shape;
}

//! OpenCLIP ViT-H/14's text tower as SD 2.x checkpoints hold it (cond_stage_model.model.*):
//! width 1024, 24 resblocks, MLP 4096, 49,408 tokens, 77 positions, a projection and a logit scale.
std::map<std::string, Shape> openClipVitHTextKeys()
{
    const std::string prefix = "cond_stage_model.model.";
    std::map<std::string, Shape> keys{{prefix + "token_embedding.weight", {49408, 1024}},
                                      {prefix + "positional_embedding", {77, 1024}},
                                      {prefix + "ln_final.weight", {1024}},
                                      {prefix + "ln_final.bias", {1024}},
                                      {prefix + "text_projection", {1024, 1024}},
                                      {prefix + "logit_scale", {}}};
    for (int i = 0; i < 24; ++i) {
        const auto block = prefix + "transformer.resblocks." + std::to_string(i) + ".";
        for (const char* norm : {"ln_1.", "ln_2."}) {
            keys[block + norm + "weight"] = {1024};
            keys[block + norm + "bias"] = {1024};
        }
        keys[block + "attn.in_proj_weight"] = {3072, 1024};
        keys[block + "attn.in_proj_bias"] = {3072};
        keys[block + "attn.out_proj.weight"] = {1024, 1024};
        keys[block + "attn.out_proj.bias"] = {1024};
        keys[block + "mlp.c_fc.weight"] = {4096, 1024};
        keys[block + "mlp.c_fc.bias"] = {4096};
        keys[block + "mlp.c_proj.weight"] = {1024, 4096};
        keys[block + "mlp.c_proj.bias"] = {1024};
    }
    return keys;
}

} // namespace

TEST(LdmNames, everySd15KeyMapsAsDiffusersConvertsIt)
{
    // given diffusers' map of all 1,130 SD 1.5 LDM keys
    const auto sd15 = manifest("sd15-ldm");
    const auto& mapping = sd15["mapping"];
    ASSERT_EQ(mapping.size(), sd15["num_keys"].get<std::size_t>());
    int checked = 0;
    int squeezed = 0;
    for (const auto& [ldmKey, entry] : mapping.items()) {
        // when our mapping names each key
        const auto names = diffusersNamesOfLdmKey(ldmKey);
        // then it is diffusers' name, and the 1x1-conv-to-Linear reshapes are the shape changes
        ASSERT_EQ(names.size(), 1u) << ldmKey;
        const auto& name = names.front();
        EXPECT_EQ(name.name, entry["diffusers"].get<std::string>()) << ldmKey;
        const bool shapesDiffer = entry["ldm_shape"] != entry["diffusers_shape"];
        EXPECT_EQ(name.squeezeToLinear, shapesDiffer) << ldmKey;
        EXPECT_EQ(partShape(entry["ldm_shape"].get<Shape>(), name), entry["diffusers_shape"].get<Shape>()) << ldmKey;
        EXPECT_FALSE(isIgnoredLdmKey(ldmKey)) << ldmKey;
        // and the inverse finds the key again
        const auto source = ldmSourceOfDiffusersName(name.name, {}, LdmTextEncoder::ClipTransformers);
        ASSERT_TRUE(source.has_value()) << name.name;
        EXPECT_EQ(source->key, ldmKey);
        EXPECT_EQ(source->squeezeToLinear, name.squeezeToLinear) << ldmKey;
        squeezed += name.squeezeToLinear ? 1 : 0;
        ++checked;
    }
    EXPECT_EQ(checked, 1130);
    EXPECT_EQ(squeezed, 8); // q, k, v, proj_out weights of the encoder's and decoder's mid attention

    // and the keys a loader must skip map to nothing; the DDPM buffers, EMA and loss are ignored,
    // a key of no network is not
    for (const char* ignored : {"betas", "alphas_cumprod", "model_ema.decay", "model_ema.diffusion_modelinput_blocks00weight",
                                "cond_stage_model.transformer.text_model.embeddings.position_ids",
                                "first_stage_model.loss.logvar"}) {
        EXPECT_TRUE(diffusersNamesOfLdmKey(ignored).empty()) << ignored;
        EXPECT_TRUE(isIgnoredLdmKey(ignored)) << ignored;
    }
    // and checkpoints saved by transformers before 4.19 (no "text_model." level) map alike
    for (const char* old : {"embeddings.token_embedding.weight", "encoder.layers.11.mlp.fc2.bias",
                            "final_layer_norm.weight"}) {
        const auto names = diffusersNamesOfLdmKey(std::string("cond_stage_model.transformer.") + old);
        ASSERT_EQ(names.size(), 1u) << old;
        EXPECT_EQ(names.front().name, std::string("text_encoder/text_model.") + old);
    }
    for (const char* unknown : {"model.diffusion_model.input_blocks.99.7.weight",
                                "model.diffusion_model.middle_block.5.in_layers.0.weight",
                                "first_stage_model.decoder.up.9.block.0.conv1.weight", "conditioner.embedders.0.x"}) {
        EXPECT_TRUE(diffusersNamesOfLdmKey(unknown).empty()) << unknown;
        EXPECT_FALSE(isIgnoredLdmKey(unknown)) << unknown;
    }
}

TEST(LdmNames, everySd21ParameterComesFromExactlyOneLdmKey)
{
    // given SD 2.1's diffusers parameters (manifests/sd21.json), and its LDM keys: the UNet and VAE
    // have SD 1.5's names (only shapes and head counts differ), the text encoder is OpenCLIP ViT-H
    const auto sd21 = manifest("sd21");
    std::map<std::string, Shape> expected;
    for (const char* network : {"unet", "vae", "text_encoder"}) {
        for (const auto& [name, shape] : sd21[std::string(network) + "_shapes"].items())
            expected[std::string(network) + "/" + name] = shape.get<Shape>();
    }
    ASSERT_EQ(expected.size(), 686u + 248u + 372u);
    std::map<std::string, Shape> ldmKeys = openClipVitHTextKeys();
    const auto sd15 = manifest("sd15-ldm");
    for (const auto& [ldmKey, entry] : sd15["mapping"].items()) {
        if (ldmKey.rfind("cond_stage_model.", 0) != 0) {
            const auto diffusersShape = expected.at(entry["diffusers"].get<std::string>());
            auto shape = diffusersShape;
            if (entry["ldm_shape"] != entry["diffusers_shape"])
                shape.insert(shape.end(), {1, 1}); // the VAE attention's 1x1 convs
            ldmKeys[ldmKey] = shape;
        }
    }
    const LdmLayout layout; // SD 2.x: 23 text layers kept

    // when every LDM key is mapped
    std::map<std::string, int> produced;
    int ignored = 0;
    for (const auto& [ldmKey, shape] : ldmKeys) {
        const auto names = diffusersNamesOfLdmKey(ldmKey, layout);
        if (names.empty()) {
            EXPECT_TRUE(isIgnoredLdmKey(ldmKey, layout)) << ldmKey << " maps to nothing and is not ignored";
            ++ignored;
            continue;
        }
        for (const auto& name : names) {
            ++produced[name.name];
            const auto it = expected.find(name.name);
            ASSERT_NE(it, expected.end()) << ldmKey << " -> " << name.name << " is no SD 2.1 parameter";
            // then each slice has its parameter's shape
            EXPECT_EQ(partShape(shape, name), it->second) << ldmKey << " -> " << name.name;
            // and the inverse names the key and the slice
            const auto source = ldmSourceOfDiffusersName(name.name, layout, LdmTextEncoder::OpenClip);
            ASSERT_TRUE(source.has_value()) << name.name;
            EXPECT_EQ(source->key, ldmKey);
            EXPECT_EQ(source->part, name.part) << name.name;
            EXPECT_EQ(source->parts, name.parts) << name.name;
        }
    }

    // then every SD 2.1 parameter is produced exactly once; the 24th resblock (12 tensors), the
    // projection and the logit scale are the ones left
    for (const auto& [name, shape] : expected) {
        (void)shape;
        EXPECT_EQ(produced[name], 1) << name;
    }
    EXPECT_EQ(produced.size(), expected.size());
    EXPECT_EQ(ignored, 12 + 2);
    const auto q = diffusersNamesOfLdmKey("cond_stage_model.model.transformer.resblocks.3.attn.in_proj_weight");
    ASSERT_EQ(q.size(), 3u);
    EXPECT_EQ(q[0].name, "text_encoder/text_model.encoder.layers.3.self_attn.q_proj.weight");
    EXPECT_EQ(q[2].name, "text_encoder/text_model.encoder.layers.3.self_attn.v_proj.weight");
}

TEST(LdmNames, theLayoutComesFromTheConfigs)
{
    // given the real SD 2.1 configs, and a UNet whose levels differ in layers_per_block
    const auto read = [](const std::string& relative) { return readTextFile((dataDir() / relative).string()); };
    const auto unet = parseUNetConfig(read("configs/sd21/unet/config.json"), "unet");
    const auto vae = parseVaeConfig(read("configs/sd21/vae/config.json"), "vae");
    const auto text = parseTextEncoderConfig(read("configs/sd21/text_encoder/config.json"), "te");
    // when laid out, then it is SD's: 2 resnets per level, 4 VAE levels, attention in up levels 1-3, 23 text layers
    const auto layout = ldmLayoutOf(unet, vae, text, "sd21");
    EXPECT_EQ(layout.unetLayersPerBlock, 2);
    EXPECT_EQ(layout.vaeLevels, 4);
    EXPECT_EQ(layout.unetUpLevelsWithAttention, (std::set<int>{1, 2, 3}));
    EXPECT_EQ(layout.textEncoderLayers, 23);
    auto uneven = unet;
    uneven.layersPerBlock = {2, 2, 1, 2};
    EXPECT_THROW(ldmLayoutOf(uneven, vae, text, "uneven"), DiffusionError);
}
