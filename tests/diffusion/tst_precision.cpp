// Compute precisions: the names, Auto's choice, fp16 refused on the CPU, and txt2img in bf16 on the
// two tiny models against the fp32 reference images, held to diffusers' own bf16 deviation
// (reference/bf16_deviation.json: diffusers in bf16 against its fp32 image, same runs). libtorch
// emulates bf16 on a CPU without bf16 instructions, so these run (slower) everywhere.

#include "TestData.h"

#include "DiffusionPipelinePrivate.h"
#include "Nn.h"

#include "tessera/diffusion/DiffusionPipeline.h"

#include <c10/core/InferenceMode.h>
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

using namespace tessera;
using namespace tessera::detail;
using namespace tessera::test;

namespace {

//! PSNR in dB of two images in [0, 1] (peak 1), as bf16_deviation.json measures it.
double psnr(const std::vector<float>& image, const at::Tensor& reference)
{
    const auto ours = at::tensor(image, at::kDouble);
    const auto mse = (ours - reference.to(at::kDouble).reshape({-1})).pow(2).mean().item<double>();
    return 10.0 * std::log10(1.0 / mse);
}

const nlohmann::json& bf16Deviation()
{
    static const auto json = [] {
        std::ifstream in(dataDir() / "reference/bf16_deviation.json");
        return nlohmann::json::parse(in);
    }();
    return json;
}

//! The CPU flags Linux reports (/proc/cpuinfo), for an independent look at cpuid; empty elsewhere.
std::string cpuFlags()
{
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("flags", 0) == 0)
            return line + " ";
    }
    return {};
}

} // namespace

TEST(Precision, namesRoundTripAndOtherNamesAreRefused)
{
    for (const auto precision :
         {ComputePrecision::Auto, ComputePrecision::Fp32, ComputePrecision::Bf16, ComputePrecision::Fp16})
        EXPECT_EQ(parseComputePrecision(computePrecisionName(precision)), precision);
    EXPECT_EQ(computePrecisionName(ComputePrecision::Bf16), "bf16");
    EXPECT_THROW(parseComputePrecision("float16"), DiffusionError);
    EXPECT_THROW(parseComputePrecision("BF16"), DiffusionError);
    EXPECT_THROW(parseComputePrecision(""), DiffusionError);
}

TEST(Precision, autoIsBf16ExactlyOnACpuWithBf16InstructionsAndFp16IsRefusedOnTheCpu)
{
    // given the CPU's flags as Linux reports them
    const auto flags = cpuFlags();
    if (!flags.empty()) {
        const bool listed = flags.find(" avx512_bf16 ") != std::string::npos || flags.find(" amx_bf16 ") != std::string::npos;
        EXPECT_EQ(cpuHasNativeBf16(), listed);
    }
    // then Auto on the CPU follows them, explicit choices stay, and fp16 says why it cannot run
    EXPECT_EQ(resolveComputePrecision(ComputePrecision::Auto, ComputeDevice::Cpu),
              cpuHasNativeBf16() ? ComputePrecision::Bf16 : ComputePrecision::Fp32);
    EXPECT_EQ(resolveComputePrecision(ComputePrecision::Fp32, ComputeDevice::Cpu), ComputePrecision::Fp32);
    EXPECT_EQ(resolveComputePrecision(ComputePrecision::Bf16, ComputeDevice::Cpu), ComputePrecision::Bf16);
    try {
        const DiffusionPipeline pipeline((dataDir() / "tiny-sd").string(), ComputeDevice::Cpu, {},
                                         ComputePrecision::Fp16);
        FAIL() << "fp16 on the CPU was accepted";
    } catch (const DiffusionError& error) {
        EXPECT_EQ(error.path(), (dataDir() / "tiny-sd").string());
        EXPECT_NE(error.problem().find("fp16 runs on CUDA only"), std::string::npos) << error.what();
        EXPECT_NE(error.problem().find("no half-precision convolution on the CPU"), std::string::npos) << error.what();
    }
}

TEST(Precision, theDefaultIsFp32)
{
    const DiffusionPipeline pipeline((dataDir() / "tiny-sd").string(), ComputeDevice::Cpu);
    EXPECT_EQ(pipeline.precision(), ComputePrecision::Fp32);
    EXPECT_EQ(pipeline.precisionName(), "fp32");
}

class Bf16Pipelines : public testing::TestWithParam<std::string>
{
};

TEST_P(Bf16Pipelines, txt2imgIsAsCloseToFp32AsDiffusersOwnBf16AndRepeatsExactly)
{
    // given a tiny model loaded in bf16, and how far diffusers' bf16 image lies from its fp32 one
    const auto model = GetParam();
    const DiffusionPipeline pipeline((dataDir() / model).string(), ComputeDevice::Cpu, {}, ComputePrecision::Bf16);
    EXPECT_EQ(pipeline.precisionName(), "bf16");
    const double diffusersPsnr = bf16Deviation().at("results").at(model).at("psnr_db").get<double>();
    static const auto reference = Weights::loadRaw((dataDir() / "reference/pipelines.safetensors").string());
    const auto& fp32Image = reference.at("txt2img." + std::string(model == "tiny-sd" ? "sd" : "sd2") + ".image");

    // when the reference request is sampled, twice
    const auto request = foxRequest();
    const auto first = pipeline.generate(request);
    const auto second = pipeline.generate(request);

    // then the image is at least as close to diffusers' fp32 image as diffusers' bf16 image is
    const double ours = psnr(first.floatPixels, fp32Image);
    std::printf("[ bf16 PSNR ] %-8s %.2f dB against the fp32 reference (diffusers' bf16: %.2f dB)\n", model.c_str(),
                ours, diffusersPsnr);
    EXPECT_GE(ours, diffusersPsnr);
    // and the same request gives the same bytes
    EXPECT_EQ(first.pixels, second.pixels);
    EXPECT_EQ(first.floatPixels, second.floatPixels);

    // and the UNet computes in bf16 inside and hands the scheduler float32
    auto& core = DiffusionPipelineInternals::of(pipeline);
    c10::InferenceMode guard;
    std::vector<at::ScalarType> blockTypes;
    const auto latents = at::randn({1, 4, 32, 32});
    const auto eps = core.unet->forward(latents, at::full({1}, 500.0), core.encodePrompt(request.prompt),
                                        [&](const std::string&, const at::Tensor& x) { blockTypes.push_back(x.scalar_type()); });
    ASSERT_FALSE(blockTypes.empty());
    for (const auto type : blockTypes)
        EXPECT_EQ(type, at::kBFloat16);
    EXPECT_EQ(eps.scalar_type(), at::kFloat);
    EXPECT_EQ(core.decode(latents).scalar_type(), at::kFloat);
    EXPECT_EQ(core.encodePrompt(request.prompt).scalar_type(), at::kFloat);
}

INSTANTIATE_TEST_SUITE_P(TinyModels, Bf16Pipelines, testing::Values("tiny-sd", "tiny-sd2"),
                         [](const testing::TestParamInfo<std::string>& tested) {
                             return tested.param == "tiny-sd" ? std::string("sd") : std::string("sd2");
                         });

TEST(Precision, bf16HalvesTheConvolutionAndLinearWeightsAndKeepsTheNormsFloat32)
{
    // given the tiny UNet's parameters taken in bf16
    const auto weights = Weights::load((dataDir() / "tiny-sd/unet/diffusion_pytorch_model.safetensors").string(), at::kCPU);
    LoadedParams loaded(weights);
    PrecisionParams params(loaded, at::kBFloat16);

    // then weights and biases of layers come in bf16, norm parameters in float32
    EXPECT_EQ(params.take("conv_in.weight", weights.get("conv_in.weight").sizes(), ParamKind::Weight).scalar_type(),
              at::kBFloat16);
    EXPECT_EQ(params.take("conv_in.bias", weights.get("conv_in.bias").sizes(), ParamKind::Bias).scalar_type(),
              at::kBFloat16);
    EXPECT_EQ(params.take("conv_norm_out.weight", weights.get("conv_norm_out.weight").sizes(), ParamKind::NormWeight)
                  .scalar_type(),
              at::kFloat);
    EXPECT_EQ(params.take("conv_norm_out.bias", weights.get("conv_norm_out.bias").sizes(), ParamKind::NormBias)
                  .scalar_type(),
              at::kFloat);
}
