#pragma once

// What a training run leaves next to its checkpoint for people to look at: the loss curve and a
// preview sheet sampled from the exported model folder with the engine's DiffusionPipeline.

#include <string>
#include <vector>

namespace tessera::train {

//! The per-step losses (faint) and their running mean over `window` steps, log-scaled, as PNG.
void writeLossCurve(const std::vector<float>& losses, int window, const std::string& path);

//! Loads the model folder with DiffusionPipeline, samples one image per prompt (seed i, DDIM,
//! `steps` steps, guidance `guidance`) and writes them side by side, scaled up 2x, as PNG.
//! Returns the seconds spent sampling. Throws DiffusionError when loading or sampling fails.
double writePreview(const std::string& modelFolder, const std::vector<std::string>& prompts, int steps,
                    double guidance, const std::string& path);

} // namespace tessera::train
