#pragma once

#include "tessera/lyrics/LyricsDocument.h"
#include "tessera/lyrics/LyricsFormat.h"

#include <QByteArray>
#include <QString>

namespace tessera {

//! Reads a lyrics file (UTF-8, with or without BOM). Malformed lines become warnings on the
//! result and the rest imports; a file that cannot be read, is not UTF-8, or holds no lyric
//! line at all throws LyricsError "<path>: <problem>".
LyricsDocument importLyrics(const QString& path, LyricsFormat format = LyricsFormat::Auto);

//! Parses lyrics already in memory (a paste in the studio); sourceName names them in errors and
//! decides Auto like a file name would. Same rules as importLyrics.
LyricsDocument parseLyrics(const QByteArray& bytes, const QString& sourceName,
                           LyricsFormat format = LyricsFormat::Auto);

//! Writes the document as LRC or SRT (Auto: from the extension, LRC when unknown) atomically,
//! so a failed write never leaves a half-written file. Throws LyricsError when a line is not
//! timed yet (LRC, SRT) or the file cannot be written.
void exportLyrics(const LyricsDocument& document, const QString& path,
                  LyricsFormat format = LyricsFormat::Auto);

//! The text exportLyrics writes, for previews and the CLI's stdout. sourceName names the
//! document in errors. Format must not be Auto.
QString formatLyrics(const LyricsDocument& document, LyricsFormat format,
                     const QString& sourceName = QStringLiteral("lyrics"));

} // namespace tessera
