#pragma once

#include "tessera/generation/GenerationScheduler.h"

// The generation queue's single background thread (private to the studio module): it owns the
// generator back-end and its own catalog connection, picks the oldest queued grid job, runs it
// under the project's generation lock and reports to the GenerationQueue on the GUI thread.

#include "tessera/catalog/Records.h"

#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace tessera {

class Catalog;
class GeneratorBackend;
class GenerationQueue;
struct Job;

//! Puts the cells a stopped job still had queued back to empty (a cancelled job no longer
//! promises them); rejected cells stay rejected.
class GenerationWorker
{
public:
    //! What the GUI asks of the job in flight when it stops it.
    using StopReason = GenerationStop; //!< the scheduler's: what a stop turns the job into
    //! The nice value of the worker's threads (Linux): below the GUI, which stays at 0.
    static constexpr int kWorkerNiceness = 5;

    //! `precision`: the queue's (GenerationOptions::precision), the weights the model is loaded for
    GenerationWorker(GenerationQueue& queue, QString projectPath, QString modelFolder, QString precision);
    ~GenerationWorker(); //!< stops the job in flight (it goes back to queued) and joins

    //! There may be a job to run: look now instead of at the next periodic check.
    void wake();
    //! Runs change under the worker's mutex so a job is never picked between the GUI's check and
    //! its write: when jobId runs now, the worker stops it for reason and returns true; else
    //! write (the GUI's own catalog change) runs while no job can be picked, and false is returned.
    bool stopOrWrite(qint64 jobId, StopReason reason, const std::function<void()>& write);
    qint64 runningJobId() const { return m_runningJob.load(); }

private:
    void loop();
    void runOne(Catalog& catalog);
    void post(std::function<void(GenerationQueue&)> call);

    GenerationQueue& m_queue;
    const quint64 m_serial; //!< the queue's m_workerSerial when this worker started
    const QString m_projectPath;
    const QString m_modelFolder;
    const QString m_precision;

    // Guarded by m_mutex: the hand-over between the GUI thread and the worker.
    struct Shared
    {
        bool quit = false;
        bool woken = false;
        StopReason stopReason = StopReason::None;
    };
    std::mutex m_mutex;
    std::condition_variable m_wake;
    Shared m_shared;

    std::atomic<bool> m_cancel{false}; //!< polled by GridJob between sampler steps
    std::atomic<qint64> m_runningJob{0};
    std::unique_ptr<GeneratorBackend> m_backend;
    std::thread m_thread;
};

} // namespace tessera
