#include "tessera/catalog/Catalog.h"

#include "internal/CatalogPrivate.h"
#include "tessera/catalog/VersionPreview.h"

namespace tessera {

using internal::Statement;

namespace {

const QByteArray kCellQuery = QByteArray("SELECT ") + internal::kCellColumns + " FROM cells c";

const QByteArray kPngSignature("\x89PNG\r\n\x1a\n", 8);

} // namespace

QVector<Cell> Catalog::cells(qint64 segmentId) const
{
    Statement query(d->db, (kCellQuery + " WHERE c.segment_id = ?1 ORDER BY c.row, c.col"));
    query.bind(1, segmentId);
    QVector<Cell> result;
    while (query.next())
        result.append(internal::readCell(query, d->db));
    return result;
}

std::optional<Cell> Catalog::cell(qint64 segmentId, CellIndex index) const
{
    Statement query(d->db, (kCellQuery + " WHERE c.segment_id = ?1 AND c.row = ?2 AND c.col = ?3"));
    query.bind(1, segmentId).bind(2, index.row).bind(3, index.col);
    if (!query.next())
        return std::nullopt;
    return internal::readCell(query, d->db);
}

std::optional<Cell> Catalog::cellById(qint64 cellId) const
{
    Statement query(d->db, (kCellQuery + " WHERE c.id = ?1"));
    query.bind(1, cellId);
    if (!query.next())
        return std::nullopt;
    return internal::readCell(query, d->db);
}

void Catalog::setCellState(qint64 cellId, CellState state)
{
    transact([&] {
        const auto current = cellById(cellId);
        if (!current)
            d->db.fail(QStringLiteral("no cell with id %1").arg(cellId));
        if (cellStateNeedsVersion(state) && current->activeVersionId == 0) {
            d->db.fail(QStringLiteral("cell %1 has no image yet, so it cannot be %2")
                           .arg(cellId)
                           .arg(cellStateName(state)));
        }
        Statement update(d->db, "UPDATE cells SET state = ?1 WHERE id = ?2");
        update.bind(1, cellStateName(state)).bind(2, cellId).run();
    });
}

qint64 Catalog::addVersion(const Version& version, const VersionPreview& known)
{
    if (!version.png.startsWith(kPngSignature))
        d->db.fail(QStringLiteral("version image for cell %1 is not PNG data").arg(version.cellId));
    if (version.width <= 0 || version.height <= 0)
        d->db.fail(QStringLiteral("version image size %1x%2 is empty").arg(version.width).arg(version.height));
    // Made before the transaction: decoding and encoding need no lock.
    const VersionPreview preview = known.isNull() ? VersionPreview::of(version.png) : known;
    qint64 id = 0;
    transact([&] {
        Statement insert(d->db,
            "INSERT INTO versions (cell_id, image_png, width, height, recipe, generation_ms)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        insert.bind(1, version.cellId)
            .bind(2, version.png)
            .bind(3, version.width)
            .bind(4, version.height)
            .bind(5, internal::toJsonText(version.recipe))
            .bind(6, version.generationMs)
            .run();
        id = d->db.lastInsertId();
        if (!preview.isNull()) {
            Statement stand(d->db, "INSERT INTO version_previews (version_id, preview_png, signature) VALUES (?1, ?2, ?3)");
            stand.bind(1, id).bind(2, preview.previewPng).bind(3, preview.signature).run();
        }
        Statement activate(d->db,
            "UPDATE cells SET active_version_id = ?1,"
            " state = CASE state WHEN 'locked' THEN 'locked' ELSE 'done' END WHERE id = ?2");
        activate.bind(1, id).bind(2, version.cellId).run();
        if (d->db.changes() != 1)
            d->db.fail(QStringLiteral("no cell with id %1").arg(version.cellId));
    });
    return id;
}

void Catalog::setActiveVersion(qint64 cellId, qint64 versionId)
{
    transact([&] {
        Statement owner(d->db, "SELECT cell_id FROM versions WHERE id = ?1");
        owner.bind(1, versionId);
        if (!owner.next())
            d->db.fail(QStringLiteral("no version with id %1").arg(versionId));
        if (owner.int64(0) != cellId)
            d->db.fail(QStringLiteral("version %1 belongs to another cell than %2").arg(versionId).arg(cellId));
        Statement update(d->db,
            "UPDATE cells SET active_version_id = ?1,"
            " state = CASE state WHEN 'locked' THEN 'locked' ELSE 'done' END WHERE id = ?2");
        update.bind(1, versionId).bind(2, cellId).run();
    });
}

QVector<Version> Catalog::versions(qint64 cellId) const
{
    Statement query(d->db,
        "SELECT id, cell_id, width, height, recipe, generation_ms, created_at FROM versions"
        " WHERE cell_id = ?1 ORDER BY id");
    query.bind(1, cellId);
    QVector<Version> result;
    while (query.next()) {
        Version version;
        version.id = query.int64(0);
        version.cellId = query.int64(1);
        version.width = int(query.int64(2));
        version.height = int(query.int64(3));
        version.recipe = internal::fromJsonText(query.text(4));
        version.generationMs = query.int64(5);
        version.created = internal::fromSqlTime(query.text(6));
        result.append(version);
    }
    return result;
}

QByteArray Catalog::versionImage(qint64 versionId) const
{
    Statement query(d->db, "SELECT image_png FROM versions WHERE id = ?1");
    query.bind(1, versionId);
    if (!query.next())
        d->db.fail(QStringLiteral("no version with id %1").arg(versionId));
    return query.blob(0);
}

Cell internal::readCell(const Statement& row, const Database& db)
{
    Cell cell;
    cell.id = row.int64(0);
    cell.segmentId = row.int64(1);
    cell.index = {int(row.int64(2)), int(row.int64(3))};
    const auto state = cellStateFromName(row.text(4));
    if (!state)
        db.fail(QStringLiteral("cell %1 has an unknown state \"%2\"").arg(cell.id).arg(row.text(4)));
    cell.state = *state;
    cell.activeVersionId = row.isNull(5) ? 0 : row.int64(5);
    return cell;
}

} // namespace tessera
