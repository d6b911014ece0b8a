#include "GenerationWorker.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/generation/GenerationError.h"
#include "tessera/generation/GeneratorPlugins.h"
#include "tessera/generation/GridJob.h"
#include "tessera/studio/GenerationQueue.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QPointer>

#include <chrono>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif


namespace tessera {

namespace {

//! How often the worker looks for work nobody woke it for: jobs queued by another process, or
//! the generation lock another process held.
constexpr auto kIdleCheck = std::chrono::milliseconds(1000);
//! Sampler-step progress reaches the GUI at most this often (cell commits always do).
constexpr qint64 kStepReportMs = 50;

std::optional<GridJobSpec> specOf(const Job& job)
{
    try {
        return GridJobSpec::fromJson(job.payload);
    } catch (const GenerationError&) {
        return std::nullopt;
    }
}

} // namespace

void releaseQueuedCells(Catalog& catalog, const Job& job)
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

GenerationWorker::GenerationWorker(GenerationQueue& queue, QString projectPath, QString modelFolder,
                                   QString precision)
    : m_queue(queue)
    , m_serial(++queue.m_workerSerial)
    , m_projectPath(std::move(projectPath))
    , m_modelFolder(std::move(modelFolder))
    , m_precision(std::move(precision))
{
    m_thread = std::thread([this] { loop(); });
}

GenerationWorker::~GenerationWorker()
{
    {
        std::lock_guard<std::mutex> guard(m_mutex);
        m_shared.quit = true;
        if (m_runningJob.load() != 0)
            m_shared.stopReason = StopReason::Quit;
    }
    m_cancel = true;
    m_wake.notify_all();
    m_thread.join();
}

void GenerationWorker::wake()
{
    {
        std::lock_guard<std::mutex> guard(m_mutex);
        m_shared.woken = true;
    }
    m_wake.notify_all();
}

bool GenerationWorker::stopOrWrite(qint64 jobId, StopReason reason, const std::function<void()>& write)
{
    std::lock_guard<std::mutex> guard(m_mutex);
    if (m_runningJob.load() == jobId) {
        m_shared.stopReason = reason;
        m_cancel = true;
        return true;
    }
    write();
    return false;
}

void GenerationWorker::post(std::function<void(GenerationQueue&)> call)
{
    // Queued to the GUI thread; dropped by Qt if the queue is gone by then, and by the queue when
    // it has started another worker since (a model switch).
    GenerationQueue* queue = &m_queue;
    QMetaObject::invokeMethod(
        queue,
        [queue, serial = m_serial, call = std::move(call)] {
            if (queue->m_workerSerial == serial)
                call(*queue);
        },
        Qt::QueuedConnection);
}

void GenerationWorker::loop()
{
#ifdef __linux__
    // Generation yields to the studio: this thread and the compute threads it starts (they
    // inherit it) run at a lower priority, so a seek or a repaint on the GUI thread is not queued
    // behind a sampler step (seeks took seconds while generating). Per thread on Linux.
    setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), kWorkerNiceness);
#endif
    std::unique_ptr<Catalog> catalog;
    try {
        catalog = Catalog::open(m_projectPath);
        m_backend = createGenerator();
        m_backend->preferPrecision(m_precision); // the queue's precision: the first job's weights
        m_backend->load(m_modelFolder);
    } catch (const std::exception& error) {
        const QString message = QString::fromUtf8(error.what());
        post([message](GenerationQueue& queue) { queue.onModelFailed(message); });
        return;
    }
    const QString hash = m_backend->modelHash();
    const QString name = m_backend->name();
    post([hash, name](GenerationQueue& queue) { queue.onModelLoaded(hash, name); });

    while (true) {
        {
            std::unique_lock<std::mutex> guard(m_mutex);
            m_wake.wait_for(guard, kIdleCheck, [this] { return m_shared.quit || m_shared.woken; });
            if (m_shared.quit)
                break;
            m_shared.woken = false;
        }
        try {
            runOne(*catalog);
        } catch (const std::exception& error) {
            const QString message = QString::fromUtf8(error.what());
            post([message](GenerationQueue& queue) { Q_EMIT queue.errorOccurred(message); });
        }
    }
    m_backend.reset();
}

void GenerationWorker::runOne(Catalog& catalog)
{
    const QString hash = m_backend->modelHash();
    const auto runsHere = [&](const Job& job) {
        const auto spec = specOf(job);
        return spec && (spec->options.modelHash.isEmpty() || spec->options.modelHash == hash);
    };
    while (true) {
        qint64 jobId = 0;
        std::unique_ptr<GenerationLock> lock;
        {
            std::lock_guard<std::mutex> guard(m_mutex);
            if (m_shared.quit)
                return;
            bool waiting = false;
            for (const Job& job : catalog.jobs()) {
                if (job.kind == GridJob::kKind && (job.state == JobState::Queued || job.state == JobState::Running) && runsHere(job))
                    waiting = true;
            }
            if (!waiting)
                return;
            try {
                lock = std::make_unique<GenerationLock>(catalog);
            } catch (const GenerationError&) {
                return; // another process generates into this project; the idle check tries again
            }
            // Under the lock a job left "running" can only be a crashed run's: resume it.
            for (const Job& job : GridJob::resumableJobs(catalog)) {
                if (runsHere(job)) {
                    jobId = job.id;
                    break;
                }
            }
            if (jobId == 0)
                return;
            m_cancel = false;
            m_shared.stopReason = StopReason::None;
            m_runningJob = jobId;
        }
        post([jobId](GenerationQueue& queue) { queue.onJobStarted(jobId); });

        QElapsedTimer sinceStart;
        sinceStart.start();
        QElapsedTimer sinceReport;
        sinceReport.start();
        qint64 firstDone = -1;
        qint64 lastDone = -1;
        const auto progress = [&](const GridJobProgress& p) {
            if (firstDone < 0)
                firstDone = p.cellsDone;
            const bool committed = p.cellsDone != lastDone;
            if (!committed && sinceReport.elapsed() < kStepReportMs)
                return;
            lastDone = p.cellsDone;
            sinceReport.restart();
            const qint64 thisRun = p.cellsDone - firstDone;
            const qint64 elapsed = sinceStart.elapsed();
            post([jobId, p, thisRun, elapsed](GenerationQueue& queue) {
                queue.onProgress(jobId, p.cellsDone, p.cellsTotal, p.stepsDone, p.stepsTotal, thisRun, elapsed);
            });
        };
        JobState outcome = JobState::Failed;
        QString error;
        try {
            outcome = GridJob::run(catalog, jobId, *m_backend, progress, &m_cancel);
        } catch (const std::exception& failure) {
            error = QString::fromUtf8(failure.what());
            try { // a job refused before it started must not be picked again forever
                const auto job = catalog.job(jobId);
                if (job && (job->state == JobState::Queued || job->state == JobState::Running))
                    catalog.setJobState(jobId, JobState::Failed, error);
            } catch (const std::exception&) {
            }
        }
        {
            std::lock_guard<std::mutex> guard(m_mutex);
            if (outcome == JobState::Cancelled) {
                try {
                    switch (m_shared.stopReason) {
                    case StopReason::Pause:
                        catalog.setJobState(jobId, JobState::Paused);
                        outcome = JobState::Paused;
                        break;
                    case StopReason::Quit: // the studio closes: the next session resumes it
                        catalog.setJobState(jobId, JobState::Queued);
                        outcome = JobState::Queued;
                        break;
                    case StopReason::Cancel:
                    case StopReason::None:
                        if (const auto job = catalog.job(jobId))
                            releaseQueuedCells(catalog, *job);
                        break;
                    }
                } catch (const std::exception& failure) {
                    error = QString::fromUtf8(failure.what());
                }
            }
            m_runningJob = 0;
            m_shared.stopReason = StopReason::None;
            m_cancel = false;
        }
        lock.reset();
        post([jobId, outcome, error](GenerationQueue& queue) { queue.onJobEnded(jobId, outcome, error); });
    }
}

} // namespace tessera
