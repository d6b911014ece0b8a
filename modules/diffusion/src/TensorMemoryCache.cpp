#include "TensorMemoryCache.h"

#include <c10/core/Allocator.h>
#include <c10/core/CPUAllocator.h>
#include <c10/core/impl/alloc_cpu.h>

#include <cstddef>
#include <map>
#include <mutex>
#include <unordered_map>

namespace tessera::detail {

namespace {

constexpr std::size_t kSmallest = std::size_t(4) << 20; // below this glibc's heap already reuses blocks
constexpr std::size_t kMostKept = std::size_t(1) << 30;

class CachingCpuAllocator final : public c10::Allocator
{
public:
    c10::DataPtr allocate(std::size_t bytes) const override
    {
        if (bytes < kSmallest)
            return plain(bytes);
        void* data = nullptr;
        {
            const std::lock_guard lock(m_mutex);
            const auto kept = m_kept.find(bytes);
            if (kept != m_kept.end()) {
                data = kept->second;
                m_kept.erase(kept);
                m_keptBytes -= bytes;
            }
        }
        if (!data)
            data = allocateFresh(bytes);
        {
            const std::lock_guard lock(m_mutex);
            m_live[data] = bytes;
        }
        return {data, data, &giveBack, c10::Device(c10::DeviceType::CPU)};
    }

    // libtorch frees some blocks by this deleter alone (raw_deallocate): it takes any block
    c10::DeleterFnPtr raw_deleter() const override { return &giveBack; }

    void openScope()
    {
        const std::lock_guard lock(m_mutex);
        ++m_scopes;
    }

    void closeScope()
    {
        {
            const std::lock_guard lock(m_mutex);
            if (--m_scopes > 0)
                return;
        }
        releaseKept();
    }

    std::size_t keptBytes() const
    {
        const std::lock_guard lock(m_mutex);
        return m_keptBytes;
    }

    static CachingCpuAllocator& instance()
    {
        // never destroyed: tensors may be freed during static destruction
        static auto* allocator = [] {
            auto* created = new CachingCpuAllocator;
            c10::SetCPUAllocator(created, /*priority*/ 1);
            return created;
        }();
        return *allocator;
    }

private:
    // when memory runs short, what is kept goes back before a second try
    void* allocateFresh(std::size_t bytes) const
    {
        try {
            return c10::alloc_cpu(bytes);
        } catch (const c10::Error&) {
            releaseKept();
            return c10::alloc_cpu(bytes);
        }
    }

    void releaseKept() const
    {
        std::multimap<std::size_t, void*> release;
        {
            const std::lock_guard lock(m_mutex);
            release.swap(m_kept);
            m_keptBytes = 0;
        }
        for (const auto& kept : release)
            c10::free_cpu(kept.second);
    }

    static c10::DataPtr plain(std::size_t bytes)
    {
        void* data = c10::alloc_cpu(bytes);
        return {data, data, &giveBack, c10::Device(c10::DeviceType::CPU)};
    }

    // every block's deleter: a large one may be kept, a small one (not in m_live) is freed
    static void giveBack(void* data) { instance().keepOrFree(data); }

    void keepOrFree(void* data)
    {
        {
            const std::lock_guard lock(m_mutex);
            const auto live = m_live.find(data);
            const std::size_t bytes = live == m_live.end() ? 0 : live->second;
            if (live != m_live.end())
                m_live.erase(live);
            if (bytes > 0 && m_scopes > 0 && m_keptBytes + bytes <= kMostKept) {
                m_kept.emplace(bytes, data);
                m_keptBytes += bytes;
                return;
            }
        }
        c10::free_cpu(data);
    }

    mutable std::mutex m_mutex;
    mutable std::unordered_map<void*, std::size_t> m_live;
    mutable std::multimap<std::size_t, void*> m_kept;
    mutable std::size_t m_keptBytes = 0;
    int m_scopes = 0;
};

} // namespace

TensorMemoryScope::TensorMemoryScope() { CachingCpuAllocator::instance().openScope(); }

TensorMemoryScope::~TensorMemoryScope() { CachingCpuAllocator::instance().closeScope(); }

std::size_t TensorMemoryScope::keptBytes() { return CachingCpuAllocator::instance().keptBytes(); }

} // namespace tessera::detail
