#pragma once

#include "tessera/core/Segment.h"
#include "tessera/lyrics/LyricsDocument.h"
#include "tessera/timeline/TimelineOptions.h"

#include <QStringList>
#include <QVector>

namespace tessera {

//! Segments built from lyrics, and what the builder had to change to make them.
struct TimelineBuild
{
    QVector<Segment> segments; //!< ordered, tiling [0, song end) exactly; every id is 0
    QStringList notes;         //!< lines merged or dropped, for the user
};

//! Builds the segments of a song from its lyric lines. Each line's segment ends at its explicit
//! end or where the next line starts; the last ends with the song. Silences longer than the
//! gap threshold become instrumental segments; shorter ones are absorbed. Lines closer than
//! the minimum length are merged into the line before; lines after the song's end are dropped
//! (both noted). Untimed lines (plain text) are spread evenly over the song, ready to be retimed
//! by tapping. Throws TimelineError for a song without duration, invalid options, or lyrics
//! that mix timed and untimed lines.
TimelineBuild buildTimeline(const QVector<LyricLine>& lines, qint64 songDurationMs,
                            const TimelineOptions& options = {});

//! The lyric lines of a timeline (instrumental segments left out), for LRC/SRT export. A line
//! has an explicit end only where silence or the song's end follows it before the next line.
QVector<LyricLine> lyricLinesFromSegments(const QVector<Segment>& segments);

} // namespace tessera
