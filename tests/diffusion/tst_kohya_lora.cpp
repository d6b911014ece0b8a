// The kohya LoRA reader against the reference files of sd-reference-2 (section C): every module lands
// on the very parameter diffusers 0.27 + peft loaded it into (reference2/lora_keymap_*.json), with
// alpha/rank scaling, and files for another model or of another kind are refused with their name.

#include "KohyaLora.h"
#include "TensorLoader.h"
#include "TestData.h"

#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/SafetensorsFile.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <utility>

using namespace tessera;
using namespace tessera::detail;
using namespace tessera::test;

namespace {

using ModelShapes = std::map<std::string, std::map<std::string, std::vector<std::int64_t>>>;

std::filesystem::path reference2() { return dataDir() / "sd-reference-2"; }
std::string sdLora() { return (reference2() / "lora" / "tiny-sd-kohya.safetensors").string(); }
std::string sdxlLora() { return (reference2() / "lora" / "tiny-sdxl-kohya.safetensors").string(); }

//! Every parameter name -> shape of the model folder's networks, read from their safetensors headers.
ModelShapes modelShapes(const std::filesystem::path& folder)
{
    const std::pair<const char*, const char*> files[] = {{"unet", "unet/diffusion_pytorch_model.safetensors"},
                                                         {"text_encoder", "text_encoder/model.safetensors"},
                                                         {"text_encoder_2", "text_encoder_2/model.safetensors"}};
    ModelShapes shapes;
    for (const auto& [network, file] : files) {
        if (!std::filesystem::exists(folder / file))
            continue;
        SafetensorsFile weights((folder / file).string());
        for (const auto& tensor : weights.tensors())
            shapes[network][tensor.name] = tensor.shape;
    }
    return shapes;
}
ModelShapes tinySd() { return modelShapes(dataDir() / "tiny-sd"); }
ModelShapes tinySdxl() { return modelShapes(reference2() / "tiny-sdxl"); }

struct Target
{
    std::string network;
    std::string weightName;
};

//! kohya module -> the parameter peft put its factors on, from the keymap's "pairs" (kohya key,
//! e.g. "unet.down_blocks.1.....to_q.lora_A.default_0.weight"); down and up must agree.
std::map<std::string, Target> keymapTargets(const std::string& keymapFile)
{
    std::ifstream in(reference2() / "reference2" / keymapFile);
    const auto keymap = nlohmann::json::parse(in);
    const std::pair<std::string, std::string> factors[] = {{".lora_down.weight", ".lora_A.default_0.weight"},
                                                           {".lora_up.weight", ".lora_B.default_0.weight"}};
    auto endsWith = [](const std::string& text, const std::string& end) {
        return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
    };
    std::map<std::string, Target> targets;
    for (const auto& pair : keymap.at("pairs")) {
        const auto key = pair.at(0).get<std::string>();
        const auto parameter = pair.at(1).get<std::string>();
        for (const auto& [kohyaSuffix, peftSuffix] : factors) {
            if (!endsWith(key, kohyaSuffix))
                continue;
            EXPECT_TRUE(endsWith(parameter, peftSuffix)) << key << " -> " << parameter;
            const auto dot = parameter.find('.');
            Target target{parameter.substr(0, dot),
                          parameter.substr(dot + 1, parameter.size() - peftSuffix.size() - dot - 1) + ".weight"};
            const auto [it, inserted] = targets.emplace(key.substr(0, key.size() - kohyaSuffix.size()), target);
            EXPECT_TRUE(inserted || (it->second.network == target.network && it->second.weightName == target.weightName))
                << key;
        }
    }
    return targets;
}

void expectMappedAsDiffusers(const KohyaLora& lora, const ModelShapes& model, const std::string& keymapFile,
                             std::size_t moduleCount)
{
    const auto expected = keymapTargets(keymapFile);
    ASSERT_EQ(expected.size(), moduleCount);
    ASSERT_EQ(lora.layers.size(), moduleCount);
    std::set<std::string> modules;
    std::set<std::pair<std::string, std::string>> weights;
    for (const auto& layer : lora.layers) {
        const auto target = expected.find(layer.kohyaName);
        ASSERT_NE(target, expected.end()) << layer.kohyaName;
        EXPECT_EQ(layer.network, target->second.network) << layer.kohyaName;
        EXPECT_EQ(layer.weightName, target->second.weightName) << layer.kohyaName;
        EXPECT_EQ(layer.scale, 0.5) << layer.kohyaName;
        EXPECT_EQ(layer.down.scalar_type(), at::kFloat);
        EXPECT_EQ(layer.up.scalar_type(), at::kFloat);
        EXPECT_EQ(layer.down.size(0), 4);
        EXPECT_EQ(layer.delta().sizes().vec(), model.at(layer.network).at(layer.weightName)) << layer.kohyaName;
        modules.insert(layer.kohyaName);
        weights.emplace(layer.network, layer.weightName);
    }
    // each module once, each on its own layer
    EXPECT_EQ(modules.size(), moduleCount);
    EXPECT_EQ(weights.size(), moduleCount);
}

const LoraLayer& layerOn(const KohyaLora& lora, const std::string& network, const std::string& weightName)
{
    for (const auto& layer : lora.layers)
        if (layer.network == network && layer.weightName == weightName)
            return layer;
    throw std::runtime_error("no LoRA layer on " + network + " " + weightName);
}

//! scale * up @ down by plain loops in double, from the file's own tensors.
void expectDeltaComputedByHand(const LoraLayer& layer, const std::string& file, const std::vector<std::int64_t>& shape)
{
    const auto raw = Weights::loadRaw(file);
    const auto down = raw.at(layer.kohyaName + ".lora_down.weight").to(at::kDouble).reshape({4, -1});
    const auto up = raw.at(layer.kohyaName + ".lora_up.weight").to(at::kDouble).reshape({-1, 4});
    const double scale = raw.at(layer.kohyaName + ".alpha").item<double>() / 4.0;
    const auto delta = layer.delta();
    ASSERT_EQ(delta.sizes().vec(), shape);
    const auto flat = delta.reshape({shape[0], -1});
    ASSERT_EQ(flat.size(1), down.size(1));
    double largest = 0.0;
    for (std::int64_t o = 0; o < flat.size(0); ++o)
        for (std::int64_t i = 0; i < flat.size(1); ++i) {
            double sum = 0.0;
            for (std::int64_t r = 0; r < 4; ++r)
                sum += up[o][r].item<double>() * down[r][i].item<double>();
            EXPECT_NEAR(flat[o][i].item<double>(), scale * sum, 1e-6) << o << "," << i;
            largest = std::max(largest, std::abs(sum));
        }
    EXPECT_GT(largest, 0.01); // a zero delta would pass the comparison without testing it
}

//! The DiffusionError readKohyaLora throws for `file`, checked to name the file.
std::string refusal(const std::string& file, const ModelShapes& model)
{
    try {
        readKohyaLora(file, model, 2);
    } catch (const DiffusionError& error) {
        EXPECT_EQ(error.path(), file);
        EXPECT_EQ(std::string(error.what()).rfind(file + ": ", 0), 0u) << error.what();
        return error.problem();
    }
    ADD_FAILURE() << file << " was accepted";
    return {};
}

} // namespace

TEST(KohyaLora, mapsEverySd1ModuleOntoTheLayerDiffusersLoadsItInto)
{
    // given the SD 1.x kohya LoRA and tiny-sd's parameter shapes
    const auto model = tinySd();

    // when it is read
    const auto lora = readKohyaLora(sdLora(), model, 2);

    // then its 102 modules (UNet attention and projections, text encoder layers) map exactly as
    // diffusers + peft mapped them, each once, with scale alpha/rank = 2/4, and the metadata is kept
    expectMappedAsDiffusers(lora, model, "lora_keymap_sd.json", 102);
    EXPECT_EQ(lora.path, sdLora());
    EXPECT_EQ(lora.metadata.at("ss_network_dim"), "4");
    EXPECT_EQ(lora.metadata.at("ss_base_model_version"), "sd_v1");
}

TEST(KohyaLora, mapsEverySdxlModuleIncludingSgmBlockNames)
{
    // given the SDXL kohya LoRA (SGM block names input_blocks_4_1, middle_block_1, output_blocks_0_1;
    // lora_te1_ / lora_te2_) and tiny-sdxl's shapes (2 layers per block)
    const auto model = tinySdxl();

    // when it is read
    const auto lora = readKohyaLora(sdxlLora(), model, 2);

    // then its 180 modules map as diffusers mapped them, over all three networks
    expectMappedAsDiffusers(lora, model, "lora_keymap_sdxl.json", 180);
    std::set<std::string> networks;
    for (const auto& layer : lora.layers)
        networks.insert(layer.network);
    EXPECT_EQ(networks, (std::set<std::string>{"unet", "text_encoder", "text_encoder_2"}));
}

TEST(KohyaLora, deltaIsScaleTimesUpTimesDownInTheWeightsShape)
{
    // given the SD 1.x LoRA read against tiny-sd
    const auto model = tinySd();
    const auto lora = readKohyaLora(sdLora(), model, 2);

    // then a 1x1 Conv2d proj_in gets a [out, in, 1, 1] delta and a non-square Linear (cross-attention
    // to_k, 64 x 32) an [out, in] one, each equal to 0.5 * up @ down computed by hand
    const std::string conv = "down_blocks.1.attentions.0.proj_in.weight";
    const std::string linear = "down_blocks.1.attentions.0.transformer_blocks.0.attn2.to_k.weight";
    ASSERT_EQ(model.at("unet").at(conv), (std::vector<std::int64_t>{64, 64, 1, 1}));
    ASSERT_EQ(model.at("unet").at(linear), (std::vector<std::int64_t>{64, 32}));
    expectDeltaComputedByHand(layerOn(lora, "unet", conv), sdLora(), model.at("unet").at(conv));
    expectDeltaComputedByHand(layerOn(lora, "unet", linear), sdLora(), model.at("unet").at(linear));
    EXPECT_EQ(layerOn(lora, "unet", linear).down.sizes().vec(), (std::vector<std::int64_t>{4, 32}));
    EXPECT_EQ(layerOn(lora, "unet", conv).up.sizes().vec(), (std::vector<std::int64_t>{64, 4, 1, 1}));
}

TEST(KohyaLora, refusesALoraForTheOtherModelFamily)
{
    // given each LoRA read against the other model: SD 1.x's 5-layer text encoder LoRA on tiny-sdxl's
    // 4-layer one, SDXL's text_encoder_2 LoRA on tiny-sd, which has none
    // then both are refused naming the file and the first module that matches no layer
    EXPECT_EQ(refusal(sdLora(), tinySdxl()), "lora_te_text_model_encoder_layers_4_mlp_fc1 matches no layer of this "
                                             "model: the LoRA is for another model family");
    EXPECT_EQ(refusal(sdxlLora(), tinySd()), "lora_te2_text_model_encoder_layers_0_mlp_fc1 matches no layer of this "
                                             "model: the LoRA is for another model family");
}

TEST(KohyaLora, refusesFactorsThatDoNotFitTheLayer)
{
    // given the SDXL LoRA's module on down_blocks.1.attentions.0.proj_in alone, a Linear [32, 32],
    // against tiny-sd, whose layer of that name is a 1x1 conv [64, 64, 1, 1]
    const auto model = tinySd();
    TempDir dir;
    const auto file = (dir.path() / "proj_in.safetensors").string();
    const auto raw = Weights::loadRaw(sdxlLora());
    const std::string module = "lora_unet_input_blocks_4_1_proj_in";
    writeSafetensors(file, {{module + ".lora_down.weight", raw.at(module + ".lora_down.weight")},
                            {module + ".lora_up.weight", raw.at(module + ".lora_up.weight")},
                            {module + ".alpha", raw.at(module + ".alpha")}});

    // then it is refused naming both shapes and the layer
    EXPECT_EQ(refusal(file, model), module + ": the LoRA's [32, 32] does not fit the layer's [64, 64, 1, 1] (unet "
                                             "down_blocks.1.attentions.0.proj_in.weight): the LoRA is for another "
                                             "model family");
}

TEST(KohyaLora, refusesTruncatedAndForeignFiles)
{
    TempDir dir;
    const auto model = tinySd();

    // a LoRA cut in half: the safetensors reader's own error (a tensor past the end), naming the file
    const auto truncated = (dir.path() / "truncated.safetensors").string();
    std::filesystem::copy_file(sdLora(), truncated);
    std::filesystem::resize_file(truncated, std::filesystem::file_size(truncated) / 2);
    EXPECT_NE(refusal(truncated, model).find("is past the data"), std::string::npos);

    // a textual inversion embedding (no LoRA tensor at all)
    const auto embedding = (reference2() / "textual-inversion" / "tessera-style.safetensors").string();
    EXPECT_EQ(refusal(embedding, model), "not a kohya LoRA: it has no lora_down/lora_up tensors (its first tensor is "
                                         "'emb_params')");

    // a LoRA with one unrelated tensor beside its modules
    const auto mixed = (dir.path() / "mixed.safetensors").string();
    const std::string q = "lora_te_text_model_encoder_layers_0_self_attn_q_proj";
    writeSafetensors(mixed, {{q + ".lora_down.weight", at::ones({4, 32})},
                             {q + ".lora_up.weight", at::ones({32, 4})},
                             {"emb_params", at::ones({2, 32})}});
    EXPECT_EQ(refusal(mixed, model), "'emb_params' is not a kohya LoRA tensor (lora_down, lora_up, alpha)");
}

TEST(KohyaLora, refusesLycorisAndBrokenModules)
{
    TempDir dir;
    const auto model = tinySd();
    const std::string q = "lora_te_text_model_encoder_layers_0_self_attn_q_proj";
    const auto file = (dir.path() / "bad.safetensors").string();

    // a LyCORIS LoHa module is named as such, not misread
    writeSafetensors(file, {{q + ".hada_w1_a", at::ones({32, 4})}, {q + ".hada_w1_b", at::ones({4, 32})},
                            {q + ".alpha", at::ones({})}});
    EXPECT_EQ(refusal(file, model), "'" + q + ".hada_w1_a' is a LyCORIS LoHa tensor: only plain LoRA (lora_down, "
                                              "lora_up, alpha) is supported");
    // a LoKr one too
    writeSafetensors(file, {{q + ".lokr_w1", at::ones({4, 4})}, {q + ".lokr_w2", at::ones({8, 8})}});
    EXPECT_NE(refusal(file, model).find("LyCORIS LoKr"), std::string::npos);

    // down of rank 4, up of rank 2
    writeSafetensors(file, {{q + ".lora_down.weight", at::ones({4, 32})}, {q + ".lora_up.weight", at::ones({32, 2})}});
    EXPECT_EQ(refusal(file, model), q + ": lora_down has rank 4 but lora_up has rank 2");

    // a down without its up
    writeSafetensors(file, {{q + ".lora_down.weight", at::ones({4, 32})}});
    EXPECT_EQ(refusal(file, model), q + ": lora_down without lora_up");

    // two modules on one layer: the SGM and the diffusers name of tiny-sdxl's down_blocks.1 proj_in
    writeSafetensors(file, {{"lora_unet_input_blocks_4_1_proj_in.lora_down.weight", at::ones({4, 32})},
                            {"lora_unet_input_blocks_4_1_proj_in.lora_up.weight", at::ones({32, 4})},
                            {"lora_unet_down_blocks_1_attentions_0_proj_in.lora_down.weight", at::ones({4, 32})},
                            {"lora_unet_down_blocks_1_attentions_0_proj_in.lora_up.weight", at::ones({32, 4})}});
    EXPECT_EQ(refusal(file, tinySdxl()), "lora_unet_input_blocks_4_1_proj_in changes unet "
                                         "down_blocks.1.attentions.0.proj_in.weight, which another module of the "
                                         "file already changes");
}

TEST(KohyaLora, readsBf16AndF32FactorsAndScalesByOneWithoutAlpha)
{
    // given a module stored as BF16 down and F32 up, with no alpha
    TempDir dir;
    const auto file = (dir.path() / "bf16.safetensors").string();
    const std::string q = "lora_te_text_model_encoder_layers_0_self_attn_q_proj";
    const auto down = at::arange(4 * 32, at::kFloat).reshape({4, 32}).div(64).to(at::kBFloat16);
    const auto up = at::arange(32 * 4, at::kFloat).reshape({32, 4}).div(-32);
    writeSafetensors(file, {{q + ".lora_down.weight", down}, {q + ".lora_up.weight", up}});

    // when it is read
    const auto lora = readKohyaLora(file, tinySd(), 2);

    // then both are float32 with the stored values, and scale is 1 (diffusers takes alpha = rank)
    ASSERT_EQ(lora.layers.size(), 1u);
    const auto& layer = lora.layers[0];
    EXPECT_EQ(layer.network, "text_encoder");
    EXPECT_EQ(layer.weightName, "text_model.encoder.layers.0.self_attn.q_proj.weight");
    EXPECT_EQ(layer.scale, 1.0);
    EXPECT_EQ(layer.down.scalar_type(), at::kFloat);
    EXPECT_TRUE(layer.down.equal(down.to(at::kFloat)));
    EXPECT_TRUE(layer.up.equal(up));
    EXPECT_TRUE(layer.delta().allclose(up.matmul(down.to(at::kFloat))));
}
