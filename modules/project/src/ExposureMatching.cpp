#include "tessera/project/ExposureMatching.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/CatalogError.h"

#include <QImage>

namespace tessera {

SegmentExposureMatch planExposureMatch(const Catalog& catalog, const Segment& segment, const QString& label)
{
    SegmentExposureMatch plan;
    QVector<QImage> images;
    for (const Cell& cell : catalog.cells(segment.id)) {
        if (cell.activeVersionId == 0)
            continue;
        QImage image;
        if (!image.loadFromData(catalog.versionImage(cell.activeVersionId), "PNG"))
            throw CatalogError(catalog.path(), QStringLiteral("version %1 holds an unreadable PNG").arg(cell.activeVersionId));
        plan.cells.append(cell);
        images.append(image);
    }
    if (plan.cells.isEmpty())
        throw CatalogError(catalog.path(), QStringLiteral("%1 has no generated cells to match").arg(label));
    plan.match = matchExposure(images);
    QVector<SetGradesCommand::Change> changes;
    changes.reserve(plan.cells.size());
    for (int i = 0; i < plan.cells.size(); ++i) {
        Grade grade = catalog.grade(GradeScope::Cell, plan.cells[i].id);
        grade.exposureStops = plan.match.offsetStops[i];
        changes.append({plan.cells[i].id, grade});
    }
    plan.command = std::make_unique<SetGradesCommand>(GradeScope::Cell, std::move(changes), QStringLiteral("Match exposure of %1").arg(label));
    return plan;
}

} // namespace tessera
