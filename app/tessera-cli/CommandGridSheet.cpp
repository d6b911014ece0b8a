// grid-sheet: a contact sheet of a segment's grid in its true layout, suspects outlined.
#include "CliContext.h"
#include "ProjectArguments.h"

#include "tessera/catalog/VersionPreview.h"
#include "tessera/generation/GridCoherence.h"

#include <QFont>
#include <QImage>
#include <QPainter>
#include <QSaveFile>

namespace tessera::cli {

namespace {

// The sheet's geometry, documented in --help so scripts can find a cell: labels in a margin on
// the top and left, cells of --cell-size pixels with a gap around each (where outlines go).
constexpr int kMargin = 28;
constexpr int kGap = 6;
constexpr int kOutline = 4;
const QColor kBackground(24, 24, 24);
const QColor kPlaceholder(58, 58, 58);
const QColor kHatch(80, 80, 80);
const QColor kLabel(220, 220, 220);
const QColor kSuspect(255, 0, 200); // magenta: rare in images, never the background

QRect cellRect(CellIndex index, int cellSize)
{
    return QRect(kMargin + kGap + index.col * (cellSize + kGap), kMargin + kGap + index.row * (cellSize + kGap), cellSize, cellSize);
}

void drawPlaceholder(QPainter& painter, const QRect& rect, const QString& label)
{
    painter.fillRect(rect, kPlaceholder);
    painter.save();
    painter.setClipRect(rect);
    painter.setPen(QPen(kHatch, 1));
    for (int offset = -rect.height(); offset < rect.width(); offset += 12)
        painter.drawLine(rect.left() + offset, rect.bottom(), rect.left() + offset + rect.height(), rect.top());
    painter.setPen(kLabel);
    painter.drawText(rect, Qt::AlignCenter, label);
    painter.restore();
}

} // namespace

int runGridSheet(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption segmentOption(QStringLiteral("segment"), QStringLiteral("The segment (counting from 1)."), QStringLiteral("N"));
    const QCommandLineOption sizeOption(QStringLiteral("cell-size"), QStringLiteral("Pixels per cell, 16 to 1024 (default 128)."),
        QStringLiteral("PX"), QStringLiteral("128"));
    parser.addOptions({segmentOption, sizeOption});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("A .tessera project file."));
    parser.addPositionalArgument(QStringLiteral("OUT.png"), QStringLiteral("The contact sheet to write (PNG)."));
    if (const int handled = context.parse(parser, QStringLiteral("grid-sheet"), arguments,
            QStringLiteral("Draws a segment's grid as a contact sheet in its true layout: each cell's active version,\n"
                           "empty and rejected cells as labelled placeholders, row and column numbers in the margins,\n"
                           "and the suspects (cells that break the grid's continuity, coherence %1 or more) outlined\n"
                           "in magenta. The sheet is %2 + cols x (PX + %3) + %3 pixels wide (rows likewise): cell r,c\n"
                           "starts at x = %4 + c x (PX + %3), y = %4 + r x (PX + %3).")
                .arg(kSuspectCoherence)
                .arg(kMargin)
                .arg(kGap)
                .arg(kMargin + kGap));
        handled >= 0) {
        return handled;
    }
    if (parser.positionalArguments().size() != 2 || !parser.isSet(segmentOption))
        return context.usageError(QStringLiteral("grid-sheet"), QStringLiteral("expected PROJECT --segment N OUT.png"));
    bool ok = false;
    const int cellSize = parser.value(sizeOption).toInt(&ok);
    if (!ok || cellSize < 16 || cellSize > 1024)
        return context.usageError(QStringLiteral("grid-sheet"), QStringLiteral("--cell-size takes a number of pixels from 16 to 1024"));
    const QString out = parser.positionalArguments().at(1);

    return context.guarded([&] {
        const auto catalog = Catalog::open(parser.positionalArguments().constFirst(), Catalog::Access::ReadOnly);
        const Segment segment = segmentByNumber(*catalog, parser.value(segmentOption));
        const GridGeometry& grid = segment.grid;
        const QSize size(kMargin + grid.cols() * (cellSize + kGap) + kGap, kMargin + grid.rows() * (cellSize + kGap) + kGap);
        if (qint64(size.width()) * size.height() > 256LL * 1024 * 1024) {
            throw CatalogError(out, QStringLiteral("a %1x%2 sheet is too large; choose a smaller --cell-size")
                                        .arg(size.width())
                                        .arg(size.height()));
        }
        QImage sheet(size, QImage::Format_RGB32);
        sheet.fill(kBackground);
        QPainter painter(&sheet);
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
        QFont font = painter.font();
        font.setPixelSize(qBound(9, cellSize / 8, 13));
        painter.setFont(font);

        // Row and column numbers, as cells --json and --cell count them.
        painter.setPen(kLabel);
        painter.drawText(QRect(0, 0, kMargin, kMargin), Qt::AlignCenter, QStringLiteral("r\\c"));
        for (int col = 0; col < grid.cols(); ++col) {
            const QRect rect = cellRect({0, col}, cellSize);
            painter.drawText(QRect(rect.left(), 0, rect.width(), kMargin), Qt::AlignCenter, QString::number(col));
        }
        for (int row = 0; row < grid.rows(); ++row) {
            const QRect rect = cellRect({row, 0}, cellSize);
            painter.drawText(QRect(0, rect.top(), kMargin, rect.height()), Qt::AlignCenter, QString::number(row));
        }

        QVector<CellIndex> suspects;
        const QVector<CellCoherence> scores = gridCoherence(*catalog, segment.id);
        for (const Cell& cell : catalog->cells(segment.id)) {
            if (!grid.contains(cell.index))
                continue;
            const QRect rect = cellRect(cell.index, cellSize);
            QImage image;
            if (cell.activeVersionId != 0 && cell.state != CellState::Rejected)
                // A cell drawn no bigger than its stored preview is drawn from it: a 100x100 sheet
                // then decodes 10,000 small images instead of 10,000 full ones.
                image.loadFromData(cellSize <= VersionPreview::kPreviewSide ? catalog->versionPreview(cell.activeVersionId)
                                                                            : catalog->versionImage(cell.activeVersionId),
                    "PNG");
            if (image.isNull()) {
                const QString label = cell.activeVersionId != 0 && cell.state != CellState::Rejected ? QStringLiteral("unreadable")
                                                                                                    : cellStateName(cell.state);
                drawPlaceholder(painter, rect, label);
            } else {
                painter.fillRect(rect, Qt::black);
                const QImage scaled = image.scaled(rect.size(), Qt::KeepAspectRatio, Qt::SmoothTransformation);
                painter.drawImage(rect.left() + (rect.width() - scaled.width()) / 2, rect.top() + (rect.height() - scaled.height()) / 2, scaled);
                if (cell.state == CellState::Locked && cellSize >= 48) {
                    const QRect badge(rect.left() + 2, rect.bottom() - painter.fontMetrics().height() - 2,
                        painter.fontMetrics().horizontalAdvance(QStringLiteral("locked")) + 6, painter.fontMetrics().height() + 1);
                    painter.fillRect(badge, QColor(0, 0, 0, 170));
                    painter.setPen(kLabel);
                    painter.drawText(badge, Qt::AlignCenter, QStringLiteral("locked"));
                }
            }
            const qsizetype linear = grid.linearIndex(cell.index);
            if (linear < scores.size() && scores[linear].isSuspect()) {
                suspects.append(cell.index);
                // In the gap around the cell, so the outline hides none of the image.
                const int inset = (kGap - kOutline) / 2; // between the outline and the cell
                const QRect outer = rect.adjusted(-inset - kOutline, -inset - kOutline, inset + kOutline, inset + kOutline);
                painter.fillRect(QRect(outer.left(), outer.top(), outer.width(), kOutline), kSuspect);
                painter.fillRect(QRect(outer.left(), outer.bottom() - kOutline + 1, outer.width(), kOutline), kSuspect);
                painter.fillRect(QRect(outer.left(), outer.top(), kOutline, outer.height()), kSuspect);
                painter.fillRect(QRect(outer.right() - kOutline + 1, outer.top(), kOutline, outer.height()), kSuspect);
            }
        }
        painter.end();

        QSaveFile file(out);
        if (!file.open(QIODevice::WriteOnly) || !sheet.save(&file, "PNG") || !file.commit())
            throw CatalogError(out, QStringLiteral("cannot write (%1)").arg(file.errorString()));
        QStringList names;
        for (const CellIndex& index : suspects)
            names.append(QStringLiteral("%1,%2").arg(index.row).arg(index.col));
        context.out() << "wrote " << out << ": " << grid.rows() << "x" << grid.cols() << " grid, " << size.width() << "x" << size.height()
                      << " px, " << CliContext::count(suspects.size(), QStringLiteral("suspect"))
                      << (names.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(names.join(QStringLiteral(" ")))) << Qt::endl;
        return int(Success);
    });
}

} // namespace tessera::cli
