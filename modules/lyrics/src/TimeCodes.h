#pragma once

// Time stamps of the LRC and SRT formats, read and written in one place.

#include <QString>
#include <optional>

namespace tessera::internal {

//! The result of reading one stamp: the time, or why it is not one.
struct ParsedTime
{
    std::optional<qint64> ms;
    QString problem; //!< set when the text has a stamp's shape but impossible values
};

//! "mm:ss", "mm:ss.x", "mm:ss.xx", "mm:ss.xxx" (also ':' before the fraction, as some
//! editors write); the text between the brackets of an LRC stamp or the <> of a word stamp.
ParsedTime parseLrcTime(const QString& text);
//! True when the text opens like an LRC stamp (minutes, colon), valid or not: such text is a
//! stamp to read or to report, never lyric text.
bool looksLikeLrcTime(const QString& text);
//! "mm:ss.xx" when the time is a whole number of centiseconds, else "mm:ss.xxx", so that
//! export followed by import gives the exact milliseconds back.
QString formatLrcTime(qint64 ms);

//! "hh:mm:ss,mmm" (also '.' and 1-3 fraction digits, as lenient players accept).
ParsedTime parseSrtTime(const QString& text);
QString formatSrtTime(qint64 ms);

} // namespace tessera::internal
