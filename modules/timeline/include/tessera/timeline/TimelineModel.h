#pragma once

#include "tessera/core/Segment.h"
#include "tessera/timeline/TimelineOptions.h"

#include <QObject>
#include <QVector>

namespace tessera {

class TimelineCommand;

//! The song's segments as one ordered list that never overlaps and stays inside the song.
//! Edits go through TimelineCommands (split, merge, move, snap, retime, relyric...), each
//! undoable; the model itself only answers questions and announces changes.
//!
//! Persisting: segments() carries catalog ids (0 for segments not yet stored, e.g. the right
//! half of a split), so Catalog::syncSegments(segments()) stores it; hand the stored list back
//! with adoptIds(). Word timing travels in Segment::words.
class TimelineModel : public QObject
{
    Q_OBJECT

public:
    explicit TimelineModel(const TimelineOptions& options = {}, QObject* parent = nullptr);

    //! Replaces everything (a build, or segments loaded from the catalog). Throws TimelineError
    //! when the segments overlap, are out of order, empty, or leave the song. Not undoable:
    //! the studio clears its undo stack with it.
    void reset(const QVector<Segment>& segments, qint64 songDurationMs);

    const TimelineOptions& options() const { return m_options; }
    qint64 songDurationMs() const { return m_durationMs; }
    int count() const { return int(m_segments.size()); }
    const QVector<Segment>& segments() const { return m_segments; }
    //! The segment at index; throws TimelineError when there is none.
    const Segment& segment(int index) const;
    //! The index of the segment playing at ms, or -1 in a gap or outside the song.
    int indexAt(qint64 ms) const;
    //! The index of the segment with this catalog id, or -1.
    int indexOfId(qint64 id) const;

    //! Takes the ids the catalog gave (stored must match segments() one for one, ranges
    //! included, as Catalog::syncSegments returns it). Not an edit: undo keeps working.
    void adoptIds(const QVector<Segment>& stored);

    //! Throws TimelineError unless index names a segment; what names the operation.
    void requireIndex(int index, const QString& what) const;

Q_SIGNALS:
    //! Segments [first, first + removed) were replaced by `inserted` new ones.
    void segmentsReplaced(int first, int removed, int inserted);
    //! Everything changed (reset).
    void modelReset();

private:
    friend class TimelineCommand;
    void replace(int first, int removedCount, const QVector<Segment>& inserted);

    TimelineOptions m_options;
    qint64 m_durationMs = 0;
    QVector<Segment> m_segments;
};

} // namespace tessera
