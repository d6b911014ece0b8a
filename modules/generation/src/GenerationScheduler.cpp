#include "tessera/generation/GenerationScheduler.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/generation/GenerationError.h"
#include "tessera/generation/GridJob.h"

#include <optional>

namespace tessera {

namespace {

std::optional<GridJobSpec> specOf(const Job& job)
{
    try {
        return GridJobSpec::fromJson(job.payload);
    } catch (const GenerationError&) {
        return std::nullopt;
    }
}

} // namespace

GenerationScheduler::GenerationScheduler(QString modelHash)
    : m_modelHash(std::move(modelHash))
{
}

bool GenerationScheduler::runsHere(const Job& job) const
{
    const auto spec = specOf(job);
    return spec && (spec->options.modelHash.isEmpty() || spec->options.modelHash == m_modelHash);
}

bool GenerationScheduler::hasWork(const Catalog& catalog) const
{
    for (const Job& job : catalog.jobs()) {
        if (job.kind == GridJob::kKind && (job.state == JobState::Queued || job.state == JobState::Running)
            && runsHere(job))
            return true;
    }
    return false;
}

QVector<Job> GenerationScheduler::runnableJobs(Catalog& catalog) const
{
    QVector<Job> jobs;
    for (const Job& job : GridJob::resumableJobs(catalog)) {
        if (runsHere(job))
            jobs.append(job);
    }
    return jobs;
}

QVector<Job> GenerationScheduler::jobsForOtherModels(Catalog& catalog) const
{
    QVector<Job> jobs;
    for (const Job& job : GridJob::resumableJobs(catalog)) {
        if (!runsHere(job))
            jobs.append(job);
    }
    return jobs;
}

JobState GenerationScheduler::settle(Catalog& catalog, qint64 jobId, JobState outcome, GenerationStop stop)
{
    if (outcome != JobState::Cancelled)
        return outcome;
    switch (stop) {
    case GenerationStop::Pause:
        catalog.setJobState(jobId, JobState::Paused);
        return JobState::Paused;
    case GenerationStop::Quit:
        catalog.setJobState(jobId, JobState::Queued);
        return JobState::Queued;
    case GenerationStop::Cancel:
    case GenerationStop::None:
        if (const auto job = catalog.job(jobId))
            releaseQueuedCells(catalog, *job);
        return JobState::Cancelled;
    }
    return outcome;
}

void GenerationScheduler::markFailed(Catalog& catalog, qint64 jobId, const QString& reason)
{
    const auto job = catalog.job(jobId);
    if (job && (job->state == JobState::Queued || job->state == JobState::Running))
        catalog.setJobState(jobId, JobState::Failed, reason);
}

void GenerationScheduler::releaseQueuedCells(Catalog& catalog, const Job& job)
{
    const auto spec = specOf(job);
    if (!spec || !catalog.segment(spec->segmentId))
        return;
    catalog.transact([&] {
        for (const Cell& cell : GridJob::pendingCells(catalog, *spec)) {
            if (cell.state == CellState::Queued)
                catalog.setCellState(cell.id, CellState::Empty);
        }
    });
}

} // namespace tessera
