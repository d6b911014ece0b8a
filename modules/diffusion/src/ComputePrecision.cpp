// The names of the compute precisions (std only: the CLI checks --precision without libtorch).
#include "tessera/diffusion/DiffusionPipeline.h"

namespace tessera {

std::string computePrecisionName(ComputePrecision precision)
{
    switch (precision) {
    case ComputePrecision::Auto:
        return "auto";
    case ComputePrecision::Fp32:
        return "fp32";
    case ComputePrecision::Bf16:
        return "bf16";
    case ComputePrecision::Fp16:
        return "fp16";
    }
    return "fp32";
}

ComputePrecision parseComputePrecision(const std::string& name)
{
    for (const auto precision :
         {ComputePrecision::Auto, ComputePrecision::Fp32, ComputePrecision::Bf16, ComputePrecision::Fp16}) {
        if (computePrecisionName(precision) == name)
            return precision;
    }
    throw DiffusionError({}, "unknown compute precision '" + name + "' (auto, fp32, bf16 or fp16)");
}

} // namespace tessera
