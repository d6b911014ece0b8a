#include "tessera/ui/AxisPlot.h"

#include "tessera/core/TimeFormat.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace tessera {

AxisPlot::AxisPlot(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMinimumHeight(64);
}

void AxisPlot::setPlot(const AxisPlotData& plot, const QString& firstLabel, const QString& lastLabel)
{
    m_plot = plot;
    m_firstLabel = firstLabel;
    m_lastLabel = lastLabel;
    update();
}

void AxisPlot::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    const QColor background = pal.color(QPalette::Base).darker(pal.color(QPalette::Base).lightness() > 128 ? 104 : 115);
    painter.fillRect(rect(), background);

    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    painter.setFont(small);
    const QFontMetrics metrics(small);
    const int labelWidth = std::max(metrics.horizontalAdvance(m_firstLabel), metrics.horizontalAdvance(m_lastLabel)) + 8;
    const QRectF area = QRectF(rect()).adjusted(labelWidth, 6, -6, -6);

    // Grid: the first and last cell (bottom and top) and the centre.
    QColor gridColour = pal.color(QPalette::Mid);
    gridColour.setAlpha(120);
    painter.setPen(QPen(gridColour, 1, Qt::DotLine));
    for (const double y : {0.0, 0.5, 1.0})
        painter.drawLine(QPointF(area.left(), area.bottom() - y * area.height()), QPointF(area.right(), area.bottom() - y * area.height()));
    painter.setPen(pal.color(QPalette::PlaceholderText));
    painter.drawText(QRectF(0, area.top() - metrics.height() / 2.0, labelWidth - 4, metrics.height()), Qt::AlignRight | Qt::AlignVCenter, m_lastLabel);
    painter.drawText(QRectF(0, area.bottom() - metrics.height() / 2.0, labelWidth - 4, metrics.height()), Qt::AlignRight | Qt::AlignVCenter, m_firstLabel);

    if (m_plot.points.size() < 2) {
        painter.drawText(area, Qt::AlignCenter, tr("No segment"));
        return;
    }
    const double t0 = m_plot.points.constFirst().x();
    const double t1 = m_plot.points.constLast().x();
    const double span = t1 > t0 ? t1 - t0 : 1.0;
    QPainterPath line;
    for (int i = 0; i < m_plot.points.size(); ++i) {
        const QPointF& p = m_plot.points[i];
        const QPointF at(area.left() + (p.x() - t0) / span * area.width(), area.bottom() - p.y() * area.height());
        if (i == 0)
            line.moveTo(at);
        else
            line.lineTo(at);
    }
    QPainterPath fill = line;
    fill.lineTo(area.right(), area.bottom());
    fill.lineTo(area.left(), area.bottom());
    fill.closeSubpath();
    QColor accent = pal.color(QPalette::Highlight);
    QColor translucent = accent;
    translucent.setAlpha(60);
    painter.fillPath(fill, translucent);
    painter.setPen(QPen(accent, 1.6));
    painter.drawPath(line);
    // The segment's start and end, so the motion reads against the song.
    painter.setPen(pal.color(QPalette::PlaceholderText));
    const QRectF times = area.adjusted(3, 0, -3, -1);
    painter.drawText(times, Qt::AlignLeft | Qt::AlignBottom, formatSongTime(millisecondsFromSeconds(t0)));
    painter.drawText(times, Qt::AlignRight | Qt::AlignBottom, formatSongTime(millisecondsFromSeconds(t1)));

    if (!m_plot.analysed || !m_plot.driven) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(area.adjusted(4, 2, -4, -2), Qt::AlignRight | Qt::AlignTop,
            m_plot.analysed ? tr("No feature drives this axis: it holds the centre") : tr("Analysing the song…"));
    }
}

} // namespace tessera
