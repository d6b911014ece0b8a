#pragma once

// The shared body of the lyrics fuzz targets (fuzz_lrc, fuzz_srt, fuzz_plain_lyrics): parse the
// bytes as one format, check the documented guarantees of the result, and write it back out.
// A LyricsError is a correct answer to bad input; anything else escaping is a finding.

#include "tessera/lyrics/LyricsError.h"
#include "tessera/lyrics/LyricsIO.h"

#include <cstdint>
#include <cstdlib>
#include <limits>

namespace tessera::fuzz {

inline void fuzzLyrics(const std::uint8_t* data, std::size_t size, LyricsFormat format,
                       const QString& sourceName)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data),
                                                     static_cast<qsizetype>(size));
    LyricsDocument document;
    try {
        document = parseLyrics(bytes, sourceName, format);
    } catch (const LyricsError&) {
        return;
    }
    // "ordered by start time" is what the timeline relies on when it makes segments
    qint64 previous = std::numeric_limits<qint64>::min();
    for (const auto& line : document.lines) {
        if (!line.startMs)
            continue;
        if (*line.startMs < previous)
            std::abort();
        previous = *line.startMs;
    }
    (void)document.warningMessages();
    // Writing back what was read must work or fail with LyricsError (untimed lines), and the text
    // written must read again.
    for (const auto out : {LyricsFormat::Lrc, LyricsFormat::Srt, LyricsFormat::PlainText}) {
        try {
            const QString text = formatLyrics(document, out, sourceName);
            (void)parseLyrics(text.toUtf8(), sourceName, out);
        } catch (const LyricsError&) {
        }
    }
}

} // namespace tessera::fuzz
