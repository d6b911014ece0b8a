#pragma once

// The training loop of the bundled model: the engine's own UNet and CLIP text model (the same
// code that samples) trained jointly with libtorch autograd, AdamW, EMA weights, and checkpoints
// that hold everything needed to continue bit for bit. libtorch stays inside (pimpl).

#include "EmojiDataset.h"
#include "TrainRecipe.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tessera::train {

class Trainer
{
public:
    //! A fresh run: networks initialised from recipe.seed; captions tokenised with the tokenizer
    //! folder (vocab.json + merges.txt in CLIP's format). Throws DiffusionError on bad input.
    //! device: "cpu" or "cuda" (throws when this libtorch has no usable CUDA device). Every random
    //! draw comes from seeded CPU generators either way, so the batches, caption dropout, timesteps
    //! and noise are the same on both; only the arithmetic differs (and CUDA's backward passes use
    //! atomics, so a CUDA run is not bit-for-bit repeatable).
    Trainer(const TrainRecipe& recipe, std::vector<CaptionedImage> data, const std::string& tokenizerFolder,
            const std::string& device = "cpu");
    ~Trainer();
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    //! One optimiser step on a random batch; returns its (weighted) loss.
    float step();
    //! The loss on a fixed set of images, timesteps and noises (the same at every call), with the
    //! live or the EMA weights: comparable across steps, unlike the per-batch loss.
    float evaluate(bool ema) const;
    int stepsDone() const;
    //! Wall-clock seconds spent in step() over the whole run (kept in checkpoints).
    double trainingSeconds() const;
    //! Data facts for the model card ("1870 emoji rendered ..."), kept in checkpoints.
    void setDataNote(const std::string& note);
    //! The loss of every step so far (kept in checkpoints for the loss curve).
    const std::vector<float>& losses() const;
    std::int64_t unetParameters() const;
    std::int64_t textParameters() const;
    const TrainRecipe& recipe() const;

    //! Writes parameters, EMA, optimiser moments, step, RNG state, losses, recipe and tokenizer
    //! files into one safetensors file (written aside, then renamed: never half-written).
    void saveCheckpoint(const std::string& path) const;
    //! Restores a checkpoint written by saveCheckpoint for the same recipe (totalSteps may differ:
    //! a run can be lengthened).
    void loadCheckpoint(const std::string& path);
    //! The recipe and tokenizer files stored in a checkpoint (to rebuild the Trainer on resume).
    //! tokenizerFiles: file name -> contents (vocab.json, merges.txt, ...).
    static TrainRecipe checkpointRecipe(const std::string& path,
                                        std::map<std::string, std::string>* tokenizerFiles = nullptr);
    //! The per-step losses stored in a checkpoint (for the loss curve without a Trainer).
    static std::vector<float> checkpointLosses(const std::string& path);
    //! libtorch's intra-op threads (OpenBLAS should be held at one thread through its environment).
    static void setComputeThreads(int threads);

    //! Writes a diffusers-layout model folder with the EMA weights: model_index.json, unet/,
    //! text_encoder/, scheduler/ (DDIM, v-prediction, cosine schedule), tokenizer/ (copied) and
    //! training.json (recipe, steps, training time, data note) for the model card.
    void exportModel(const std::string& folder) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace tessera::train
