#pragma once

// safetensors -> ATen tensors, and a parameter store the networks read their weights from by
// diffusers/transformers parameter name.

#include "tessera/diffusion/SafetensorsFile.h"

#include <ATen/ATen.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace tessera::detail {

//! "[a, b, c]": a shape as error messages write it.
std::string shapeText(at::IntArrayRef shape);

//! A copy of one tensor in its own dtype (F8 types are refused).
at::Tensor toTensor(const SafetensorsTensor& tensor, const std::string& path);

//! A loaded floating-point tensor as Weights stores it: on `device`, float32, or F16/BF16 as they
//! are when `keepHalfPrecision`.
at::Tensor asStoredWeight(const at::Tensor& tensor, const at::Device& device, bool keepHalfPrecision);

//! Writes tensors (float32, float16, bfloat16, int64...) as a safetensors file, names sorted, with
//! an optional __metadata__ map; throws DiffusionError when the file cannot be written.
void writeSafetensors(const std::string& path, const std::map<std::string, at::Tensor>& tensors,
                      const std::map<std::string, std::string>& metadata = {});

//! Named parameters of one network on one device, loaded as float32 (F16/BF16/F64 converted), or
//! with F16 and BF16 kept as they are for a network that computes in half precision (its
//! PrecisionParams converts each once, so no float32 copy of the model is ever made).
class Weights
{
public:
    Weights() = default;
    //! Loads every floating-point tensor of a safetensors file.
    static Weights load(const std::string& path, const at::Device& device, bool keepHalfPrecision = false);
    //! Every tensor of the file in its own dtype (for tests and tools).
    static std::map<std::string, at::Tensor> loadRaw(const std::string& path);

    //! The named parameter; throws DiffusionError "<file>: missing parameter ..." or a shape mismatch.
    const at::Tensor& get(const std::string& name, at::IntArrayRef shape) const;
    //! The named parameter of any shape (throws when missing).
    const at::Tensor& get(const std::string& name) const;
    //! get(name, shape), handing the tensor over: the store keeps no reference, so a network
    //! that converts it (PrecisionParams) frees the loaded copy at once instead of at the end.
    at::Tensor release(const std::string& name, at::IntArrayRef shape);
    bool contains(const std::string& name) const { return m_tensors.count(name) != 0; }
    //! Names that no get() asked for (to report unexpected weights).
    std::vector<std::string> unused() const;
    void insert(const std::string& name, at::Tensor tensor) { m_tensors[name] = std::move(tensor); }
    const std::string& path() const { return m_path; }
    void setPath(std::string path) { m_path = std::move(path); }
    //! How errors name a parameter (a single-file checkpoint names its own key); default: 'name'.
    void setNameInFile(std::function<std::string(const std::string&)> nameInFile) { m_nameInFile = std::move(nameInFile); }
    std::string nameInFile(const std::string& name) const
    {
        return m_nameInFile ? m_nameInFile(name) : "'" + name + "'";
    }

private:
    std::string m_path;
    std::function<std::string(const std::string&)> m_nameInFile;
    std::map<std::string, at::Tensor> m_tensors;
    mutable std::set<std::string> m_used;
};

} // namespace tessera::detail
