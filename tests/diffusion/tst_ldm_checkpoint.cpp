// Single-file checkpoints end to end: the tiny reference models written out under LDM names (SD 1.x
// CLIP names for tiny-sd, SD 2.x OpenCLIP names with fused q/k/v for tiny-sd2) load with their
// folder's configs as the family and give the folder's image; damaged files are clear errors.

#include "TestData.h"

#include "TensorLoader.h"

#include "tessera/diffusion/DiffusionPipeline.h"
#include "tessera/diffusion/LdmCheckpointNames.h"
#include "tessera/diffusion/ModelConfig.h"

#include <c10/core/InferenceMode.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>

using namespace tessera;
using namespace tessera::detail;
using namespace tessera::test;

namespace fs = std::filesystem;

namespace {

using State = std::map<std::string, at::Tensor>;

//! The LDM layout of a diffusers folder's configs (as the pipeline derives it for its family).
LdmLayout layoutOf(const fs::path& folder)
{
    const auto read = [&](const char* file) { return readTextFile((folder / file).string()); };
    return ldmLayoutOf(parseUNetConfig(read("unet/config.json"), "unet"), parseVaeConfig(read("vae/config.json"), "vae"),
                       parseTextEncoderConfig(read("text_encoder/config.json"), "te"), folder.string());
}

//! A diffusers folder's weights under their LDM keys, each in its file's dtype: the inverse map
//! applied (1x1 convs unsqueezed, q/k/v fused in order), plus the keys real checkpoints carry
//! that a loader skips.
State ldmStateOf(const fs::path& folder, LdmTextEncoder textEncoder)
{
    const auto layout = layoutOf(folder);
    State state;
    std::map<std::string, std::vector<std::pair<int, at::Tensor>>> fused;
    for (const auto& [network, file] : {std::pair{"unet", "unet/diffusion_pytorch_model.safetensors"},
                                        {"vae", "vae/diffusion_pytorch_model.safetensors"},
                                        {"text_encoder", "text_encoder/model.safetensors"}}) {
        for (const auto& [name, tensor] : Weights::loadRaw((folder / file).string())) {
            const auto source = ldmSourceOfDiffusersName(std::string(network) + "/" + name, layout, textEncoder);
            if (!source)
                throw std::runtime_error("no LDM key for " + std::string(network) + "/" + name);
            auto value = source->squeezeToLinear ? tensor.reshape({tensor.size(0), tensor.size(1), 1, 1}) : tensor;
            if (source->parts > 1)
                fused[source->key].emplace_back(source->part, value);
            else
                state[source->key] = value;
        }
    }
    for (auto& [key, parts] : fused) {
        std::sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        std::vector<at::Tensor> tensors;
        for (const auto& part : parts)
            tensors.push_back(part.second);
        state[key] = at::cat(tensors, 0);
    }
    state["betas"] = at::linspace(0.00085, 0.012, 1000);
    state["model_ema.decay"] = at::tensor(0.9999);
    if (textEncoder == LdmTextEncoder::ClipTransformers) {
        state["cond_stage_model.transformer.text_model.embeddings.position_ids"] = at::arange(77, at::kLong).unsqueeze(0);
    } else {
        // OpenCLIP's contrastive head and the last resblock, which SD 2.x does not use
        const auto width = state.at("cond_stage_model.model.token_embedding.weight").size(1);
        state["cond_stage_model.model.text_projection"] = at::randn({width, width});
        state["cond_stage_model.model.logit_scale"] = at::tensor(4.6f);
        const auto last = "cond_stage_model.model.transformer.resblocks." + std::to_string(layout.textEncoderLayers);
        state[last + ".attn.in_proj_weight"] = at::randn({3 * width, width});
        state[last + ".ln_1.weight"] = at::ones({width});
    }
    return state;
}


//! The error a single file gives when loaded with a tiny folder's configs.
DiffusionError loadError(const fs::path& file, const fs::path& family)
{
    try {
        DiffusionPipeline pipeline(file.string(), ComputeDevice::Cpu, family.string());
    } catch (const DiffusionError& e) {
        return e;
    }
    ADD_FAILURE() << file << " loaded";
    return DiffusionError({}, {});
}

} // namespace

class SingleFileCheckpoints : public testing::TestWithParam<std::string>
{
};

TEST_P(SingleFileCheckpoints, giveTheFoldersImage)
{
    // given a tiny model folder, and its weights written as one LDM checkpoint (tiny-sd with SD 1.x
    // CLIP names, tiny-sd2 with SD 2.x OpenCLIP names and fused q/k/v)
    const auto folder = dataDir() / GetParam();
    const auto textEncoder = GetParam() == "tiny-sd" ? LdmTextEncoder::ClipTransformers : LdmTextEncoder::OpenClip;
    TempDir dir;
    const auto file = dir.path() / (GetParam() + "-ldm.safetensors");
    {
        c10::InferenceMode guard;
        writeSafetensors(file.string(), ldmStateOf(folder, textEncoder));
    }

    // when both are loaded (the file with the folder's configs as its family) and sampled alike
    const DiffusionPipeline fromFolder(folder.string(), ComputeDevice::Cpu);
    const DiffusionPipeline fromFile(file.string(), ComputeDevice::Cpu, folder.string());
    const auto expected = fromFolder.generate(foxRequest());
    const auto actual = fromFile.generate(foxRequest());

    // then the images are the same bit for bit, before and after 8-bit rounding (the same
    // parameters reach the same networks; fused q/k/v are only split)
    const double diff = maxAbsDiff(actual.floatPixels, expected.floatPixels);
    std::printf("[ max error ] %s single file vs folder: %.3g\n", GetParam().c_str(), diff);
    EXPECT_EQ(diff, 0.0);
    EXPECT_EQ(actual.pixels, expected.pixels);
    EXPECT_EQ(fromFile.folder(), file.string());
    EXPECT_EQ(fromFile.familyFolder(), folder.string());
    EXPECT_EQ(fromFile.defaultSampler(), fromFolder.defaultSampler());
    EXPECT_EQ(fromFile.nativeWidth(), fromFolder.nativeWidth());
}

INSTANTIATE_TEST_SUITE_P(TinyModels, SingleFileCheckpoints, testing::Values("tiny-sd", "tiny-sd2"));

TEST(SingleFileCheckpoint, damagedFilesNameTheKeyAndTheFile)
{
    // given tiny-sd as a valid LDM checkpoint
    const auto folder = dataDir() / "tiny-sd";
    State good;
    {
        c10::InferenceMode guard;
        good = ldmStateOf(folder, LdmTextEncoder::ClipTransformers);
    }
    TempDir dir;
    const auto file = dir.path() / "damaged.safetensors";
    const auto problemWith = [&](const std::function<void(State&)>& damage) {
        c10::InferenceMode guard;
        auto state = good;
        damage(state);
        writeSafetensors(file.string(), state);
        const auto error = loadError(file, folder);
        EXPECT_EQ(error.path(), file.string()) << error.what();
        return error.problem();
    };

    // a missing UNet, VAE and text key, each named by its LDM key (and the diffusers name)
    for (const char* key : {"model.diffusion_model.out.2.bias", "first_stage_model.decoder.mid.attn_1.q.weight",
                            "cond_stage_model.transformer.text_model.final_layer_norm.weight"}) {
        const auto problem = problemWith([&](State& s) { s.erase(key); });
        EXPECT_NE(problem.find(std::string("missing parameter '") + key + "'"), std::string::npos) << problem;
    }
    // a wrong shape
    const auto shape = problemWith([](State& s) {
        s["model.diffusion_model.input_blocks.1.0.in_layers.2.weight"] = at::zeros({32, 32, 3, 1});
    });
    EXPECT_NE(shape.find("parameter 'model.diffusion_model.input_blocks.1.0.in_layers.2.weight' "
                         "(unet/down_blocks.0.resnets.0.conv1.weight) has shape [32, 32, 3, 1], expected [32, 32, 3, 3]"),
              std::string::npos)
        << shape;
    // a key of no network, and a known name the configured network does not have
    const auto unknown = problemWith([](State& s) { s["model.diffusion_model.extra_head.weight"] = at::zeros({2}); });
    EXPECT_NE(unknown.find("unexpected parameter 'model.diffusion_model.extra_head.weight'"), std::string::npos) << unknown;
    const auto unused = problemWith([](State& s) {
        s["model.diffusion_model.input_blocks.1.0.skip_connection.weight"] = at::zeros({32, 32, 1, 1});
    });
    EXPECT_NE(unused.find("unexpected parameter 'model.diffusion_model.input_blocks.1.0.skip_connection.weight'"),
              std::string::npos)
        << unused;

    // and a single file that is no safetensors checkpoint is refused by name
    writeFile(dir.path() / "model.gguf", "GGUF");
    const auto gguf = loadError(dir.path() / "model.gguf", folder);
    EXPECT_NE(gguf.problem().find("no .safetensors checkpoint"), std::string::npos) << gguf.what();
}

TEST(SingleFileCheckpoint, theFamilyComesFromTheArgumentTheEnvironmentOrTheHeader)
{
    // given tiny-sd as an LDM checkpoint, whose 32-wide text encoder is no known family
    TempDir dir;
    const auto file = dir.path() / "tiny.safetensors";
    {
        c10::InferenceMode guard;
        writeSafetensors(file.string(), ldmStateOf(dataDir() / "tiny-sd", LdmTextEncoder::ClipTransformers));
    }
    // when loaded with no family: detection refuses it, naming the file
    const auto error = loadError(file, {});
    EXPECT_NE(error.problem().find("no known SD 1.x family"), std::string::npos) << error.what();
    // when $TESSERA_MODEL_FAMILY names the folder: it loads
    ASSERT_EQ(setenv("TESSERA_MODEL_FAMILY", (dataDir() / "tiny-sd").c_str(), 1), 0);
    EXPECT_NO_THROW(DiffusionPipeline(file.string(), ComputeDevice::Cpu));
    // and a bundled family of another size is a shape error, not a crash
    ASSERT_EQ(setenv("TESSERA_DATA_DIR", resourcesDir().c_str(), 1), 0);
    const auto sd15 = loadError(file, "sd15");
    EXPECT_NE(sd15.problem().find("has shape"), std::string::npos) << sd15.what();
    unsetenv("TESSERA_MODEL_FAMILY");
}
