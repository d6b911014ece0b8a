#pragma once

// Everything that determines a training run (with the data): the network sizes, the optimiser and
// the diffusion objective. Stored in every checkpoint so that --resume continues the same run.

#include <cstdint>
#include <string>
#include <vector>

namespace tessera::train {

struct TrainRecipe
{
    std::uint64_t seed = 1234;
    int imageSize = 32;
    int imageLimit = 0;       //!< use only the first N rendered emoji (0: all), for smoke tests
    // UNet: one down block per entry (attention where true), the mid block always has attention
    std::vector<int> channels{32, 64, 96};
    std::vector<bool> attention{false, false, true};
    int layersPerBlock = 1;
    int attentionHeads = 4;
    int normGroups = 8;
    // the CLIP-style text encoder
    int textWidth = 128;
    int textLayers = 1;
    int textHeads = 4;
    int contextLength = 32;   //!< tokens incl. start/end (the captions need at most ~20)
    int vocabSize = 2048;     //!< upper bound for the learned BPE vocabulary
    // optimisation
    // The bundled model's recipe (chosen over batch 32 x 14,000 steps at 5e-4 or 1e-3, and
    // attention at 16x16 too, by bench_model_quality: see its model card)
    int batchSize = 64;
    int totalSteps = 8000;    //!< the learning-rate schedule's length
    double learningRate = 7e-4;
    int warmupSteps = 250;
    double weightDecay = 0.01;
    double emaDecay = 0.999;
    double gradClip = 1.0;
    // objective: v-prediction on a cosine schedule; the v loss (= x0 loss weighted SNR + 1) has
    // its weight truncated at minSnrGamma + 1 (Min-SNR-gamma), so easy low-noise steps do not dominate
    double captionDropout = 0.1; //!< share of captions replaced by "" (classifier-free guidance)
    double minSnrGamma = 5.0;

    //! Shrinks the networks and batch to the tiny size the smoke test and `--tiny` use.
    void makeTiny();

    std::string toJson() const;
    //! Throws DiffusionError(source, ...) on malformed JSON.
    static TrainRecipe fromJson(const std::string& json, const std::string& source);
};

} // namespace tessera::train
