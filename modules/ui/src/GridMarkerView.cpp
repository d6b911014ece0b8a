#include "tessera/ui/GridMarkerView.h"

#include <QPainter>

#include <cmath>

namespace tessera {

GridMarkerView::GridMarkerView(QWidget* parent)
    : QWidget(parent)
{
    setMinimumSize(120, 90);
}

void GridMarkerView::setGrid(int rows, int cols, double column, double row)
{
    m_rows = rows;
    m_cols = cols;
    m_column = column;
    m_row = row;
    update();
}

void GridMarkerView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), QColor(24, 24, 28));
    if (m_rows <= 0 || m_cols <= 0)
        return;
    const double side = std::min((width() - 8.0) / m_cols, (height() - 8.0) / m_rows);
    const QPointF origin((width() - side * m_cols) / 2.0, (height() - side * m_rows) / 2.0);
    // The bilinear shares the compositor gives the four cells around the position.
    const int col0 = std::min(int(std::floor(m_column)), m_cols - 1);
    const int row0 = std::min(int(std::floor(m_row)), m_rows - 1);
    const double fx = m_column - col0;
    const double fy = m_row - row0;
    const auto share = [&](int r, int c) {
        const double wx = c == col0 ? 1.0 - fx : (c == col0 + 1 ? fx : 0.0);
        const double wy = r == row0 ? 1.0 - fy : (r == row0 + 1 ? fy : 0.0);
        return wx * wy;
    };
    for (int r = 0; r < m_rows; ++r) {
        for (int c = 0; c < m_cols; ++c) {
            const QRectF cell(origin.x() + c * side + 1, origin.y() + r * side + 1, side - 2, side - 2);
            const int shade = 50 + int(std::lround(150.0 * share(r, c)));
            painter.fillRect(cell, QColor(shade, shade, shade + 10));
        }
    }
    const QPointF marker(origin.x() + (m_column + 0.5) * side, origin.y() + (m_row + 0.5) * side);
    painter.setPen(QPen(QColor(255, 80, 60), 2));
    painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(marker, std::max(4.0, side * 0.15), std::max(4.0, side * 0.15));
}

} // namespace tessera
