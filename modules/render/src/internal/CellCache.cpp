#include "internal/CellCache.h"

namespace tessera::internal {

namespace {
std::size_t bytesOf(const LinearImage& image) { return image.rgb.size() * sizeof(float); }
} // namespace

CellCache::CellCache(std::size_t maxBytes)
    : m_maxBytes(maxBytes)
{
}

std::shared_ptr<const LinearImage> CellCache::find(const QString& key)
{
    const auto found = m_index.find(key);
    if (found == m_index.end())
        return nullptr;
    m_entries.splice(m_entries.begin(), m_entries, found->second);
    return found->second->image;
}

void CellCache::insert(const QString& key, std::shared_ptr<const LinearImage> image)
{
    if (const auto found = m_index.find(key); found != m_index.end()) {
        m_bytes -= bytesOf(*found->second->image);
        m_entries.erase(found->second);
        m_index.erase(found);
    }
    m_bytes += bytesOf(*image);
    m_entries.push_front({key, std::move(image)});
    m_index[key] = m_entries.begin();
    // Keep at least the newest entry, whatever its size: the frame being composed needs it.
    while (m_bytes > m_maxBytes && m_entries.size() > 1) {
        m_bytes -= bytesOf(*m_entries.back().image);
        m_index.erase(m_entries.back().key);
        m_entries.pop_back();
    }
}

void CellCache::clear()
{
    m_entries.clear();
    m_index.clear();
    m_bytes = 0;
}

} // namespace tessera::internal
