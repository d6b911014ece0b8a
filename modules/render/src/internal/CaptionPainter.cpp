#include "internal/CaptionPainter.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QPen>

#include <cmath>

namespace tessera::internal {

namespace {

//! The pieces of the line to draw: each timed word (with its spacing) or the whole line.
struct Piece
{
    QString text;
    bool current = false;
};

QVector<Piece> piecesOf(const Segment& segment, double seconds)
{
    if (segment.words.isEmpty())
        return {{segment.lyric.simplified(), false}};
    const qint64 nowMs = millisecondContaining(seconds);
    int current = -1;
    for (int i = 0; i < segment.words.size(); ++i)
        if (segment.words[i].startMs <= nowMs)
            current = i;
    QVector<Piece> pieces;
    for (int i = 0; i < segment.words.size(); ++i) {
        const QString word = segment.words[i].text.simplified();
        if (!word.isEmpty())
            pieces.append({word, i == current});
    }
    return pieces;
}

} // namespace

void paintCaption(QImage& frame, const Segment& segment, double seconds, const CaptionStyle& style)
{
    const QVector<Piece> pieces = piecesOf(segment, seconds);
    if (pieces.isEmpty() || (pieces.size() == 1 && pieces.first().text.isEmpty()))
        return;
    QFont font(style.fontFamily);
    double pixelSize = std::max(6.0, style.sizeFraction * frame.height());
    font.setPixelSize(int(std::lround(pixelSize)));
    // Long lines shrink to fit 90% of the width rather than run off the frame.
    QString whole;
    for (const Piece& piece : pieces)
        whole += (whole.isEmpty() ? QString() : QStringLiteral(" ")) + piece.text;
    const double maxWidth = 0.9 * frame.width();
    const double width = QFontMetricsF(font).horizontalAdvance(whole);
    if (width > maxWidth) {
        pixelSize = std::max(6.0, pixelSize * maxWidth / width);
        font.setPixelSize(int(std::floor(pixelSize)));
    }
    const QFontMetricsF metrics(font);
    const double space = metrics.horizontalAdvance(QLatin1Char(' '));
    double x = (frame.width() - metrics.horizontalAdvance(whole)) / 2.0;
    const double baseline = frame.height() * (1.0 - style.bottomFraction);

    QPainterPath plain;
    QPainterPath highlighted;
    for (const Piece& piece : pieces) {
        (piece.current ? highlighted : plain).addText(QPointF(x, baseline), font, piece.text);
        x += metrics.horizontalAdvance(piece.text) + space;
    }
    QPainter painter(&frame);
    painter.setRenderHint(QPainter::Antialiasing);
    QPen outline{QColor(style.outlineColor)};
    outline.setWidthF(std::max(1.0, pixelSize * 0.12));
    outline.setJoinStyle(Qt::RoundJoin);
    painter.strokePath(plain, outline);
    painter.strokePath(highlighted, outline);
    painter.fillPath(plain, QColor(style.textColor));
    painter.fillPath(highlighted, QColor(style.highlightColor));
}

} // namespace tessera::internal
