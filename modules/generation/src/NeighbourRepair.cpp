#include "tessera/generation/NeighbourRepair.h"

#include "tessera/core/TimeFormat.h"
#include "tessera/generation/GenerationError.h"

#include <QBuffer>
#include <QImage>

#include <vector>

namespace tessera {

NeighbourBlend neighbourBlend(const Catalog& catalog, const Segment& segment, CellIndex cell)
{
    const QString where = QStringLiteral("cell %1,%2 of the segment at %3").arg(cell.row).arg(cell.col).arg(formatSongTime(segment.range.startMs));
    if (!segment.grid.contains(cell))
        throw GenerationError(catalog.path(), QStringLiteral("%1 is outside the segment's grid").arg(where));
    NeighbourBlend blend;
    QImage mean;
    // The mean is taken on the 8-bit sRGB values: they are what the model's image encoder reads.
    std::vector<quint32> sums;
    int count = 0;
    for (const CellIndex& index : segment.grid.neighbours(cell)) {
        const auto neighbour = catalog.cell(segment.id, index);
        if (!neighbour || neighbour->activeVersionId == 0 || neighbour->state == CellState::Rejected)
            continue;
        const QByteArray bytes = catalog.versionImage(neighbour->activeVersionId);
        QImage image = QImage::fromData(bytes);
        if (image.isNull()) {
            throw GenerationError(catalog.path(), QStringLiteral("the image of version %1 (cell %2,%3) cannot be decoded")
                                                      .arg(neighbour->activeVersionId)
                                                      .arg(index.row)
                                                      .arg(index.col));
        }
        if (mean.isNull()) {
            mean = QImage(image.size(), QImage::Format_RGB888);
            sums.assign(std::size_t(image.width()) * std::size_t(image.height()) * 3, 0);
        }
        if (image.size() != mean.size())
            image = image.scaled(mean.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        image = image.convertToFormat(QImage::Format_RGB888);
        const std::size_t lineBytes = std::size_t(image.width()) * 3;
        for (int y = 0; y < image.height(); ++y) {
            const uchar* line = image.constScanLine(y);
            quint32* sum = sums.data() + std::size_t(y) * lineBytes;
            for (std::size_t x = 0; x < lineBytes; ++x)
                sum[x] += line[x];
        }
        blend.versionIds.append(neighbour->activeVersionId);
        blend.thumbnails.append(thumbnailOf(bytes));
        ++count;
    }
    if (count == 0) {
        throw GenerationError(catalog.path(), QStringLiteral("%1 has no neighbour with an image that is not rejected, "
                                                             "so it cannot be repaired from its neighbours").arg(where));
    }
    const std::size_t lineBytes = std::size_t(mean.width()) * 3;
    for (int y = 0; y < mean.height(); ++y) {
        uchar* line = mean.scanLine(y);
        const quint32* sum = sums.data() + std::size_t(y) * lineBytes;
        for (std::size_t x = 0; x < lineBytes; ++x)
            line[x] = uchar((sum[x] + quint32(count / 2)) / quint32(count));
    }
    QBuffer buffer(&blend.png);
    buffer.open(QIODevice::WriteOnly);
    if (!mean.save(&buffer, "PNG"))
        throw GenerationError(catalog.path(), QStringLiteral("cannot encode the neighbours' blend of %1").arg(where));
    return blend;
}

} // namespace tessera
