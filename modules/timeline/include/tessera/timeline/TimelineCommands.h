#pragma once

// Undoable timeline edits. Plain objects, not QUndoCommands (QUndoCommand lives in QtGui): the
// studio wraps each in a QUndoCommand whose redo()/undo() call these and whose text is text().
//
// Every command checks and computes its edit in its constructor, throwing TimelineError when the
// edit is invalid, so redo() and undo() never fail. Build a command just before pushing it (the
// edit is computed from the model as it is then), and undo/redo in stack order, as QUndoStack
// does. Segments are numbered from 1 in texts and messages ("segment 3" is index 2), as the
// studio shows them; indexes in the API count from 0.

#include "tessera/core/Segment.h"

#include <QString>
#include <QVector>

namespace tessera {

class TimelineModel;

//! The base of every timeline edit: replaces a run of segments by another and back.
class TimelineCommand
{
public:
    virtual ~TimelineCommand();
    TimelineCommand(const TimelineCommand&) = delete;
    TimelineCommand& operator=(const TimelineCommand&) = delete;

    void redo();
    void undo();
    //! What the edit does, for the Edit menu: "Split segment 3 at 1:02.50".
    QString text() const { return m_text; }
    //! True when redo() would change nothing (e.g. a boundary clamped back to where it was).
    bool isNoOp() const;

protected:
    explicit TimelineCommand(TimelineModel& model);
    const TimelineModel& model() const { return m_model; }
    //! Called once by each constructor: segments [first, first + count) become after.
    void setEdit(int first, int count, const QVector<Segment>& after, const QString& text);

private:
    TimelineModel& m_model;
    int m_first = 0;
    QVector<Segment> m_before;
    QVector<Segment> m_after;
    QString m_text;
};

//! Splits a segment in two at a time. The left part keeps the id; the right one is new (id 0),
//! with the same grid, axes and transition and a seed derived from its lyric and start. Timed
//! words go to the side they start in; when both sides have words each takes the lyric its
//! words spell (and, when the prompt was derived from the lyric, the matching prompt); without
//! words both keep the lyric and prompt.
class SplitSegmentCommand : public TimelineCommand
{
public:
    SplitSegmentCommand(TimelineModel& model, int index, qint64 atMs);
};

//! Merges segment index with the one after it into one spanning both. The lyric segment
//! survives (the left one when both or neither have a lyric): it keeps its id, seed, grid, axes;
//! the other is removed. Lyrics join on a new line; a derived prompt is re-derived.
class MergeSegmentsCommand : public TimelineCommand
{
public:
    MergeSegmentsCommand(TimelineModel& model, int index);
};

//! Moves the boundary between segment index and index + 1 to toMs, clamped so both keep the
//! minimum length. The two must touch (a boundary they share).
class MoveBoundaryCommand : public TimelineCommand
{
public:
    MoveBoundaryCommand(TimelineModel& model, int index, qint64 toMs);
    qint64 positionMs() const { return m_positionMs; } //!< where the boundary lands after clamping

private:
    qint64 m_positionMs = 0;
};

//! Moves the boundary after segment index to the beat nearest to it among those that keep both
//! segments at least the minimum length (the earlier beat on a tie). Throws when none does.
class SnapBoundaryCommand : public TimelineCommand
{
public:
    SnapBoundaryCommand(TimelineModel& model, int index, const QVector<qint64>& beatTimesMs);
    qint64 positionMs() const { return m_positionMs; } //!< the chosen beat

private:
    qint64 m_positionMs = 0;
};

//! Retimes lyric segments from taps (the artist tapping a key as each line starts, and
//! optionally releasing it when it ends). Tap k times the lyric segment firstLyric + k, counting
//! only segments with a lyric; untapped ones keep their range (cut short where a tapped line now
//! starts inside it). A tapped line without an end tap lasts until the next line starts. Lyric segments keep everything
//! but their range (words move with their segment's start); instrumental segments are rebuilt
//! from the new silences by the gap rule, reusing the ids of those at the same place.
class RetimeFromTapsCommand : public TimelineCommand
{
public:
    //! How a tapped line's word timing follows its new range.
    enum class WordTiming {
        Shift, //!< words move with the line's start, keeping their spacing
        Scale  //!< words also stretch with the line's length, so the last word stays in the line
    };

    //! endTapsMs is empty or has one end per start tap.
    RetimeFromTapsCommand(TimelineModel& model, const QVector<qint64>& startTapsMs,
                          const QVector<qint64>& endTapsMs = {}, int firstLyric = 0,
                          WordTiming wordTiming = WordTiming::Shift);
};

//! Changes a segment's lyric (empty makes it instrumental). Its word timing no longer fits the
//! words and is dropped; a prompt derived from the old lyric follows the new one.
class SetLyricCommand : public TimelineCommand
{
public:
    SetLyricCommand(TimelineModel& model, int index, const QString& lyric);
};

//! Changes a segment's prompt (renames it, as the studio shows segments by prompt).
class SetPromptCommand : public TimelineCommand
{
public:
    SetPromptCommand(TimelineModel& model, int index, const QString& prompt);
};

//! Replaces a segment's other settings (seed, grid, axes, transition...) in one undoable step,
//! for the prompt editor. The id and range must stay as they are: timing has its own commands.
class EditSegmentCommand : public TimelineCommand
{
public:
    EditSegmentCommand(TimelineModel& model, int index, const Segment& edited);
};

} // namespace tessera
