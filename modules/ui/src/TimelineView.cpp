// TimelineView: interaction and edits. Painting lives in TimelineViewPainting.cpp; the time and
// pixel math in TimelineViewport, hit-testing in TimelineHitTest, column summaries in
// TimelineColumns, so this file only routes input to them and to the timeline's commands.
#include "tessera/ui/TimelineView.h"

#include "tessera/ui/StudioActions.h"

#include "TimelineColumns.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/core/Error.h"
#include "tessera/project/ProjectAudio.h"
#include "tessera/project/TimelineEdit.h"
#include "tessera/studio/EditHistory.h"
#include "tessera/timeline/TimelineCommands.h"
#include "tessera/timeline/TimelineModel.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace tessera {

namespace {

constexpr double kZoomStep = 1.5;   // per key press or wheel notch
constexpr double kBoundaryTolerance = 5.0;

} // namespace

TimelineView::TimelineView(QWidget* parent)
    : QAbstractScrollArea(parent)
    , m_ids(std::make_shared<QHash<qint64, qint64>>())
    , m_columns(std::make_unique<TimelineColumns>())
{
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setMinimumHeight(220);
    viewport()->setMouseTracking(true);
    // Painting covers every pixel: no background fill by Qt first.
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    connect(horizontalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (m_updatingScrollBar)
            return;
        m_viewport.setScrollPixels(value);
        viewChanged();
    });
    m_tapClock = [this] { return m_playhead; };
    setWhatsThis(tr("Timeline: Ctrl+wheel or +/- to zoom, \\ to fit the song, S to split at the playhead, "
                    "M to merge with the next segment, F2 to edit a lyric, N to toggle snapping to beats."));
}

TimelineView::~TimelineView() = default;

void TimelineView::setProject(Catalog* catalog, EditHistory* history)
{
    if (m_history)
        disconnect(m_history, nullptr, this, nullptr);
    cancelTapTiming();
    m_catalog = catalog;
    m_history = history;
    m_ids->clear();
    if (m_history)
        connect(m_history, &EditHistory::edited, this, &TimelineView::reload);
    m_selected = -1;
    reload();
    fitSong();
}

void TimelineView::setAudio(std::shared_ptr<const ProjectAudioAnalysis> audio)
{
    m_audio = std::move(audio);
    if (m_audio) {
        const AudioAnalysis& analysis = m_audio->analysis;
        m_columns->setSources(&m_audio->peaks, {&analysis.lowBand, &analysis.midBand, &analysis.highBand, &analysis.onset});
    } else {
        m_columns->setSources(nullptr, {});
    }
    reload();
    fitSong();
}

double TimelineView::songDurationSeconds() const
{
    if (m_audio && m_audio->analysis.durationSeconds() > 0.0)
        return m_audio->analysis.durationSeconds();
    return m_segments.isEmpty() ? 60.0 : m_segments.constLast().range.endMs / 1000.0;
}

qint64 TimelineView::songDurationMs() const
{
    // The segments tile the song exactly; their end is the duration the timeline was built for.
    if (!m_segments.isEmpty())
        return m_segments.constLast().range.endMs;
    return millisecondsFromSeconds(songDurationSeconds());
}

TimelineLayout TimelineView::layout() const
{
    return TimelineLayout::forSize(viewport()->width(), viewport()->height());
}

void TimelineView::setTapClock(TapTimingSession::Clock clock)
{
    m_tapClock = clock ? std::move(clock) : TapTimingSession::Clock([this] { return m_playhead; });
}

void TimelineView::reload()
{
    m_segments = m_catalog ? m_catalog->segments() : QVector<Segment>{};
    if (m_selected >= m_segments.size())
        m_selected = m_segments.isEmpty() ? -1 : int(m_segments.size()) - 1;
    const double fps = m_catalog ? m_catalog->settings().frameRate.fps() : 30.0;
    m_viewport.setSong(songDurationSeconds(), fps);
    m_columns->invalidate();
    viewChanged();
}

void TimelineView::setPlayhead(double seconds)
{
    const double clamped = std::clamp(seconds, 0.0, songDurationSeconds());
    if (clamped == m_playhead)
        return;
    const bool wasVisible = m_playhead >= m_viewport.visibleStart() && m_playhead <= m_viewport.visibleEnd();
    m_playhead = clamped;
    const double start = m_viewport.visibleStart();
    if (wasVisible && m_dragIndex < 0)
        m_viewport.ensureVisible(m_playhead);
    if (start != m_viewport.visibleStart() || m_tapSession)
        viewChanged();
    else
        viewport()->update(); // only the playhead moved: the static layer stays
}

void TimelineView::repaintAll()
{
    m_staticValid = false;
    viewport()->update();
}

void TimelineView::setSnapToBeats(bool on)
{
    if (m_snapToBeats == on)
        return;
    m_snapToBeats = on;
    Q_EMIT snapToBeatsChanged(on);
    repaintAll();
}

void TimelineView::selectSegment(int index)
{
    if (index < -1 || index >= m_segments.size())
        return;
    m_selected = index;
    if (index >= 0)
        Q_EMIT segmentSelected(index, m_segments.at(index).id);
    repaintAll();
}

void TimelineView::zoomIn()
{
    m_viewport.zoomBy(kZoomStep, m_viewport.xForTime(m_playhead));
    viewChanged();
}

void TimelineView::zoomOut()
{
    m_viewport.zoomBy(1.0 / kZoomStep, m_viewport.xForTime(m_playhead));
    viewChanged();
}

void TimelineView::fitSong()
{
    m_viewport.setWidth(viewport()->width());
    m_viewport.fitAll();
    viewChanged();
}

void TimelineView::viewChanged()
{
    syncScrollBar();
    if (m_lyricEditor && m_lyricEditorIndex >= 0 && m_lyricEditorIndex < m_segments.size()) {
        const TimelineLayout lanes = layout();
        const Segment& segment = m_segments.at(m_lyricEditorIndex);
        const double left = std::max(0.0, m_viewport.xForTime(segment.range.startMs / 1000.0));
        const double right = std::min(double(viewport()->width()), m_viewport.xForTime(segment.range.endMs / 1000.0));
        m_lyricEditor->setGeometry(QRectF(left + 2, lanes.segments.top() + 4, std::max(120.0, right - left - 4), 26).toRect());
    }
    repaintAll();
}

void TimelineView::syncScrollBar()
{
    m_updatingScrollBar = true;
    QScrollBar* bar = horizontalScrollBar();
    const qint64 maximum = std::max<qint64>(0, m_viewport.contentWidth() - m_viewport.width());
    bar->setRange(0, int(std::min<qint64>(maximum, std::numeric_limits<int>::max())));
    bar->setPageStep(m_viewport.width());
    bar->setSingleStep(std::max(1, m_viewport.width() / 20));
    bar->setValue(int(m_viewport.scrollPixels()));
    m_updatingScrollBar = false;
}

void TimelineView::scrollContentsBy(int, int)
{
    // The scroll bar's valueChanged already moved the viewport; nothing is scrolled by pixels.
}

void TimelineView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    m_viewport.setWidth(viewport()->width());
    m_columns->invalidate();
    viewChanged();
}

void TimelineView::wheelEvent(QWheelEvent* event)
{
    const QPoint angle = event->angleDelta();
    if (event->modifiers() & Qt::ControlModifier) {
        const double notches = angle.y() / 120.0;
        m_viewport.zoomBy(std::pow(kZoomStep, notches), event->position().x());
    } else {
        // Plain or Shift wheel scrolls through time (the timeline has nothing to scroll vertically).
        const int delta = angle.x() != 0 ? angle.x() : angle.y();
        m_viewport.setScrollPixels(m_viewport.scrollPixels() - qint64(delta * m_viewport.width() / 1200));
    }
    viewChanged();
    event->accept();
}

double TimelineView::snapped(double seconds) const
{
    if (!m_snapToBeats || !m_audio)
        return seconds;
    return nearestBeat(m_audio->analysis.beatTimes, seconds);
}

void TimelineView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    if (m_lyricEditor)
        commitLyricEditor();
    const TimelineHit hit = hitTestTimeline(event->position(), layout(), m_viewport, m_segments, kBoundaryTolerance);
    switch (hit.kind) {
    case TimelineHit::Kind::Boundary:
        m_dragIndex = hit.index;
        m_dragSeconds = m_segments.at(hit.index).range.endMs / 1000.0;
        break;
    case TimelineHit::Kind::Segment:
        selectSegment(hit.index);
        break;
    case TimelineHit::Kind::Ruler:
    case TimelineHit::Kind::Lane:
        m_playhead = hit.seconds;
        Q_EMIT seekRequested(hit.seconds);
        break;
    case TimelineHit::Kind::Nothing:
        break;
    }
    repaintAll();
    event->accept();
}

double TimelineView::boundaryLimit(int index, bool upper) const
{
    // The drag preview stops where the command would clamp it: both segments keep the minimum.
    const qint64 minimum = TimelineOptions{}.minimumLengthMs;
    if (upper)
        return (m_segments.at(index + 1).range.endMs - minimum) / 1000.0;
    return (m_segments.at(index).range.startMs + minimum) / 1000.0;
}

void TimelineView::mouseMoveEvent(QMouseEvent* event)
{
    const double seconds = std::clamp(m_viewport.timeAtX(event->position().x()), 0.0, songDurationSeconds());
    if (m_dragIndex >= 0) {
        m_dragSeconds = std::clamp(snapped(seconds), boundaryLimit(m_dragIndex, false), boundaryLimit(m_dragIndex, true));
        repaintAll();
        return;
    }
    if (event->buttons() & Qt::LeftButton) {
        const TimelineHit hit = hitTestTimeline(event->position(), layout(), m_viewport, m_segments, 0.0);
        if (hit.kind == TimelineHit::Kind::Ruler || hit.kind == TimelineHit::Kind::Lane) {
            m_playhead = hit.seconds; // scrubbing
            Q_EMIT seekRequested(hit.seconds);
            repaintAll();
        }
        return;
    }
    const TimelineHit hit = hitTestTimeline(event->position(), layout(), m_viewport, m_segments, kBoundaryTolerance);
    const int hover = hit.kind == TimelineHit::Kind::Boundary ? hit.index : -1;
    if (hover != m_hoverBoundary) {
        m_hoverBoundary = hover;
        viewport()->setCursor(hover >= 0 ? Qt::SplitHCursor : Qt::ArrowCursor);
        repaintAll();
    }
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_dragIndex >= 0 && event->button() == Qt::LeftButton) {
        const int index = m_dragIndex;
        const double seconds = m_dragSeconds;
        m_dragIndex = -1;
        const qint64 toMs = millisecondsFromSeconds(seconds);
        if (toMs != m_segments.at(index).range.endMs) {
            runEdit([index, toMs](TimelineModel& model) { return std::make_unique<MoveBoundaryCommand>(model, index, toMs); });
        }
        repaintAll();
    }
    event->accept();
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const TimelineHit hit = hitTestTimeline(event->position(), layout(), m_viewport, m_segments, kBoundaryTolerance);
    if (hit.kind == TimelineHit::Kind::Segment) {
        selectSegment(hit.index);
        editSelectedLyric();
        event->accept();
        return;
    }
    QAbstractScrollArea::mouseDoubleClickEvent(event);
}

bool TimelineView::runEdit(const std::function<std::unique_ptr<TimelineCommand>(TimelineModel&)>& makeCommand)
{
    if (!m_catalog || !m_history)
        return false;
    try {
        std::unique_ptr<SegmentsEditCommand> edit = makeTimelineEdit(*m_catalog, songDurationMs(), makeCommand, m_ids);
        if (!edit)
            return false;
        return m_history->execute(std::move(edit)); // EditHistory::edited reloads the view
    } catch (const Error& error) {
        Q_EMIT errorOccurred(error.message());
        return false;
    }
}

bool TimelineView::moveBoundary(int index, double seconds)
{
    if (index < 0 || index + 1 >= m_segments.size())
        return false;
    const qint64 toMs = millisecondsFromSeconds(snapped(seconds));
    return runEdit([index, toMs](TimelineModel& model) { return std::make_unique<MoveBoundaryCommand>(model, index, toMs); });
}

bool TimelineView::splitAtPlayhead()
{
    const qint64 atMs = millisecondsFromSeconds(m_playhead);
    int index = -1;
    for (int i = 0; i < m_segments.size(); ++i) {
        if (m_segments.at(i).range.contains(atMs))
            index = i;
    }
    if (index < 0)
        return false;
    const bool done = runEdit([index, atMs](TimelineModel& model) { return std::make_unique<SplitSegmentCommand>(model, index, atMs); });
    if (done)
        selectSegment(index);
    return done;
}

bool TimelineView::mergeSelectedWithNext()
{
    const int index = m_selected;
    if (index < 0 || index + 1 >= m_segments.size())
        return false;
    const bool done = runEdit([index](TimelineModel& model) { return std::make_unique<MergeSegmentsCommand>(model, index); });
    if (done)
        selectSegment(index);
    return done;
}

bool TimelineView::setLyric(int index, const QString& lyric)
{
    if (index < 0 || index >= m_segments.size())
        return false;
    return runEdit([index, lyric](TimelineModel& model) { return std::make_unique<SetLyricCommand>(model, index, lyric); });
}

void TimelineView::editSelectedLyric()
{
    if (m_selected < 0 || m_selected >= m_segments.size())
        return;
    if (!m_lyricEditor) {
        m_lyricEditor = new QLineEdit(viewport());
        m_lyricEditor->setObjectName(QStringLiteral("timelineLyricEditor"));
        m_lyricEditor->setPlaceholderText(tr("Lyric (empty: instrumental)"));
        connect(m_lyricEditor, &QLineEdit::returnPressed, this, &TimelineView::commitLyricEditor);
    }
    m_lyricEditorIndex = m_selected;
    m_lyricEditor->setText(m_segments.at(m_selected).lyric);
    m_lyricEditor->selectAll();
    viewChanged();
    m_lyricEditor->show();
    m_lyricEditor->setFocus();
}

void TimelineView::commitLyricEditor()
{
    if (!m_lyricEditor || !m_lyricEditor->isVisible())
        return;
    const int index = m_lyricEditorIndex;
    const QString text = m_lyricEditor->text();
    m_lyricEditor->hide();
    m_lyricEditorIndex = -1;
    setFocus();
    if (index >= 0 && index < m_segments.size() && text != m_segments.at(index).lyric)
        setLyric(index, text);
}

void TimelineView::setTapTimingActive(bool active)
{
    if (active == isTapTimingActive())
        return;
    if (active) {
        const QStringList lines = TapTimingSession::lyricLinesOf(m_segments);
        int firstLine = 0;
        if (m_selected >= 0) { // start from the selected lyric line
            for (int i = 0; i < m_selected && i < m_segments.size(); ++i)
                firstLine += m_segments.at(i).isInstrumental() ? 0 : 1;
        }
        m_tapSession = std::make_unique<TapTimingSession>([this] { return m_tapClock(); }, lines, firstLine);
    } else {
        const std::unique_ptr<TapTimingSession> session = std::move(m_tapSession);
        if (session->hasTaps()) {
            runEdit([&session](TimelineModel& model) -> std::unique_ptr<TimelineCommand> {
                return session->makeRetimeCommand(model);
            });
        }
    }
    Q_EMIT tapTimingActiveChanged(active);
    repaintAll();
}

void TimelineView::cancelTapTiming()
{
    if (!m_tapSession)
        return;
    m_tapSession.reset();
    Q_EMIT tapTimingActiveChanged(false);
    repaintAll();
}

void TimelineView::handleTapKey(QKeyEvent* event)
{
    // The action table's TapTiming keys (Return start, Shift+Return or E end, Backspace undo,
    // Escape apply).
    const char* id = actionForKey(*event, ActionContext::TapTiming);
    const QLatin1String action(id ? id : "");
    if (action == QLatin1String("tapStartAction"))
        m_tapSession->markStart();
    else if (action == QLatin1String("tapEndAction"))
        m_tapSession->markEnd();
    else if (action == QLatin1String("tapUndoAction"))
        m_tapSession->undoLastTap();
    else if (action == QLatin1String("tapApplyAction"))
        setTapTimingActive(false);
    else
        return;
    event->accept();
    repaintAll();
}

void TimelineView::keyPressEvent(QKeyEvent* event)
{
    if (m_tapSession) {
        handleTapKey(event);
        if (event->isAccepted())
            return;
    }
    // The action table's Timeline keys; the arrows, Home and End move as in any editor.
    const char* id = actionForKey(*event, ActionContext::Timeline);
    const QLatin1String action(id ? id : "");
    if (action == QLatin1String("zoomInAction")) {
        zoomIn();
    } else if (action == QLatin1String("zoomOutAction")) {
        zoomOut();
    } else if (action == QLatin1String("fitSongAction")) {
        fitSong();
    } else if (action == QLatin1String("splitAction")) {
        splitAtPlayhead();
    } else if (action == QLatin1String("mergeAction")) {
        mergeSelectedWithNext();
    } else if (action == QLatin1String("renameAction")) {
        editSelectedLyric();
    } else if (action == QLatin1String("snapAction")) {
        setSnapToBeats(!m_snapToBeats);
    }
    if (id) {
        event->accept();
        return;
    }
    switch (event->key()) {
    case Qt::Key_Left:
        selectSegment(std::max(0, m_selected - 1));
        break;
    case Qt::Key_Right:
        selectSegment(std::min(int(m_segments.size()) - 1, m_selected + 1));
        break;
    case Qt::Key_Home:
        setPlayhead(0.0);
        m_viewport.ensureVisible(0.0);
        Q_EMIT seekRequested(0.0);
        viewChanged();
        break;
    case Qt::Key_End:
        setPlayhead(songDurationSeconds());
        m_viewport.ensureVisible(songDurationSeconds());
        Q_EMIT seekRequested(songDurationSeconds());
        viewChanged();
        break;
    case Qt::Key_Escape:
        if (m_lyricEditor && m_lyricEditor->isVisible()) {
            m_lyricEditor->hide();
            setFocus();
        }
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace tessera
