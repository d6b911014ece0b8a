#include "LdmCheckpoint.h"

#include "tessera/diffusion/DiffusionError.h"

namespace tessera::detail {

LdmCheckpoint::LdmCheckpoint(const std::string& path)
    : m_path(path)
{
    const SafetensorsFile file(path);
    for (const auto& tensor : file.tensors())
        m_shapes[tensor.name] = tensor.shape;
    m_textEncoder = ldmTextEncoderOf(m_shapes);
}

void LdmCheckpoint::checkKeys(const LdmLayout& layout, const std::set<std::string>& networks) const
{
    for (const auto& [key, shape] : m_shapes) {
        (void)shape;
        const auto names = diffusersNamesOfLdmKey(key, layout);
        if (names.empty() && !isIgnoredLdmKey(key, layout))
            throw DiffusionError(path(), "unexpected parameter '" + key + "' (no network parameter has this name)");
        if (names.empty())
            continue;
        const auto& name = names.front().name;
        const auto network = name.substr(0, name.find('/'));
        if (networks.count(network) == 0)
            throw DiffusionError(path(), "unexpected parameter '" + key + "' (" + name + "): the model family has no "
                                             + network);
    }
}

Weights LdmCheckpoint::weights(const std::string& network, const LdmLayout& layout, const at::Device& device,
                               bool keepHalfPrecision) const
{
    const std::string prefix = network + "/";
    Weights weights;
    weights.setPath(path());
    const SafetensorsFile file(path());
    for (const auto& tensor : file.tensors()) {
        const auto names = diffusersNamesOfLdmKey(tensor.name, layout);
        if (names.empty() || names.front().name.compare(0, prefix.size(), prefix) != 0)
            continue;
        auto value = toTensor(tensor, path());
        if (!at::isFloatingType(value.scalar_type()))
            throw DiffusionError(path(), "parameter '" + tensor.name + "' is not floating point");
        value = asStoredWeight(value, device, keepHalfPrecision);
        for (const auto& name : names) {
            auto part = value;
            if (name.parts > 1) {
                if (part.dim() < 1 || part.size(0) % name.parts != 0)
                    throw DiffusionError(path(), "parameter '" + tensor.name + "' cannot be split in "
                                                     + std::to_string(name.parts) + " along its first dimension");
                const auto length = part.size(0) / name.parts;
                part = part.slice(0, name.part * length, (name.part + 1) * length).contiguous();
            }
            if (name.transpose) {
                if (part.dim() != 2)
                    throw DiffusionError(path(), "parameter '" + tensor.name + "' is no matrix to transpose");
                part = part.t().contiguous();
            }
            // a [C, C, 1, 1] 1x1 conv becomes the [C, C] Linear; any other shape is left for the
            // network's shape check to report
            if (name.squeezeToLinear && part.dim() == 4 && part.size(2) == 1 && part.size(3) == 1)
                part = part.flatten(1);
            weights.insert(name.name.substr(prefix.size()), part);
        }
    }
    const auto textEncoder = m_textEncoder;
    weights.setNameInFile([prefix, layout, textEncoder](const std::string& name) {
        const auto source = ldmSourceOfDiffusersName(prefix + name, layout, textEncoder);
        if (!source)
            return "'" + prefix + name + "'";
        const std::string part = source->parts > 1
            ? ", part " + std::to_string(source->part + 1) + " of " + std::to_string(source->parts)
            : std::string();
        return "'" + source->key + "' (" + prefix + name + part + ")";
    });
    return weights;
}

void LdmCheckpoint::checkAllTaken(const Weights& weights) const
{
    const auto unused = weights.unused();
    if (!unused.empty())
        throw DiffusionError(path(), "unexpected parameter " + weights.nameInFile(unused.front()));
}

} // namespace tessera::detail
