#include "TensorLoader.h"

#include "tessera/diffusion/DiffusionError.h"

#include <nlohmann/json.hpp>

#include <cstring>
#include <fstream>
#include <sstream>

namespace tessera::detail {

std::string shapeText(at::IntArrayRef shape)
{
    std::ostringstream out;
    out << '[';
    for (std::size_t i = 0; i < shape.size(); ++i)
        out << (i ? ", " : "") << shape[i];
    out << ']';
    return out.str();
}

at::Tensor toTensor(const SafetensorsTensor& tensor, const std::string& path)
{
    at::ScalarType type = at::kFloat;
    switch (tensor.dtype) {
    case SafetensorsDType::F64: type = at::kDouble; break;
    case SafetensorsDType::F32: type = at::kFloat; break;
    case SafetensorsDType::F16: type = at::kHalf; break;
    case SafetensorsDType::BF16: type = at::kBFloat16; break;
    case SafetensorsDType::I64: type = at::kLong; break;
    case SafetensorsDType::I32: type = at::kInt; break;
    case SafetensorsDType::I16: type = at::kShort; break;
    case SafetensorsDType::I8: type = at::kChar; break;
    case SafetensorsDType::U8: type = at::kByte; break;
    case SafetensorsDType::Bool: type = at::kBool; break;
    case SafetensorsDType::F8E4M3:
    case SafetensorsDType::F8E5M2:
        throw DiffusionError(path, "tensor '" + tensor.name + "': dtype " + safetensorsDTypeName(tensor.dtype)
                                       + " is not supported by this libtorch");
    }
    // copied, not wrapped: the file's data is not aligned for the element type
    auto out = at::empty(tensor.shape, at::TensorOptions().dtype(type));
    if (tensor.byteSize)
        std::memcpy(out.data_ptr(), tensor.data, tensor.byteSize);
    return out;
}

void writeSafetensors(const std::string& path, const std::map<std::string, at::Tensor>& tensors,
                      const std::map<std::string, std::string>& metadata)
{
    nlohmann::json header = nlohmann::json::object();
    if (!metadata.empty())
        header["__metadata__"] = metadata;
    std::vector<at::Tensor> contiguous;
    uint64_t offset = 0;
    for (const auto& [name, tensor] : tensors) {
        auto t = tensor.detach().to(at::kCPU).contiguous();
        std::string dtype;
        switch (t.scalar_type()) {
        case at::kDouble: dtype = "F64"; break;
        case at::kFloat: dtype = "F32"; break;
        case at::kHalf: dtype = "F16"; break;
        case at::kBFloat16: dtype = "BF16"; break;
        case at::kLong: dtype = "I64"; break;
        case at::kInt: dtype = "I32"; break;
        case at::kShort: dtype = "I16"; break;
        case at::kChar: dtype = "I8"; break;
        case at::kByte: dtype = "U8"; break;
        case at::kBool: dtype = "BOOL"; break;
        default: throw DiffusionError(path, "tensor '" + name + "' has a dtype safetensors cannot hold");
        }
        const auto bytes = static_cast<uint64_t>(t.numel()) * t.element_size();
        header[name] = {{"dtype", dtype}, {"shape", t.sizes().vec()}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
        contiguous.push_back(t);
    }
    auto text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' '); // keep the data 8-byte aligned, as the reference writer does
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    char length[8];
    for (int i = 0; i < 8; ++i)
        length[i] = static_cast<char>((static_cast<uint64_t>(text.size()) >> (8 * i)) & 0xff);
    out.write(length, 8);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    for (const auto& t : contiguous)
        out.write(static_cast<const char*>(t.data_ptr()), static_cast<std::streamsize>(t.numel() * t.element_size()));
    out.close();
    if (!out)
        throw DiffusionError(path, "cannot write the file");
}

at::Tensor asStoredWeight(const at::Tensor& tensor, const at::Device& device, bool keepHalfPrecision)
{
    const auto type = tensor.scalar_type();
    const bool half = type == at::kHalf || type == at::kBFloat16;
    return tensor.to(device, keepHalfPrecision && half ? type : at::kFloat);
}

Weights Weights::load(const std::string& path, const at::Device& device, bool keepHalfPrecision)
{
    SafetensorsFile file(path);
    Weights weights;
    weights.m_path = path;
    for (const auto& tensor : file.tensors()) {
        auto t = toTensor(tensor, path);
        if (!at::isFloatingType(t.scalar_type()))
            continue;
        weights.m_tensors[tensor.name] = asStoredWeight(t, device, keepHalfPrecision);
    }
    return weights;
}

std::map<std::string, at::Tensor> Weights::loadRaw(const std::string& path)
{
    SafetensorsFile file(path);
    std::map<std::string, at::Tensor> out;
    for (const auto& tensor : file.tensors())
        out[tensor.name] = toTensor(tensor, path);
    return out;
}

const at::Tensor& Weights::get(const std::string& name) const
{
    const auto it = m_tensors.find(name);
    if (it == m_tensors.end())
        throw DiffusionError(m_path, "missing parameter " + nameInFile(name));
    m_used.insert(name);
    return it->second;
}

const at::Tensor& Weights::get(const std::string& name, at::IntArrayRef shape) const
{
    const auto& tensor = get(name);
    if (tensor.sizes() != shape)
        throw DiffusionError(m_path, "parameter " + nameInFile(name) + " has shape " + shapeText(tensor.sizes())
                                         + ", expected " + shapeText(shape));
    return tensor;
}

at::Tensor Weights::release(const std::string& name, at::IntArrayRef shape)
{
    get(name, shape);
    return std::move(m_tensors.at(name)); // the entry stays, empty, so unused() still sees it taken
}

std::vector<std::string> Weights::unused() const
{
    std::vector<std::string> out;
    for (const auto& [name, tensor] : m_tensors) {
        (void)tensor;
        if (!m_used.count(name))
            out.push_back(name);
    }
    return out;
}

} // namespace tessera::detail
