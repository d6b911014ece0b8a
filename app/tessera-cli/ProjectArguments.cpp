#include "ProjectArguments.h"

#include <QRegularExpression>
#include <QStringList>

namespace tessera::cli {

Segment segmentByNumber(const Catalog& catalog, const QString& number)
{
    bool ok = false;
    const int n = number.toInt(&ok);
    const QVector<Segment> segments = catalog.segments();
    if (!ok || n < 1 || n > segments.size()) {
        throw CatalogError(catalog.path(), QStringLiteral("has no segment %1 (it has %2; they count from 1)")
                                               .arg(number)
                                               .arg(segments.size()));
    }
    return segments[n - 1];
}

std::optional<QSize> parseSize(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,5})x(\\d{1,5})$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch() || match.captured(1).toInt() < 1 || match.captured(2).toInt() < 1)
        return std::nullopt;
    return QSize(match.captured(1).toInt(), match.captured(2).toInt());
}

std::optional<CellIndex> parseCellIndex(const QString& text)
{
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != 2)
        return std::nullopt;
    bool okRow = false;
    bool okCol = false;
    const CellIndex index{parts[0].trimmed().toInt(&okRow), parts[1].trimmed().toInt(&okCol)};
    if (!okRow || !okCol)
        return std::nullopt;
    return index;
}

Cell cellAt(const Catalog& catalog, const Segment& segment, const QString& cellText)
{
    const auto index = parseCellIndex(cellText);
    if (!index)
        throw CatalogError(catalog.path(), QStringLiteral("\"%1\" is not a cell; write row,col").arg(cellText));
    const auto cell = catalog.cell(segment.id, *index);
    if (!cell) {
        throw CatalogError(catalog.path(), QStringLiteral("cell %1 is outside the segment's %2x%3 grid (rows and columns count from 0)")
                                               .arg(cellText)
                                               .arg(segment.grid.rows())
                                               .arg(segment.grid.cols()));
    }
    return *cell;
}

} // namespace tessera::cli
