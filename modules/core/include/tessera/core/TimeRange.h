#pragma once

#include <QtGlobal>

namespace tessera {

//! A half-open span of song time [startMs, endMs) in milliseconds on the song's sample clock.
struct TimeRange
{
    qint64 startMs = 0;
    qint64 endMs = 0;

    qint64 durationMs() const { return endMs - startMs; }
    bool isValid() const { return startMs >= 0 && endMs > startMs; }
    bool contains(qint64 ms) const { return ms >= startMs && ms < endMs; }
    bool overlaps(const TimeRange& other) const
    {
        return startMs < other.endMs && other.startMs < endMs;
    }
    friend bool operator==(const TimeRange& a, const TimeRange& b)
    {
        return a.startMs == b.startMs && a.endMs == b.endMs;
    }
    friend bool operator!=(const TimeRange& a, const TimeRange& b) { return !(a == b); }
};

} // namespace tessera
