#pragma once

// Lyric lines for lyrics and timeline tests.

#include "tessera/lyrics/LyricsDocument.h"

#include <optional>

namespace tessera::testing {

inline LyricLine timed(qint64 startMs, const QString& text, std::optional<qint64> endMs = std::nullopt,
    QVector<TimedWord> words = {})
{
    LyricLine line;
    line.startMs = startMs;
    line.endMs = endMs;
    line.text = text;
    line.words = std::move(words);
    return line;
}

} // namespace tessera::testing
