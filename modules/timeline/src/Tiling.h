#pragma once

// Laying lyric segments out over the song: shared by the builder and the retime command.

#include "tessera/core/Segment.h"
#include "tessera/timeline/TimelineOptions.h"

#include <QVector>
#include <optional>

namespace tessera::internal {

//! A lyric segment to place: segment.range.startMs is its start; the end comes from tiling.
struct Span
{
    Segment segment;
    std::optional<qint64> explicitEndMs;
};

//! Places spans (sorted, starts spaced by at least the minimum length, the last at least the
//! minimum before the song's end) so that they tile [0, durationMs): each ends at its explicit
//! end or the next start; silences over the gap threshold become instrumental segments (id 0),
//! shorter ones are absorbed by the segment before (the first segment absorbs the intro).
//! Words are clamped into their segment. No spans gives one instrumental segment.
QVector<Segment> tile(const QVector<Span>& spans, qint64 durationMs, const TimelineOptions& options);

//! Moves words that fall outside range onto its edges, keeping their order.
QVector<TimedWord> clampWords(QVector<TimedWord> words, const TimeRange& range);

//! Throws TimelineError unless segments are non-empty, ordered, not overlapping, inside
//! [0, durationMs].
void validateSegments(const QVector<Segment>& segments, qint64 durationMs);

} // namespace tessera::internal
