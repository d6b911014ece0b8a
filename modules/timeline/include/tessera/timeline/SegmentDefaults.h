#pragma once

#include "tessera/core/TimeFormat.h" // formatSongTime, used with these helpers

#include "tessera/core/Segment.h"

#include <QString>

namespace tessera {

//! The prompt a segment starts from: its lyric on one line ("" for an instrumental gap).
QString promptFromLyric(const QString& lyric);

//! True while the segment's prompt is still the one derived from its lyric, so edits of the
//! lyric (split, merge, relyric) may re-derive it; a prompt the artist wrote is never replaced.
bool hasDerivedPrompt(const Segment& segment);

//! A seed from the lyric and the start time (SHA-256, so the same on every machine and Qt
//! version): rebuilding a timeline from the same lyrics gives the same seeds.
quint32 deriveSeed(const QString& lyric, qint64 startMs);

//! The axes a new segment starts with, as in the demo: along X a walk in noise space that the
//! bass (low band) drives, along Y the guidance (2 to 6) that the highs drive.
AxisDefinition defaultAxisX();
AxisDefinition defaultAxisY();

//! A new segment over range with the lyric, its derived prompt and seed, a 3x3 grid with the
//! default axes, and core's default transition.
Segment makeSegment(const TimeRange& range, const QString& lyric, const QVector<TimedWord>& words = {});

//! Field-by-field equality of two segments (core's Segment has no operator==).
bool sameSegment(const Segment& a, const Segment& b);

} // namespace tessera
