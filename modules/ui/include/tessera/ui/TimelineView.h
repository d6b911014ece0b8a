#pragma once

#include "tessera/core/Segment.h"
#include "tessera/timeline/TapTimingSession.h"
#include "tessera/ui/TimelineHitTest.h"
#include "tessera/ui/TimelineViewport.h"

#include <QAbstractScrollArea>
#include <QPixmap>

#include <tuple>
#include <QHash>
#include <QPolygonF>
#include <QVector>

#include <functional>
#include <memory>

class QLineEdit;
class QPainter;

namespace tessera {

class Catalog;
class TimelineCommand;
class TimelineModel;
class EditHistory;
class TimelineColumns;
struct ProjectAudioAnalysis;

//! The studio's timeline panel: ruler, waveform with beat markers, the feature curves that can
//! drive axes (low, mid, high band energy and onset strength), lyric segments as blocks
//! (instrumental gaps hatched) and the playhead. Zooms from the whole song to single frames,
//! scrolls, seeks on click, and edits the segments (drag a boundary with beat snapping, split at
//! the playhead, merge, edit the lyric) through the timeline's undoable commands, executed by the
//! EditHistory so each lands in the catalog at once. A tap-timing mode retimes lyric lines from
//! key presses against the playback clock.
//!
//! Keys: Ctrl+wheel or +/- zoom around the cursor (playhead for keys), \ or Shift+Z fits the
//! song, wheel scrolls, S splits at the playhead, M merges the selected segment with the next,
//! F2 or double-click edits the lyric, N toggles beat snapping, Left/Right select the previous or
//! next segment, Home/End seek to the song's ends. In tap timing: Return marks the next line's
//! start, Shift+Return or E the current line's end, Backspace takes the last tap back, Escape
//! finishes (applying the taps as one undoable retime).
class TimelineView : public QAbstractScrollArea
{
    Q_OBJECT
    Q_PROPERTY(bool snapToBeats READ snapToBeats WRITE setSnapToBeats NOTIFY snapToBeatsChanged)
    Q_PROPERTY(double playhead READ playhead WRITE setPlayhead)

public:
    explicit TimelineView(QWidget* parent = nullptr);
    ~TimelineView() override;

    //! Shows the project in catalog and sends its edits through history (both outlive the
    //! view's use of them, or are cleared first with setProject(nullptr, nullptr)).
    void setProject(Catalog* catalog, EditHistory* history);
    //! The song's analysis (waveform peaks, beats, curves), e.g. from analyzeProjectAudio. Null
    //! shows the segments over their own length without audio.
    void setAudio(std::shared_ptr<const ProjectAudioAnalysis> audio);

    const QVector<Segment>& segments() const { return m_segments; }
    //! The time/pixel mapping, zoom and scroll (named apart from QAbstractScrollArea::viewport()).
    TimelineViewport& timeViewport() { return m_viewport; }
    const TimelineViewport& timeViewport() const { return m_viewport; }
    //! The layout of the lanes at the view's current size (for tests and tools).
    TimelineLayout layout() const;
    double songDurationSeconds() const;
    double playhead() const { return m_playhead; }
    int selectedIndex() const { return m_selected; }
    bool snapToBeats() const { return m_snapToBeats; }
    bool isTapTimingActive() const { return bool(m_tapSession); }
    //! The running tap session (null outside tap timing).
    const TapTimingSession* tapSession() const { return m_tapSession.get(); }
    //! Where tap timing reads the playback clock; by default the playhead (set by the player).
    void setTapClock(TapTimingSession::Clock clock);

public Q_SLOTS:
    //! Moves the playhead (from the player's clock); scrolls to follow it while it is visible.
    void setPlayhead(double seconds);
    void setSnapToBeats(bool on);
    void selectSegment(int index);
    //! Rereads the segments from the catalog (after an edit, undo or redo elsewhere).
    void reload();
    void zoomIn();
    void zoomOut();
    void fitSong();
    //! Splits the segment under the playhead there.
    bool splitAtPlayhead();
    //! Merges the selected segment with the next one.
    bool mergeSelectedWithNext();
    //! Opens the inline editor on the selected segment's lyric.
    void editSelectedLyric();
    //! Sets a segment's lyric as one undoable edit (empty makes it instrumental).
    bool setLyric(int index, const QString& lyric);
    //! Moves the boundary after segment index to seconds (snapped to the nearest beat while
    //! snapping is on) as one undoable edit.
    bool moveBoundary(int index, double seconds);
    //! Starts tap timing from the selected lyric line (or the first), or finishes it, applying
    //! the taps as one undoable retime.
    void setTapTimingActive(bool active);
    //! Leaves tap timing without applying the taps.
    void cancelTapTiming();

Q_SIGNALS:
    //! The user clicked the ruler or a lane: the player should move there.
    void seekRequested(double seconds);
    //! A segment was selected (index in timeline order, and its catalog id).
    void segmentSelected(int index, qint64 segmentId);
    void snapToBeatsChanged(bool on);
    void tapTimingActiveChanged(bool active);
    //! An edit was refused or could not be stored; the message names the project and problem.
    void errorOccurred(const QString& message);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    bool runEdit(const std::function<std::unique_ptr<TimelineCommand>(TimelineModel&)>& makeCommand);
    void syncScrollBar();
    void viewChanged();
    double snapped(double seconds) const;
    double boundaryLimit(int index, bool upper) const;
    void commitLyricEditor();
    void handleTapKey(QKeyEvent* event);
    qint64 songDurationMs() const;

    void paintRuler(QPainter& painter, const TimelineLayout& layout) const;
    void paintWaveform(QPainter& painter, const TimelineLayout& layout);
    void paintCurves(QPainter& painter, const TimelineLayout& layout);
    void paintSegments(QPainter& painter, const TimelineLayout& layout) const;
    void paintTapTiming(QPainter& painter, const TimelineLayout& layout) const;
    void paintFrameLabel(QPainter& painter, const TimelineLayout& lanes) const;
    void paintPlayhead(QPainter& painter, const TimelineLayout& layout) const;

    Catalog* m_catalog = nullptr;
    EditHistory* m_history = nullptr;
    std::shared_ptr<const ProjectAudioAnalysis> m_audio;
    std::shared_ptr<QHash<qint64, qint64>> m_ids; // shared by this view's edits (see SegmentIdMap)
    std::unique_ptr<TimelineColumns> m_columns;
    // Everything but the playhead (ruler, waveform, curves, segments) is painted once into this
    // layer and reused while only the playhead moves, which is every frame during playback.
    QPixmap m_staticLayer;
    bool m_staticValid = false;
    std::tuple<double, double, QSize, qreal> m_staticKey; //!< visible start, s/px, size, dpr
    void repaintAll();
    QVector<Segment> m_segments;
    QPolygonF m_curveLine;
    TimelineViewport m_viewport;
    double m_playhead = 0.0;
    int m_selected = -1;
    bool m_snapToBeats = true;
    bool m_updatingScrollBar = false;

    // A boundary drag in progress: the boundary after segment m_dragIndex, shown at m_dragSeconds.
    int m_dragIndex = -1;
    double m_dragSeconds = 0.0;
    int m_hoverBoundary = -1;

    QLineEdit* m_lyricEditor = nullptr;
    int m_lyricEditorIndex = -1;

    std::unique_ptr<TapTimingSession> m_tapSession;
    TapTimingSession::Clock m_tapClock;
};

} // namespace tessera
