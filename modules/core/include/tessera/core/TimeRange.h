#pragma once

#include <QtGlobal>

#include <cmath>

namespace tessera {

//! Song time in seconds to milliseconds, rounded one way everywhere: the nearest millisecond,
//! for positions, durations, seeks and what is shown.
inline qint64 millisecondsFromSeconds(double seconds)
{
    return qint64(std::llround(seconds * 1000.0));
}

//! The millisecond an instant falls in (its floor), for what is on at that instant: a segment, a
//! word, a range's contains(). Rounding would move an instant 0.6 ms before a boundary past it.
inline qint64 millisecondContaining(double seconds)
{
    return qint64(std::floor(seconds * 1000.0));
}

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
