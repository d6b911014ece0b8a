#include "tessera/catalog/Catalog.h"

#include "internal/CatalogPrivate.h"
#include "tessera/core/EnumNames.h"

#include <array>
#include <utility>

namespace tessera {

using internal::Statement;

namespace {

constexpr EnumNames<JobState, 6> kJobStateNames{{{
    {JobState::Queued, "queued"},
    {JobState::Running, "running"},
    {JobState::Paused, "paused"},
    {JobState::Done, "done"},
    {JobState::Failed, "failed"},
    {JobState::Cancelled, "cancelled"},
}}};

Job readJob(const Statement& row)
{
    Job job;
    job.id = row.int64(0);
    job.kind = row.text(1);
    job.payload = internal::fromJsonText(row.text(2));
    job.state = jobStateFromName(row.text(3)).value_or(JobState::Failed);
    job.doneUnits = row.int64(4);
    job.totalUnits = row.int64(5);
    job.error = row.text(6);
    job.created = internal::fromSqlTime(row.text(7));
    job.updated = internal::fromSqlTime(row.text(8));
    return job;
}

constexpr const char* kJobColumns =
    "SELECT id, kind, payload, state, done_units, total_units, error, created_at, updated_at FROM jobs";

} // namespace

QString jobStateName(JobState state)
{
    return kJobStateNames.name(state);
}

std::optional<JobState> jobStateFromName(const QString& name)
{
    return kJobStateNames.value(name);
}

qint64 Catalog::enqueueJob(const QString& kind, const QJsonObject& payload, qint64 totalUnits)
{
    if (kind.isEmpty())
        d->db.fail(QStringLiteral("a job needs a kind"));
    qint64 id = 0;
    transact([&] {
        Statement insert(d->db, "INSERT INTO jobs (kind, payload, total_units) VALUES (?1, ?2, ?3)");
        insert.bind(1, kind).bind(2, internal::toJsonText(payload)).bind(3, qMax<qint64>(0, totalUnits)).run();
        id = d->db.lastInsertId();
    });
    return id;
}

std::optional<Job> Catalog::job(qint64 jobId) const
{
    Statement query(d->db, (QByteArray(kJobColumns) + " WHERE id = ?1"));
    query.bind(1, jobId);
    if (!query.next())
        return std::nullopt;
    return readJob(query);
}

QVector<Job> Catalog::jobs() const
{
    Statement query(d->db, (QByteArray(kJobColumns) + " ORDER BY id"));
    QVector<Job> result;
    while (query.next())
        result.append(readJob(query));
    return result;
}

void Catalog::setJobProgress(qint64 jobId, qint64 doneUnits, qint64 totalUnits)
{
    if (doneUnits < 0 || totalUnits < 0 || doneUnits > totalUnits)
        d->db.fail(QStringLiteral("job progress %1 of %2 is impossible").arg(doneUnits).arg(totalUnits));
    transact([&] {
        Statement update(d->db,
            "UPDATE jobs SET done_units = ?1, total_units = ?2,"
            " updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?3");
        update.bind(1, doneUnits).bind(2, totalUnits).bind(3, jobId).run();
        if (d->db.changes() != 1)
            d->db.fail(QStringLiteral("no job with id %1").arg(jobId));
    });
}

void Catalog::setJobState(qint64 jobId, JobState state, const QString& error)
{
    transact([&] {
        Statement update(d->db,
            "UPDATE jobs SET state = ?1, error = ?2,"
            " updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?3");
        update.bind(1, jobStateName(state)).bind(2, error).bind(3, jobId).run();
        if (d->db.changes() != 1)
            d->db.fail(QStringLiteral("no job with id %1").arg(jobId));
    });
}

int Catalog::requeueInterruptedJobs()
{
    int count = 0;
    transact([&] {
        d->db.exec("UPDATE jobs SET state = 'queued', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
                   " WHERE state = 'running'");
        count = d->db.changes();
        d->db.exec("UPDATE cells SET state = 'queued' WHERE state = 'generating'");
    });
    return count;
}

} // namespace tessera
