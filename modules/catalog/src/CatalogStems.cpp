#include "tessera/catalog/Catalog.h"

#include "internal/CatalogPrivate.h"

namespace tessera {

using internal::Statement;

QVector<Stem> Catalog::stems() const
{
    Statement query(d->db, "SELECT id, name, path, hash FROM stems ORDER BY name");
    QVector<Stem> result;
    while (query.next())
        result.append({query.int64(0), query.text(1), query.text(2), query.text(3)});
    return result;
}

qint64 Catalog::addStem(const Stem& stem)
{
    if (stem.name.trimmed().isEmpty())
        d->db.fail(QStringLiteral("a stem needs a name"));
    qint64 id = 0;
    transact([&] {
        Statement exists(d->db, "SELECT 1 FROM stems WHERE name = ?1");
        exists.bind(1, stem.name);
        if (exists.next())
            d->db.fail(QStringLiteral("a stem named \"%1\" already exists").arg(stem.name));
        Statement insert(d->db, "INSERT INTO stems (name, path, hash) VALUES (?1, ?2, ?3)");
        insert.bind(1, stem.name).bind(2, stem.path).bind(3, stem.hash).run();
        id = d->db.lastInsertId();
    });
    return id;
}

void Catalog::updateStem(const Stem& stem)
{
    transact([&] {
        Statement update(d->db, "UPDATE stems SET name = ?1, path = ?2, hash = ?3 WHERE id = ?4");
        update.bind(1, stem.name).bind(2, stem.path).bind(3, stem.hash).bind(4, stem.id).run();
        if (d->db.changes() != 1)
            d->db.fail(QStringLiteral("no stem with id %1").arg(stem.id));
    });
}

void Catalog::removeStem(qint64 stemId)
{
    transact([&] {
        Statement remove(d->db, "DELETE FROM stems WHERE id = ?1");
        remove.bind(1, stemId).run();
        if (d->db.changes() != 1)
            d->db.fail(QStringLiteral("no stem with id %1").arg(stemId));
    });
}

std::optional<QByteArray> Catalog::cachedAnalysis(const QString& audioHash, const QString& key) const
{
    Statement query(d->db, "SELECT data FROM analysis_cache WHERE audio_hash = ?1 AND key = ?2");
    query.bind(1, audioHash).bind(2, key);
    if (!query.next())
        return std::nullopt;
    return query.blob(0);
}

void Catalog::storeAnalysis(const QString& audioHash, const QString& key, const QByteArray& data)
{
    if (audioHash.isEmpty())
        d->db.fail(QStringLiteral("cannot cache an analysis without the audio's hash"));
    transact([&] {
        Statement upsert(d->db,
            "INSERT INTO analysis_cache (audio_hash, key, data) VALUES (?1, ?2, ?3)"
            " ON CONFLICT (audio_hash, key) DO UPDATE SET data = excluded.data,"
            " created_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
        upsert.bind(1, audioHash).bind(2, key).bind(3, data).run();
    });
}

} // namespace tessera
