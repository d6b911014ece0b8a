#include "tessera/catalog/Catalog.h"

#include "internal/CatalogPrivate.h"

namespace tessera {

using internal::Statement;

qint64 Catalog::beginExport(const QString& path, const QString& preset, const QJsonObject& settings)
{
    qint64 id = 0;
    transact([&] {
        Statement insert(d->db, "INSERT INTO exports (path, preset, settings) VALUES (?1, ?2, ?3)");
        insert.bind(1, path).bind(2, preset).bind(3, internal::toJsonText(settings)).run();
        id = d->db.lastInsertId();
    });
    return id;
}

void Catalog::finishExport(qint64 exportId, JobState state, const QString& error)
{
    transact([&] {
        Statement update(d->db,
            "UPDATE exports SET state = ?1, error = ?2,"
            " finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?3");
        update.bind(1, jobStateName(state)).bind(2, error).bind(3, exportId).run();
        if (d->db.changes() != 1)
            d->db.fail(QStringLiteral("no export with id %1").arg(exportId));
    });
}

QVector<ExportRecord> Catalog::exports() const
{
    Statement query(d->db,
        "SELECT id, path, preset, settings, state, error, started_at, finished_at FROM exports ORDER BY id");
    QVector<ExportRecord> result;
    while (query.next()) {
        ExportRecord record;
        record.id = query.int64(0);
        record.path = query.text(1);
        record.preset = query.text(2);
        record.settings = internal::fromJsonText(query.text(3));
        record.state = jobStateFromName(query.text(4)).value_or(JobState::Failed);
        record.error = query.text(5);
        record.started = internal::fromSqlTime(query.text(6));
        if (!query.isNull(7))
            record.finished = internal::fromSqlTime(query.text(7));
        result.append(record);
    }
    return result;
}

} // namespace tessera
