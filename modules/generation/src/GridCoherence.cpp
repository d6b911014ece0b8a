#include "tessera/generation/GridCoherence.h"

#include "tessera/catalog/VersionPreview.h"
#include "tessera/generation/GenerationError.h"

#include <algorithm>
#include <cmath>

namespace tessera {

namespace {

constexpr double kMinimumMedian = 1e-6; // a grid of identical images: any difference stands out

double median(QVector<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
}

} // namespace

Thumbnail thumbnailOf(const QByteArray& imageBytes)
{
    return thumbnailFromSignature(VersionPreview::signatureOf(imageBytes));
}

Thumbnail thumbnailFromSignature(const QByteArray& signature)
{
    Thumbnail thumbnail;
    thumbnail.reserve(signature.size());
    for (const char value : signature)
        thumbnail.append(float(uchar(value)) / 255.0f);
    return thumbnail;
}

double thumbnailDistance(const Thumbnail& a, const Thumbnail& b)
{
    if (a.size() != b.size() || a.isEmpty())
        throw GenerationError({}, QStringLiteral("thumbnails of %1 and %2 values cannot be compared").arg(a.size()).arg(b.size()));
    double sum = 0.0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const double difference = double(a[i]) - double(b[i]);
        sum += difference * difference;
    }
    return std::sqrt(sum / double(a.size()));
}

QVector<CellCoherence> coherenceScores(const GridGeometry& grid, const QVector<Thumbnail>& thumbnails)
{
    if (thumbnails.size() != grid.cellCount()) {
        throw GenerationError({}, QStringLiteral("%1 thumbnails for a %2x%3 grid")
                                      .arg(thumbnails.size())
                                      .arg(grid.rows())
                                      .arg(grid.cols()));
    }
    QVector<double> edgeDistances; // each neighbouring pair once
    QVector<QVector<double>> cellDistances(grid.cellCount());
    for (int i = 0; i < grid.cellCount(); ++i) {
        if (thumbnails[i].isEmpty())
            continue;
        for (const CellIndex& neighbour : grid.neighbours(grid.cellAt(i))) {
            const int j = grid.linearIndex(neighbour);
            if (thumbnails[j].isEmpty())
                continue;
            const double distance = thumbnailDistance(thumbnails[i], thumbnails[j]);
            cellDistances[i].append(distance);
            if (j > i)
                edgeDistances.append(distance);
        }
    }
    QVector<CellCoherence> scores;
    const double typical = edgeDistances.isEmpty() ? 0.0 : std::max(median(edgeDistances), kMinimumMedian);
    for (int i = 0; i < grid.cellCount(); ++i) {
        CellCoherence coherence{grid.cellAt(i), std::nullopt};
        if (!cellDistances[i].isEmpty()) {
            double sum = 0.0;
            for (const double distance : cellDistances[i])
                sum += distance;
            coherence.score = sum / double(cellDistances[i].size()) / typical;
        }
        scores.append(coherence);
    }
    return scores;
}

QVector<CellCoherence> gridCoherence(const Catalog& catalog, qint64 segmentId)
{
    const auto segment = catalog.segment(segmentId);
    if (!segment)
        throw GenerationError(catalog.path(), QStringLiteral("has no segment with id %1").arg(segmentId));
    QVector<Thumbnail> thumbnails(segment->grid.cellCount());
    for (const CellOverview& overview : catalog.cellOverviews(segmentId)) {
        if (overview.cell.activeVersionId != 0 && segment->grid.contains(overview.cell.index))
            thumbnails[segment->grid.linearIndex(overview.cell.index)] = thumbnailFromSignature(overview.signature);
    }
    return coherenceScores(segment->grid, thumbnails);
}

} // namespace tessera
