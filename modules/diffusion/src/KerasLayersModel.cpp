#include "KerasLayersModel.h"

#include "JsonHelpers.h"
#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/ModelConfig.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>

namespace tessera::detail {

namespace {

using nlohmann::json;

std::string describe(const json& value) { return value.dump(); }

// A stored weight, by its manifest name ("LAYER/kernel"), in the manifest's shape.
struct StoredWeight
{
    std::vector<int64_t> shape;
    torch::Tensor values;
};

// Reads the weightsManifest's shards: each group's files concatenated hold its weights in order.
std::map<std::string, StoredWeight> readWeights(const json& manifest, const std::filesystem::path& modelJson)
{
    const std::string where = modelJson.string();
    if (!manifest.is_array() || manifest.empty())
        throw DiffusionError(where, "no weightsManifest (a list of weight groups)");
    std::map<std::string, StoredWeight> weights;
    for (const json& group : manifest) {
        if (!group.is_object() || !group.contains("paths") || !group["paths"].is_array()
            || !group.contains("weights") || !group["weights"].is_array())
            throw DiffusionError(where, "a weightsManifest group without \"paths\" and \"weights\" lists");
        // the group's bytes: its shard files in order
        std::string bytes;
        std::filesystem::path lastShard;
        for (const json& shardName : group["paths"]) {
            if (!shardName.is_string())
                throw DiffusionError(where, "a weight shard path is not a string: " + describe(shardName));
            lastShard = modelJson.parent_path() / shardName.get<std::string>();
            std::ifstream in(lastShard, std::ios::binary | std::ios::ate);
            if (!in)
                throw DiffusionError(lastShard.string(), "cannot read the weight shard model.json lists");
            const std::streamoff size = in.tellg();
            const std::size_t start = bytes.size();
            bytes.resize(start + static_cast<std::size_t>(std::max<std::streamoff>(size, 0)));
            in.seekg(0);
            if (size < 0 || !in.read(bytes.data() + start, size))
                throw DiffusionError(lastShard.string(), "cannot read the weight shard");
        }
        std::size_t offset = 0;
        std::vector<std::pair<std::string, std::vector<int64_t>>> specs;
        for (const json& spec : group["weights"]) {
            if (!spec.is_object() || !spec.contains("name") || !spec["name"].is_string() || !spec.contains("shape")
                || !spec["shape"].is_array())
                throw DiffusionError(where, "a weight without a name and a shape: " + describe(spec));
            const std::string name = spec["name"].get<std::string>();
            const std::string dtype = spec.value("dtype", std::string("float32"));
            if (dtype != "float32")
                throw DiffusionError(where, "weight '" + name + "' is " + dtype + "; only float32 weights are supported");
            if (spec.contains("quantization") && !spec["quantization"].is_null())
                throw DiffusionError(where, "weight '" + name + "' is quantized; only float32 weights are supported");
            std::vector<int64_t> shape;
            int64_t count = 1;
            for (const json& extent : spec["shape"]) {
                if (!extent.is_number_integer() || extent.get<int64_t>() < 0)
                    throw DiffusionError(where, "weight '" + name + "' has a bad shape " + describe(spec["shape"]));
                shape.push_back(extent.get<int64_t>());
                count *= shape.back();
            }
            specs.emplace_back(name, shape);
            offset += static_cast<std::size_t>(count) * sizeof(float);
        }
        if (offset != bytes.size()) {
            const std::string shards = group["paths"].size() == 1 ? lastShard.string()
                                                                   : where + " (group ending " + lastShard.string() + ")";
            throw DiffusionError(shards, "the weight shard is " + std::to_string(bytes.size()) + " bytes; model.json's weightsManifest needs "
                                      + std::to_string(offset) + " (" + (offset > bytes.size() ? "truncated" : "too long") + ")");
        }
        offset = 0;
        for (const auto& [name, shape] : specs) {
            torch::Tensor values = torch::empty(shape, torch::kFloat32);
            const std::size_t size = static_cast<std::size_t>(values.numel()) * sizeof(float);
            std::memcpy(values.data_ptr<float>(), bytes.data() + offset, size); // little-endian, as TF.js writes it
            offset += size;
            if (!weights.emplace(name, StoredWeight{shape, values}).second)
                throw DiffusionError(where, "weight '" + name + "' is listed twice in the weightsManifest");
        }
    }
    return weights;
}

// [a, b] or a single int (Keras accepts both for kernel_size, strides, dilation_rate, size).
std::vector<int64_t> pair(const json& config, const char* key, int64_t fallback, const std::string& where,
                          const std::string& layer)
{
    if (!config.contains(key) || config[key].is_null())
        return {fallback, fallback};
    const json& value = config[key];
    if (value.is_number_integer())
        return {value.get<int64_t>(), value.get<int64_t>()};
    if (value.is_array() && value.size() == 2 && value[0].is_number_integer() && value[1].is_number_integer()
        && value[0].get<int64_t>() > 0 && value[1].get<int64_t>() > 0)
        return {value[0].get<int64_t>(), value[1].get<int64_t>()};
    throw DiffusionError(where, "layer '" + layer + "': " + key + " " + describe(value) + " is not a pair of positive integers");
}

std::string text(const json& config, const char* key, const std::string& fallback)
{
    if (!config.contains(key) || config[key].is_null())
        return fallback;
    return config[key].is_string() ? config[key].get<std::string>() : describe(config[key]);
}

} // namespace

KerasLayersModel::KerasLayersModel(const std::filesystem::path& modelJson)
{
    const std::string where = modelJson.string();
    const json root = parseJson(readTextFile(where), where);
    if (!root.is_object() || !root.contains("modelTopology") || !root["modelTopology"].is_object())
        throw DiffusionError(where, "not a TensorFlow.js layers model (no modelTopology)");
    if (root.contains("format") && root["format"] != "layers-model")
        throw DiffusionError(where, "format " + describe(root["format"]) + " is not \"layers-model\"");
    // tfjs-converter writes {"model_config": {...}}; older exports put the model itself there
    const json& topology = root["modelTopology"];
    const json& model = topology.contains("model_config") ? topology["model_config"] : topology;
    const std::string modelClass = text(model, "class_name", "");
    if (modelClass != "Functional" && modelClass != "Model")
        throw DiffusionError(where, "model class '" + modelClass + "' is not supported (a Keras functional model is)");
    const json& config = model.value("config", json::object());
    if (!config.contains("layers") || !config["layers"].is_array())
        throw DiffusionError(where, "the model has no layer list");

    const auto weights = readWeights(root.value("weightsManifest", json()), modelJson);
    auto weight = [&](const std::string& layer, const char* part) -> const StoredWeight& {
        const auto it = weights.find(layer + "/" + part);
        if (it == weights.end())
            throw DiffusionError(where, "layer '" + layer + "': no weight '" + layer + "/" + part + "' in the weightsManifest");
        return it->second;
    };

    std::map<std::string, int> indexOf;
    std::vector<int> channels; // per layer: output channels
    std::vector<int> factor; // per layer: output pixels per input pixel
    std::vector<int> radius; // per layer: input pixels its outputs depend on, each way
    for (const json& entry : config["layers"]) {
        Layer layer;
        const std::string className = text(entry, "class_name", "?");
        const json& layerConfig = entry.value("config", json::object());
        layer.name = entry.contains("name") ? text(entry, "name", "") : text(layerConfig, "name", "");
        if (layer.name.empty() || indexOf.count(layer.name))
            throw DiffusionError(where, "a layer without a name, or a name used twice: " + layer.name);
        auto fail = [&](const std::string& problem) -> DiffusionError {
            return DiffusionError(where, "layer '" + layer.name + "' (" + className + "): " + problem);
        };
        // inbound_nodes: [[ [name, node, tensor, kwargs], ... ]]; a layer called twice (shared weights) is not supported
        const json& nodes = entry.value("inbound_nodes", json::array());
        if (!nodes.is_array() || nodes.size() > 1)
            throw fail("called more than once (shared layers are not supported)");
        if (nodes.size() == 1) {
            for (const json& inbound : nodes[0]) {
                if (!inbound.is_array() || inbound.empty() || !inbound[0].is_string())
                    throw fail("an inbound node that is not [name, node, tensor, kwargs]: " + describe(inbound));
                if (inbound.size() > 2 && inbound[2] != 0)
                    throw fail("reads a layer's output other than its first (not supported)");
                const auto found = indexOf.find(inbound[0].get<std::string>());
                if (found == indexOf.end())
                    throw fail("reads '" + inbound[0].get<std::string>() + "', which no layer before it makes");
                layer.inputs.push_back(found->second);
            }
        }
        int outChannels = 0;
        int outFactor = 1;
        int outRadius = 0;
        auto needInputs = [&](std::size_t least, std::size_t most) {
            if (layer.inputs.size() < least || layer.inputs.size() > most)
                throw fail("has " + std::to_string(layer.inputs.size()) + " inputs");
        };
        auto sameFactor = [&]() {
            for (int input : layer.inputs)
                if (factor[input] != factor[layer.inputs[0]])
                    throw fail("joins tensors of different resolutions");
            outFactor = factor[layer.inputs[0]];
            for (int input : layer.inputs)
                outRadius = std::max(outRadius, radius[input]);
        };
        auto channelsLast = [&]() {
            const std::string format = text(layerConfig, "data_format", "channels_last");
            if (format != "channels_last")
                throw fail("data_format " + format + " is not supported (channels_last is)");
        };
        if (className == "InputLayer") {
            needInputs(0, 0);
            layer.kind = Kind::Input;
            const json& shape = layerConfig.contains("batch_input_shape") ? layerConfig["batch_input_shape"]
                                                                          : layerConfig.value("batch_shape", json());
            if (!shape.is_array() || shape.size() != 4 || !shape[3].is_number_integer())
                throw fail("input shape " + describe(shape) + " is not [batch, height, width, channels]");
            outChannels = shape[3].get<int>();
            if (text(layerConfig, "dtype", "float32") != "float32")
                throw fail("input dtype is not float32");
        } else if (className == "Conv2D") {
            needInputs(1, 1);
            layer.kind = Kind::Conv2D;
            channelsLast();
            const auto kernel = pair(layerConfig, "kernel_size", 1, where, layer.name);
            const auto strides = pair(layerConfig, "strides", 1, where, layer.name);
            layer.dilation = pair(layerConfig, "dilation_rate", 1, where, layer.name);
            if (strides[0] != 1 || strides[1] != 1)
                throw fail("strides " + describe(layerConfig["strides"]) + " are not supported (1 is)");
            if (layerConfig.value("groups", 1) != 1)
                throw fail("grouped convolution is not supported");
            const std::string activation = text(layerConfig, "activation", "linear");
            if (activation != "linear" && activation != "relu")
                throw fail("activation '" + activation + "' is not supported (linear and relu are)");
            layer.relu = activation == "relu";
            const int filters = layerConfig.value("filters", 0);
            const int inChannels = channels[layer.inputs[0]];
            const StoredWeight& kernelWeight = weight(layer.name, "kernel");
            const std::vector<int64_t> expected{kernel[0], kernel[1], inChannels, filters};
            if (kernelWeight.shape != expected)
                throw fail("kernel weight has shape " + describe(json(kernelWeight.shape)) + ", the layer needs "
                           + describe(json(expected)));
            layer.weight = kernelWeight.values.permute({3, 2, 0, 1}).contiguous(); // kh kw in out -> out in kh kw
            if (layerConfig.value("use_bias", true)) {
                const StoredWeight& biasWeight = weight(layer.name, "bias");
                if (biasWeight.shape != std::vector<int64_t>{filters})
                    throw fail("bias weight has shape " + describe(json(biasWeight.shape)) + ", the layer needs ["
                               + std::to_string(filters) + "]");
                layer.bias = biasWeight.values;
            }
            // reach of the kernel, each way; TF's "same" puts the odd extra pixel after (right, bottom)
            const int64_t spanHeight = (kernel[0] - 1) * layer.dilation[0];
            const int64_t spanWidth = (kernel[1] - 1) * layer.dilation[1];
            const std::string padding = text(layerConfig, "padding", "valid");
            if (padding == "same")
                layer.padding = {spanWidth / 2, spanWidth - spanWidth / 2, spanHeight / 2, spanHeight - spanHeight / 2};
            else if (padding != "valid" || spanHeight != 0 || spanWidth != 0)
                throw fail("padding '" + padding + "' with a " + std::to_string(kernel[0]) + "x" + std::to_string(kernel[1])
                           + " kernel is not supported (it changes the image size; \"same\" is supported)");
            outChannels = filters;
            outFactor = factor[layer.inputs[0]];
            // a reach of r output pixels at a resolution f times the input's can touch ceil(r / f) input pixels
            const int64_t reach = std::max(spanHeight - spanHeight / 2, spanWidth - spanWidth / 2);
            outRadius = radius[layer.inputs[0]] + static_cast<int>((reach + outFactor - 1) / outFactor);
        } else if (className == "Activation" || className == "ReLU") {
            needInputs(1, 1);
            layer.kind = Kind::Relu;
            if (className == "Activation") {
                const std::string activation = text(layerConfig, "activation", "linear");
                if (activation != "relu")
                    throw fail("activation '" + activation + "' is not supported (relu is)");
            } else if (!layerConfig.value("max_value", json()).is_null()
                       || layerConfig.value("negative_slope", 0.0) != 0.0 || layerConfig.value("threshold", 0.0) != 0.0) {
                throw fail("only a plain ReLU is supported (no max_value, negative_slope or threshold)");
            }
            outChannels = channels[layer.inputs[0]];
            sameFactor();
        } else if (className == "Concatenate") {
            needInputs(2, 1000);
            layer.kind = Kind::Concatenate;
            const int axis = layerConfig.value("axis", -1);
            if (axis != -1 && axis != 3)
                throw fail("axis " + std::to_string(axis) + " is not supported (the channel axis, -1 or 3, is)");
            for (int input : layer.inputs)
                outChannels += channels[input];
            sameFactor();
        } else if (className == "Add") {
            needInputs(2, 1000);
            layer.kind = Kind::Add;
            for (int input : layer.inputs)
                if (channels[input] != channels[layer.inputs[0]])
                    throw fail("adds tensors of different channel counts");
            outChannels = channels[layer.inputs[0]];
            sameFactor();
        } else if (className == "UpSampling2D") {
            needInputs(1, 1);
            layer.kind = Kind::UpSampling2D;
            channelsLast();
            const std::string interpolation = text(layerConfig, "interpolation", "nearest");
            if (interpolation != "nearest")
                throw fail("interpolation '" + interpolation + "' is not supported (nearest is)");
            const auto size = pair(layerConfig, "size", 2, where, layer.name);
            if (size[0] != size[1])
                throw fail("different factors across and down are not supported");
            layer.upHeight = size[0];
            layer.upWidth = size[1];
            outChannels = channels[layer.inputs[0]];
            outFactor = factor[layer.inputs[0]] * static_cast<int>(size[0]);
            outRadius = radius[layer.inputs[0]];
        } else if (className == "MultiplyBeta") {
            // UpscalerJS's MultiplyBeta (packages/shared/src/esrgan): tf.mul(x, 0.2), whatever the
            // config holds; idealo's Keras layer stored its beta there, so a different one is refused
            needInputs(1, 1);
            layer.kind = Kind::MultiplyBeta;
            const json& beta = layerConfig.value("beta", json(0.2));
            if (!beta.is_number() || beta.get<double>() != 0.2)
                throw fail("beta " + describe(beta) + " is not 0.2 (UpscalerJS runs this layer as x * 0.2)");
            layer.beta = 0.2;
            outChannels = channels[layer.inputs[0]];
            sameFactor();
            m_rrdnLayers = true;
        } else if (className.rfind("PixelShuffle", 0) == 0 && className.size() > 13 && className.back() == 'x') {
            // UpscalerJS's PixelShuffle<N>x: tf.depthToSpace(x, N, 'NHWC'), N the model's scale
            needInputs(1, 1);
            layer.kind = Kind::PixelShuffle;
            const std::string digits = className.substr(12, className.size() - 13);
            if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 2 || std::stoi(digits) < 2)
                throw fail("not a PixelShuffle<N>x layer with a block size N of 2 or more");
            layer.block = std::stoi(digits);
            const json& scale = layerConfig.value("scale", json(layer.block));
            if (!scale.is_number_integer() || scale.get<int64_t>() != layer.block)
                throw fail("config scale " + describe(scale) + " is not the " + digits + " its class name says");
            const int64_t inChannels = channels[layer.inputs[0]];
            if (inChannels % (layer.block * layer.block) != 0)
                throw fail(std::to_string(inChannels) + " channels do not divide into " + digits + "x" + digits + " blocks");
            outChannels = static_cast<int>(inChannels / (layer.block * layer.block));
            // each output pixel comes from one input pixel, like nearest upsampling
            outFactor = factor[layer.inputs[0]] * static_cast<int>(layer.block);
            outRadius = radius[layer.inputs[0]];
            m_rrdnLayers = true;
        } else {
            throw fail("layer type '" + className + "' is not supported (InputLayer, Conv2D, Activation relu, ReLU, "
                                                      "Concatenate, Add, nearest UpSampling2D, MultiplyBeta and "
                                                      "PixelShuffle<N>x are)");
        }
        indexOf[layer.name] = static_cast<int>(m_layers.size());
        channels.push_back(outChannels);
        factor.push_back(outFactor);
        radius.push_back(outRadius);
        for (int input : layer.inputs)
            m_layers[input].lastUse = static_cast<int>(m_layers.size());
        m_layers.push_back(std::move(layer));
    }

    auto single = [&](const char* key) {
        const json& list = config.value(key, json());
        if (!list.is_array() || list.size() != 1 || !list[0].is_array() || list[0].empty() || !list[0][0].is_string())
            throw DiffusionError(where, std::string("the model must have exactly one ") + key + " entry: " + describe(list));
        const auto found = indexOf.find(list[0][0].get<std::string>());
        if (found == indexOf.end())
            throw DiffusionError(where, std::string(key) + " names a layer that does not exist: " + describe(list));
        return found->second;
    };
    const int input = single("input_layers");
    m_output = single("output_layers");
    for (std::size_t i = 0; i < m_layers.size(); ++i)
        if (m_layers[i].kind == Kind::Input && static_cast<int>(i) != input)
            throw DiffusionError(where, "more than one input layer");
    if (input != 0)
        throw DiffusionError(where, "the input layer is not the first layer");
    m_inputChannels = channels[input];
    m_upsampling = factor[m_output];
    m_receptiveRadius = radius[m_output];
}

torch::Tensor KerasLayersModel::forward(const torch::Tensor& input) const
{
    TORCH_CHECK(input.dim() == 4 && input.size(1) == m_inputChannels, "KerasLayersModel: input is not N x ",
                m_inputChannels, " x H x W");
    std::vector<torch::Tensor> outputs(m_layers.size());
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        const Layer& layer = m_layers[i];
        auto in = [&](std::size_t k) -> const torch::Tensor& { return outputs[layer.inputs[k]]; };
        torch::Tensor out;
        switch (layer.kind) {
        case Kind::Input:
            out = input;
            break;
        case Kind::Conv2D: {
            const auto& p = layer.padding;
            const bool symmetric = p[0] == p[1] && p[2] == p[3];
            torch::Tensor x = symmetric ? in(0) : torch::constant_pad_nd(in(0), {p[0], p[1], p[2], p[3]}, 0);
            out = torch::conv2d(x, layer.weight, layer.bias, {1, 1},
                                symmetric ? std::vector<int64_t>{p[2], p[0]} : std::vector<int64_t>{0, 0}, layer.dilation);
            if (layer.relu)
                out.relu_();
            break;
        }
        case Kind::Relu:
            out = torch::relu(in(0));
            break;
        case Kind::Concatenate: {
            std::vector<torch::Tensor> parts;
            for (std::size_t k = 0; k < layer.inputs.size(); ++k)
                parts.push_back(in(k));
            out = torch::cat(parts, 1);
            break;
        }
        case Kind::Add:
            out = in(0) + in(1);
            for (std::size_t k = 2; k < layer.inputs.size(); ++k)
                out.add_(in(k));
            break;
        case Kind::UpSampling2D:
            out = torch::upsample_nearest2d(in(0), std::vector<int64_t>{in(0).size(2) * layer.upHeight,
                                                                        in(0).size(3) * layer.upWidth});
            break;
        case Kind::MultiplyBeta:
            out = in(0) * layer.beta;
            break;
        case Kind::PixelShuffle: {
            // TF's depth_to_space reads channel (i * block + j) * C + c for output (h * block + i,
            // w * block + j, c); torch's pixel_shuffle orders the channels c * block^2 + ..., hence by hand
            const torch::Tensor& x = in(0);
            const int64_t n = x.size(0), c = x.size(1) / (layer.block * layer.block), h = x.size(2), w = x.size(3);
            out = x.view({n, layer.block, layer.block, c, h, w})
                      .permute({0, 3, 4, 1, 5, 2})
                      .reshape({n, c, h * layer.block, w * layer.block});
            break;
        }
        }
        outputs[i] = std::move(out);
        // free what no later layer reads, so memory follows the live tensors, not the whole graph
        for (int source : layer.inputs)
            if (m_layers[source].lastUse == static_cast<int>(i) && source != m_output)
                outputs[source] = torch::Tensor();
    }
    return outputs[m_output];
}

} // namespace tessera::detail
