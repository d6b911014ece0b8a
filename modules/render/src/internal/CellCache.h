#pragma once

#include "tessera/color/LinearImage.h"

#include <QByteArray>
#include <QString>

#include <list>
#include <map>
#include <memory>

namespace tessera::internal {

//! Decoded, graded cells in scene-linear light, least recently used first out once the bytes
//! they hold pass the bound. Consecutive frames mostly reuse the same four cells.
class CellCache
{
public:
    explicit CellCache(std::size_t maxBytes);

    //! The cached image for a key, or nullptr.
    std::shared_ptr<const LinearImage> find(const QString& key);
    void insert(const QString& key, std::shared_ptr<const LinearImage> image);
    void clear();
    std::size_t bytes() const { return m_bytes; }
    std::size_t size() const { return m_entries.size(); }

private:
    struct Entry
    {
        QString key;
        std::shared_ptr<const LinearImage> image;
    };
    std::size_t m_maxBytes;
    std::size_t m_bytes = 0;
    std::list<Entry> m_entries; //!< most recent first
    std::map<QString, std::list<Entry>::iterator> m_index;
};

} // namespace tessera::internal
