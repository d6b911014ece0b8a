// Single-file checkpoints that diffusers' own conversion scripts wrote (sd-reference-2, README
// part E): tiny-sd1-ldm and tiny-sd2-ldm (convert_diffusers_to_original_stable_diffusion.py, SD 1.x
// CLIP names / SD 2.x OpenCLIP names with fused q/k/v) and tiny-sdxl
// (convert_diffusers_to_original_sdxl.py, SGM names) load with their configs as the family and give
// diffusers' images; the SDXL file's tensors are the tiny-sdxl folder's, bit for bit; and the names
// mapped for the real SDXL base layout (bundled sdxl family) are exactly the SGM keys of
// manifests/sdxl-sgm.json, which diffusers' SDXL script produces. Files written by the scripts, not
// by our own inverse map, so a naming mistake made both ways cannot cancel out.

#include "TestData.h"

#include "ClipTextModel.h"
#include "DiffusionPipelinePrivate.h"
#include "JsonHelpers.h"
#include "LdmCheckpoint.h"
#include "Nn.h"
#include "UNet.h"
#include "Vae.h"

#include "tessera/diffusion/LdmCheckpointFamily.h"
#include "tessera/diffusion/LdmCheckpointNames.h"
#include "tessera/diffusion/ModelConfig.h"

#include <ATen/CPUGeneratorImpl.h>
#include <c10/core/InferenceMode.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <set>

using namespace tessera;
using namespace tessera::detail;
using namespace tessera::test;

namespace fs = std::filesystem;

namespace {

using Shape = std::vector<int64_t>;

fs::path referenceDir() { return dataDir() / "sd-reference-2"; }

const std::map<std::string, at::Tensor>& tensorsOf(const std::string& file)
{
    static std::map<std::string, std::map<std::string, at::Tensor>> cache;
    auto it = cache.find(file);
    if (it == cache.end())
        it = cache.emplace(file, Weights::loadRaw((referenceDir() / "reference2" / file).string())).first;
    return it->second;
}

double maxAbsDiff(const at::Tensor& a, const at::Tensor& b)
{
    EXPECT_EQ(a.sizes(), b.sizes());
    return (a.to(at::kDouble) - b.to(at::kDouble)).abs().max().item<double>();
}

//! The three script-written files: the file, its family (a folder of diffusers configs), and
//! where diffusers' run of the same model is stored.
struct ScriptFile
{
    std::string name;
    fs::path file;
    fs::path family;
    std::string referenceFile;
    std::string referencePrefix;
    std::optional<std::string> negativePrompt;
    double guidance = 7.5;
};

ScriptFile scriptFile(const std::string& name)
{
    const auto singleFiles = referenceDir() / "single-file";
    if (name == "tiny-sdxl") // reference: part B's txt2img (negative None, guidance 5)
        return {name, singleFiles / "tiny-sdxl.safetensors", referenceDir() / "tiny-sdxl", "sdxl.safetensors",
                "txt2img.", std::nullopt, 5.0};
    return {name, singleFiles / (name + ".safetensors"), singleFiles / name, "singlefile.safetensors", name + ".",
            std::string(), 7.5};
}

//! The LDM layout of a family folder's configs, as the pipeline derives it.
LdmLayout layoutOf(const fs::path& folder)
{
    const auto read = [&](const std::string& file) { return readTextFile((folder / file).string()); };
    return ldmLayoutOf(parseUNetConfig(read("unet/config.json"), "unet"), parseVaeConfig(read("vae/config.json"), "vae"),
                       parseTextEncoderConfig(read("text_encoder/config.json"), "te"), folder.string());
}

} // namespace

class ScriptWrittenSingleFiles : public testing::TestWithParam<std::string>
{
};

TEST_P(ScriptWrittenSingleFiles, giveDiffusersImage)
{
    // given a single file written by diffusers' conversion script and the family folder of its configs
    const auto script = scriptFile(GetParam());
    const auto& ref = tensorsOf(script.referenceFile);
    const DiffusionPipeline pipeline(script.file.string(), ComputeDevice::Cpu, script.family.string());
    EXPECT_EQ(pipeline.folder(), script.file.string());
    EXPECT_EQ(pipeline.familyFolder(), script.family.string());
    EXPECT_EQ(pipeline.nativeWidth(), 64);
    const auto& core = DiffusionPipelineInternals::of(pipeline);
    EXPECT_EQ(core.textEncoder2 != nullptr, GetParam() == "tiny-sdxl");
    c10::InferenceMode guard;
    auto request = foxRequest(script.guidance);
    request.negativePrompt = script.negativePrompt;

    // when diffusers' recipe is sampled from the same start noise
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(request.seed);
    EXPECT_TRUE(at::equal(core.startNoise(request, 8, 8, generator), ref.at(script.referencePrefix + "init_noise")));
    std::vector<at::Tensor> steps;
    const auto latents = core.sample({request}, [&](std::size_t, const at::Tensor& x) { steps.push_back(x); }, {},
                                     nullptr);
    const auto image = core.decode(latents).permute({0, 2, 3, 1});

    // then every step's latents are within the README's atol 1e-3 + rtol 1e-3 and the image
    // within 5e-4 (part H)
    const auto expectedSteps = ref.at(script.referencePrefix + "step_latents");
    ASSERT_EQ(static_cast<int64_t>(steps.size()), expectedSteps.size(0));
    double worstLatent = 0;
    double worstExcess = -1;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto expected = expectedSteps[static_cast<int64_t>(i)].to(at::kDouble);
        const auto diff = (steps[i].to(at::kDouble) - expected).abs();
        worstLatent = std::max(worstLatent, diff.max().item<double>());
        worstExcess = std::max(worstExcess, (diff - (1e-3 + 1e-3 * expected.abs())).max().item<double>());
    }
    const double imageDiff = maxAbsDiff(image, ref.at(script.referencePrefix + "image"));
    std::printf("[ max error ] %-10s single file: step latents %.3g (|ref| max %.3g), image %.3g\n",
                GetParam().c_str(), worstLatent, expectedSteps.abs().max().item<double>(), imageDiff);
    EXPECT_LE(worstExcess, 0.0) << "step latents beyond atol 1e-3 + rtol 1e-3";
    EXPECT_LT(imageDiff, 5e-4);

    // and the public API gives those pixels as 8 bits
    const auto rgb = pipeline.generate(request);
    const auto expectedBytes = (ref.at(script.referencePrefix + "image") * 255).round().to(at::kByte).contiguous();
    ASSERT_EQ(rgb.pixels.size(), static_cast<std::size_t>(expectedBytes.numel()));
    int worstByte = 0;
    for (std::size_t i = 0; i < rgb.pixels.size(); ++i)
        worstByte = std::max(worstByte, std::abs(int(rgb.pixels[i]) - int(expectedBytes.data_ptr<uint8_t>()[i])));
    EXPECT_LE(worstByte, 1);
}

INSTANTIATE_TEST_SUITE_P(DiffusersScripts, ScriptWrittenSingleFiles,
                         testing::Values("tiny-sd1-ldm", "tiny-sd2-ldm", "tiny-sdxl"));

TEST(SdxlSingleFile, everyTensorIsTheFoldersBitForBit)
{
    // given tiny-sdxl.safetensors (793 keys, written from the tiny-sdxl folder by diffusers' SDXL
    // script) and the folder itself
    const auto folder = referenceDir() / "tiny-sdxl";
    const LdmCheckpoint checkpoint((referenceDir() / "single-file" / "tiny-sdxl.safetensors").string());
    ASSERT_EQ(checkpoint.shapes().size(), 793u);
    EXPECT_EQ(checkpoint.textEncoder(), LdmTextEncoder::Sdxl);
    const auto layout = layoutOf(folder);

    // when the file's keys are mapped: every one names a parameter (nothing skipped as ignorable)
    EXPECT_NO_THROW(checkpoint.checkKeys(layout, {"unet", "vae", "text_encoder", "text_encoder_2"}));
    std::size_t parameters = 0;
    for (const auto& [key, shape] : checkpoint.shapes()) {
        const auto names = diffusersNamesOfLdmKey(key, layout);
        EXPECT_FALSE(names.empty()) << key;
        EXPECT_FALSE(isIgnoredLdmKey(key, layout)) << key;
        parameters += names.size();
    }

    // then each network's parameters, read from the file, are the folder's, name for name and bit
    // for bit (fused q/k/v split, text_projection transposed, the VAE's 1x1 convs squeezed), and
    // the network takes every one: no leftovers
    c10::InferenceMode guard;
    std::size_t folderParameters = 0;
    for (const auto& [network, file] : {std::pair{"unet", "unet/diffusion_pytorch_model.safetensors"},
                                        {"vae", "vae/diffusion_pytorch_model.safetensors"},
                                        {"text_encoder", "text_encoder/model.safetensors"},
                                        {"text_encoder_2", "text_encoder_2/model.safetensors"}}) {
        const auto fromFile = checkpoint.weights(network, layout, at::Device(at::kCPU));
        int different = 0;
        for (const auto& [name, tensor] : Weights::loadRaw((folder / file).string())) {
            ++folderParameters;
            ASSERT_TRUE(fromFile.contains(name)) << network << "/" << name;
            const auto expected = tensor.to(at::kFloat);
            if (!at::equal(fromFile.get(name, expected.sizes()), expected))
                ++different;
        }
        EXPECT_EQ(different, 0) << network;
        EXPECT_TRUE(fromFile.unused().empty()) << network << ": " << fromFile.unused().front();
        EXPECT_NO_THROW(checkpoint.checkAllTaken(fromFile));
    }
    EXPECT_EQ(parameters, folderParameters);
}

TEST(SdxlSingleFile, theNamesForSdxlBaseAreTheSgmKeysDiffusersWrites)
{
    // given the bundled sdxl family's configs (SDXL base 1.0) laid out as the networks take their
    // parameters (meta tensors: every name and shape, transformer depth per level as configured)
    const auto configs = resourcesDir() / "model-families" / "sdxl";
    const auto config = [&](const std::string& relative) { return readTextFile((configs / relative).string()); };
    const auto unetConfig = parseUNetConfig(config("unet/config.json"), "unet");
    const auto vaeConfig = parseVaeConfig(config("vae/config.json"), "vae");
    const auto textConfig = parseTextEncoderConfig(config("text_encoder/config.json"), "te");
    auto text2Config = parseTextEncoderConfig(config("text_encoder_2/config.json"), "te2");
    text2Config.withProjection = true;
    std::map<std::string, Shape> parameters;
    {
        ShapeParams unet, vae, text, text2;
        UNet unetNet(unetConfig, unet);
        Vae vaeNet(vaeConfig, vae);
        ClipTextModel textNet(textConfig, text);
        ClipTextModel text2Net(text2Config, text2);
        for (const auto& [network, shapes] : {std::pair<std::string, const ShapeParams*>{"unet", &unet},
                                              {"vae", &vae}, {"text_encoder", &text}, {"text_encoder_2", &text2}}) {
            for (const auto& [name, shape] : shapes->shapes())
                parameters[network + "/" + name] = shape;
        }
    }
    const auto layout = ldmLayoutOf(unetConfig, vaeConfig, textConfig, "sdxl");
    EXPECT_EQ(layout.unetUpLevelsWithAttention, (std::set<int>{0, 1}));
    // and diffusers' SGM key map of SDXL base: 2,513 keys -> shape + diffusers name
    const auto manifest = parseJson(readTextFile((referenceDir() / "manifests" / "sdxl-sgm.json").string()),
                                    "sdxl-sgm.json");
    const auto& mapping = manifest["mapping"];
    ASSERT_EQ(mapping.size(), manifest["num_keys"].get<std::size_t>());
    ASSERT_EQ(mapping.size(), 2513u);

    // when each key is mapped with the family's layout
    std::map<std::string, int> produced;
    int fused = 0;
    int squeezed = 0;
    int transposed = 0;
    for (const auto& [key, entry] : mapping.items()) {
        const auto names = diffusersNamesOfLdmKey(key, layout);
        EXPECT_FALSE(isIgnoredLdmKey(key, layout)) << key;
        // then it names the manifest's diffusers parameter(s): "{q,k,v}" = three slices in that order
        std::string expected = entry["diffusers"].get<std::string>();
        const bool isTransposed = expected.find(" (transposed)") != std::string::npos;
        expected = expected.substr(0, expected.find(' '));
        std::vector<std::string> expectedNames;
        if (const auto braces = expected.find("{q,k,v}"); braces != std::string::npos) {
            for (const char* projection : {"q", "k", "v"})
                expectedNames.push_back(expected.substr(0, braces) + projection + expected.substr(braces + 7));
        } else {
            expectedNames.push_back(expected);
        }
        ASSERT_EQ(names.size(), expectedNames.size()) << key;
        Shape shape = entry["shape"].get<Shape>();
        for (std::size_t i = 0; i < names.size(); ++i) {
            const auto& name = names[i];
            EXPECT_EQ(name.name, expectedNames[i]) << key;
            EXPECT_EQ(name.part, static_cast<int>(i)) << key;
            EXPECT_EQ(name.parts, static_cast<int>(names.size())) << key;
            EXPECT_EQ(name.transpose, isTransposed) << key;
            EXPECT_EQ(name.squeezeToLinear, entry.contains("diffusers_shape")) << key;
            // with the network's shape once sliced, squeezed or transposed as the loader does
            Shape parameterShape = shape;
            parameterShape[0] /= name.parts;
            if (name.squeezeToLinear)
                parameterShape.resize(2);
            if (name.transpose)
                std::swap(parameterShape[0], parameterShape[1]);
            if (entry.contains("diffusers_shape")) {
                EXPECT_EQ(parameterShape, entry["diffusers_shape"].get<Shape>()) << key;
            }
            const auto parameter = parameters.find(name.name);
            ASSERT_NE(parameter, parameters.end()) << key << " -> " << name.name << " is no parameter";
            EXPECT_EQ(parameterShape, parameter->second) << key;
            ++produced[name.name];
            // and the inverse map (how load errors name a parameter) gives the key back
            const auto source = ldmSourceOfDiffusersName(name.name, layout, LdmTextEncoder::Sdxl);
            ASSERT_TRUE(source) << name.name;
            EXPECT_EQ(source->key, key);
            EXPECT_EQ(source->part, name.part);
            EXPECT_EQ(source->parts, name.parts);
            EXPECT_EQ(source->transpose, name.transpose);
            EXPECT_EQ(source->squeezeToLinear, name.squeezeToLinear);
        }
        fused += names.size() > 1 ? 1 : 0;
        squeezed += names.front().squeezeToLinear ? 1 : 0;
        transposed += names.front().transpose ? 1 : 0;
    }
    // and every parameter of the four networks comes from exactly one key
    EXPECT_EQ(produced.size(), parameters.size());
    for (const auto& [name, shape] : parameters)
        EXPECT_EQ(produced[name], 1) << name;
    EXPECT_EQ(fused, 2 * 32); // in_proj_weight and in_proj_bias of 32 bigG layers
    EXPECT_EQ(squeezed, 8);   // q, k, v, proj_out weights of both VAE mid-block attentions
    EXPECT_EQ(transposed, 1); // text_projection
    // the keys real SGM files add and a loader must skip
    for (const char* extra : {"conditioner.embedders.0.transformer.text_model.embeddings.position_ids",
                              "conditioner.embedders.1.model.logit_scale", "denoiser.sigmas", "alphas_cumprod"})
        EXPECT_TRUE(isIgnoredLdmKey(extra, layout)) << extra;
}

TEST(SdxlSingleFile, theHeaderOfSdxlBaseIsTheSdxlFamily)
{
    // given the header of a real SDXL base file (the manifest's keys and shapes, plus what real
    // files add)
    const auto manifest = parseJson(readTextFile((referenceDir() / "manifests" / "sdxl-sgm.json").string()),
                                    "sdxl-sgm.json");
    std::map<std::string, std::vector<std::int64_t>> shapes;
    for (const auto& [key, entry] : manifest["mapping"].items())
        shapes[key] = entry["shape"].get<Shape>();
    shapes["conditioner.embedders.1.model.logit_scale"] = {};
    shapes["denoiser.sigmas"] = {1000};
    // when detected, then it is SDXL, the file name telling SDXL-Turbo, with SGM's text encoders
    const auto base = detectLdmCheckpointKind(shapes, "/models/sd_xl_base_1.0.safetensors");
    EXPECT_EQ(base.family, "sdxl");
    EXPECT_EQ(base.textEncoder, LdmTextEncoder::Sdxl);
    EXPECT_EQ(detectLdmCheckpointKind(shapes, "/models/sd_xl_turbo_1.0_fp16.safetensors").family, "sdxl-turbo");
    EXPECT_EQ(detectLdmCheckpointKind(shapes, "/turbo/sd_xl_base_1.0.safetensors").family, "sdxl");
    // and the tiny script-written file is SDXL by its names but of no known width
    const LdmCheckpoint tiny((referenceDir() / "single-file" / "tiny-sdxl.safetensors").string());
    try {
        detectLdmCheckpointKind(tiny.shapes(), tiny.path());
        ADD_FAILURE() << "the tiny SDXL file was given a bundled family";
    } catch (const DiffusionError& error) {
        EXPECT_EQ(error.path(), tiny.path());
        EXPECT_NE(error.problem().find("text encoders 32 and 48 wide and a UNet context 80 wide are no known SDXL "
                                       "family"),
                  std::string::npos)
            << error.what();
    }
}
