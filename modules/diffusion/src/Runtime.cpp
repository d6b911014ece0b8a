#include "tessera/diffusion/DiffusionPipeline.h"

#include <ATen/Parallel.h>

#include <algorithm>
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
    // OpenBLAS's own pthreads fight libtorch's OpenMP threads for the cores (DESIGN.md): give it one.
    // Looked up at run time so that the engine links against whichever BLAS libtorch uses.
    using SetThreads = void (*)(int);
    if (auto* set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
        set(1);
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (at::get_num_threads() != cores)
        at::set_num_threads(cores);
}

} // namespace tessera
