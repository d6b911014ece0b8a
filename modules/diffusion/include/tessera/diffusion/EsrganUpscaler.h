#pragma once

// ESRGAN super-resolution of a generated cell: a Keras network exported in TensorFlow.js layers
// format (model.json + float32 weight shards, as UpscalerJS's @upscalerjs/esrgan-* packages ship
// it), rebuilt from its layer list and run in libtorch. Pre- and post-processing mirror
// UpscalerJS's for those models: its RDN networks (esrgan-slim, esrgan-medium) take and give
// 0..255, so pixels go in as they are and come out clipped to 0..255; its RRDN network
// (esrgan-thick, recognised by its MultiplyBeta and PixelShuffle layers) takes and gives 0..1, so
// pixels go in times 1/255 and come out clipped to 0..1, times 255.

#include "tessera/diffusion/DiffusionError.h"

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace tessera {

//! An RGB image of float samples 0..255 (unlike RgbImage's bytes), row-major height x width x 3 (interleaved).
struct RgbFloatImage
{
    int width = 0;
    int height = 0;
    std::vector<float> pixels;
};

struct UpscaleOptions
{
    //! Side of an input tile run through the network at once, in input pixels: bigger images are
    //! cut into tiles so memory stays bounded. 0: the tile whose output is 512 px.
    int tileSize = 0;
    //! Input pixels of context around each tile; -1: the network's receptive radius, which makes a
    //! tiled result equal the untiled one (smaller: faster, with visible seams).
    int tileOverlap = -1;
    //! Set to true (from another thread) to stop between tiles with GenerationCancelled.
    const std::atomic<bool>* cancel = nullptr;
};

class EsrganUpscaler
{
public:
    //! Loads a model: `model` is its model.json or the folder holding it. Throws DiffusionError naming
    //! the file and the problem (missing, not JSON, a layer type or setting not supported, a weight
    //! shard missing or of the wrong size).
    explicit EsrganUpscaler(const std::filesystem::path& model);
    ~EsrganUpscaler();
    EsrganUpscaler(EsrganUpscaler&&) noexcept;
    EsrganUpscaler& operator=(EsrganUpscaler&&) noexcept;

    //! The model.json it was loaded from.
    const std::filesystem::path& modelJson() const;
    //! Output pixels per input pixel along each axis (the network's UpSampling2D factors).
    int scale() const;
    //! How far (in input pixels) an output pixel sees: the tile overlap that hides seams.
    int receptiveRadius() const;
    //! The network's own pixel range's top, 255 or 1 (see above); upscale() takes and gives 0..255 anyway.
    float networkRange() const;

    //! The upscaled image, scale() times the input's size, clipped to 0..255.
    RgbFloatImage upscale(const RgbFloatImage& input, const UpscaleOptions& options = {}) const;

    //! The folder of a scale's model in an UpscalerJS ESRGAN package's models/ folder (x2, x3, x4, x8).
    static std::filesystem::path modelFolder(const std::filesystem::path& modelsDir, int scale);
    //! UpscalerJS's ESRGAN networks, fastest first: "slim", "medium", "thick" (npm @upscalerjs/esrgan-NAME).
    static const std::vector<std::string>& networks();
    //! The models/ folder of network `name` in a folder of UpscalerJS packages (node_modules/@upscalerjs).
    static std::filesystem::path networkModelsDir(const std::filesystem::path& packagesDir, const std::string& name);

    struct Private;

private:
    std::unique_ptr<Private> d;
};

} // namespace tessera
