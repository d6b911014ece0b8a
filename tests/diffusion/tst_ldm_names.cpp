// Single-file ("ldm") checkpoint names against diffusers' own conversion for SD 1.5
// (manifests/sd15-ldm.json: every LDM key with its diffusers name and both shapes).

#include "TestData.h"

#include "JsonHelpers.h"

#include "tessera/diffusion/LdmCheckpointNames.h"
#include "tessera/diffusion/ModelConfig.h"

#include <gtest/gtest.h>

using namespace tessera;
using namespace tessera::test;

TEST(LdmNames, everySd15KeyMapsAsDiffusersConvertsIt)
{
    // given diffusers' map of all 1,130 SD 1.5 LDM keys
    const auto manifest = detail::parseJson(readTextFile((dataDir() / "manifests/sd15-ldm.json").string()), "sd15-ldm");
    const auto& mapping = manifest["mapping"];
    ASSERT_EQ(mapping.size(), manifest["num_keys"].get<std::size_t>());
    int checked = 0;
    int squeezed = 0;
    for (const auto& [ldmKey, entry] : mapping.items()) {
        // when our mapping names each key
        const auto name = diffusersNameOfLdmKey(ldmKey);
        // then it is diffusers' name, and the 1x1-conv-to-Linear reshapes are the shape changes
        ASSERT_TRUE(name.has_value()) << ldmKey;
        EXPECT_EQ(name->name, entry["diffusers"].get<std::string>()) << ldmKey;
        const bool shapesDiffer = entry["ldm_shape"] != entry["diffusers_shape"];
        EXPECT_EQ(name->squeezeToLinear, shapesDiffer) << ldmKey;
        squeezed += name->squeezeToLinear ? 1 : 0;
        ++checked;
    }
    EXPECT_EQ(checked, 1130);
    EXPECT_EQ(squeezed, 8); // q, k, v, proj_out weights of the encoder's and decoder's mid attention

    // and the keys a loader must skip map to nothing
    for (const char* ignored : {"betas", "alphas_cumprod", "model_ema.decay", "model_ema.diffusion_modelinput_blocks00weight",
                                "cond_stage_model.transformer.text_model.embeddings.position_ids",
                                "first_stage_model.loss.logvar", "model.diffusion_model.input_blocks.99.7.weight",
                                "model.diffusion_model.middle_block.5.in_layers.0.weight"}) {
        EXPECT_FALSE(diffusersNameOfLdmKey(ignored).has_value()) << ignored;
    }
}
