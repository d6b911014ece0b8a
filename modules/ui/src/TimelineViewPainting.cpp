// TimelineView: painting. Everything drawn comes from cached data (segments from the last
// reload, per-column summaries from TimelineColumns); only the visible range is drawn, and the
// point buffers are members reused from paint to paint.
#include "tessera/ui/TimelineView.h"

#include "TimelineColumns.h"

#include "tessera/core/TimeFormat.h"
#include "tessera/project/ProjectAudio.h"

#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace tessera {

namespace {

// A dark theme that reads on any desktop palette: the timeline is a canvas, like a video editor's.
const QColor kBackground(0x1b, 0x1c, 0x20);
const QColor kLane(0x22, 0x24, 0x29);
const QColor kRuler(0x17, 0x18, 0x1b);
const QColor kRulerText(0xaa, 0xaf, 0xba);
const QColor kTick(0x5a, 0x5e, 0x68);
const QColor kWaveform(0x4f, 0xa3, 0xd9);
const QColor kWaveformEdge(0x8c, 0xc8, 0xf0);
const QColor kBeat(255, 255, 255, 28);
const QColor kBar(255, 255, 255, 60);
const QColor kLyricBlock(0x2f, 0x45, 0x6e);
const QColor kLyricBlockSelected(0x3d, 0x63, 0xa8);
const QColor kLyricEdge(0x5b, 0x80, 0xc4);
const QColor kSelectedEdge(0xa8, 0xcb, 0xff);
const QColor kInstrumental(0x2a, 0x2b, 0x30);
const QColor kHatch(0x3b, 0x3d, 0x44);
const QColor kBlockText(0xe8, 0xec, 0xf3);
const QColor kMutedText(0x8a, 0x8f, 0x9a);
const QColor kPlayhead(0xff, 0x5b, 0x4f);
const QColor kDrag(0xff, 0xd2, 0x4a);
const QColor kTap(0x7d, 0xe3, 0x9a);

struct CurveStyle
{
    const char* name;
    QColor color;
};
// The features that can drive an axis, in TimelineColumns' source order.
const CurveStyle kCurves[] = {
    {QT_TRANSLATE_NOOP("tessera::TimelineView", "low"), QColor(0xf0, 0x7a, 0x4f)},
    {QT_TRANSLATE_NOOP("tessera::TimelineView", "mid"), QColor(0xe8, 0xc5, 0x4a)},
    {QT_TRANSLATE_NOOP("tessera::TimelineView", "high"), QColor(0x5f, 0xd0, 0xb0)},
    {QT_TRANSLATE_NOOP("tessera::TimelineView", "onset"), QColor(0xb4, 0x8c, 0xf0)},
};

QString rulerLabel(double seconds, double step)
{
    if (step < 1.0) {
        const int minutes = int(seconds / 60.0);
        return QStringLiteral("%1:%2").arg(minutes).arg(seconds - minutes * 60.0, 5, 'f', step < 0.1 ? 2 : 1, QLatin1Char('0'));
    }
    const int whole = int(std::llround(seconds));
    return QStringLiteral("%1:%2").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

void TimelineView::paintEvent(QPaintEvent*)
{
    m_viewport.setWidth(viewport()->width());
    const TimelineLayout lanes = layout();
    const qreal dpr = viewport()->devicePixelRatioF();
    // The key catches view changes made straight on the viewport (zoom, scroll) as well.
    const auto key = std::make_tuple(m_viewport.visibleStart(), m_viewport.secondsPerPixel(), viewport()->size(), dpr);
    if (!m_staticValid || key != m_staticKey) {
        m_staticLayer = QPixmap(viewport()->size() * dpr);
        m_staticLayer.setDevicePixelRatio(dpr);
        m_staticLayer.fill(kBackground);
        QPainter layer(&m_staticLayer);
        layer.setFont(font());
        paintRuler(layer, lanes);
        paintWaveform(layer, lanes);
        paintCurves(layer, lanes);
        paintSegments(layer, lanes);
        m_staticValid = true;
        m_staticKey = key;
    }
    QPainter painter(viewport());
    painter.drawPixmap(0, 0, m_staticLayer);
    paintFrameLabel(painter, lanes);
    if (m_tapSession)
        paintTapTiming(painter, lanes);
    paintPlayhead(painter, lanes);
}

void TimelineView::paintRuler(QPainter& painter, const TimelineLayout& lanes) const
{
    painter.fillRect(lanes.ruler, kRuler);
    QFont font = this->font();
    font.setPointSizeF(std::max(7.5, font.pointSizeF() * 0.85));
    painter.setFont(font);
    const double labelWidth = painter.fontMetrics().horizontalAdvance(QStringLiteral("00:00.00")) + 16;
    const double step = m_viewport.rulerStep(labelWidth);
    const double minorStep = step / (step <= 1.0 / m_viewport.framesPerSecond() ? 1 : 5);
    const double first = std::floor(m_viewport.visibleStart() / minorStep) * minorStep;
    const int majorEvery = int(std::llround(step / minorStep));
    long long n = std::llround(first / minorStep);
    for (double t = first; t <= m_viewport.visibleEnd(); t = (++n) * minorStep) {
        const double x = std::round(m_viewport.xForTime(t)) + 0.5;
        const bool major = majorEvery <= 1 || n % majorEvery == 0;
        painter.setPen(kTick);
        painter.drawLine(QPointF(x, lanes.ruler.bottom() - (major ? 10 : 4)), QPointF(x, lanes.ruler.bottom()));
        if (major) {
            painter.setPen(kRulerText);
            painter.drawText(QPointF(x + 4, lanes.ruler.top() + painter.fontMetrics().ascent() + 3), rulerLabel(t, step));
        }
    }
}

void TimelineView::paintFrameLabel(QPainter& painter, const TimelineLayout& lanes) const
{
    // Frame-level zoom: name the frame under the playhead, as editors do.
    if (m_viewport.secondsPerPixel() * m_viewport.framesPerSecond() < 0.2) {
        QFont font = this->font();
        font.setPointSizeF(std::max(7.5, font.pointSizeF() * 0.85));
        painter.setFont(font);
        const qint64 frame = qint64(std::floor(m_playhead * m_viewport.framesPerSecond() + 1e-9));
        const QString text = tr("frame %1").arg(frame);
        painter.setPen(kRulerText);
        painter.drawText(lanes.ruler.adjusted(0, 0, -8, 0), Qt::AlignRight | Qt::AlignVCenter, text);
    }
}

void TimelineView::paintWaveform(QPainter& painter, const TimelineLayout& lanes)
{
    painter.fillRect(lanes.waveform, kLane);
    m_columns->update(m_viewport);
    const double mid = lanes.waveform.center().y();
    const double half = lanes.waveform.height() * 0.46;
    painter.setPen(QColor(255, 255, 255, 20));
    painter.drawLine(QPointF(lanes.waveform.left(), mid), QPointF(lanes.waveform.right(), mid));

    // Beats under the waveform; bars (every 4th beat) stronger, beats hidden when crowded.
    if (m_audio) {
        const std::vector<double>& beats = m_audio->analysis.beatTimes;
        const auto first = std::lower_bound(beats.cbegin(), beats.cend(), m_viewport.visibleStart());
        const double spacing = beats.size() > 1 ? (beats.back() - beats.front()) / (beats.size() - 1) / m_viewport.secondsPerPixel() : 0.0;
        for (auto it = first; it != beats.cend() && *it <= m_viewport.visibleEnd(); ++it) {
            const bool bar = std::distance(beats.cbegin(), it) % 4 == 0;
            if (!bar && spacing < 6.0)
                continue;
            if (bar && spacing < 1.5)
                continue;
            const double x = std::round(m_viewport.xForTime(*it)) + 0.5;
            painter.setPen(bar ? kBar : kBeat);
            painter.drawLine(QPointF(x, lanes.waveform.top()), QPointF(x, lanes.waveform.bottom()));
        }
    }

    const int count = m_columns->count();
    if (count == 0 || !m_audio)
        return;
    // One vertical line per column from min to max: exact at every zoom, no path building.
    const std::vector<float>& low = m_columns->minimum();
    const std::vector<float>& high = m_columns->maximum();
    QPen waveformPen(kWaveform, 0.0);
    waveformPen.setCosmetic(true);
    painter.setPen(waveformPen);
    for (int x = 0; x < count; ++x) {
        const double top = mid - double(high[size_t(x)]) * half;
        const double bottom = mid - double(low[size_t(x)]) * half;
        painter.drawLine(QPointF(x + 0.5, top), QPointF(x + 0.5, std::max(bottom, top + 1.0)));
    }
    Q_UNUSED(kWaveformEdge);
}

void TimelineView::paintCurves(QPainter& painter, const TimelineLayout& lanes)
{
    painter.fillRect(lanes.curves, kLane);
    if (!m_audio || m_columns->count() == 0)
        return;
    const QRectF area = lanes.curves.adjusted(0, 14, 0, -3);
    const int count = m_columns->count();
    QPolygonF& line = m_curveLine; // a member: its capacity is reused from paint to paint
    // Onset strength (the last curve) is spiky: a faint filled area behind the band lines.
    const int onset = int(std::size(kCurves)) - 1;
    if (m_columns->curveCount() > onset) {
        const std::vector<float>& values = m_columns->curve(onset);
        QColor color = kCurves[onset].color;
        color.setAlpha(90);
        painter.setPen(QPen(color, 1.0));
        for (int x = 0; x < count; ++x)
            painter.drawLine(QPointF(x + 0.5, area.bottom()), QPointF(x + 0.5, area.bottom() - double(values[size_t(x)]) * area.height()));
    }
    // Zoomed out, each column holds many curve frames and the line zigzags: an antialiased wide
    // stroke of it costs the rasteriser hundreds of ms, a cosmetic one-pixel line almost nothing.
    const double framesPerColumn = m_viewport.secondsPerPixel() * (m_audio ? m_audio->analysis.lowBand.frameRateHz() : 100.0);
    const bool smooth = framesPerColumn < 1.5;
    painter.setRenderHint(QPainter::Antialiasing, smooth);
    for (int c = 0; c < m_columns->curveCount() && c < onset; ++c) {
        const std::vector<float>& values = m_columns->curve(c);
        line.resize(count);
        for (int x = 0; x < count; ++x)
            line[x] = QPointF(x + 0.5, area.bottom() - double(values[size_t(x)]) * area.height());
        QPen pen(kCurves[c].color, smooth ? 1.4 : 0.0);
        pen.setCosmetic(true);
        painter.setPen(pen);
        painter.drawPolyline(line);
    }
    painter.setRenderHint(QPainter::Antialiasing, false);
    // Legend, top left of the lane.
    QFont font = this->font();
    font.setPointSizeF(std::max(7.5, font.pointSizeF() * 0.85));
    painter.setFont(font);
    double legendWidth = 8;
    for (const CurveStyle& style : kCurves)
        legendWidth += 22 + painter.fontMetrics().horizontalAdvance(tr(style.name));
    painter.fillRect(QRectF(lanes.curves.left(), lanes.curves.top(), legendWidth, 14), QColor(0x22, 0x24, 0x29, 220));
    double x = lanes.curves.left() + 8;
    for (const CurveStyle& style : kCurves) {
        const QString name = tr(style.name);
        painter.fillRect(QRectF(x, lanes.curves.top() + 5, 10, 3), style.color);
        painter.setPen(kMutedText);
        painter.drawText(QPointF(x + 14, lanes.curves.top() + 4 + painter.fontMetrics().ascent() * 0.55), name);
        x += 22 + painter.fontMetrics().horizontalAdvance(name);
    }
}

void TimelineView::paintSegments(QPainter& painter, const TimelineLayout& lanes) const
{
    painter.fillRect(lanes.segments, kLane);
    QFont font = this->font();
    painter.setFont(font);
    const QFontMetrics metrics(font);
    const QRectF lane = lanes.segments.adjusted(0, 3, 0, -3);
    const double start = m_viewport.visibleStart() * 1000.0;
    const double end = m_viewport.visibleEnd() * 1000.0;
    for (int i = 0; i < m_segments.size(); ++i) {
        const Segment& segment = m_segments.at(i);
        if (segment.range.endMs < start || segment.range.startMs > end)
            continue;
        const double left = m_viewport.xForTime(segment.range.startMs / 1000.0);
        const double right = m_viewport.xForTime(segment.range.endMs / 1000.0);
        const QRectF block(std::max(left, -4.0) + 1, lane.top(), std::min(right, lane.right() + 4) - std::max(left, -4.0) - 2, lane.height());
        const bool selected = i == m_selected;
        if (segment.isInstrumental()) {
            painter.fillRect(block, kInstrumental);
            painter.save();
            painter.setClipRect(block);
            painter.setPen(QPen(kHatch, 1.0));
            // Hatching anchored to song time so it scrolls with the block.
            const double phase = std::fmod(m_viewport.xForTime(0.0), 10.0);
            for (double x = block.left() - block.height() + phase - 10; x < block.right(); x += 10)
                painter.drawLine(QPointF(x, block.bottom()), QPointF(x + block.height(), block.top()));
            painter.restore();
            painter.setPen(selected ? kSelectedEdge : kHatch);
            painter.drawRect(block.adjusted(0, 0, -1, -1));
        } else {
            painter.fillRect(block, selected ? kLyricBlockSelected : kLyricBlock);
            painter.setPen(QPen(selected ? kSelectedEdge : kLyricEdge, selected ? 2.0 : 1.0));
            painter.drawRect(block.adjusted(0.5, 0.5, -1, -1));
        }
        // Label: the lyric (or "instrumental"), then the start time and length, elided to the block.
        const QRectF text = block.adjusted(6, 4, -6, -4);
        if (text.width() > 12) {
            const QString label = segment.isInstrumental() ? tr("instrumental") : segment.lyric.simplified();
            QFont labelFont = font;
            labelFont.setItalic(segment.isInstrumental());
            painter.setFont(labelFont);
            painter.setPen(segment.isInstrumental() ? kMutedText : kBlockText);
            painter.drawText(text, Qt::AlignLeft | Qt::AlignTop, metrics.elidedText(label, Qt::ElideRight, int(text.width())));
            painter.setFont(font);
            painter.setPen(kMutedText);
            const QString detail = QStringLiteral("%1 · %2").arg(formatSongTime(segment.range.startMs), formatSongTime(segment.range.durationMs()));
            painter.drawText(text, Qt::AlignLeft | Qt::AlignBottom, metrics.elidedText(detail, Qt::ElideRight, int(text.width())));
        }
    }
    // The boundary under the mouse or being dragged, across every lane (so it can be matched to beats).
    const int shown = m_dragIndex >= 0 ? m_dragIndex : m_hoverBoundary;
    if (shown >= 0 && shown < m_segments.size()) {
        const double seconds = m_dragIndex >= 0 ? m_dragSeconds : m_segments.at(shown).range.endMs / 1000.0;
        const double x = std::round(m_viewport.xForTime(seconds)) + 0.5;
        painter.setPen(QPen(kDrag, m_dragIndex >= 0 ? 2.0 : 1.0));
        painter.drawLine(QPointF(x, lanes.waveform.top()), QPointF(x, lanes.segments.bottom()));
        if (m_dragIndex >= 0) {
            painter.setPen(kDrag);
            painter.drawText(QPointF(x + 5, lanes.segments.top() - 6),
                formatSongTime(millisecondsFromSeconds(seconds))
                    + (m_snapToBeats ? tr("  (snapped to beat)") : QString()));
        }
    }
    if (!m_snapToBeats) {
        painter.setPen(kMutedText);
        painter.drawText(lanes.ruler.adjusted(0, 0, -90, 0), Qt::AlignRight | Qt::AlignVCenter, tr("snap off (N)"));
    }
}

void TimelineView::paintTapTiming(QPainter& painter, const TimelineLayout& lanes) const
{
    const TapTimingSession& session = *m_tapSession;
    // Taps so far: a green tick per start, a line to its end.
    painter.setPen(QPen(kTap, 2.0));
    for (int i = 0; i < session.startTapsMs().size(); ++i) {
        const double x = m_viewport.xForTime(session.startTapsMs().at(i) / 1000.0);
        painter.drawLine(QPointF(x, lanes.waveform.top()), QPointF(x, lanes.segments.bottom()));
        if (const auto end = session.endTapsMs().at(i)) {
            const double xe = m_viewport.xForTime(*end / 1000.0);
            painter.drawLine(QPointF(x, lanes.segments.top() + 2), QPointF(xe, lanes.segments.top() + 2));
        }
    }
    // The banner: what the next key press does.
    const QString next = session.nextLineText();
    const QString line1 = next.isEmpty() ? tr("Tap timing: every line is tapped. Esc applies the timing.")
                                         : tr("Tap timing — Enter: start of \"%1\"").arg(next.simplified());
    const QString line2 = tr("Shift+Enter or E: end of the current line · Backspace: take back the last tap · Esc: apply (%1 of %2 lines)")
                              .arg(session.startedCount())
                              .arg(session.lineCount() - session.firstLine());
    QFont font = this->font();
    font.setBold(true);
    const QFontMetrics metrics(font);
    const double width = std::min(lanes.waveform.width() - 24, double(std::max(metrics.horizontalAdvance(line1), metrics.horizontalAdvance(line2)) + 32));
    const QRectF banner(lanes.waveform.left() + 12, lanes.waveform.top() + 8, width, metrics.height() * 2 + 16);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(QPen(kTap, 1.0));
    painter.setBrush(QColor(0x10, 0x2a, 0x1a, 230));
    painter.drawRoundedRect(banner, 6, 6);
    painter.setBrush(Qt::NoBrush);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setFont(font);
    painter.setPen(kBlockText);
    painter.drawText(banner.adjusted(14, 6, -14, -6), Qt::AlignLeft | Qt::AlignTop, metrics.elidedText(line1, Qt::ElideRight, int(banner.width() - 28)));
    font.setBold(false);
    painter.setFont(font);
    painter.setPen(kRulerText);
    painter.drawText(banner.adjusted(14, 6, -14, -6), Qt::AlignLeft | Qt::AlignBottom, QFontMetrics(font).elidedText(line2, Qt::ElideRight, int(banner.width() - 28)));
}

void TimelineView::paintPlayhead(QPainter& painter, const TimelineLayout& lanes) const
{
    const double x = std::round(m_viewport.xForTime(m_playhead)) + 0.5;
    if (x < -8 || x > viewport()->width() + 8)
        return;
    painter.setPen(QPen(kPlayhead, 1.0));
    painter.drawLine(QPointF(x, lanes.ruler.top()), QPointF(x, lanes.segments.bottom()));
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(Qt::NoPen);
    painter.setBrush(kPlayhead);
    const QPointF head[] = {{x - 6, lanes.ruler.top()}, {x + 6, lanes.ruler.top()}, {x + 6, lanes.ruler.top() + 8}, {x, lanes.ruler.top() + 14}, {x - 6, lanes.ruler.top() + 8}};
    painter.drawPolygon(head, 5);
    painter.setBrush(Qt::NoBrush);
    painter.setRenderHint(QPainter::Antialiasing, false);
}

} // namespace tessera
