// TensorMemoryScope: inside a generation, a freed large tensor's block serves the next tensor of the
// same size (no fresh pages to fault in); small tensors and everything after the last scope go back
// to the system as before.

#include "TensorMemoryCache.h"

#include <ATen/ATen.h>
#include <c10/core/CPUAllocator.h>

#include <gtest/gtest.h>

using tessera::detail::TensorMemoryScope;

namespace {

constexpr int64_t kLargeFloats = int64_t(16) << 20; // 64 MiB

//! The address of a fresh tensor's block after one of the same size was freed.
std::pair<const void*, const void*> addressesOfTwoInTurn(int64_t floats)
{
    auto first = at::empty({floats});
    const void* firstAddress = first.data_ptr();
    first.reset();
    const auto second = at::empty({floats});
    return {firstAddress, second.data_ptr()};
}

} // namespace

TEST(TensorMemory, insideAScopeAFreedLargeBlockServesTheNextTensorOfItsSize)
{
    const TensorMemoryScope scope;
    const auto [first, second] = addressesOfTwoInTurn(kLargeFloats);
    EXPECT_EQ(first, second);
    // and a tensor of another size gets a block of its own, whole and writable
    auto other = at::ones({kLargeFloats + 1024});
    EXPECT_EQ(other.sum().item<double>(), double(kLargeFloats + 1024));
}

TEST(TensorMemory, theBlocksKeptGoBackWhenTheLastScopeEndsAndSmallOnesAreNeverKept)
{
    const void* kept = nullptr;
    {
        const TensorMemoryScope outer;
        {
            const TensorMemoryScope inner;
            auto tensor = at::empty({kLargeFloats});
            kept = tensor.data_ptr();
            at::empty({1024}); // 4 KiB: left to glibc's heap
        }
        // the outer scope still lives: the block is kept for the next tensor of its size
        EXPECT_EQ(TensorMemoryScope::keptBytes(), std::size_t(kLargeFloats) * sizeof(float));
        const auto again = at::empty({kLargeFloats});
        EXPECT_EQ(again.data_ptr(), kept);
        EXPECT_EQ(TensorMemoryScope::keptBytes(), 0u);
    }
    // no scope: the block went back to the system, and a freed tensor is not kept
    EXPECT_EQ(TensorMemoryScope::keptBytes(), 0u);
    at::empty({kLargeFloats});
    EXPECT_EQ(TensorMemoryScope::keptBytes(), 0u);
}

TEST(TensorMemory, libtorchsCpuAllocatorIsTheCacheOnceAScopeHasBeenOpened)
{
    { const TensorMemoryScope scope; }
    EXPECT_NE(c10::GetCPUAllocator(), c10::GetDefaultCPUAllocator());
    // raw allocations (as oneDNN's reorders make them) round-trip through it
    auto* allocator = c10::GetCPUAllocator();
    void* raw = allocator->raw_allocate(std::size_t(8) << 20);
    ASSERT_NE(raw, nullptr);
    allocator->raw_deallocate(raw);
}
