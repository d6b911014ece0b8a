#pragma once

// The hand-over between the render thread and the encoding thread: a few frames at most, so
// rendering runs ahead of encoding without holding the video in memory.

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace tessera::exporting {

template <typename Item> class FrameQueue
{
public:
    explicit FrameQueue(size_t capacity)
        : m_capacity(capacity)
    { }

    //! Blocks while full; false when the queue was aborted (the item is dropped).
    bool push(Item item)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [this] { return m_aborted || m_items.size() < m_capacity; });
        if (m_aborted)
            return false;
        m_items.push_back(std::move(item));
        m_notEmpty.notify_one();
        return true;
    }

    //! Blocks while empty; nothing once the producer closed an empty queue or it was aborted.
    std::optional<Item> pop()
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [this] { return m_aborted || m_closed || !m_items.empty(); });
        if (m_aborted || m_items.empty())
            return std::nullopt;
        Item item = std::move(m_items.front());
        m_items.pop_front();
        m_notFull.notify_one();
        return item;
    }

    //! The producer is done: the consumer drains what is queued, then pop() returns nothing.
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notEmpty.notify_all();
    }

    //! Stops both sides now (cancel or error): blocked calls return at once.
    void abort()
    {
        std::lock_guard lock(m_mutex);
        m_aborted = true;
        m_items.clear();
        m_notEmpty.notify_all();
        m_notFull.notify_all();
    }

    bool aborted() const
    {
        std::lock_guard lock(m_mutex);
        return m_aborted;
    }

private:
    const size_t m_capacity;
    mutable std::mutex m_mutex;
    std::condition_variable m_notEmpty;
    std::condition_variable m_notFull;
    std::deque<Item> m_items;
    bool m_closed = false;
    bool m_aborted = false;
};

} // namespace tessera::exporting
