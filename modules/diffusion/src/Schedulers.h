#pragma once

// Samplers, ported from diffusers 0.27 (DDIMScheduler, PNDMScheduler with skip_prk_steps,
// EulerDiscreteScheduler, EulerAncestralDiscreteScheduler, DPMSolverMultistepScheduler with
// dpmsolver++ order 2 and Karras sigmas). The scalar arithmetic runs on float32 0-dim tensors in
// the same order as diffusers, so results match it to float32 rounding. Steps are addressed by
// index (PNDM repeats a timestep, so a timestep does not name a step).

#include "tessera/diffusion/ModelConfig.h"

#include <ATen/ATen.h>

#include <memory>
#include <vector>

namespace tessera::detail {

struct SchedulerStep
{
    at::Tensor prevSample;
    at::Tensor predOriginal; //!< undefined for PNDM
};

class Scheduler
{
public:
    explicit Scheduler(const SchedulerConfig& config);
    virtual ~Scheduler() = default;

    //! Chooses the timesteps for `steps` sampling steps and resets any multistep history.
    virtual void setTimesteps(int steps) = 0;
    //! The timestep the model is called with at each step (integers, or floats for Euler).
    const std::vector<double>& timesteps() const { return m_timesteps; }
    //! The sigma schedule with its trailing entry (empty for DDIM and PNDM).
    const std::vector<double>& sigmas() const { return m_sigmas; }
    //! How much the unit-variance start noise is scaled.
    virtual double initNoiseSigma() const { return 1.0; }
    //! The model input at step `index` (Euler divides by sqrt(sigma^2 + 1)).
    virtual at::Tensor scaleModelInput(const at::Tensor& sample, std::size_t index) const;
    //! One step from `sample` at step `index` given the model output there. Stochastic samplers
    //! draw their noise from `generators`: one per batch item, one for the whole batch, or none
    //! (the default generator).
    virtual SchedulerStep step(const at::Tensor& modelOutput, std::size_t index, const at::Tensor& sample,
                               const std::vector<at::Generator>& generators = {}) = 0;
    //! Noises clean `original` samples to the noise level of step `index` (img2img's start).
    virtual at::Tensor addNoise(const at::Tensor& original, const at::Tensor& noise, std::size_t index) const;
    //! The float32 alphas_cumprod table [numTrainTimesteps].
    const at::Tensor& alphasCumprod() const { return m_alphasCumprod; }
    const SchedulerConfig& config() const { return m_config; }

protected:
    //! diffusers' leading / trailing / linspace integer timesteps, descending.
    std::vector<double> spacedTimesteps(int steps) const;
    //! sqrt((1 - alphas_cumprod) / alphas_cumprod) as float32 values.
    std::vector<float> trainSigmas() const;
    void checkIndex(std::size_t index) const;

    SchedulerConfig m_config;
    at::Tensor m_alphasCumprod;
    std::vector<double> m_timesteps;
    std::vector<double> m_sigmas;
    int m_steps = 0;
};

std::unique_ptr<Scheduler> makeScheduler(const SchedulerConfig& config);

//! Standard normal noise of `shape` on the CPU from the generators as Scheduler::step describes.
at::Tensor randnFrom(at::IntArrayRef shape, const std::vector<at::Generator>& generators);

} // namespace tessera::detail
