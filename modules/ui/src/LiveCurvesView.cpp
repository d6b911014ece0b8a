#include "tessera/ui/LiveCurvesView.h"

#include <QPainter>
#include <QPainterPath>

namespace tessera {

LiveCurvesView::LiveCurvesView(QWidget* parent)
    : QWidget(parent)
{
    setMinimumHeight(120);
}

void LiveCurvesView::setCurves(const QStringList& names, const QVector<QColor>& colours)
{
    m_names = names;
    m_colours = colours;
    m_values = QVector<QVector<float>>(names.size());
}

void LiveCurvesView::setHistory(const std::deque<std::array<float, 7>>& history, const QVector<int>& indices, int capacity)
{
    m_capacity = std::max(2, capacity);
    for (int c = 0; c < m_values.size() && c < indices.size(); ++c) {
        QVector<float>& values = m_values[c];
        values.clear();
        values.reserve(int(history.size()));
        for (const auto& entry : history)
            values.append(entry[size_t(indices[c])]);
    }
    update();
}

void LiveCurvesView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRect area = rect().adjusted(0, 0, -1, -1);
    painter.fillRect(area, QColor(24, 24, 28));
    const int legendWidth = 150;
    const QRectF plot(area.left() + 4, area.top() + 4, area.width() - legendWidth - 8, area.height() - 8);
    painter.setPen(QColor(60, 60, 68));
    for (int i = 1; i < 4; ++i)
        painter.drawLine(QPointF(plot.left(), plot.top() + plot.height() * i / 4.0), QPointF(plot.right(), plot.top() + plot.height() * i / 4.0));
    const QFontMetrics metrics(font());
    for (int c = 0; c < m_values.size(); ++c) {
        const QVector<float>& values = m_values[c];
        const QColor colour = c < m_colours.size() ? m_colours[c] : QColor(Qt::white);
        if (values.size() >= 2) {
            QPainterPath path;
            // Newest at the right edge; a history shorter than the capacity starts further right.
            const double step = plot.width() / (m_capacity - 1);
            const double start = plot.right() - step * (values.size() - 1);
            for (int i = 0; i < values.size(); ++i) {
                const QPointF point(start + step * i, plot.bottom() - plot.height() * std::clamp(double(values[i]), 0.0, 1.0));
                if (i == 0)
                    path.moveTo(point);
                else
                    path.lineTo(point);
            }
            painter.setPen(QPen(colour, 1.5));
            painter.drawPath(path);
        }
        const double value = values.isEmpty() ? 0.0 : double(values.last());
        const int y = area.top() + 6 + c * (metrics.height() + 3);
        painter.fillRect(QRect(area.right() - legendWidth + 4, y + 3, 10, metrics.height() - 6), colour);
        painter.setPen(QColor(220, 220, 225));
        painter.drawText(QRect(area.right() - legendWidth + 20, y, legendWidth - 24, metrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
            QStringLiteral("%1  %2").arg(c < m_names.size() ? m_names[c] : QString()).arg(value, 0, 'f', 2));
    }
}

} // namespace tessera
