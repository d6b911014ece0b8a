// The networks against diffusers/transformers outputs on the tiny reference models (README
// tolerance for single fp32 passes: atol 1e-4), and their parameter layout against the real SD 1.5
// SD 2.1 and SD-Turbo manifests (every name and shape) as the bundled model families configure them.

#include "TestData.h"

#include "ClipTextModel.h"
#include "JsonHelpers.h"
#include "UNet.h"
#include "Vae.h"

#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/ModelConfig.h"

#include <ATen/core/grad_mode.h>
#include <c10/core/InferenceMode.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <limits>

using namespace tessera;
using namespace tessera::detail;
using namespace tessera::test;

namespace {

constexpr double singlePassTolerance = 1e-4;

const std::map<std::string, at::Tensor>& reference(const std::string& name)
{
    static std::map<std::string, std::map<std::string, at::Tensor>> cache;
    auto it = cache.find(name);
    if (it == cache.end())
        it = cache.emplace(name, Weights::loadRaw((dataDir() / ("reference/" + name + ".safetensors")).string())).first;
    return it->second;
}

double maxAbsDiff(const at::Tensor& a, const at::Tensor& b)
{
    EXPECT_EQ(a.sizes(), b.sizes());
    return (a.to(at::kDouble) - b.to(at::kDouble)).abs().max().item<double>();
}

void expectClose(const std::string& what, const at::Tensor& actual, const at::Tensor& expected)
{
    const double diff = maxAbsDiff(actual, expected);
    std::printf("[ max error ] %-34s %.3g (|ref| max %.3g)\n", what.c_str(), diff,
                expected.abs().max().item<double>());
    EXPECT_LT(diff, singlePassTolerance) << what;
}

std::string folder(const std::string& family) { return family == "sd" ? "tiny-sd" : "tiny-sd2"; }

std::string text(const std::string& relative) { return readTextFile((dataDir() / relative).string()); }

} // namespace

class Networks : public testing::TestWithParam<std::string>
{
};

TEST_P(Networks, textEncoderMatchesTransformers)
{
    c10::InferenceMode guard;
    const auto family = GetParam();
    const auto& ref = reference("text_encoder");
    // given the tiny CLIP text model
    const auto config = parseTextEncoderConfig(text(folder(family) + "/text_encoder/config.json"), "te");
    const auto weights = Weights::load((dataDir() / folder(family) / "text_encoder/model.safetensors").string(),
                                       at::kCPU);
    LoadedParams params(weights);
    ClipTextModel model(config, params);
    EXPECT_TRUE(weights.unused().empty());

    // when the three reference prompts are encoded
    const auto out = model.forward(ref.at(family + ".input_ids"));

    // then every output matches
    expectClose(family + " last_hidden_state", out.lastHiddenState, ref.at(family + ".last_hidden_state"));
    expectClose(family + " hidden_states[-2]", out.penultimate, ref.at(family + ".hidden_states_m2"));
    expectClose(family + " hidden_states[-2] + final LN", model.finalLayerNorm(out.penultimate),
                ref.at(family + ".hidden_states_m2_final_ln"));
    expectClose(family + " pooler_output", out.pooled, ref.at(family + ".pooler_output"));

    // and diffusers' clip_skip picks them: 0 = last_hidden_state, 1 = penultimate + final LN
    ASSERT_EQ(out.hiddenStates.size(), static_cast<std::size_t>(model.layerCount() + 1));
    expectClose(family + " clip skip 0", model.embedding(out, 0), ref.at(family + ".last_hidden_state"));
    expectClose(family + " clip skip 1", model.embedding(out, 1), ref.at(family + ".hidden_states_m2_final_ln"));
    EXPECT_FALSE(at::allclose(model.embedding(out, 2), ref.at(family + ".hidden_states_m2_final_ln")));
    EXPECT_THROW(model.embedding(out, model.layerCount() + 1), DiffusionError);
    EXPECT_THROW(model.embedding(out, -1), DiffusionError);
}

TEST_P(Networks, unetMatchesDiffusers)
{
    c10::InferenceMode guard;
    const auto family = GetParam();
    const auto& ref = reference("unet");
    const auto config = parseUNetConfig(text(folder(family) + "/unet/config.json"), "unet");
    const auto weights = Weights::load(
        (dataDir() / folder(family) / "unet/diffusion_pytorch_model.safetensors").string(), at::kCPU);
    LoadedParams params(weights);
    UNet unet(config, params);
    EXPECT_TRUE(weights.unused().empty());

    const auto& latents = ref.at("latents");
    const auto& context = ref.at(family + ".encoder_hidden_states");
    const std::vector<std::pair<std::string, at::Tensor>> cases = {
        {"t999", at::full({1}, 999.0)},
        {"t500", at::full({1}, 500.0)},
        {"t321_5", at::full({1}, 321.5)},
        {"tvec", at::tensor({999.0, 10.0})},
    };
    for (const auto& [name, t] : cases) {
        const auto key = family + "." + name;
        std::map<std::string, at::Tensor> activations;
        const auto probe = [&](const std::string& block, const at::Tensor& x) { activations[block] = x[0]; };
        const auto out = unet.forward(latents, t, context, probe);
        const auto tBatch = t.expand({latents.size(0)});
        expectClose(key + " t_emb", unet.timeProjection(tBatch), ref.at(key + ".t_emb"));
        expectClose(key + " temb", unet.timeEmbedding(unet.timeProjection(tBatch)), ref.at(key + ".temb"));
        expectClose(key + " out", out, ref.at(key + ".out"));
        for (const auto& block : {"down_blocks.0", "down_blocks.1", "mid_block"}) {
            const auto act = key + ".act." + block;
            if (ref.count(act))
                expectClose(act, activations.at(block), ref.at(act));
        }
    }
}

TEST_P(Networks, vaeMatchesDiffusers)
{
    c10::InferenceMode guard;
    const auto family = GetParam();
    const auto& ref = reference("vae");
    const auto config = parseVaeConfig(text(folder(family) + "/vae/config.json"), "vae");
    const auto weights = Weights::load(
        (dataDir() / folder(family) / "vae/diffusion_pytorch_model.safetensors").string(), at::kCPU);
    LoadedParams params(weights);
    Vae vae(config, params);
    EXPECT_TRUE(weights.unused().empty());
    EXPECT_EQ(vae.scaleFactor(), 2);

    expectClose(family + " decoded", vae.decodeRaw(ref.at(family + ".decode_input")), ref.at(family + ".decoded"));
    expectClose(family + " decode(latents)", vae.decode(ref.at("latents")), ref.at(family + ".decoded"));
    const auto posterior = vae.encode(ref.at("image"));
    expectClose(family + " enc_moments", vae.encodeMoments(ref.at("image")), ref.at(family + ".enc_moments"));
    expectClose(family + " enc_mean", posterior.mean, ref.at(family + ".enc_mean"));
    expectClose(family + " enc_logvar", posterior.logvar, ref.at(family + ".enc_logvar"));
    expectClose(family + " enc_std", posterior.std(), ref.at(family + ".enc_std"));
}

INSTANTIATE_TEST_SUITE_P(TinyModels, Networks, testing::Values("sd", "sd2"));

TEST(Attention, chunkedEqualsFullAttention)
{
    // given 16 heads x 300 queries over 300 keys, with and without a causal mask
    c10::InferenceMode guard;
    at::manual_seed(5);
    const auto q = at::randn({16, 300, 16});
    const auto k = at::randn({16, 300, 16});
    const auto v = at::randn({16, 300, 16});
    const auto mask = at::full({300, 300}, -std::numeric_limits<float>::infinity()).triu(1);

    // when computed in one piece and in chunks of 7 queries
    for (const auto& m : {at::Tensor(), mask}) {
        const auto full = attention(q, k, v, 0.25, m);
        const auto chunked = attention(q, k, v, 0.25, m, 16 * 300 * 7);
        const auto reference = at::bmm(((at::bmm(q, k.transpose(1, 2)) * 0.25) + (m.defined() ? m : at::zeros({1})))
                                           .softmax(-1),
                                       v);
        // then all agree bit for bit: chunking splits the queries, never a sum
        std::printf("[ max error ] attention%s: chunked vs full %.3g, full vs bmm %.3g\n",
                    m.defined() ? " (causal)" : "", maxAbsDiff(chunked, full), maxAbsDiff(full, reference));
        EXPECT_TRUE(at::equal(chunked, full));
        EXPECT_TRUE(at::equal(full, reference));
    }
}

TEST(Training, theNetworksAreDifferentiableAndLearn)
{
    // given a small pixel UNet and text encoder with trainable random parameters (autograd on)
    const auto unetConfig = parseUNetConfig(
        R"({"in_channels":3,"out_channels":3,"block_out_channels":[32,32],"layers_per_block":1,)"
        R"("down_block_types":["DownBlock2D","CrossAttnDownBlock2D"],)"
        R"("up_block_types":["CrossAttnUpBlock2D","UpBlock2D"],"cross_attention_dim":32,"attention_head_dim":4})",
        "unet");
    const auto textConfig = parseTextEncoderConfig(
        R"({"hidden_size":32,"intermediate_size":64,"num_hidden_layers":1,"num_attention_heads":2,"vocab_size":100})",
        "te");
    InitParams params(21, at::kCPU, true);
    UNet unet(unetConfig, params);
    ClipTextModel text(textConfig, params);
    at::manual_seed(3);
    const auto images = at::randn({4, 3, 16, 16});
    const auto noise = at::randn({4, 3, 16, 16});
    const auto ids = at::randint(0, 100, {4, 8}, at::kLong);
    const auto t = at::tensor({10.0, 200.0, 500.0, 900.0});
    const auto lossOf = [&] {
        const auto context = text.forward(ids).lastHiddenState;
        const auto noisy = images * 0.7 + noise * 0.7;
        return (unet.forward(noisy, t, context) - noise).pow(2).mean();
    };

    // when the noise-prediction loss is back-propagated and a few SGD steps are taken
    const auto before = lossOf();
    before.backward();
    int withGrad = 0;
    for (const auto& [name, p] : params.params()) {
        if (p.grad().defined() && p.grad().abs().sum().item<double>() > 0)
            ++withGrad;
    }
    for (int step = 0; step < 5; ++step) {
        if (step > 0)
            lossOf().backward();
        at::NoGradGuard noGrad;
        for (const auto& [name, p] : params.params()) {
            if (p.grad().defined()) {
                p.sub_(p.grad() * 0.05);
                p.mutable_grad().zero_();
            }
        }
    }
    const auto after = lossOf();

    // then nearly every parameter got a gradient (not position embeddings beyond 8 tokens) and the loss fell
    EXPECT_GT(withGrad, static_cast<int>(params.params().size()) - 3);
    EXPECT_LT(after.item<double>(), before.item<double>());
}

class RealLayouts : public testing::TestWithParam<std::string>
{
};

TEST_P(RealLayouts, parameterNamesAndShapesMatchTheRealModel)
{
    // given a bundled model family's configs (what single files load with) and the real
    // checkpoint's manifest (every tensor name -> shape)
    const auto family = GetParam();
    const auto configs = resourcesDir() / "model-families" / family;
    const auto config = [&](const std::string& relative) { return readTextFile((configs / relative).string()); };
    const auto manifest = parseJson(text("manifests/" + family + ".json"), family);
    const auto check = [&](const std::string& section, const ShapeParams& shapes) {
        std::map<std::string, std::vector<int64_t>> expected;
        for (const auto& [name, shape] : manifest[section].items())
            expected[name] = shape.get<std::vector<int64_t>>();
        for (const auto& [name, shape] : expected) {
            const auto it = shapes.shapes().find(name);
            if (it == shapes.shapes().end())
                ADD_FAILURE() << section << ": the network lacks " << name;
            else
                EXPECT_EQ(it->second, shape) << section << ": " << name;
        }
        for (const auto& [name, shape] : shapes.shapes()) {
            (void)shape;
            EXPECT_TRUE(expected.count(name)) << section << ": the checkpoint lacks " << name;
        }
    };

    // when each network is laid out from its config (meta tensors, nothing allocated)
    ShapeParams unetShapes;
    UNet unet(parseUNetConfig(config("unet/config.json"), "unet"), unetShapes);
    ShapeParams vaeShapes;
    Vae vae(parseVaeConfig(config("vae/config.json"), "vae"), vaeShapes);
    ShapeParams textShapes;
    ClipTextModel te(parseTextEncoderConfig(config("text_encoder/config.json"), "te"), textShapes);

    // then its parameters are exactly the checkpoint's
    check("unet_shapes", unetShapes);
    check("vae_shapes", vaeShapes);
    check("text_encoder_shapes", textShapes);
    EXPECT_EQ(unetShapes.shapes().size(), manifest["unet"]["num_state_dict_tensors"].get<std::size_t>());
}

INSTANTIATE_TEST_SUITE_P(RealModels, RealLayouts, testing::Values("sd15", "sd21", "sd-turbo"));
