#pragma once

// A Keras functional model saved in TensorFlow.js layers format (model.json: modelTopology +
// weightsManifest; float32 weight shards beside it), rebuilt from its layer list and run in
// libtorch, NCHW. Only the layer types image-to-image convolutional networks such as ESRGAN/RDN use
// are supported (InputLayer, Conv2D, Activation/ReLU, Concatenate, Add, nearest UpSampling2D), and
// the two custom layers of UpscalerJS's RRDN models (esrgan-thick): MultiplyBeta (times 0.2) and
// PixelShuffle<N>x (TF's depth_to_space). Any other layer, setting or weight encoding is refused
// with a DiffusionError naming model.json and the layer, rather than run wrongly.

#include <torch/torch.h>

#include <filesystem>
#include <string>
#include <vector>

namespace tessera::detail {

class KerasLayersModel
{
public:
    //! Reads model.json and its shards; throws DiffusionError "<file>: <problem>".
    explicit KerasLayersModel(const std::filesystem::path& modelJson);

    //! Runs the network on a batch NCHW (the channels of the Keras input's last axis).
    torch::Tensor forward(const torch::Tensor& input) const;

    int inputChannels() const { return m_inputChannels; }
    //! Output pixels per input pixel (the product of the UpSampling2D factors on the path).
    int upsampling() const { return m_upsampling; }
    //! How many input pixels an output pixel depends on in each direction, rounded up.
    int receptiveRadius() const { return m_receptiveRadius; }
    //! Whether the graph holds UpscalerJS's custom RRDN layers (MultiplyBeta, PixelShuffle<N>x):
    //! UpscalerJS registers those only for its non-RDN ESRGAN models, which take and give 0..1.
    bool hasRrdnLayers() const { return m_rrdnLayers; }

private:
    enum class Kind { Input, Conv2D, Relu, Concatenate, Add, UpSampling2D, MultiplyBeta, PixelShuffle };
    struct Layer
    {
        Kind kind = Kind::Input;
        std::string name;
        std::vector<int> inputs; // indices into m_layers
        int lastUse = -1; // the last layer that reads this one's output (to free it early)
        // Conv2D
        torch::Tensor weight; // out, in, kh, kw
        torch::Tensor bias; // out, or undefined
        std::vector<int64_t> dilation{1, 1};
        std::vector<int64_t> padding{0, 0, 0, 0}; // left, right, top, bottom ("same" for even kernels is asymmetric)
        bool relu = false;
        // UpSampling2D
        int64_t upHeight = 1;
        int64_t upWidth = 1;
        // MultiplyBeta
        double beta = 0.2;
        // PixelShuffle: block size (TF depth_to_space, NHWC channel order)
        int64_t block = 1;
    };

    std::vector<Layer> m_layers;
    int m_output = -1;
    int m_inputChannels = 0;
    int m_upsampling = 1;
    int m_receptiveRadius = 0;
    bool m_rrdnLayers = false;
};

} // namespace tessera::detail
