// Single-file checkpoints that fail: damaged copies of the files diffusers' conversion scripts
// wrote (sd-reference-2/single-file: tiny-sd1-ldm in SD 1.x names, tiny-sdxl in SDXL's SGM names)
// are clear errors naming the file and the checkpoint key, and the family comes from the argument,
// the environment or the header. (That the intact files give diffusers' images: tst_single_files.)

#include "TestData.h"

#include "TensorLoader.h"

#include "tessera/diffusion/DiffusionPipeline.h"

#include <c10/core/InferenceMode.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <functional>

using namespace tessera;
using namespace tessera::detail;
using namespace tessera::test;

namespace fs = std::filesystem;

namespace {

using State = std::map<std::string, at::Tensor>;

fs::path singleFiles() { return dataDir() / "sd-reference-2" / "single-file"; }

//! The error a single file gives when loaded with a family (a name or a folder of configs).
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

//! Writes a damaged copy of a script-written file and returns the problem loading it with
//! `family` reports (checking that the error names the copy).
class DamagedCopies
{
public:
    DamagedCopies(const std::string& name, fs::path family)
        : m_good(Weights::loadRaw((singleFiles() / (name + ".safetensors")).string()))
        , m_family(std::move(family))
        , m_file(m_dir.path() / (name + "-damaged.safetensors"))
    {
    }
    std::string problemWith(const std::function<void(State&)>& damage)
    {
        {
            c10::InferenceMode guard;
            auto state = m_good;
            damage(state);
            writeSafetensors(m_file.string(), state);
        }
        const auto error = loadError(m_file, m_family);
        EXPECT_EQ(error.path(), m_file.string()) << error.what();
        return error.problem();
    }
    const fs::path& dir() const { return m_dir.path(); }

private:
    State m_good;
    fs::path m_family;
    TempDir m_dir;
    fs::path m_file;
};

} // namespace

TEST(SingleFileCheckpoint, damagedFilesNameTheKeyAndTheFile)
{
    // given tiny-sd1-ldm as diffusers' script wrote it, with its family folder
    DamagedCopies copies("tiny-sd1-ldm", singleFiles() / "tiny-sd1-ldm");
    const auto problemWith = [&](const std::function<void(State&)>& damage) { return copies.problemWith(damage); };

    // a missing UNet, VAE and text key, each named by its LDM key (and the diffusers name)
    for (const char* key : {"model.diffusion_model.out.2.bias", "first_stage_model.decoder.mid.attn_1.q.weight",
                            "cond_stage_model.transformer.text_model.final_layer_norm.weight"}) {
        const auto problem = problemWith([&](State& s) { ASSERT_EQ(s.erase(key), 1u) << key; });
        EXPECT_NE(problem.find(std::string("missing parameter '") + key + "'"), std::string::npos) << problem;
    }
    // a wrong shape
    const auto shape = problemWith([](State& s) {
        s["model.diffusion_model.input_blocks.1.0.in_layers.2.weight"] = at::zeros({16, 16, 3, 1});
    });
    EXPECT_NE(shape.find("parameter 'model.diffusion_model.input_blocks.1.0.in_layers.2.weight' "
                         "(unet/down_blocks.0.resnets.0.conv1.weight) has shape [16, 16, 3, 1], expected [16, 16, 3, 3]"),
              std::string::npos)
        << shape;
    // a key of no network, and a known name the configured network does not have
    const auto unknown = problemWith([](State& s) { s["model.diffusion_model.extra_head.weight"] = at::zeros({2}); });
    EXPECT_NE(unknown.find("unexpected parameter 'model.diffusion_model.extra_head.weight'"), std::string::npos) << unknown;
    const auto unused = problemWith([](State& s) {
        s["model.diffusion_model.input_blocks.1.0.skip_connection.weight"] = at::zeros({16, 16, 1, 1});
    });
    EXPECT_NE(unused.find("unexpected parameter 'model.diffusion_model.input_blocks.1.0.skip_connection.weight'"),
              std::string::npos)
        << unused;
    // but what real checkpoints carry and the scripts do not write is skipped: it loads
    const auto withExtras = copies.dir() / "with-extras.safetensors";
    {
        c10::InferenceMode guard;
        auto state = Weights::loadRaw((singleFiles() / "tiny-sd1-ldm.safetensors").string());
        state["betas"] = at::linspace(0.00085, 0.012, 1000);
        state["model_ema.decay"] = at::tensor(0.9999);
        state["cond_stage_model.transformer.text_model.embeddings.position_ids"] = at::arange(77, at::kLong).unsqueeze(0);
        writeSafetensors(withExtras.string(), state);
    }
    EXPECT_NO_THROW(DiffusionPipeline(withExtras.string(), ComputeDevice::Cpu, (singleFiles() / "tiny-sd1-ldm").string()));

    // and a single file that is no safetensors checkpoint is refused by name
    writeFile(copies.dir() / "model.gguf", "GGUF");
    const auto gguf = loadError(copies.dir() / "model.gguf", singleFiles() / "tiny-sd1-ldm");
    EXPECT_NE(gguf.problem().find("no .safetensors checkpoint"), std::string::npos) << gguf.what();
}

TEST(SingleFileCheckpoint, damagedSdxlFilesNameTheSgmKey)
{
    // given tiny-sdxl as diffusers' SDXL script wrote it, with the tiny-sdxl folder as its family
    DamagedCopies copies("tiny-sdxl", dataDir() / "sd-reference-2" / "tiny-sdxl");
    const auto problemWith = [&](const std::function<void(State&)>& damage) { return copies.problemWith(damage); };
    const std::string openClip = "conditioner.embedders.1.model.";

    // a missing second-encoder key is named by its SGM key, the diffusers name and the q/k/v part
    const auto projection = problemWith([&](State& s) { s.erase(openClip + "text_projection"); });
    EXPECT_NE(projection.find("missing parameter '" + openClip + "text_projection' (text_encoder_2/text_projection.weight)"),
              std::string::npos)
        << projection;
    const auto fused = problemWith([&](State& s) { s.erase(openClip + "transformer.resblocks.1.attn.in_proj_weight"); });
    EXPECT_NE(fused.find("missing parameter '" + openClip + "transformer.resblocks.1.attn.in_proj_weight' "
                         "(text_encoder_2/text_model.encoder.layers.1.self_attn.q_proj.weight, part 1 of 3)"),
              std::string::npos)
        << fused;
    const auto first = problemWith([](State& s) {
        s.erase("conditioner.embedders.0.transformer.text_model.final_layer_norm.bias");
    });
    EXPECT_NE(first.find("missing parameter 'conditioner.embedders.0.transformer.text_model.final_layer_norm.bias'"),
              std::string::npos)
        << first;
    const auto label = problemWith([](State& s) { s.erase("model.diffusion_model.label_emb.0.2.bias"); });
    EXPECT_NE(label.find("missing parameter 'model.diffusion_model.label_emb.0.2.bias' "
                         "(unet/add_embedding.linear_2.bias)"),
              std::string::npos)
        << label;
    // a projection stored the diffusers way round ([proj, C] instead of OpenCLIP's [C, proj])
    const auto untransposed = problemWith([&](State& s) {
        s[openClip + "text_projection"] = s.at(openClip + "text_projection").t().contiguous();
    });
    EXPECT_NE(untransposed.find("parameter '" + openClip + "text_projection' (text_encoder_2/text_projection.weight) "
                                "has shape [48, 32], expected [32, 48]"),
              std::string::npos)
        << untransposed;
    // a resblock beyond the family's layers is one nobody takes (SDXL keeps every layer, unlike
    // SD 2.x, whose 24th is skipped)
    const auto extra = problemWith([&](State& s) {
        s[openClip + "transformer.resblocks.4.ln_1.weight"] = at::ones({48});
    });
    EXPECT_NE(extra.find("unexpected parameter '" + openClip + "transformer.resblocks.4.ln_1.weight' "
                         "(text_encoder_2/text_model.encoder.layers.4.layer_norm1.weight)"),
              std::string::npos)
        << extra;

    // and an SDXL file given an SD 1.x family is refused for its second text encoder
    const auto sd1 = loadError(singleFiles() / "tiny-sdxl.safetensors", singleFiles() / "tiny-sd1-ldm");
    EXPECT_NE(sd1.problem().find("the model family has no text_encoder_2"), std::string::npos) << sd1.what();
}

TEST(SingleFileCheckpoint, theFamilyComesFromTheArgumentTheEnvironmentOrTheHeader)
{
    // given tiny-sd1-ldm as the script wrote it, whose 32-wide text encoder is no known family
    const auto file = singleFiles() / "tiny-sd1-ldm.safetensors";
    // when loaded with no family: detection refuses it, naming the file
    const auto error = loadError(file, {});
    EXPECT_EQ(error.path(), file.string());
    EXPECT_NE(error.problem().find("no known SD 1.x family"), std::string::npos) << error.what();
    // when $TESSERA_MODEL_FAMILY names the folder: it loads
    ASSERT_EQ(setenv("TESSERA_MODEL_FAMILY", (singleFiles() / "tiny-sd1-ldm").c_str(), 1), 0);
    EXPECT_NO_THROW(DiffusionPipeline(file.string(), ComputeDevice::Cpu));
    // and a bundled family of another size is a shape error, not a crash
    ASSERT_EQ(setenv("TESSERA_DATA_DIR", resourcesDir().c_str(), 1), 0);
    const auto sd15 = loadError(file, "sd15");
    EXPECT_NE(sd15.problem().find("has shape"), std::string::npos) << sd15.what();
    unsetenv("TESSERA_MODEL_FAMILY");
    // the tiny SDXL file with no family: detection sees SDXL and refuses its widths
    const auto sdxl = loadError(singleFiles() / "tiny-sdxl.safetensors", {});
    EXPECT_NE(sdxl.problem().find("no known SDXL family"), std::string::npos) << sdxl.what();
    // and with the bundled sdxl family: the real layout's shapes do not fit
    const auto bundled = loadError(singleFiles() / "tiny-sdxl.safetensors", "sdxl");
    EXPECT_NE(bundled.problem().find("has shape"), std::string::npos) << bundled.what();
}
