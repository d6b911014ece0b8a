#include "KohyaLora.h"

#include "TensorLoader.h"

#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/SafetensorsFile.h"

#include <cctype>
#include <set>
#include <sstream>
#include <utility>

namespace tessera::detail {

namespace {

using ShapesByName = std::map<std::string, std::vector<std::int64_t>>;

bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.compare(0, prefix.size(), prefix) == 0;
}

// kohya's prefix -> the network it trains ("lora_te_" is SD 1.x/2.x's only text encoder).
const std::pair<const char*, const char*> networkPrefixes[] = {
    {"lora_unet_", "unet"},
    {"lora_te1_", "text_encoder"},
    {"lora_te2_", "text_encoder_2"},
    {"lora_te_", "text_encoder"},
};

// Tensor suffixes of the LyCORIS algorithms (and DoRA) that share kohya's module names: they need
// other maths than up @ down, so they are named and refused rather than mistaken for plain LoRA.
const std::pair<const char*, const char*> unsupportedSuffixes[] = {
    {"hada_", "LyCORIS LoHa"},
    {"lokr_", "LyCORIS LoKr"},
    {"lora_mid", "LyCORIS LoCon with a Tucker core (lora_mid)"},
    {"dora_scale", "DoRA"},
    {"diff", "LyCORIS full-weight difference"},
    {"on_input", "LyCORIS (IA)^3"},
};

struct ModuleTensors
{
    const SafetensorsTensor* down = nullptr;
    const SafetensorsTensor* up = nullptr;
    const SafetensorsTensor* alpha = nullptr;
};

// A kohya module name is the module path with "." -> "_". Rather than re-splitting it by knowledge
// of every module tree, each layer's own name is folded the same way and looked up.
class LayerLookup
{
public:
    explicit LayerLookup(const ShapesByName& shapes)
    {
        const std::string suffix = ".weight";
        for (const auto& entry : shapes) {
            const auto& name = entry.first;
            if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
                continue;
            std::string folded = name.substr(0, name.size() - suffix.size());
            for (auto& c : folded)
                if (c == '.')
                    c = '_';
            // two layers folding to one name would make the match a guess: remember it as ambiguous
            if (!m_weightByFoldedName.emplace(folded, name).second)
                m_ambiguous.insert(folded);
        }
    }

    //! The weight name, empty when no layer folds to `folded`.
    std::string find(const std::string& folded) const
    {
        const auto it = m_weightByFoldedName.find(folded);
        return it == m_weightByFoldedName.end() ? std::string() : it->second;
    }
    bool isAmbiguous(const std::string& folded) const { return m_ambiguous.count(folded) != 0; }

private:
    std::map<std::string, std::string> m_weightByFoldedName;
    std::set<std::string> m_ambiguous;
};

// kohya's SDXL trainer names UNet blocks as the original (SGM) model does: input_blocks_{n}_1 is
// the attention of down block (n-1)/(L+1), layer (n-1)%(L+1) (L = layers per block, +1 for the
// downsampler); output_blocks_{n}_1 that of up block n/(L+1), layer n%(L+1) (up blocks have L+1).
std::string sgmToDiffusers(const std::string& name, int layersPerBlock)
{
    if (startsWith(name, "middle_block_1_"))
        return "mid_block_attentions_0_" + name.substr(15);
    const bool input = startsWith(name, "input_blocks_");
    if (!input && !startsWith(name, "output_blocks_"))
        return {};
    std::size_t pos = input ? 13 : 14;
    const std::size_t digits = pos;
    while (pos < name.size() && std::isdigit(static_cast<unsigned char>(name[pos])))
        ++pos;
    if (pos == digits || pos - digits > 4 || name.compare(pos, 3, "_1_") != 0 || layersPerBlock < 1)
        return {};
    const int block = std::stoi(name.substr(digits, pos - digits));
    const int perLevel = layersPerBlock + 1;
    const std::string rest = name.substr(pos + 3);
    if (input) {
        if (block < 1 || (block - 1) % perLevel == layersPerBlock)
            return {}; // input_blocks_0 is conv_in, the last of each level a downsampler
        return "down_blocks_" + std::to_string((block - 1) / perLevel) + "_attentions_"
               + std::to_string((block - 1) % perLevel) + "_" + rest;
    }
    return "up_blocks_" + std::to_string(block / perLevel) + "_attentions_" + std::to_string(block % perLevel) + "_"
           + rest;
}

at::Tensor floatTensor(const SafetensorsTensor& tensor, const std::string& path)
{
    auto value = toTensor(tensor, path);
    if (!value.is_floating_point())
        throw DiffusionError(path, "tensor '" + tensor.name + "' has dtype " + safetensorsDTypeName(tensor.dtype)
                                       + ", not a floating-point type");
    return value.to(at::kFloat);
}

LoraLayer readLayer(const std::string& path, const std::string& module, const ModuleTensors& tensors,
                    const std::string& network, const std::string& weightName,
                    const std::vector<std::int64_t>& weightShape)
{
    if (!tensors.down || !tensors.up)
        throw DiffusionError(path, module + ": " + (tensors.down ? "lora_down without lora_up" : "lora_up without lora_down"));
    LoraLayer layer;
    layer.kohyaName = module;
    layer.network = network;
    layer.weightName = weightName;
    layer.down = floatTensor(*tensors.down, path);
    layer.up = floatTensor(*tensors.up, path);
    const auto& down = layer.down;
    const auto& up = layer.up;

    const bool linear = down.dim() == 2 && up.dim() == 2;
    const bool conv = down.dim() == 4 && up.dim() == 4 && up.size(2) == 1 && up.size(3) == 1;
    if (!linear && !conv)
        throw DiffusionError(path, module + ": lora_down " + shapeText(down.sizes()) + " and lora_up "
                                       + shapeText(up.sizes()) + " are not the factors of a Linear or Conv2d LoRA");
    const auto rank = down.size(0);
    if (up.size(1) != rank)
        throw DiffusionError(path, module + ": lora_down has rank " + std::to_string(rank) + " but lora_up has rank "
                                       + std::to_string(up.size(1)));
    std::vector<std::int64_t> loraShape = down.sizes().vec();
    loraShape[0] = up.size(0);
    if (loraShape != weightShape)
        throw DiffusionError(path, module + ": the LoRA's " + shapeText(loraShape) + " does not fit the layer's "
                                       + shapeText(weightShape) + " (" + network + " " + weightName
                                       + "): the LoRA is for another model family");

    if (tensors.alpha) {
        const auto alpha = floatTensor(*tensors.alpha, path);
        if (alpha.numel() != 1)
            throw DiffusionError(path, module + ": alpha has " + std::to_string(alpha.numel()) + " values, not one");
        layer.scale = alpha.item<double>() / static_cast<double>(rank);
    }
    return layer;
}

} // namespace

namespace {

//! up @ down, flattened: the factors of a Linear and of a Conv2d (any kernel) multiply alike.
at::Tensor product(const LoraLayer& layer, const at::Device& device)
{
    return at::mm(layer.up.reshape({layer.up.size(0), -1}).to(device), layer.down.reshape({layer.down.size(0), -1}).to(device));
}

} // namespace

at::Tensor LoraLayer::delta() const
{
    auto shape = down.sizes().vec();
    shape[0] = up.size(0);
    return (product(*this, down.device()) * scale).reshape(shape);
}

void LoraLayer::addTo(const at::Tensor& weight, double strength) const
{
    // the product in float32 on the weight's device, scaled and rounded into the weight by one
    // add_: two passes over the weight's size, where delta() then to() then add_ take four
    weight.add_(product(*this, weight.device()).view(weight.sizes()), strength * scale);
}

KohyaLora readKohyaLora(const std::string& path,
                        const std::map<std::string, std::map<std::string, std::vector<std::int64_t>>>& weightShapesByNetwork,
                        int layersPerBlock)
{
    SafetensorsFile file(path);

    std::map<std::string, ModuleTensors> modules; // sorted, so the first problem reported is stable
    std::string unknownKey;
    bool peftKeys = false;
    for (const auto& tensor : file.tensors()) {
        const auto& key = tensor.name;
        const auto dot = key.find('.');
        const std::string module = key.substr(0, dot);
        const std::string suffix = dot == std::string::npos ? std::string() : key.substr(dot + 1);
        if (startsWith(module, "lora_")) {
            if (suffix == "lora_down.weight") {
                modules[module].down = &tensor;
                continue;
            }
            if (suffix == "lora_up.weight") {
                modules[module].up = &tensor;
                continue;
            }
            if (suffix == "alpha") {
                modules[module].alpha = &tensor;
                continue;
            }
            for (const auto& [prefix, kind] : unsupportedSuffixes)
                if (startsWith(suffix, prefix))
                    throw DiffusionError(path, std::string("'") + key + "' is a " + kind
                                                   + " tensor: only plain LoRA (lora_down, lora_up, alpha) is supported");
        }
        peftKeys = peftKeys || key.find(".lora_A.") != std::string::npos || key.find(".lora.down.") != std::string::npos;
        if (unknownKey.empty())
            unknownKey = key;
    }
    if (modules.empty()) {
        if (peftKeys)
            throw DiffusionError(path, "a diffusers/PEFT-format LoRA (lora_A / lora.down keys), not a kohya one: "
                                       "not supported");
        throw DiffusionError(path, "not a kohya LoRA: it has no lora_down/lora_up tensors"
                                       + (unknownKey.empty() ? std::string() : " (its first tensor is '" + unknownKey + "')"));
    }
    if (!unknownKey.empty())
        throw DiffusionError(path, "'" + unknownKey + "' is not a kohya LoRA tensor (lora_down, lora_up, alpha)");

    KohyaLora lora;
    lora.path = path;
    lora.metadata = file.metadata();
    std::map<std::string, LayerLookup> lookups;
    std::set<std::pair<std::string, std::string>> changed;
    for (const auto& [module, tensors] : modules) {
        std::string network;
        std::string folded;
        for (const auto& [prefix, name] : networkPrefixes)
            if (startsWith(module, prefix)) {
                network = name;
                folded = module.substr(std::string(prefix).size());
                break;
            }
        const auto shapes = weightShapesByNetwork.find(network);
        std::string weightName;
        if (shapes != weightShapesByNetwork.end()) {
            auto lookup = lookups.find(network);
            if (lookup == lookups.end())
                lookup = lookups.emplace(network, LayerLookup(shapes->second)).first;
            if (lookup->second.find(folded).empty() && network == "unet") {
                const auto diffusersName = sgmToDiffusers(folded, layersPerBlock);
                if (!diffusersName.empty())
                    folded = diffusersName;
            }
            if (lookup->second.isAmbiguous(folded))
                throw DiffusionError(path, module + " matches more than one layer of this model");
            weightName = lookup->second.find(folded);
        }
        if (weightName.empty())
            throw DiffusionError(path, module + " matches no layer of this model: the LoRA is for another model family");
        if (!changed.emplace(network, weightName).second)
            throw DiffusionError(path, module + " changes " + network + " " + weightName
                                           + ", which another module of the file already changes");
        lora.layers.push_back(readLayer(path, module, tensors, network, weightName, shapes->second.at(weightName)));
    }
    return lora;
}

} // namespace tessera::detail
