#pragma once

#include <QString>
#include <optional>

namespace tessera {

//! The lyric file formats Tessera reads and writes.
enum class LyricsFormat {
    Auto,      //!< decide from the file name's extension, then from the content
    Lrc,       //!< LRC, with tags, [offset:], repeated stamps and enhanced <mm:ss.xx> word timing
    Srt,       //!< SubRip subtitles
    PlainText, //!< one line of lyrics per non-empty line, untimed (timed later by tapping)
};

//! "lrc", "srt", "txt" ("auto" for Auto): names for the CLI and the studio's file dialogs.
QString lyricsFormatName(LyricsFormat format);
//! The format for a name as lyricsFormatName writes it (also "text", "plain"); case-insensitive.
std::optional<LyricsFormat> lyricsFormatFromName(const QString& name);

//! The format of a file: .lrc and .srt extensions decide; otherwise the content does (LRC
//! stamps or tags, SRT "-->" time lines), and anything else is plain text. Never Auto.
LyricsFormat detectLyricsFormat(const QString& path, const QString& text);

} // namespace tessera
