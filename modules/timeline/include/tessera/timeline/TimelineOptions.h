#pragma once

#include <QtGlobal>

namespace tessera {

//! The rules every timeline edit keeps.
struct TimelineOptions
{
    //! A silence between lyric lines longer than this becomes an instrumental segment (no lyric);
    //! a shorter one is absorbed by the line before it (or, before the first line, by the first).
    qint64 gapThresholdMs = 2000;
    //! No edit leaves a segment shorter than this: a grid for a few frames is wasted work.
    qint64 minimumLengthMs = 250;

    //! Empty when usable, else the problem (the threshold must be at least the minimum length).
    QString problem() const;
};

} // namespace tessera
