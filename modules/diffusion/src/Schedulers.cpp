#include "Schedulers.h"

#include "tessera/diffusion/DiffusionError.h"

#include <algorithm>
#include <cmath>
#include <deque>

namespace tessera::detail {

namespace {

at::Tensor scalar(double value) { return at::scalar_tensor(value, at::kFloat); }

// element i of np.linspace(start, stop, n): i * step + start, the last one exactly stop
double linspaceAt(double start, double stop, int n, int i)
{
    if (n == 1)
        return start;
    if (i == n - 1)
        return stop;
    const double step = (stop - start) / (n - 1);
    return i * step + start;
}

// np.interp(x, arange(len(table)), table) in float64
double interp(double x, const std::vector<float>& table)
{
    if (x <= 0)
        return table.front();
    const double last = static_cast<double>(table.size() - 1);
    if (x >= last)
        return table.back();
    const auto i = static_cast<std::size_t>(std::floor(x));
    const double w = x - static_cast<double>(i);
    const double a = table[i];
    const double b = table[i + 1];
    return a + (b - a) * w;
}

// Karras et al. (2022) sigmas between the largest and smallest of `sigmas` (descending), rho 7.
std::vector<double> karrasSigmas(double sigmaMax, double sigmaMin, int steps)
{
    const double rho = 7.0;
    const double minInv = std::pow(sigmaMin, 1.0 / rho);
    const double maxInv = std::pow(sigmaMax, 1.0 / rho);
    std::vector<double> out;
    for (int i = 0; i < steps; ++i) {
        const double ramp = steps == 1 ? 0.0 : static_cast<double>(i) / (steps - 1);
        out.push_back(std::pow(maxInv + ramp * (minInv - maxInv), rho));
    }
    return out;
}

// diffusers' _sigma_to_t: the fractional training timestep of a sigma, by log-linear interpolation.
double sigmaToT(double sigma, const std::vector<float>& logSigmas)
{
    const double logSigma = std::log(std::max(sigma, 1e-10));
    const std::size_t n = logSigmas.size();
    // low = last index with logSigma - logSigmas[i] >= 0 (argmax of the cumulative count), clipped
    std::size_t count = 0;
    std::size_t low = 0;
    std::size_t best = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (logSigma - static_cast<double>(logSigmas[i]) >= 0)
            ++count;
        if (count > best) {
            best = count;
            low = i;
        }
    }
    low = std::min(low, n - 2);
    const double lo = logSigmas[low];
    const double hi = logSigmas[low + 1];
    const double w = std::clamp((lo - logSigma) / (lo - hi), 0.0, 1.0);
    return (1 - w) * static_cast<double>(low) + w * static_cast<double>(low + 1);
}

at::Tensor makeBetas(const SchedulerConfig& c)
{
    const int n = c.numTrainTimesteps;
    at::Tensor betas;
    if (!c.trainedBetas.empty()) {
        betas = at::tensor(c.trainedBetas, at::kDouble).to(at::kFloat);
    } else if (c.betaSchedule == "linear") {
        betas = at::linspace(c.betaStart, c.betaEnd, n, at::kFloat);
    } else if (c.betaSchedule == "scaled_linear") {
        betas = at::linspace(std::sqrt(c.betaStart), std::sqrt(c.betaEnd), n, at::kFloat).pow(2);
    } else { // squaredcos_cap_v2 (Glide cosine schedule), in float64 as diffusers' betas_for_alpha_bar
        std::vector<double> values;
        const auto alphaBar = [](double t) { return std::pow(std::cos((t + 0.008) / 1.008 * M_PI / 2), 2); };
        for (int i = 0; i < n; ++i) {
            const double t1 = static_cast<double>(i) / n;
            const double t2 = static_cast<double>(i + 1) / n;
            values.push_back(std::min(1 - alphaBar(t2) / alphaBar(t1), 0.999));
        }
        betas = at::tensor(values, at::kDouble).to(at::kFloat);
    }
    if (c.rescaleBetasZeroSnr) { // Lin et al. (2023), Algorithm 1
        const auto alphas = 1.0 - betas;
        auto sqrtBar = at::cumprod(alphas, 0).sqrt();
        const auto first = sqrtBar[0].clone();
        const auto last = sqrtBar[-1].clone();
        sqrtBar = (sqrtBar - last) * (first / (first - last));
        const auto bar = sqrtBar.pow(2);
        const auto rescaled = at::cat({bar.slice(0, 0, 1), bar.slice(0, 1) / bar.slice(0, 0, -1)});
        betas = 1.0 - rescaled;
    }
    return betas;
}

// ---------------------------------------------------------------------------------------------

class DdimScheduler final : public Scheduler
{
public:
    using Scheduler::Scheduler;

    void setTimesteps(int steps) override
    {
        m_steps = steps;
        m_timesteps = spacedTimesteps(steps);
    }

    SchedulerStep step(const at::Tensor& modelOutput, std::size_t index, const at::Tensor& sample,
                       const std::vector<at::Generator>&) override
    {
        checkIndex(index);
        const auto t = static_cast<int64_t>(m_timesteps[index]);
        const auto prevT = t - m_config.numTrainTimesteps / m_steps;
        const auto alphaProd = m_alphasCumprod[t];
        const auto alphaProdPrev = prevT >= 0 ? m_alphasCumprod[prevT] : finalAlphaCumprod();
        const auto betaProd = 1 - alphaProd;
        at::Tensor predOriginal;
        at::Tensor predEpsilon;
        if (m_config.predictionType == "epsilon") {
            predOriginal = (sample - betaProd.pow(0.5) * modelOutput) / alphaProd.pow(0.5);
            predEpsilon = modelOutput;
        } else if (m_config.predictionType == "sample") {
            predOriginal = modelOutput;
            predEpsilon = (sample - alphaProd.pow(0.5) * predOriginal) / betaProd.pow(0.5);
        } else {
            predOriginal = alphaProd.pow(0.5) * sample - betaProd.pow(0.5) * modelOutput;
            predEpsilon = alphaProd.pow(0.5) * modelOutput + betaProd.pow(0.5) * sample;
        }
        if (m_config.clipSample)
            predOriginal = predOriginal.clamp(-m_config.clipSampleRange, m_config.clipSampleRange);
        // eta = 0: no variance term
        const auto direction = (1 - alphaProdPrev).pow(0.5) * predEpsilon;
        return {alphaProdPrev.pow(0.5) * predOriginal + direction, predOriginal};
    }

private:
    at::Tensor finalAlphaCumprod() const { return m_config.setAlphaToOne ? scalar(1.0) : m_alphasCumprod[0]; }
};

// ---------------------------------------------------------------------------------------------

class PndmScheduler final : public Scheduler
{
public:
    using Scheduler::Scheduler;

    void setTimesteps(int steps) override
    {
        m_steps = steps;
        // the spaced timesteps ascending, then PLMS repeats the second-to-last one (diffusers' quirk)
        auto base = spacedTimesteps(steps);
        std::reverse(base.begin(), base.end());
        std::vector<double> plms(base.begin(), base.end() - 1);
        if (base.size() >= 2)
            plms.push_back(base[base.size() - 2]);
        plms.push_back(base.back());
        std::reverse(plms.begin(), plms.end());
        m_timesteps = plms;
        m_ets.clear();
        m_counter = 0;
        m_curSample = at::Tensor();
    }

    SchedulerStep step(const at::Tensor& modelOutputIn, std::size_t index, const at::Tensor& sampleIn,
                       const std::vector<at::Generator>&) override
    {
        checkIndex(index);
        auto t = static_cast<int64_t>(m_timesteps[index]);
        const auto ratio = m_config.numTrainTimesteps / m_steps;
        auto prevT = t - ratio;
        if (m_counter != 1) {
            while (m_ets.size() > 3)
                m_ets.pop_front();
            m_ets.push_back(modelOutputIn);
        } else {
            prevT = t;
            t = t + ratio;
        }
        at::Tensor modelOutput = modelOutputIn;
        at::Tensor sample = sampleIn;
        const auto n = m_ets.size();
        if (n == 1 && m_counter == 0) {
            m_curSample = sample;
        } else if (n == 1 && m_counter == 1) {
            modelOutput = (modelOutput + m_ets[n - 1]) / 2;
            sample = m_curSample;
            m_curSample = at::Tensor();
        } else if (n == 2) {
            modelOutput = (3 * m_ets[n - 1] - m_ets[n - 2]) / 2;
        } else if (n == 3) {
            modelOutput = (23 * m_ets[n - 1] - 16 * m_ets[n - 2] + 5 * m_ets[n - 3]) / 12;
        } else {
            modelOutput = (1.0 / 24) * (55 * m_ets[n - 1] - 59 * m_ets[n - 2] + 37 * m_ets[n - 3] - 9 * m_ets[n - 4]);
        }
        auto prev = prevSample(sample, t, prevT, modelOutput);
        ++m_counter;
        return {prev, at::Tensor()};
    }

private:
    at::Tensor prevSample(const at::Tensor& sample, int64_t t, int64_t prevT, at::Tensor modelOutput) const
    {
        const auto alphaProd = m_alphasCumprod[t];
        const auto alphaProdPrev = prevT >= 0 ? m_alphasCumprod[prevT]
                                              : (m_config.setAlphaToOne ? scalar(1.0) : m_alphasCumprod[0]);
        const auto betaProd = 1 - alphaProd;
        const auto betaProdPrev = 1 - alphaProdPrev;
        if (m_config.predictionType == "v_prediction")
            modelOutput = alphaProd.pow(0.5) * modelOutput + betaProd.pow(0.5) * sample;
        else if (m_config.predictionType != "epsilon")
            throw DiffusionError("PNDMScheduler", "prediction_type must be epsilon or v_prediction");
        const auto sampleCoeff = (alphaProdPrev / alphaProd).pow(0.5);
        const auto denom = alphaProd * betaProdPrev.pow(0.5) + (alphaProd * betaProd * alphaProdPrev).pow(0.5);
        return sampleCoeff * sample - (alphaProdPrev - alphaProd) * modelOutput / denom;
    }

    std::deque<at::Tensor> m_ets;
    int m_counter = 0;
    at::Tensor m_curSample;
};

// ---------------------------------------------------------------------------------------------

// Euler and Euler ancestral share the sigma schedule, the input scaling and x0 prediction.
class EulerFamily : public Scheduler
{
public:
    EulerFamily(const SchedulerConfig& config, bool ancestral)
        : Scheduler(config)
        , m_ancestral(ancestral)
    {
        if (config.rescaleBetasZeroSnr)
            m_alphasCumprod[-1] = std::pow(2.0, -24);
    }

    void setTimesteps(int steps) override
    {
        m_steps = steps;
        const int T = m_config.numTrainTimesteps;
        std::vector<double> timesteps;
        if (m_config.timestepSpacing == "linspace") {
            for (int i = steps - 1; i >= 0; --i) // np.linspace(0, T-1, n, dtype=float32)[::-1]
                timesteps.push_back(static_cast<float>(linspaceAt(0, T - 1, steps, i)));
        } else {
            timesteps = spacedTimesteps(steps);
        }
        const auto table = trainSigmas();
        std::vector<double> sigmas;
        for (double t : timesteps)
            sigmas.push_back(interp(t, table));
        if (m_config.useKarrasSigmas && !m_ancestral) {
            std::vector<float> logSigmas;
            for (float s : table)
                logSigmas.push_back(std::log(s));
            sigmas = karrasSigmas(sigmas.front(), sigmas.back(), steps);
            timesteps.clear();
            for (double s : sigmas)
                timesteps.push_back(static_cast<float>(sigmaToT(s, logSigmas)));
        }
        m_timesteps = timesteps;
        m_sigmas.clear();
        for (double s : sigmas)
            m_sigmas.push_back(static_cast<float>(s));
        m_sigmas.push_back(0.0);
    }

    double initNoiseSigma() const override
    {
        const auto maxSigma = scalar(*std::max_element(m_sigmas.begin(), m_sigmas.end()));
        if (m_config.timestepSpacing == "linspace" || m_config.timestepSpacing == "trailing")
            return maxSigma.item<double>();
        return (maxSigma.pow(2) + 1).pow(0.5).item<double>();
    }

    at::Tensor scaleModelInput(const at::Tensor& sample, std::size_t index) const override
    {
        checkIndex(index);
        const auto sigma = scalar(m_sigmas[index]);
        return sample / (sigma.pow(2) + 1).pow(0.5);
    }

    at::Tensor addNoise(const at::Tensor& original, const at::Tensor& noise, std::size_t index) const override
    {
        checkIndex(index);
        return original + noise * scalar(m_sigmas[index]);
    }

    SchedulerStep step(const at::Tensor& modelOutput, std::size_t index, const at::Tensor& sampleIn,
                       const std::vector<at::Generator>& generators) override
    {
        checkIndex(index);
        const auto sample = sampleIn.to(at::kFloat);
        const auto sigma = scalar(m_sigmas[index]);
        at::Tensor predOriginal;
        if (m_config.predictionType == "epsilon")
            predOriginal = sample - sigma * modelOutput;
        else if (m_config.predictionType == "v_prediction")
            predOriginal = modelOutput * (-sigma / (sigma.pow(2) + 1).pow(0.5)) + (sample / (sigma.pow(2) + 1));
        else
            predOriginal = modelOutput;
        const auto sigmaNext = scalar(m_sigmas[index + 1]);
        if (!m_ancestral) { // s_churn = 0: sigma_hat = sigma
            const auto derivative = (sample - predOriginal) / sigma;
            const auto dt = sigmaNext - sigma;
            return {sample + derivative * dt, predOriginal};
        }
        const auto sigmaUp = (sigmaNext.pow(2) * (sigma.pow(2) - sigmaNext.pow(2)) / sigma.pow(2)).pow(0.5);
        const auto sigmaDown = (sigmaNext.pow(2) - sigmaUp.pow(2)).pow(0.5);
        const auto derivative = (sample - predOriginal) / sigma;
        const auto dt = sigmaDown - sigma;
        auto prev = sample + derivative * dt;
        const auto noise = randnFrom(modelOutput.sizes(), generators).to(modelOutput.device());
        prev = prev + noise * sigmaUp;
        return {prev, predOriginal};
    }

private:
    bool m_ancestral;
};

// ---------------------------------------------------------------------------------------------

class DpmSolverMultistepScheduler final : public Scheduler
{
public:
    using Scheduler::Scheduler;

    void setTimesteps(int steps) override
    {
        m_steps = steps;
        const int T = m_config.numTrainTimesteps; // lambda_min_clipped = -inf: last timestep = T
        std::vector<double> timesteps;
        if (m_config.timestepSpacing == "linspace") {
            for (int i = steps; i >= 1; --i)
                timesteps.push_back(std::nearbyint(linspaceAt(0, T - 1, steps + 1, i)));
        } else if (m_config.timestepSpacing == "leading") {
            const int ratio = T / (steps + 1);
            for (int i = steps; i >= 1; --i)
                timesteps.push_back(static_cast<double>(i * ratio + m_config.stepsOffset));
        } else {
            const double ratio = static_cast<double>(T) / steps;
            for (int k = 0; k < steps; ++k) // np.arange(T, 0, -ratio): start + k * step
                timesteps.push_back(std::nearbyint(T + k * -ratio) - 1);
        }
        const auto table = trainSigmas();
        std::vector<double> sigmas;
        if (m_config.useKarrasSigmas) {
            std::vector<float> logSigmas;
            for (float s : table)
                logSigmas.push_back(std::log(s));
            sigmas = karrasSigmas(table.back(), table.front(), steps);
            timesteps.clear();
            for (double s : sigmas)
                timesteps.push_back(std::nearbyint(sigmaToT(s, logSigmas)));
        } else {
            for (double t : timesteps)
                sigmas.push_back(interp(t, table));
        }
        sigmas.push_back(m_config.finalSigmasType == "sigma_min" ? static_cast<double>(table.front()) : 0.0);
        m_timesteps = timesteps;
        m_sigmas.clear();
        for (double s : sigmas)
            m_sigmas.push_back(static_cast<float>(s));
        m_modelOutputs.assign(static_cast<std::size_t>(m_config.solverOrder), at::Tensor());
        m_lowerOrderNums = 0;
    }

    SchedulerStep step(const at::Tensor& modelOutputIn, std::size_t index, const at::Tensor& sampleIn,
                       const std::vector<at::Generator>&) override
    {
        checkIndex(index);
        const auto count = m_timesteps.size();
        const bool lowerOrderFinal = index == count - 1
            && (m_config.eulerAtFinal || (m_config.lowerOrderFinal && count < 15) || m_config.finalSigmasType == "zero");
        const bool lowerOrderSecond = index == count - 2 && m_config.lowerOrderFinal && count < 15;
        (void)lowerOrderSecond; // only matters for order 3

        // convert to the data prediction x0 (dpmsolver++)
        const auto [alphaS0, sigmaS0] = alphaSigma(m_sigmas[index]);
        at::Tensor x0;
        if (m_config.predictionType == "epsilon")
            x0 = (sampleIn - sigmaS0 * modelOutputIn) / alphaS0;
        else if (m_config.predictionType == "v_prediction")
            x0 = alphaS0 * sampleIn - sigmaS0 * modelOutputIn;
        else
            x0 = modelOutputIn;
        for (std::size_t i = 0; i + 1 < m_modelOutputs.size(); ++i)
            m_modelOutputs[i] = m_modelOutputs[i + 1];
        m_modelOutputs.back() = x0;

        const auto sample = sampleIn.to(at::kFloat);
        const auto [alphaT, sigmaT] = alphaSigma(m_sigmas[index + 1]);
        const auto lambdaT = at::log(alphaT) - at::log(sigmaT);
        const auto lambdaS0 = at::log(alphaS0) - at::log(sigmaS0);
        const auto h = lambdaT - lambdaS0;
        at::Tensor prev;
        if (m_config.solverOrder == 1 || m_lowerOrderNums < 1 || lowerOrderFinal) {
            prev = (sigmaT / sigmaS0) * sample - (alphaT * (at::exp(-h) - 1.0)) * x0;
        } else {
            const auto [alphaS1, sigmaS1] = alphaSigma(m_sigmas[index - 1]);
            const auto lambdaS1 = at::log(alphaS1) - at::log(sigmaS1);
            const auto& m0 = m_modelOutputs[m_modelOutputs.size() - 1];
            const auto& m1 = m_modelOutputs[m_modelOutputs.size() - 2];
            const auto h0 = lambdaS0 - lambdaS1;
            const auto r0 = h0 / h;
            const auto d0 = m0;
            const auto d1 = (1.0 / r0) * (m0 - m1);
            if (m_config.solverType == "midpoint")
                prev = (sigmaT / sigmaS0) * sample - (alphaT * (at::exp(-h) - 1.0)) * d0
                    - 0.5 * (alphaT * (at::exp(-h) - 1.0)) * d1;
            else
                prev = (sigmaT / sigmaS0) * sample - (alphaT * (at::exp(-h) - 1.0)) * d0
                    + (alphaT * ((at::exp(-h) - 1.0) / h + 1.0)) * d1;
        }
        if (m_lowerOrderNums < m_config.solverOrder)
            ++m_lowerOrderNums;
        return {prev, x0};
    }

    at::Tensor addNoise(const at::Tensor& original, const at::Tensor& noise, std::size_t index) const override
    {
        checkIndex(index);
        const auto [alpha, sigma] = alphaSigma(m_sigmas[index]);
        return alpha * original + sigma * noise;
    }

private:
    static std::pair<at::Tensor, at::Tensor> alphaSigma(double sigmaValue)
    {
        const auto sigma = scalar(sigmaValue);
        const auto alpha = 1 / (sigma.pow(2) + 1).pow(0.5);
        return {alpha, sigma * alpha};
    }

    std::vector<at::Tensor> m_modelOutputs;
    int m_lowerOrderNums = 0;
};

// ---------------------------------------------------------------------------------------------

// Latent consistency sampling (diffusers' LCMScheduler): each step predicts the clean sample with
// the consistency boundary conditions, then re-noises it to the next timestep with fresh noise
// (none after the last step, so the last prev_sample is the "denoised" output).
class LcmScheduler final : public Scheduler
{
public:
    using Scheduler::Scheduler;

    void setTimesteps(int steps) override
    {
        const int original = m_config.originalInferenceSteps;
        if (steps < 1 || steps > original)
            throw DiffusionError("LCMScheduler", "the number of steps must be between 1 and original_inference_steps ("
                                                     + std::to_string(original) + ")");
        m_steps = steps;
        // the distillation schedule k-1, 2k-1, ... reversed, then evenly spaced picks from it
        const int k = m_config.numTrainTimesteps / original;
        m_timesteps.clear();
        for (int i = 0; i < steps; ++i) {
            const auto pick = static_cast<int>(std::floor(static_cast<double>(i) * original / steps));
            m_timesteps.push_back(static_cast<double>((original - pick) * k - 1));
        }
    }

    SchedulerStep step(const at::Tensor& modelOutput, std::size_t index, const at::Tensor& sample,
                       const std::vector<at::Generator>& generators) override
    {
        checkIndex(index);
        const auto t = static_cast<int64_t>(m_timesteps[index]);
        const auto prevT = index + 1 < m_timesteps.size() ? static_cast<int64_t>(m_timesteps[index + 1]) : t;
        const auto alphaProd = m_alphasCumprod[t];
        const auto alphaProdPrev = m_alphasCumprod[prevT];
        const auto betaProd = 1 - alphaProd;
        const auto betaProdPrev = 1 - alphaProdPrev;
        // boundary conditions with sigma_data 0.5, in float32 as diffusers computes them
        const auto scaledT = scalar(static_cast<double>(t) * m_config.timestepScaling);
        const auto cSkip = 0.25 / (scaledT.pow(2) + 0.25);
        const auto cOut = scaledT / (scaledT.pow(2) + 0.25).pow(0.5);
        at::Tensor predOriginal;
        if (m_config.predictionType == "epsilon")
            predOriginal = (sample - betaProd.sqrt() * modelOutput) / alphaProd.sqrt();
        else if (m_config.predictionType == "sample")
            predOriginal = modelOutput;
        else
            predOriginal = alphaProd.sqrt() * sample - betaProd.sqrt() * modelOutput;
        if (m_config.clipSample)
            predOriginal = predOriginal.clamp(-m_config.clipSampleRange, m_config.clipSampleRange);
        const auto denoised = cOut * predOriginal + cSkip * sample;
        if (index + 1 == m_timesteps.size())
            return {denoised, denoised};
        const auto noise = randnFrom(modelOutput.sizes(), generators).to(modelOutput.device());
        return {alphaProdPrev.sqrt() * denoised + betaProdPrev.sqrt() * noise, denoised};
    }
};

} // namespace

Scheduler::Scheduler(const SchedulerConfig& config)
    : m_config(config)
{
    const auto betas = makeBetas(config);
    m_alphasCumprod = at::cumprod(1.0 - betas, 0);
}

at::Tensor Scheduler::scaleModelInput(const at::Tensor& sample, std::size_t) const { return sample; }

at::Tensor Scheduler::addNoise(const at::Tensor& original, const at::Tensor& noise, std::size_t index) const
{
    checkIndex(index);
    const auto alphaProd = m_alphasCumprod[static_cast<int64_t>(m_timesteps[index])];
    return alphaProd.pow(0.5) * original + (1 - alphaProd).pow(0.5) * noise;
}

void Scheduler::checkIndex(std::size_t index) const
{
    if (index >= m_timesteps.size())
        throw DiffusionError(samplerClassName(m_config.kind),
                             "step " + std::to_string(index) + " is outside the " + std::to_string(m_timesteps.size())
                                 + " scheduled steps");
}

std::vector<double> Scheduler::spacedTimesteps(int steps) const
{
    const int T = m_config.numTrainTimesteps;
    if (steps < 1 || steps > T)
        throw DiffusionError(samplerClassName(m_config.kind),
                             "the number of steps must be between 1 and " + std::to_string(T));
    std::vector<double> out;
    if (m_config.timestepSpacing == "linspace") {
        for (int i = steps - 1; i >= 0; --i)
            out.push_back(std::nearbyint(linspaceAt(0, T - 1, steps, i)));
    } else if (m_config.timestepSpacing == "leading") {
        const int ratio = T / steps;
        for (int i = steps - 1; i >= 0; --i)
            out.push_back(static_cast<double>(i * ratio + m_config.stepsOffset));
    } else {
        const double ratio = static_cast<double>(T) / steps;
        for (int k = 0; k < steps; ++k) // np.arange(T, 0, -ratio): start + k * step
            out.push_back(std::nearbyint(T + k * -ratio) - 1);
    }
    return out;
}

std::vector<float> Scheduler::trainSigmas() const
{
    const auto sigmas = ((1 - m_alphasCumprod) / m_alphasCumprod).pow(0.5).contiguous();
    const auto* p = sigmas.data_ptr<float>();
    return std::vector<float>(p, p + sigmas.numel());
}

at::Tensor randnFrom(at::IntArrayRef shape, const std::vector<at::Generator>& generators)
{
    if (generators.empty())
        return at::randn(shape, at::kFloat);
    if (generators.size() == 1)
        return at::randn(shape, generators.front(), at::kFloat);
    if (shape.empty() || static_cast<std::size_t>(shape[0]) != generators.size())
        throw DiffusionError({}, "one generator per batch item is needed");
    std::vector<int64_t> itemShape{1};
    itemShape.insert(itemShape.end(), shape.begin() + 1, shape.end());
    std::vector<at::Tensor> items;
    for (const auto& generator : generators)
        items.push_back(at::randn(itemShape, generator, at::kFloat));
    return at::cat(items, 0);
}

std::unique_ptr<Scheduler> makeScheduler(const SchedulerConfig& config)
{
    switch (config.kind) {
    case SamplerKind::Ddim: return std::make_unique<DdimScheduler>(config);
    case SamplerKind::Pndm: return std::make_unique<PndmScheduler>(config);
    case SamplerKind::Euler: return std::make_unique<EulerFamily>(config, false);
    case SamplerKind::EulerAncestral: return std::make_unique<EulerFamily>(config, true);
    case SamplerKind::DpmSolverMultistep: return std::make_unique<DpmSolverMultistepScheduler>(config);
    case SamplerKind::Lcm: return std::make_unique<LcmScheduler>(config);
    }
    throw DiffusionError({}, "unknown sampler");
}

} // namespace tessera::detail
