#include "TrainLoop.h"

#include "Trainer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <numeric>

namespace tessera::train {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string format(const char* pattern, double a, double b = 0, double c = 0, double d = 0)
{
    char buffer[256];
    std::snprintf(buffer, sizeof buffer, pattern, a, b, c, d);
    return buffer;
}

} // namespace

std::string formatDuration(double seconds)
{
    const auto s = static_cast<long long>(seconds);
    char buffer[32];
    if (s >= 3600)
        std::snprintf(buffer, sizeof buffer, "%lldh%02lldm", s / 3600, (s % 3600) / 60);
    else
        std::snprintf(buffer, sizeof buffer, "%lldm%02llds", s / 60, s % 60);
    return buffer;
}

std::string writeCheckpointAndModel(Trainer& trainer, const std::string& outFolder)
{
    trainer.saveCheckpoint(outFolder + "/checkpoint.safetensors");
    trainer.exportModel(outFolder + "/model");
    const float live = trainer.evaluate(false);
    const float ema = trainer.evaluate(true);
    return "checkpoint at step " + std::to_string(trainer.stepsDone()) + ": fixed-set loss "
        + format("%.4f (EMA %.4f)", live, ema);
}

bool runTrainingLoop(Trainer& trainer, const TrainLoopOptions& options, const TrainLoopHooks& hooks,
                     const std::atomic<bool>& stop)
{
    const auto& recipe = trainer.recipe();
    const int target = options.stopAfter > 0 ? std::min(recipe.totalSteps, trainer.stepsDone() + options.stopAfter)
                                             : recipe.totalSteps;
    const auto started = Clock::now();
    auto lastCheckpoint = started, lastPreview = started, interval = started;
    int intervalStart = trainer.stepsDone();
    std::clock_t intervalCpu = std::clock();
    const auto outOfTime = [&] { return options.wallMinutes > 0 && secondsSince(started) > options.wallMinutes * 60; };
    while (trainer.stepsDone() < target && !stop && !outOfTime()) {
        trainer.step();
        const int done = trainer.stepsDone();
        if (done % options.logEvery == 0 || done == target) {
            const double seconds = std::max(secondsSince(interval), 1e-9);
            const double stepsPerSecond = (done - intervalStart) / seconds;
            const auto& losses = trainer.losses();
            const std::size_t window = std::min<std::size_t>(losses.size(), static_cast<std::size_t>(options.logEvery));
            const double mean = std::accumulate(losses.end() - static_cast<std::ptrdiff_t>(window), losses.end(), 0.0)
                / static_cast<double>(std::max<std::size_t>(window, 1));
            const double cpuPerStep = static_cast<double>(std::clock() - intervalCpu) / CLOCKS_PER_SEC
                / std::max(1, done - intervalStart);
            hooks.say("step " + std::to_string(done) + "/" + std::to_string(recipe.totalSteps)
                      + format("  loss %.4f  %.2f steps/s  %.1f images/s  cpu %.2f s/step", mean, stepsPerSecond,
                               stepsPerSecond * recipe.batchSize, cpuPerStep)
                      + "  ETA " + formatDuration((target - done) / std::max(stepsPerSecond, 1e-9)));
            intervalStart = done;
            intervalCpu = std::clock();
            interval = Clock::now();
        }
        if (secondsSince(lastCheckpoint) > options.checkpointMinutes * 60) {
            const bool preview = options.preview && secondsSince(lastPreview) > options.previewMinutes * 60;
            hooks.checkpoint(preview);
            if (preview)
                lastPreview = Clock::now();
            lastCheckpoint = interval = Clock::now();
            intervalStart = trainer.stepsDone();
            intervalCpu = std::clock();
        }
    }
    hooks.checkpoint(options.preview);
    return trainer.stepsDone() >= target;
}

} // namespace tessera::train
