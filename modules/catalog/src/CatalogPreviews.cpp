// A grid's cells as views read them, and versions' previews (VersionPreview), with a fallback to
// the full image for versions stored before the previews existed (schema < 5); the optical flow
// between neighbouring versions (schema 6) and their upscales (schema 7).
#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/VersionPreview.h"

#include "internal/CatalogPrivate.h"

namespace tessera {

using internal::Statement;

VersionPreview Catalog::storedPreview(qint64 versionId) const
{
    if (schemaVersion() < 5)
        return {}; // opened read-only, not upgraded: no previews stored
    Statement query(d->db, "SELECT signature, preview_png FROM version_previews WHERE version_id = ?1");
    query.bind(1, versionId);
    VersionPreview preview;
    if (query.next()) {
        preview.signature = query.blob(0);
        preview.previewPng = query.blob(1);
    }
    return preview;
}

QByteArray Catalog::versionPreview(qint64 versionId) const
{
    const VersionPreview stored = storedPreview(versionId);
    return stored.isNull() ? VersionPreview::of(versionImage(versionId)).previewPng : stored.previewPng;
}

QVector<CellOverview> Catalog::cellOverviews(qint64 segmentId) const
{
    // The active version's place counts the versions up to it: histories are ordered by id. A
    // project opened read-only keeps its older schema: before 5 it has neither the covering index
    // nor stored previews.
    const bool hasPreviews = schemaVersion() >= 5;
    Statement query(d->db, QByteArray("SELECT ") + internal::kCellColumns + ","
        " (SELECT count(*) FROM versions h WHERE h.cell_id = c.id),"
        " (SELECT count(*) FROM versions h WHERE h.cell_id = c.id AND h.id <= c.active_version_id),"
        " a.width, a.height, a.recipe, " + QByteArray(hasPreviews ? "p.signature" : "NULL")
        + " FROM cells c LEFT JOIN versions a" + QByteArray(hasPreviews ? " INDEXED BY versions_overview" : "")
        + " ON a.id = c.active_version_id"
        + QByteArray(hasPreviews ? " LEFT JOIN version_previews p ON p.version_id = c.active_version_id" : "")
        + " WHERE c.segment_id = ?1 ORDER BY c.row, c.col");
    query.bind(1, segmentId);
    QVector<CellOverview> result;
    while (query.next()) {
        CellOverview overview;
        overview.cell = internal::readCell(query, d->db);
        const Cell& cell = overview.cell;
        overview.versionCount = int(query.int64(6));
        if (cell.activeVersionId != 0) {
            overview.activeVersionNumber = int(query.int64(7));
            overview.activeWidth = int(query.int64(8));
            overview.activeHeight = int(query.int64(9));
            overview.activeRecipe = internal::fromJsonText(query.text(10));
            overview.signature = query.isNull(11) ? VersionPreview::signatureOf(versionImage(cell.activeVersionId))
                                                  : query.blob(11);
        }
        result.append(overview);
    }
    return result;
}

QByteArray Catalog::cellFlow(qint64 fromVersionId, qint64 toVersionId) const
{
    if (schemaVersion() < 6)
        return {}; // opened read-only without migrating: the table is not there yet
    Statement query(d->db, "SELECT flow FROM cell_flows WHERE from_version_id = ?1 AND to_version_id = ?2");
    query.bind(1, fromVersionId);
    query.bind(2, toVersionId);
    return query.next() ? query.blob(0) : QByteArray();
}

void Catalog::storeCellFlow(qint64 fromVersionId, qint64 toVersionId, const QByteArray& flow)
{
    d->requireWritable();
    Statement insert(d->db, "INSERT OR REPLACE INTO cell_flows (from_version_id, to_version_id, flow) VALUES (?1, ?2, ?3)");
    insert.bind(1, fromVersionId);
    insert.bind(2, toVersionId);
    insert.bind(3, flow);
    insert.run();
}

QByteArray Catalog::versionUpscale(qint64 versionId, int scale, const QString& network) const
{
    if (schemaVersion() < 7)
        return {}; // opened read-only without migrating: the table is not there yet
    Statement query(d->db, "SELECT image_png FROM version_upscales WHERE version_id = ?1 AND scale = ?2 AND network = ?3");
    query.bind(1, versionId);
    query.bind(2, scale);
    query.bind(3, network);
    return query.next() ? query.blob(0) : QByteArray();
}

void Catalog::storeVersionUpscale(qint64 versionId, int scale, const QString& network, const QByteArray& png)
{
    d->requireWritable();
    Statement insert(d->db, "INSERT OR REPLACE INTO version_upscales (version_id, scale, network, image_png) VALUES (?1, ?2, ?3, ?4)");
    insert.bind(1, versionId);
    insert.bind(2, scale);
    insert.bind(3, network);
    insert.bind(4, png);
    insert.run();
}

} // namespace tessera
