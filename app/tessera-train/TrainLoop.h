#pragma once

// The training loop shared by tessera-train (Qt: renders the data, draws loss.png and previews)
// and tessera-train-headless (libtorch only, for a GPU machine): steps, progress lines,
// checkpoints on a timer, on a stop request and at the end. Plain std types.

#include <atomic>
#include <functional>
#include <string>

namespace tessera::train {

class Trainer;

struct TrainLoopOptions
{
    double checkpointMinutes = 5;
    double previewMinutes = 15;  //!< hooks.checkpoint(true) at most this often
    int logEvery = 50;           //!< steps between progress lines
    int stopAfter = 0;           //!< steps in this invocation (0: until the recipe's total)
    double wallMinutes = 0;      //!< stop (with a checkpoint) after this long (0: no limit)
    bool preview = true;
};

struct TrainLoopHooks
{
    std::function<void(const std::string&)> say;
    //! Writes the checkpoint and what goes with it; `withPreview` when a preview is due.
    std::function<void(bool withPreview)> checkpoint;
};

//! Trains until the recipe's total (or stopAfter/wallMinutes), checkpointing on the way and at the
//! end. Returns true when the target was reached, false when `stop` or the wall-clock limit ended it.
bool runTrainingLoop(Trainer& trainer, const TrainLoopOptions& options, const TrainLoopHooks& hooks,
                     const std::atomic<bool>& stop);

//! Writes OUT/checkpoint.safetensors and the EMA model folder OUT/model, evaluates the fixed set
//! (live and EMA) and returns the report line's start ("checkpoint at step N: fixed-set loss ...").
std::string writeCheckpointAndModel(Trainer& trainer, const std::string& outFolder);

//! "1h05m" or "4m07s".
std::string formatDuration(double seconds);

} // namespace tessera::train
