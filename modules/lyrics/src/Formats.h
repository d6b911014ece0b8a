#pragma once

// The per-format readers and writers behind LyricsIO. Readers take the decoded text split into
// lines (line i is file line i + 1) and never throw: malformed lines become warnings. Writers
// throw LyricsError naming sourceName when the document cannot be expressed in the format.

#include "tessera/lyrics/LyricsDocument.h"

#include <QStringList>

namespace tessera::internal {

LyricsDocument readLrc(const QStringList& lines);
LyricsDocument readSrt(const QStringList& lines);
LyricsDocument readPlainText(const QStringList& lines);

QString writeLrc(const LyricsDocument& document, const QString& sourceName);
QString writeSrt(const LyricsDocument& document, const QString& sourceName);
QString writePlainText(const LyricsDocument& document);

//! Throws LyricsError when a line has no start time yet (LRC and SRT need every line timed).
void requireTimed(const LyricsDocument& document, const QString& sourceName);

//! Splits decoded text into lines, dropping the '\r' of CRLF line ends.
QStringList splitLines(const QString& text);

} // namespace tessera::internal
