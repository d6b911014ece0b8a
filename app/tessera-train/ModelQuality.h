#pragma once

// The bundled model's quality figure: does a generated image look like the training images whose
// captions name its prompt? An image counts as a hit when one of its 5 nearest training images
// (L2 on 16x16 RGB thumbnails) has a caption that contains the prompt's word. Shared by
// bench_model_quality (40 prompts x 4 seeds, against chance) and the model_quality test (a fixed
// subset, against a threshold), so that the two measure the same thing.

#include "EmojiDataset.h"

#include "tessera/diffusion/DiffusionPipeline.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tessera::train {

//! 40 prompts, each a word found in at least one training caption (common lyric nouns).
const std::vector<std::string>& qualityPrompts();

//! Whether the caption has the word (or its plural, +s or +es) as a whole word, ignoring ASCII case.
bool captionNames(const std::string& caption, const std::string& word);

//! The training set as thumbnails, to find a generated image's nearest training images.
class RetrievalJudge
{
public:
    static constexpr int kNearest = 5;

    //! `data` of size x size images (size a multiple of 16), as renderEmojiDataset returns it.
    RetrievalJudge(const std::vector<CaptionedImage>& data, int size);

    //! The indices of the `count` training images nearest to an RGB8 image of side `size`
    //! (a multiple of 16), nearest first.
    std::vector<int> nearest(const std::uint8_t* rgb, int size, int count = kNearest) const;
    //! Whether one of those training images has a caption naming `word`.
    bool anyNames(const std::vector<int>& neighbours, const std::string& word) const;
    //! The hit rate (0 to 1) of random training images in place of generated ones (each one's own
    //! nearest, itself included), `draws` per prompt from a generator seeded with `seed`.
    double chance(const std::vector<std::string>& prompts, int draws, std::uint32_t seed) const;

    int size() const { return int(m_captions.size()); }

private:
    std::vector<int> nearestTo(const std::vector<float>& thumbnail, int count) const;

    std::vector<std::string> m_captions;
    std::vector<std::vector<float>> m_thumbnails;
};

//! One generated image and its verdict.
struct JudgedImage
{
    std::string prompt;
    std::uint64_t seed = 0;
    RgbImage image;
    std::vector<int> nearest; //!< training images, nearest first
    bool hit = false;
};

//! Generates every prompt with every seed (prompt-major, in batches of 8) with `settings`'
//! sampling options (its prompt and seed are replaced), and judges each image.
std::vector<JudgedImage> generateAndJudge(const DiffusionPipeline& pipeline, const RetrievalJudge& judge,
                                          const std::vector<std::string>& prompts,
                                          const std::vector<std::uint64_t>& seeds,
                                          const GenerationRequest& settings);

//! The share of hits, 0 to 1 (0 for no images).
double hitRate(const std::vector<JudgedImage>& images);

} // namespace tessera::train
