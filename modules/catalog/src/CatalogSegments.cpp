#include "tessera/catalog/Catalog.h"

#include "internal/CatalogPrivate.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

namespace tessera {

using internal::Statement;

namespace {

//! The segments' columns; a project opened read-only before schema 6 has no camera (still).
QByteArray segmentColumns(int schemaVersion)
{
    return QByteArray("SELECT id, start_ms, end_ms, lyric, prompt, seed, grid_rows, grid_cols, axis_x, axis_y,"
                      " transition, words, ")
        + (schemaVersion >= 6 ? "camera" : "'{}'") + " FROM segments";
}

Segment readSegment(const Statement& row, const internal::Database& db)
{
    Segment segment;
    segment.id = row.int64(0);
    segment.range = {row.int64(1), row.int64(2)};
    segment.lyric = row.text(3);
    segment.prompt = row.text(4);
    segment.seed = quint32(row.int64(5));
    const qint64 rows = row.int64(6);
    const qint64 cols = row.int64(7);
    // As for the settings: a damaged file can break the schema's CHECKs, and the grid's size
    // decides how many cells are made, composed and generated.
    if (!segment.range.isValid() || rows < 1 || cols < 1 || rows > GridGeometry::kMaxSide || cols > GridGeometry::kMaxSide) {
        db.fail(QStringLiteral("segment %1 is damaged (time %2..%3 ms, grid %4x%5)")
                    .arg(segment.id).arg(segment.range.startMs).arg(segment.range.endMs).arg(rows).arg(cols));
    }
    segment.grid = GridGeometry(int(rows), int(cols));
    QString error;
    const auto axisX = AxisDefinition::fromJson(internal::fromJsonText(row.text(8)), &error);
    const auto axisY = AxisDefinition::fromJson(internal::fromJsonText(row.text(9)), &error);
    if (!axisX || !axisY)
        db.fail(QStringLiteral("segment %1 has an unreadable axis (%2)").arg(segment.id).arg(error));
    segment.axisX = *axisX;
    segment.axisY = *axisY;
    segment.transition = Transition::fromJson(internal::fromJsonText(row.text(10)));
    segment.words = Segment::wordsFromJson(QJsonDocument::fromJson(row.text(11).toUtf8()).array());
    const auto camera = CameraMotion::fromJson(internal::fromJsonText(row.text(12)), &error);
    if (!camera)
        db.fail(QStringLiteral("segment %1 has an unreadable camera (%2)").arg(segment.id).arg(error));
    segment.camera = *camera;
    return segment;
}

void validateSegment(const Segment& segment, const internal::Database& db)
{
    if (!segment.range.isValid()) {
        db.fail(QStringLiteral("segment time range %1..%2 ms is empty or negative")
                    .arg(segment.range.startMs)
                    .arg(segment.range.endMs));
    }
    if (!segment.grid.isValid()) {
        db.fail(QStringLiteral("grid %1x%2 is outside 1x1..%3x%3")
                    .arg(segment.grid.rows())
                    .arg(segment.grid.cols())
                    .arg(GridGeometry::kMaxSide));
    }
}

void bindSegment(Statement& statement, const Segment& segment)
{
    statement.bind(1, segment.range.startMs)
        .bind(2, segment.range.endMs)
        .bind(3, segment.lyric)
        .bind(4, segment.prompt)
        .bind(5, qint64(segment.seed))
        .bind(6, segment.grid.rows())
        .bind(7, segment.grid.cols())
        .bind(8, internal::toJsonText(segment.axisX.toJson()))
        .bind(9, internal::toJsonText(segment.axisY.toJson()))
        .bind(10, internal::toJsonText(segment.transition.toJson()))
        .bind(11, QString::fromUtf8(QJsonDocument(Segment::wordsToJson(segment.words)).toJson(QJsonDocument::Compact)))
        .bind(12, internal::toJsonText(segment.camera.toJson()));
}

// Adds the cells the grid lacks and removes those outside it (with their versions).
void syncCells(internal::Database& db, qint64 segmentId, const GridGeometry& grid)
{
    Statement prune(db, "DELETE FROM cells WHERE segment_id = ?1 AND (row >= ?2 OR col >= ?3)");
    prune.bind(1, segmentId).bind(2, grid.rows()).bind(3, grid.cols()).run();
    Statement insert(db, "INSERT OR IGNORE INTO cells (segment_id, row, col) VALUES (?1, ?2, ?3)");
    for (int i = 0; i < grid.cellCount(); ++i) {
        const CellIndex index = grid.cellAt(i);
        insert.reset();
        insert.bind(1, segmentId).bind(2, index.row).bind(3, index.col).run();
    }
}

} // namespace

QVector<Segment> Catalog::segments() const
{
    Statement query(d->db, segmentColumns(schemaVersion()) + " ORDER BY start_ms, id");
    QVector<Segment> result;
    while (query.next())
        result.append(readSegment(query, d->db));
    return result;
}

std::optional<Segment> Catalog::segment(qint64 segmentId) const
{
    Statement query(d->db, segmentColumns(schemaVersion()) + " WHERE id = ?1");
    query.bind(1, segmentId);
    if (!query.next())
        return std::nullopt;
    return readSegment(query, d->db);
}

qint64 Catalog::addSegment(const Segment& segment)
{
    validateSegment(segment, d->db);
    qint64 id = 0;
    transact([&] {
        Statement insert(d->db,
            "INSERT INTO segments (start_ms, end_ms, lyric, prompt, seed, grid_rows, grid_cols,"
            " axis_x, axis_y, transition, words, camera) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
        bindSegment(insert, segment);
        insert.run();
        id = d->db.lastInsertId();
        syncCells(d->db, id, segment.grid);
    });
    return id;
}

void Catalog::updateSegment(const Segment& segment)
{
    validateSegment(segment, d->db);
    transact([&] {
        Statement update(d->db,
            "UPDATE segments SET start_ms = ?1, end_ms = ?2, lyric = ?3, prompt = ?4, seed = ?5,"
            " grid_rows = ?6, grid_cols = ?7, axis_x = ?8, axis_y = ?9, transition = ?10, words = ?11, camera = ?12"
            " WHERE id = ?13");
        bindSegment(update, segment);
        update.bind(13, segment.id).run();
        if (d->db.changes() != 1)
            d->db.fail(QStringLiteral("no segment with id %1").arg(segment.id));
        syncCells(d->db, segment.id, segment.grid);
    });
}

QVector<Segment> Catalog::syncSegments(const QVector<Segment>& segments)
{
    QVector<Segment> stored = segments;
    transact([&] {
        QSet<qint64> kept;
        for (const Segment& segment : segments) {
            if (segment.id != 0)
                kept.insert(segment.id);
        }
        // Remove first, so a shortened timeline never overlaps the segments it replaces.
        for (const Segment& existing : this->segments()) {
            if (!kept.contains(existing.id))
                removeSegment(existing.id);
        }
        for (Segment& segment : stored) {
            if (segment.id == 0)
                segment.id = addSegment(segment);
            else
                updateSegment(segment);
        }
    });
    return stored;
}

void Catalog::regridSegment(qint64 segmentId, const GridGeometry& grid, const QVector<CellMove>& moves)
{
    const auto cellName = [](CellIndex index) { return QStringLiteral("%1,%2").arg(index.row).arg(index.col); };
    transact([&] {
        std::optional<Segment> stored = segment(segmentId);
        if (!stored)
            d->db.fail(QStringLiteral("no segment with id %1").arg(segmentId));
        QHash<qint64, CellIndex> targets; // cell id -> its new place
        QSet<int> takenPlaces;
        for (const CellMove& move : moves) {
            const std::optional<Cell> moved = cell(segmentId, move.from);
            if (!moved)
                d->db.fail(QStringLiteral("segment %1 has no cell %2 to move").arg(segmentId).arg(cellName(move.from)));
            if (!grid.contains(move.to)) {
                d->db.fail(QStringLiteral("cell %1 cannot move to %2, outside a %3x%4 grid")
                               .arg(cellName(move.from), cellName(move.to))
                               .arg(grid.rows())
                               .arg(grid.cols()));
            }
            if (targets.contains(moved->id) || takenPlaces.contains(grid.linearIndex(move.to)))
                d->db.fail(QStringLiteral("two moves share cell %1 or %2").arg(cellName(move.from), cellName(move.to)));
            targets.insert(moved->id, move.to);
            takenPlaces.insert(grid.linearIndex(move.to));
        }
        // Cells that stay nowhere go with their versions; the rest move out of the way of each
        // other first (rows past any grid's), since (segment, row, col) is unique at every step.
        for (const Cell& existing : cells(segmentId)) {
            if (!targets.contains(existing.id)) {
                Statement remove(d->db, "DELETE FROM cells WHERE id = ?1");
                remove.bind(1, existing.id).run();
            }
        }
        const int parked = GridGeometry::kMaxSide;
        Statement move(d->db, "UPDATE cells SET row = ?1, col = ?2 WHERE id = ?3");
        for (auto it = targets.cbegin(); it != targets.cend(); ++it) {
            move.reset();
            move.bind(1, it.value().row + parked).bind(2, it.value().col).bind(3, it.key()).run();
        }
        Statement settle(d->db, "UPDATE cells SET row = row - ?1 WHERE segment_id = ?2 AND row >= ?1");
        settle.bind(1, parked).bind(2, segmentId).run();
        stored->grid = grid;
        updateSegment(*stored); // validates the grid and adds the empty cells
    });
}

void Catalog::removeSegment(qint64 segmentId)
{
    transact([&] {
        Statement remove(d->db, "DELETE FROM segments WHERE id = ?1");
        remove.bind(1, segmentId).run();
        if (d->db.changes() != 1)
            d->db.fail(QStringLiteral("no segment with id %1").arg(segmentId));
    });
}

} // namespace tessera
