#pragma once

#include <cstddef>

namespace tessera::detail {

//! While at least one TensorMemoryScope lives, libtorch's CPU tensors of 4 MiB and more are not
//! given back to the system when freed but kept (up to 1 GiB) for the next tensor of the same size;
//! when the last scope ends they are given back. Why: glibc hands such blocks out by mmap and
//! unmaps them on free, so every new activation of the VAE's 512x512 layers (67-134 MB) faults
//! in its pages afresh: 0.75 s of a 2.7 s bf16 VAE decode here. glibc's own thresholds would keep
//! them only by keeping every freed block for the process's life (0.9 GB more peak memory,
//! measured); tcmalloc would have to replace the studio's allocator as a whole. Installed once as
//! libtorch's CPU allocator (c10::SetCPUAllocator, the hook libtorch offers for this).
class TensorMemoryScope
{
public:
    TensorMemoryScope();
    ~TensorMemoryScope();
    TensorMemoryScope(const TensorMemoryScope&) = delete;
    TensorMemoryScope& operator=(const TensorMemoryScope&) = delete;

    //! bytes kept now for later tensors (0 outside any scope)
    static std::size_t keptBytes();
};

} // namespace tessera::detail
