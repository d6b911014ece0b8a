// The names of the compute precisions and the CPU's bf16 (std only: the CLI checks --precision,
// and the studio says what "auto" means here, without libtorch).
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

bool cpuHasNativeBf16()
{
#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
    // GCC 12's __builtin_cpu_supports knows "avx512bf16" (VCVTNE2PS2BF16, VDPBF16PS: Cooper Lake,
    // Sapphire Rapids, Zen 4) and "amx-bf16" (the tile multiply: Sapphire Rapids on); it reads
    // cpuid and xgetbv, so a feature whose registers the OS does not save (ZMM, tile data) reads
    // false. oneDNN, under libtorch's bf16 conv and matmul, picks these kernels at run time; it
    // asks Linux for the AMX tile permission itself.
    return __builtin_cpu_supports("avx512bf16") || __builtin_cpu_supports("amx-bf16");
#else
    return false; // another compiler or architecture: no detection, Auto stays float32
#endif
}

} // namespace tessera
