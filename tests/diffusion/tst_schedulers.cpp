// Samplers against diffusers 0.27 (reference/schedulers.*: every run's timesteps, sigmas, model
// inputs, steps and x0 predictions with a fake model), all bit for bit: the engine computes the
// scalars as float32 0-dim tensors in diffusers' order. The RNG against torch's CPU generator, and
// single steps against the formulas computed by hand.

#include "TestData.h"

#include "JsonHelpers.h"
#include "Schedulers.h"
#include "TensorLoader.h"

#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/ModelConfig.h"

#include <ATen/CPUGeneratorImpl.h>
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace tessera;
using namespace tessera::detail;
using namespace tessera::test;

namespace {

const std::map<std::string, at::Tensor>& schedulerTensors()
{
    static const auto tensors = Weights::loadRaw((dataDir() / "reference/schedulers.safetensors").string());
    return tensors;
}

double maxAbs(const at::Tensor& a, const at::Tensor& b) { return (a - b).abs().max().item<double>(); }

} // namespace

TEST(Rng, reproducesTorchCpuGeneratorBitExactly)
{
    // given torch's stored draws
    const auto ref = Weights::loadRaw((dataDir() / "reference/rng.safetensors").string());
    const auto draw = [](uint64_t seed, std::vector<int64_t> shape) {
        auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
        return at::randn(shape, gen, at::kFloat);
    };
    // when drawn here, then identical bits
    EXPECT_TRUE(at::equal(draw(0, {1, 4, 8, 8}), ref.at("randn_seed0_1x4x8x8")));
    EXPECT_TRUE(at::equal(draw(1, {1, 4, 8, 8}), ref.at("randn_seed1_1x4x8x8")));
    EXPECT_TRUE(at::equal(draw(42, {1, 4, 8, 8}), ref.at("randn_seed42_1x4x8x8")));
    EXPECT_TRUE(at::equal(draw(0, {1, 4, 32, 32}), ref.at("randn_seed0_1x4x32x32")));
    EXPECT_TRUE(at::equal(draw(0, {7}), ref.at("randn_seed0_7")));
    auto gen = at::make_generator<at::CPUGeneratorImpl>(42);
    EXPECT_TRUE(at::equal(at::randn({1, 4, 8, 8}, gen, at::kFloat), ref.at("gen42_first_1x4x8x8")));
    EXPECT_TRUE(at::equal(at::randn({1, 4, 8, 8}, gen, at::kFloat), ref.at("gen42_second_1x4x8x8")));
    auto gen0 = at::make_generator<at::CPUGeneratorImpl>(0);
    EXPECT_TRUE(at::equal(at::rand({1, 3, 8, 8}, gen0, at::kFloat), ref.at("rand_seed0_1x3x8x8")));
}

TEST(Schedulers, matchDiffusersOnEveryReferenceRun)
{
    const auto json = parseJson(readTextFile((dataDir() / "reference/schedulers.json").string()), "schedulers.json");
    const auto& tensors = schedulerTensors();
    int checked = 0;
    double worstSigma = 0;
    double worstInput = 0;
    double worstStep = 0;
    double worstX0 = 0;
    for (const auto& [name, run] : json["runs"].items()) {
        const auto className = run["class"].get<std::string>();
        SCOPED_TRACE(name);
        // given the run's config as a scheduler_config.json
        auto configJson = run["config"];
        configJson["_class_name"] = className;
        const auto config = parseSchedulerConfig(configJson.dump(), name);
        auto scheduler = makeScheduler(config);
        const int steps = run["num_inference_steps"].get<int>();

        // when the timesteps are set, then they and the sigmas match
        scheduler->setTimesteps(steps);
        const auto expectedTimesteps = tensors.at(name + ".timesteps");
        ASSERT_EQ(scheduler->timesteps().size(), static_cast<std::size_t>(expectedTimesteps.numel()));
        for (int64_t i = 0; i < expectedTimesteps.numel(); ++i)
            EXPECT_EQ(scheduler->timesteps()[static_cast<std::size_t>(i)], expectedTimesteps[i].item<double>())
                << "timestep " << i;
        if (tensors.count(name + ".sigmas")) {
            const auto expectedSigmas = tensors.at(name + ".sigmas");
            ASSERT_EQ(scheduler->sigmas().size(), static_cast<std::size_t>(expectedSigmas.numel()));
            for (int64_t i = 0; i < expectedSigmas.numel(); ++i) {
                const double e = expectedSigmas[i].item<double>();
                const double actual = scheduler->sigmas()[static_cast<std::size_t>(i)];
                worstSigma = std::max(worstSigma, std::abs(actual - e));
                EXPECT_EQ(actual, e) << "sigma " << i;
            }
        }
        EXPECT_EQ(scheduler->initNoiseSigma(), run["init_noise_sigma"].get<double>());

        // and the loop with the fake model follows diffusers step by step
        auto noiseGen = at::make_generator<at::CPUGeneratorImpl>(7);
        auto x = at::randn({1, 4, 4, 4}, noiseGen, at::kFloat) * scheduler->initNoiseSigma();
        std::vector<at::Generator> gen;
        if (!run["generator_seed"].is_null())
            gen.push_back(at::make_generator<at::CPUGeneratorImpl>(run["generator_seed"].get<uint64_t>()));
        const auto inputs = tensors.at(name + ".model_inputs");
        const auto prevs = tensors.at(name + ".prev_samples");
        const bool hasX0 = tensors.count(name + ".pred_original") != 0;
        for (std::size_t i = 0; i < scheduler->timesteps().size(); ++i) {
            const auto t = scheduler->timesteps()[i];
            const auto xIn = scheduler->scaleModelInput(x, i);
            worstInput = std::max(worstInput, maxAbs(xIn, inputs[static_cast<int64_t>(i)]));
            EXPECT_TRUE(at::equal(xIn, inputs[static_cast<int64_t>(i)])) << "model input " << i;
            const auto out = xIn * 0.3 + 0.1 * std::sin(t / 100.0);
            const auto result = scheduler->step(out, i, x, gen);
            x = result.prevSample;
            const auto expected = prevs[static_cast<int64_t>(i)];
            worstStep = std::max(worstStep, maxAbs(x, expected));
            EXPECT_TRUE(at::equal(x, expected)) << "step " << i << " max diff " << maxAbs(x, expected);
            if (hasX0) {
                const auto expectedX0 = tensors.at(name + ".pred_original")[static_cast<int64_t>(i)];
                worstX0 = std::max(worstX0, maxAbs(result.predOriginal, expectedX0));
                EXPECT_TRUE(at::equal(result.predOriginal, expectedX0)) << "x0 " << i;
            }
        }
        ++checked;
    }
    EXPECT_EQ(checked, 48); // 36 + trailing Euler (SD-Turbo) 6 + LCM 6
    std::printf("[ scheduler ] %d runs, max abs diff: sigmas %.3g, model inputs %.3g, steps %.3g, x0 %.3g\n", checked,
                worstSigma, worstInput, worstStep, worstX0);
}

TEST(Schedulers, ddimAndEulerStepsFollowTheFormulasByHand)
{
    // given SD's beta schedule
    SchedulerConfig config = parseSchedulerConfig(
        R"({"_class_name":"DDIMScheduler","beta_schedule":"scaled_linear","beta_start":0.00085,)"
        R"("beta_end":0.012,"clip_sample":false,"set_alpha_to_one":false,"steps_offset":1})",
        "ddim");
    auto ddim = makeScheduler(config);
    ddim->setTimesteps(10);
    EXPECT_EQ(ddim->timesteps(), (std::vector<double>{901, 801, 701, 601, 501, 401, 301, 201, 101, 1}));

    // alpha_bar(t) = prod_{s<=t} (1 - beta_s), beta_s = (sqrt(b0) + s (sqrt(b1) - sqrt(b0)) / 999)^2
    const auto alphaBar = [](int t) {
        double prod = 1;
        for (int s = 0; s <= t; ++s) {
            const double b = std::pow(std::sqrt(0.00085) + s * (std::sqrt(0.012) - std::sqrt(0.00085)) / 999, 2);
            prod *= 1 - b;
        }
        return prod;
    };
    const double x = 0.7;
    const double eps = -0.2;
    // DDIM (eta 0): x_prev = sqrt(a_prev) x0 + sqrt(1 - a_prev) eps, x0 = (x - sqrt(1 - a) eps) / sqrt(a)
    const double a = alphaBar(901);
    const double aPrev = alphaBar(801);
    const double x0 = (x - std::sqrt(1 - a) * eps) / std::sqrt(a);
    const double expected = std::sqrt(aPrev) * x0 + std::sqrt(1 - aPrev) * eps;
    const auto step = ddim->step(at::full({1}, eps), 0, at::full({1}, x));
    EXPECT_NEAR(step.prevSample.item<double>(), expected, 1e-5);
    EXPECT_NEAR(step.predOriginal.item<double>(), x0, 1e-5);

    // Euler: sigma = sqrt((1 - a) / a); x_prev = x + (x - x0) / sigma * (sigma_next - sigma), x0 = x - sigma eps
    config.kind = SamplerKind::Euler;
    config.timestepSpacing = "leading";
    auto euler = makeScheduler(config);
    euler->setTimesteps(10);
    const double sigma = std::sqrt((1 - a) / a);
    const double sigmaNext = std::sqrt((1 - aPrev) / aPrev);
    EXPECT_NEAR(euler->sigmas()[0], sigma, 1e-5 * sigma);
    EXPECT_NEAR(euler->initNoiseSigma(), std::sqrt(sigma * sigma + 1), 1e-4);
    const double scaled = x / std::sqrt(sigma * sigma + 1);
    EXPECT_NEAR(euler->scaleModelInput(at::full({1}, x), 0).item<double>(), scaled, 1e-6);
    const double ex0 = x - sigma * eps;
    const double eulerExpected = x + (x - ex0) / sigma * (sigmaNext - sigma);
    EXPECT_NEAR(euler->step(at::full({1}, eps), 0, at::full({1}, x)).prevSample.item<double>(),
                eulerExpected, 1e-5);
}

TEST(Schedulers, refuseStepsOutsideTheSchedule)
{
    auto ddim = makeScheduler(parseSchedulerConfig(R"({"_class_name":"DDIMScheduler"})", "d"));
    EXPECT_THROW(ddim->setTimesteps(0), DiffusionError);
    EXPECT_THROW(ddim->setTimesteps(1001), DiffusionError);
    ddim->setTimesteps(2);
    EXPECT_THROW(ddim->step(at::zeros({1}), 2, at::zeros({1})), DiffusionError);
}
