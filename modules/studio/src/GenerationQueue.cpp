#include "tessera/studio/GenerationQueue.h"

#include "GenerationWorker.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/generation/GenerationError.h"
#include "tessera/generation/GeneratorPlugins.h"
#include "tessera/generation/GridJob.h"
#include "tessera/generation/SlurmFarm.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace {

constexpr int kFarmPollMs = 5000; // a cell takes seconds to minutes on a node: often enough

} // namespace

namespace tessera {

namespace {

bool isUnfinished(JobState state)
{
    return state == JobState::Queued || state == JobState::Running || state == JobState::Paused;
}

} // namespace


double QueuedJob::fraction() const
{
    if (cellsTotal <= 0)
        return state == JobState::Done ? 1.0 : 0.0;
    double done = double(cellsDone);
    if (stepsTotal > 0 && state == JobState::Running)
        done += double(stepsDone) / stepsTotal; // the batch in flight, counted as one cell
    return std::clamp(done / double(cellsTotal), 0.0, 1.0);
}

GenerationQueue::GenerationQueue(Catalog& catalog, QObject* parent)
    : QObject(parent)
    , m_catalog(catalog)
    , m_modelFolder(projectModelPath(catalog))
{
    m_farmPoll.setInterval(kFarmPollMs);
    connect(&m_farmPoll, &QTimer::timeout, this, &GenerationQueue::refresh);
    refresh();
}

GenerationQueue::~GenerationQueue()
{
    m_worker.reset(); // joins: the job in flight goes back to queued for the next session
}

void GenerationQueue::setModelFolder(const QString& folder)
{
    m_modelFolder = folder;
}

QString GenerationQueue::switchModel(const QString& folder)
{
    if (folder == m_modelFolder)
        return {};
    for (const QueuedJob& job : std::as_const(m_jobs)) {
        if (job.state == JobState::Queued || job.state == JobState::Running) {
            return tr("%1: the model cannot change while a generation job is queued or running; let the jobs "
                      "finish or pause them first")
                .arg(QDir::toNativeSeparators(folder));
        }
    }
    m_worker.reset(); // no job in flight: it only drops the loaded model
    m_modelHash.clear();
    m_backendName.clear();
    m_problem.clear();
    m_modelFolder = folder;
    start();
    return {};
}

void GenerationQueue::start()
{
    if (m_worker)
        return;
    if (m_modelFolder.isEmpty()) {
        onModelFailed(tr("%1: names no model and the bundled default model (%2) is not installed")
                          .arg(QDir::toNativeSeparators(m_catalog.path()), QString::fromLatin1(kBundledModelName)));
        return;
    }
    m_worker = std::make_unique<GenerationWorker>(*this, m_catalog.path(), m_modelFolder, m_options.precision);
}

qint64 GenerationQueue::runningJobId() const
{
    return m_worker ? m_worker->runningJobId() : 0;
}

std::optional<QueuedJob> GenerationQueue::job(qint64 jobId) const
{
    for (const QueuedJob& job : m_jobs) {
        if (job.jobId == jobId)
            return job;
    }
    return std::nullopt;
}

qint64 GenerationQueue::enqueueSegment(qint64 segmentId, const QVector<CellIndex>& cells)
{
    return enqueueOrDefer(GridJobSpec{segmentId, cells, {}});
}

qint64 GenerationQueue::enqueueRepair(qint64 segmentId, const QVector<CellIndex>& cells, double strength)
{
    GridJobSpec request{segmentId, cells, {}};
    request.repairStrength = strength;
    return enqueueOrDefer(request);
}

qint64 GenerationQueue::enqueueInOrder(qint64 segmentId, const QVector<CellIndex>& cells)
{
    GridJobSpec request{segmentId, cells, {}};
    request.inListedOrder = true;
    return enqueueOrDefer(request);
}

qint64 GenerationQueue::enqueueOrDefer(const GridJobSpec& request)
{
    if (!isModelReady()) {
        m_deferred.append(request);
        return 0;
    }
    return enqueueNow(request);
}

int GenerationQueue::enqueueAll()
{
    int queued = 0;
    for (const Segment& segment : m_catalog.segments()) {
        GridJobSpec spec;
        spec.segmentId = segment.id;
        if (GridJob::pendingCells(m_catalog, spec).isEmpty())
            continue;
        if (enqueueSegment(segment.id) != 0 || !isModelReady())
            ++queued;
    }
    return queued;
}

qint64 GenerationQueue::enqueueNow(const GridJobSpec& request)
{
    GridJobSpec spec = request;
    const qint64 segmentId = spec.segmentId;
    const QVector<CellIndex>& cells = spec.cells;
    spec.options = m_options;
    spec.options.model = m_modelFolder;
    spec.options.modelHash = m_modelHash;
    spec.options.backend = m_backendName;
    qint64 jobId = 0;
    try {
        if (GridJob::pendingCells(m_catalog, spec).isEmpty()) {
            const QVector<Segment> segments = m_catalog.segments();
            const auto at = std::find_if(segments.begin(), segments.end(), [&](const Segment& s) { return s.id == segmentId; });
            const int number = at == segments.end() ? 0 : int(at - segments.begin()) + 1;
            Q_EMIT nothingToGenerate(cells.isEmpty()
                    ? tr("Segment %1: every cell is done and up to date with its prompt, or locked; nothing to "
                         "generate. To make new images, select cells in the Grid panel and press G.").arg(number)
                    : tr("Segment %1: the cells asked for are locked; unlock them (L) to regenerate them.").arg(number));
            return 0;
        }
        jobId = GridJob::enqueue(m_catalog, spec);
    } catch (const std::exception& error) {
        Q_EMIT errorOccurred(QString::fromUtf8(error.what()));
        return 0;
    }
    refresh();
    if (m_worker)
        m_worker->wake();
    return jobId;
}

void GenerationQueue::stopJob(qint64 jobId, JobState becomes)
{
    const auto reason = becomes == JobState::Paused ? GenerationWorker::StopReason::Pause : GenerationWorker::StopReason::Cancel;
    const auto write = [&] {
        const auto job = m_catalog.job(jobId);
        // A farm's tasks run on its cluster: stopped there (scancel), never from here.
        if (!job || !isUnfinished(job->state) || job->kind == FarmRecord::kKind)
            return;
        m_catalog.transact([&] {
            m_catalog.setJobState(jobId, becomes);
            if (becomes == JobState::Cancelled)
                GenerationScheduler::releaseQueuedCells(m_catalog, *job);
        });
    };
    try {
        if (m_worker)
            m_worker->stopOrWrite(jobId, reason, write); // the worker finishes a running job's stop
        else
            write();
    } catch (const std::exception& error) {
        Q_EMIT errorOccurred(QString::fromUtf8(error.what()));
    }
    refresh();
}

void GenerationQueue::cancel(qint64 jobId)
{
    stopJob(jobId, JobState::Cancelled);
}

void GenerationQueue::pause(qint64 jobId)
{
    stopJob(jobId, JobState::Paused);
}

void GenerationQueue::pauseAll()
{
    for (const QueuedJob& job : QVector<QueuedJob>(m_jobs)) {
        if (!job.farm && (job.state == JobState::Queued || job.state == JobState::Running) && (job.state != JobState::Running || job.runningHere))
            pause(job.jobId);
    }
}

void GenerationQueue::cancelAll()
{
    for (const QueuedJob& job : QVector<QueuedJob>(m_jobs)) {
        if (!job.farm && !job.isFinished() && (job.state != JobState::Running || job.runningHere))
            cancel(job.jobId);
    }
}

void GenerationQueue::resume(qint64 jobId)
{
    try {
        const auto job = m_catalog.job(jobId);
        if (!job || (job->state != JobState::Paused && job->state != JobState::Cancelled))
            return;
        const GridJobSpec spec = GridJobSpec::fromJson(job->payload);
        m_catalog.transact([&] {
            // Cells a cancel released are queued again, so the browser shows them waiting.
            for (const Cell& cell : GridJob::pendingCells(m_catalog, spec)) {
                if (cell.state == CellState::Empty)
                    m_catalog.setCellState(cell.id, CellState::Queued);
            }
            m_catalog.setJobState(jobId, JobState::Queued);
        });
    } catch (const std::exception& error) {
        Q_EMIT errorOccurred(QString::fromUtf8(error.what()));
    }
    refresh();
    if (m_worker)
        m_worker->wake();
}

void GenerationQueue::refresh()
{
    QVector<Segment> segments;
    QVector<Job> stored;
    try {
        segments = m_catalog.segments();
        stored = m_catalog.jobs();
    } catch (const std::exception& error) {
        Q_EMIT errorOccurred(QString::fromUtf8(error.what()));
        return;
    }
    QVector<QueuedJob> jobs;
    bool farming = false;
    for (const Job& job : stored) {
        if (job.kind == FarmRecord::kKind) {
            jobs.append(farmEntry(job));
            farming = farming || !jobs.constLast().isFinished();
            continue;
        }
        if (job.kind != GridJob::kKind)
            continue;
        QueuedJob entry;
        entry.jobId = job.id;
        entry.state = job.state;
        entry.cellsDone = job.doneUnits;
        entry.cellsTotal = job.totalUnits;
        entry.error = job.error;
        entry.segmentId = job.payload.value(QStringLiteral("segmentId")).toInteger();
        try {
            const GridJobSpec spec = GridJobSpec::fromJson(job.payload);
            entry.cells = spec.cells;
            entry.repair = spec.repairStrength.has_value();
        } catch (const std::exception&) {
            // a malformed payload fails when the job runs, with its reason; listed as a whole grid
        }
        for (int i = 0; i < segments.size(); ++i) {
            if (segments[i].id == entry.segmentId) {
                entry.segmentNumber = i + 1;
                entry.segmentLyric = segments[i].lyric;
            }
        }
        updateLive(entry);
        jobs.append(entry);
    }
    // Unfinished jobs in the order they run (the running one, jobs for chosen cells, whole grids,
    // oldest first within each: GridJob::resumableJobs), then the finished ones, newest first.
    const auto runRank = [](const QueuedJob& job) {
        if (job.state == JobState::Running)
            return 0;
        if (job.state == JobState::Paused)
            return 3;
        return job.cells.isEmpty() ? 2 : 1;
    };
    std::stable_sort(jobs.begin(), jobs.end(), [&](const QueuedJob& a, const QueuedJob& b) {
        const bool aOpen = !a.isFinished();
        const bool bOpen = !b.isFinished();
        if (aOpen != bOpen)
            return aOpen;
        if (!aOpen)
            return a.jobId > b.jobId;
        if (runRank(a) != runRank(b))
            return runRank(a) < runRank(b);
        return a.jobId < b.jobId;
    });
    int ahead = 0;
    for (QueuedJob& job : jobs) {
        if (job.farm)
            continue; // runs on the cluster, beside the local queue
        if (job.state == JobState::Queued)
            job.jobsAhead = ahead;
        if (job.state == JobState::Queued || job.state == JobState::Running)
            ++ahead;
    }
    m_jobs = jobs;
    // A farm's shards fill outside this project's file, so nothing announces their progress:
    // poll while one is unfinished.
    if (farming && !m_farmPoll.isActive())
        m_farmPoll.start();
    else if (!farming)
        m_farmPoll.stop();
    Q_EMIT jobsChanged();
}

QueuedJob GenerationQueue::farmEntry(const Job& job) const
{
    QueuedJob entry;
    entry.jobId = job.id;
    entry.farm = true;
    entry.state = job.state;
    entry.cellsDone = job.doneUnits;
    entry.cellsTotal = job.totalUnits;
    entry.error = job.error;
    try {
        // A finished farm is what its row says (farm status recorded it); only an unfinished
        // one's shard files are read, as this runs on the GUI thread at every refresh.
        if (entry.isFinished()) {
            entry.farmTasks = FarmRecord::fromJson(job.payload).request.tasks;
            return entry;
        }
        const FarmProgress progress = readFarmProgress(m_catalog, job);
        entry.farmTasks = progress.record.request.tasks;
        entry.farmUnfinishedTasks = progress.unfinishedTasks();
        entry.cellsDone = std::max(progress.done(), progress.merged());
        entry.cellsTotal = std::max<qint64>(progress.total(), job.totalUnits);
    } catch (const std::exception& error) {
        if (entry.error.isEmpty())
            entry.error = QString::fromUtf8(error.what());
    }
    return entry;
}

void GenerationQueue::updateLive(QueuedJob& job) const
{
    if (job.jobId != m_live.jobId || runningJobId() != job.jobId)
        return;
    job.runningHere = true;
    job.state = JobState::Running;
    job.cellsDone = std::max(job.cellsDone, m_live.cellsDone);
    job.cellsTotal = std::max(job.cellsTotal, m_live.cellsTotal);
    job.stepsDone = m_live.stepsDone;
    job.stepsTotal = m_live.stepsTotal;
    const qint64 remaining = job.cellsTotal - job.cellsDone;
    double perCellMs = -1.0;
    if (m_live.cellsThisRun > 0) {
        perCellMs = double(m_live.elapsedMs) / m_live.cellsThisRun;
    } else if (m_live.stepsTotal > 0 && m_live.stepsDone > 0) {
        perCellMs = double(m_live.elapsedMs) * m_live.stepsTotal / m_live.stepsDone; // the first batch's pace
    }
    if (perCellMs >= 0.0) {
        const double inFlight = m_live.stepsTotal > 0 ? double(m_live.stepsDone) / m_live.stepsTotal : 0.0;
        job.etaSeconds = std::max(0.0, (double(remaining) - inFlight) * perCellMs / 1000.0);
    }
}

void GenerationQueue::onModelLoaded(const QString& modelHash, const QString& backendName)
{
    m_modelHash = modelHash;
    m_backendName = backendName;
    m_problem.clear();
    Q_EMIT modelReady(modelHash);
    const QVector<GridJobSpec> deferred = std::exchange(m_deferred, {});
    for (const GridJobSpec& request : deferred)
        enqueueNow(request);
    m_worker->wake(); // jobs left by an earlier session
}

void GenerationQueue::onModelFailed(const QString& message)
{
    m_problem = message;
    Q_EMIT errorOccurred(message);
}

void GenerationQueue::onJobStarted(qint64 jobId)
{
    m_live = Live{};
    m_live.jobId = jobId;
    refresh();
}

void GenerationQueue::onProgress(qint64 jobId, qint64 cellsDone, qint64 cellsTotal, int stepsDone, int stepsTotal,
    qint64 cellsThisRun, qint64 elapsedMs)
{
    const bool committed = m_live.jobId == jobId && cellsThisRun > m_live.cellsThisRun;
    m_live.jobId = jobId;
    m_live.cellsDone = cellsDone;
    m_live.cellsTotal = cellsTotal;
    m_live.stepsDone = stepsDone;
    m_live.stepsTotal = stepsTotal;
    m_live.cellsThisRun = cellsThisRun;
    m_live.elapsedMs = elapsedMs;
    for (QueuedJob& job : m_jobs) {
        if (job.jobId == jobId)
            updateLive(job);
    }
    Q_EMIT jobProgress(jobId, cellsDone, cellsTotal);
    if (committed) {
        if (const auto entry = job(jobId))
            Q_EMIT cellCommitted(jobId, entry->segmentId);
    }
}

void GenerationQueue::onJobEnded(qint64 jobId, JobState state, const QString& error)
{
    if (m_live.jobId == jobId)
        m_live = Live{};
    refresh();
    if (!error.isEmpty())
        Q_EMIT errorOccurred(error);
    Q_EMIT jobFinished(jobId, state);
}

} // namespace tessera
