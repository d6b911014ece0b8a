#include "tessera/diffusion/DiffusionPipeline.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <cstdlib>
#include <thread>

#include <dlfcn.h>

namespace tessera {

void configureComputeThreads()
{
    // per thread: OpenMP's thread count is a per-thread setting
    thread_local bool configured = false;
    if (configured)
        return;
    configured = true;
    // OpenBLAS's own pthreads fight libtorch's OpenMP threads for the cores (training ran at 100%
    // system time, several times slower): give it one.
    // Looked up at run time so that the engine links against whichever BLAS libtorch uses.
    using SetThreads = void (*)(int);
    if (auto* set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
        set(1);
    // The studio's Preferences (and TDs sharing a machine) may ask for fewer threads than cores.
    int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (const char* wanted = std::getenv("TESSERA_COMPUTE_THREADS")) {
        const int threads = std::atoi(wanted);
        if (threads > 0)
            cores = threads;
    }
    if (at::get_num_threads() != cores)
        at::set_num_threads(cores);
}

ComputePrecision resolveComputePrecision(ComputePrecision precision, ComputeDevice device)
{
    const bool cuda = device == ComputeDevice::Cuda || (device == ComputeDevice::Auto && at::hasCUDA());
    switch (precision) {
    case ComputePrecision::Auto:
        if (cuda)
            return ComputePrecision::Fp16;
        return cpuHasNativeBf16() ? ComputePrecision::Bf16 : ComputePrecision::Fp32;
    case ComputePrecision::Fp16:
        if (!cuda)
            throw DiffusionError({}, "fp16 runs on CUDA only: libtorch 1.13 has no half-precision convolution "
                                     "on the CPU; use bf16 (or fp32) there");
        return precision;
    case ComputePrecision::Fp32:
    case ComputePrecision::Bf16:
        return precision;
    }
    return ComputePrecision::Fp32;
}

} // namespace tessera
