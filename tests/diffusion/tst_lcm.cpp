// Guidance-distilled (LCM) UNets: time_cond_proj_dim adds diffusers' TimestepEmbedding.cond_proj and
// the pipelines' guidance embedding (get_guidance_scale_embedding(w - 1)) in place of classifier-free
// guidance. No reference output exists for it, so these check what can be checked honestly: the
// embedding's formula, the parameter layout, and in the pipeline that a zero projection changes
// nothing, that the guidance reaches the image and that no unconditional pass runs.

#include "TestData.h"

#include "Nn.h"
#include "UNet.h"

#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/DiffusionPipeline.h"
#include "tessera/diffusion/ModelConfig.h"

#include <c10/core/InferenceMode.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

using namespace tessera;
using namespace tessera::detail;
using namespace tessera::test;

namespace fs = std::filesystem;

namespace {

const char* const kSmallUNet =
    R"({"block_out_channels":[32,64],"layers_per_block":1,"down_block_types":["DownBlock2D","CrossAttnDownBlock2D"],)"
    R"("up_block_types":["CrossAttnUpBlock2D","UpBlock2D"],"cross_attention_dim":32,"attention_head_dim":4)";

//! tiny-sd copied with time_cond_proj_dim 16 and a cond_proj weight made by `weight`.
fs::path lcmCopyOfTinySd(const fs::path& root, const at::Tensor& weight)
{
    const auto copy = root / "tiny-lcm";
    fs::create_directories(root);
    fs::copy(dataDir() / "tiny-sd", copy, fs::copy_options::recursive);
    for (const auto& entry : fs::recursive_directory_iterator(copy))
        fs::permissions(entry.path(), fs::perms::owner_write, fs::perm_options::add);
    fs::permissions(copy, fs::perms::owner_all, fs::perm_options::add);
    const auto configPath = copy / "unet/config.json";
    auto config = readTextFile(configPath.string());
    const std::string none = "\"time_cond_proj_dim\": null";
    const auto at = config.find(none);
    if (at == std::string::npos)
        throw std::runtime_error("tiny-sd's unet config lists no time_cond_proj_dim");
    config.replace(at, none.size(), "\"time_cond_proj_dim\": 16");
    writeFile(configPath, config);
    const auto weightsPath = copy / "unet/diffusion_pytorch_model.safetensors";
    auto tensors = Weights::loadRaw(weightsPath.string());
    tensors["time_embedding.cond_proj.weight"] = weight;
    fs::remove(weightsPath);
    writeSafetensors(weightsPath.string(), tensors);
    return copy;
}


} // namespace

TEST(Lcm, guidanceEmbeddingIsDiffusersFormula)
{
    c10::InferenceMode guard;
    // given w = guidance - 1 for three guidances, an even and an odd width
    const std::vector<double> ws{0.0, 1.5, 7.0};
    for (const int64_t dim : {256, 7}) {
        // when embedded
        const auto emb = guidanceScaleEmbedding(at::tensor(std::vector<float>(ws.begin(), ws.end())), dim);
        ASSERT_EQ(emb.sizes(), (at::IntArrayRef{3, dim}));
        // then row r is [sin(1000 w f_i)..., cos(1000 w f_i)...] with f_i = 10000^(-i / (half - 1)),
        // and a trailing zero for an odd width (float32 arguments up to 7000 carry ~5e-4 of rounding)
        const int64_t half = dim / 2;
        for (std::size_t r = 0; r < ws.size(); ++r) {
            for (int64_t i = 0; i < half; ++i) {
                const double arg = 1000.0 * ws[r] * std::exp(-std::log(10000.0) * i / (half - 1));
                EXPECT_NEAR(emb[r][i].item<double>(), std::sin(arg), 2e-3) << r << " " << i;
                EXPECT_NEAR(emb[r][half + i].item<double>(), std::cos(arg), 2e-3) << r << " " << i;
            }
            if (dim % 2 == 1) {
                EXPECT_EQ(emb[r][dim - 1].item<double>(), 0.0);
            }
        }
        EXPECT_EQ(emb[0].slice(0, 0, half).abs().max().item<double>(), 0.0); // w = 0: sines 0 ...
        EXPECT_EQ(emb[0].slice(0, half, 2 * half).min().item<double>(), 1.0); // ... cosines 1
    }
}

TEST(Lcm, timeCondProjDimAddsTheConditionProjection)
{
    // given the same UNet config with and without time_cond_proj_dim
    const auto plain = parseUNetConfig(std::string(kSmallUNet) + "}", "plain");
    const auto lcm = parseUNetConfig(std::string(kSmallUNet) + R"(,"time_cond_proj_dim":16})", "lcm");
    EXPECT_FALSE(plain.timeCondProjDim.has_value());
    EXPECT_EQ(lcm.timeCondProjDim.value_or(0), 16);
    EXPECT_FALSE(parseUNetConfig(std::string(kSmallUNet) + R"(,"time_cond_proj_dim":null})", "null").timeCondProjDim);
    EXPECT_THROW(parseUNetConfig(std::string(kSmallUNet) + R"(,"time_cond_proj_dim":0})", "zero"), DiffusionError);

    // when laid out, then only the LCM one has time_embedding.cond_proj.weight [32, 16], without a bias
    ShapeParams plainShapes;
    UNet plainNet(plain, plainShapes);
    ShapeParams lcmShapes;
    UNet lcmNet(lcm, lcmShapes);
    EXPECT_EQ(lcmShapes.shapes().size(), plainShapes.shapes().size() + 1);
    EXPECT_EQ(lcmShapes.shapes().at("time_embedding.cond_proj.weight"), (std::vector<int64_t>{32, 16}));
    EXPECT_FALSE(plainShapes.shapes().count("time_embedding.cond_proj.weight"));
    EXPECT_FALSE(lcmShapes.shapes().count("time_embedding.cond_proj.bias"));

    // and the condition moves the output of a random-weight UNet; a plain UNet refuses one
    c10::InferenceMode guard;
    InitParams params(3, at::kCPU);
    UNet net(lcm, params);
    at::manual_seed(1);
    const auto x = at::randn({1, 4, 8, 8});
    const auto context = at::randn({1, 5, 32});
    const auto t = at::tensor({500.0f});
    const auto w2 = guidanceScaleEmbedding(at::tensor({1.0f}), 16);
    const auto w8 = guidanceScaleEmbedding(at::tensor({7.0f}), 16);
    EXPECT_GT((net.forward(x, t, context, nullptr, w2) - net.forward(x, t, context, nullptr, w8)).abs().max().item<double>(),
              1e-4);
    InitParams plainParams(3, at::kCPU);
    UNet plainRandom(plain, plainParams);
    EXPECT_THROW(plainRandom.forward(x, t, context, nullptr, w2), DiffusionError);
}

TEST(Lcm, pipelineEmbedsTheGuidanceInsteadOfAnUnconditionalPass)
{
    TempDir dir;
    const DiffusionPipeline plain((dataDir() / "tiny-sd").string(), ComputeDevice::Cpu);
    {
        // given tiny-sd with a zero guidance projection
        const DiffusionPipeline zero(lcmCopyOfTinySd(dir.path() / "zero", at::zeros({32, 16})).string(),
                                     ComputeDevice::Cpu);
        // when sampled at guidance 8 with a negative prompt
        const auto image = zero.generate(foxRequest(8.0, "blurry"));
        // then it is tiny-sd's unguided image exactly: no unconditional pass, nothing added
        EXPECT_EQ(maxAbsDiff(image.floatPixels, plain.generate(foxRequest(1.0)).floatPixels), 0.0);
    }
    // given a random guidance projection
    c10::InferenceMode guard;
    at::manual_seed(9);
    const auto weight = at::randn({32, 16}) * 0.5;
    const DiffusionPipeline lcm(lcmCopyOfTinySd(dir.path() / "random", weight).string(), ComputeDevice::Cpu);
    // when sampled at guidance 2 and 8, and at 8 with another negative prompt
    const auto at2 = lcm.generate(foxRequest(2.0));
    const auto at8 = lcm.generate(foxRequest(8.0));
    const auto at8negative = lcm.generate(foxRequest(8.0, "blurry, dark"));
    // then the guidance reaches the image, and the negative prompt (unused without CFG) does not
    const double guidanceEffect = maxAbsDiff(at2.floatPixels, at8.floatPixels);
    std::printf("[ lcm ] guidance 2 vs 8: max pixel difference %.3g\n", guidanceEffect);
    EXPECT_GT(guidanceEffect, 1e-3);
    EXPECT_EQ(maxAbsDiff(at8.floatPixels, at8negative.floatPixels), 0.0);
}
