// A grid's cells as views read them, and versions' previews (VersionPreview), with a fallback to
// the full image for versions stored before the previews existed (schema < 5).
#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/VersionPreview.h"

#include "internal/CatalogPrivate.h"

namespace tessera {

using internal::Statement;

QByteArray Catalog::versionPreview(qint64 versionId) const
{
    Statement query(d->db, "SELECT preview_png FROM version_previews WHERE version_id = ?1");
    query.bind(1, versionId);
    if (query.next())
        return query.blob(0);
    return VersionPreview::of(versionImage(versionId)).previewPng;
}

VersionPreview Catalog::storedPreview(qint64 versionId) const
{
    Statement query(d->db, "SELECT signature, preview_png FROM version_previews WHERE version_id = ?1");
    query.bind(1, versionId);
    VersionPreview preview;
    if (query.next()) {
        preview.signature = query.blob(0);
        preview.previewPng = query.blob(1);
    }
    return preview;
}

QVector<CellOverview> Catalog::cellOverviews(qint64 segmentId) const
{
    // The active version's place counts the versions up to it: histories are ordered by id.
    Statement query(d->db,
        "SELECT c.id, c.row, c.col, c.state, c.active_version_id,"
        " (SELECT count(*) FROM versions h WHERE h.cell_id = c.id),"
        " (SELECT count(*) FROM versions h WHERE h.cell_id = c.id AND h.id <= c.active_version_id),"
        " a.width, a.height, a.recipe, p.signature"
        " FROM cells c LEFT JOIN versions a INDEXED BY versions_overview ON a.id = c.active_version_id"
        " LEFT JOIN version_previews p ON p.version_id = c.active_version_id"
        " WHERE c.segment_id = ?1 ORDER BY c.row, c.col");
    query.bind(1, segmentId);
    QVector<CellOverview> result;
    while (query.next()) {
        CellOverview overview;
        Cell& cell = overview.cell;
        cell.id = query.int64(0);
        cell.segmentId = segmentId;
        cell.index = {int(query.int64(1)), int(query.int64(2))};
        const auto state = cellStateFromName(query.text(3));
        if (!state)
            d->db.fail(QStringLiteral("cell %1 has an unknown state \"%2\"").arg(cell.id).arg(query.text(3)));
        cell.state = *state;
        cell.activeVersionId = query.isNull(4) ? 0 : query.int64(4);
        overview.versionCount = int(query.int64(5));
        if (cell.activeVersionId != 0) {
            overview.activeVersionNumber = int(query.int64(6));
            overview.activeWidth = int(query.int64(7));
            overview.activeHeight = int(query.int64(8));
            overview.activeRecipe = internal::fromJsonText(query.text(9));
            overview.signature = query.isNull(10) ? VersionPreview::signatureOf(versionImage(cell.activeVersionId))
                                                  : query.blob(10);
        }
        result.append(overview);
    }
    return result;
}

} // namespace tessera
