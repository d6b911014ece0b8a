#pragma once

#include "tessera/core/Segment.h"

#include <QString>
#include <QVector>
#include <optional>

namespace tessera {

//! One lyric line: when it starts (absent until tapped, for plain text), optionally when it
//! ends (SRT, LRC end markers), its text, and its word timings when the file had them.
struct LyricLine
{
    std::optional<qint64> startMs; //!< song time in ms, [offset:] already applied
    std::optional<qint64> endMs;   //!< explicit end; absent means "until the next line"
    QString text;                  //!< may hold '\n' (multi-line SRT entries)
    //! Empty unless the file timed words. Each word's text runs from its stamp up to the next,
    //! spaces included, so the words concatenated give the line back (karaoke files time
    //! syllables: "Hel", "lo "). core's TimedWord, so it moves into Segment::words as it is.
    QVector<TimedWord> words;

    bool isTimed() const { return startMs.has_value(); }

    friend bool operator==(const LyricLine& a, const LyricLine& b)
    {
        return a.startMs == b.startMs && a.endMs == b.endMs && a.text == b.text && a.words == b.words;
    }
    friend bool operator!=(const LyricLine& a, const LyricLine& b) { return !(a == b); }
};

//! A malformed line that was skipped (or repaired) while importing; the rest still imports.
struct LyricsWarning
{
    int line = 0;    //!< 1-based line number in the file
    QString message; //!< what was wrong, for the user

    QString toString() const { return QStringLiteral("line %1: %2").arg(line).arg(message); }
};

//! A lyrics file as Tessera understands it, whatever format it came from. Times are song
//! times: an LRC [offset:] is applied while reading (and kept in offsetMs for reference only).
struct LyricsDocument
{
    QString title;                  //!< [ti:]
    QString artist;                 //!< [ar:]
    QString album;                  //!< [al:]
    std::optional<qint64> lengthMs; //!< [length:], the song length the file was made for
    //! The file's [offset:], already applied to every time. As the LRC convention says, a
    //! positive offset shows the lyrics earlier: song time = stamp - offset. Export writes song
    //! times and no [offset:] tag, so exporting and importing again changes nothing.
    qint64 offsetMs = 0;
    QVector<LyricLine> lines;       //!< ordered by start time (file order when untimed)
    QVector<LyricsWarning> warnings;

    //! True when every line has a start time (plain text has none until tapped).
    bool isTimed() const;
    //! The warnings as "line N: problem" strings, one each.
    QStringList warningMessages() const;
};

} // namespace tessera
