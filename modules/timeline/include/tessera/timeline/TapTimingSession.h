#pragma once

#include "tessera/core/Segment.h"
#include "tessera/timeline/TimelineCommands.h"

#include <QStringList>
#include <QVector>

#include <functional>
#include <memory>
#include <optional>

namespace tessera {

class TimelineModel;

//! Lyric timing by tapping: while the song plays, one key marks the start of the next lyric line
//! and another the end of the current one, reading the playback clock at each press. Taps can be
//! taken back one at a time (the usual fix for a late press). The result is one undoable
//! RetimeFromTapsCommand that stretches each line's word timing to its new length.
//! Plain logic with an injected clock, so the studio drives it from Qt Multimedia's position and
//! tests from a scripted one.
class TapTimingSession
{
public:
    //! The playback position in seconds on the song's clock.
    using Clock = std::function<double()>;
    enum class TapKind { Start, End };

    //! lyricLines are the timeline's lyric lines in order (instrumental segments left out);
    //! tapping begins at line firstLine (0-based).
    TapTimingSession(Clock clock, QStringList lyricLines, int firstLine = 0);

    //! The lyric lines of a timeline, in order, as the session counts them.
    static QStringList lyricLinesOf(const QVector<Segment>& segments);

    //! Marks the start of the next line now. False (nothing recorded) when every line has started
    //! or the clock is before the previous tap (a seek backwards).
    bool markStart();
    //! Marks the end of the line started last. False when no line is open (none started, or its
    //! end is already marked) or the clock is not after its start.
    bool markEnd();
    //! Takes back the last tap (start or end). False when there is none.
    bool undoLastTap();

    int lineCount() const { return int(m_lines.size()); }
    int firstLine() const { return m_firstLine; }
    //! How many lines have a start tap.
    int startedCount() const { return int(m_starts.size()); }
    //! The 0-based lyric line started last, or -1 before the first tap.
    int currentLine() const { return m_starts.isEmpty() ? -1 : m_firstLine + int(m_starts.size()) - 1; }
    //! The text of the line the next start tap will time ("" when none is left).
    QString nextLineText() const;
    //! True when the current line is started and its end not yet marked.
    bool isLineOpen() const;
    bool hasTaps() const { return !m_log.isEmpty(); }
    bool isComplete() const { return m_firstLine + startedCount() >= lineCount(); }

    const QVector<qint64>& startTapsMs() const { return m_starts; }
    //! Each started line's end tap, if it has one.
    const QVector<std::optional<qint64>>& endTapsMs() const { return m_ends; }

    //! The retime edit for model (whose lyric lines are the session's lines): untapped ends
    //! run to the next tapped start; a last line left open keeps its old end when it still lies
    //! after the tap. Throws TimelineError when there are no taps or the edit is invalid.
    std::unique_ptr<RetimeFromTapsCommand> makeRetimeCommand(TimelineModel& model) const;

private:
    Clock m_clock;
    QStringList m_lines;
    int m_firstLine = 0;
    QVector<qint64> m_starts;
    QVector<std::optional<qint64>> m_ends;
    QVector<TapKind> m_log; // the order of taps, for undoLastTap
};

} // namespace tessera
