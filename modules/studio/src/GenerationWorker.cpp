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

} // namespace

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
    // Which jobs run on this model, in what order, and what a stop leaves: the scheduler's
    // rules, the same tessera-cli runs by.
    const GenerationScheduler scheduler(m_backend->modelHash());
    while (true) {
        qint64 jobId = 0;
        std::unique_ptr<GenerationLock> lock;
        {
            std::lock_guard<std::mutex> guard(m_mutex);
            if (m_shared.quit)
                return;
            if (!scheduler.hasWork(catalog))
                return;
            try {
                lock = std::make_unique<GenerationLock>(catalog);
            } catch (const GenerationError&) {
                return; // another process generates into this project; the idle check tries again
            }
            const QVector<Job> runnable = scheduler.runnableJobs(catalog);
            if (runnable.isEmpty())
                return;
            jobId = runnable.constFirst().id;
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
            try {
                GenerationScheduler::markFailed(catalog, jobId, error);
            } catch (const std::exception&) {
            }
        }
        {
            std::lock_guard<std::mutex> guard(m_mutex);
            try {
                outcome = GenerationScheduler::settle(catalog, jobId, outcome, m_shared.stopReason);
            } catch (const std::exception& failure) {
                error = QString::fromUtf8(failure.what());
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
