#pragma once

#include "tessera/catalog/Records.h"

#include <QString>
#include <QVector>

namespace tessera {

class Catalog;

//! Why a generator stopped the job it was running.
enum class GenerationStop {
    None,   //!< it was not asked to: the run ended by itself
    Pause,  //!< the artist paused the job: it waits, paused, until resumed
    Quit,   //!< the generator goes away (the studio closes, Ctrl+C in the CLI): the next one resumes it
    Cancel, //!< the artist cancelled the job: its cells not yet made are released
};

//! Which grid jobs a generator with a model loaded runs, in what order, and what a stopped run
//! leaves in the catalog: one set of rules for the studio's generation worker and tessera-cli.
//! The caller holds a GenerationLock while it picks and runs jobs, so a job left "running" can
//! only be a crashed run's and is resumed.
class GenerationScheduler
{
public:
    //! modelHash: the loaded model's (GeneratorBackend::modelHash).
    explicit GenerationScheduler(QString modelHash);

    //! A job runs on the loaded model when its recipe names that model's hash, or names none (a
    //! job queued before its model had loaded runs on the model the project has). A job whose
    //! payload is not a grid job's never runs here.
    bool runsHere(const Job& job) const;
    //! Whether a job that runs here waits (queued, or left running): worth taking the lock for.
    bool hasWork(const Catalog& catalog) const;
    //! Holding the lock: re-queues crashed runs and lists the jobs that run here, in the order
    //! they run (chosen cells first, then whole grids, oldest first).
    QVector<Job> runnableJobs(Catalog& catalog) const;
    //! Holding the lock: the resumable jobs that wait for another model than the loaded one.
    QVector<Job> jobsForOtherModels(Catalog& catalog) const;

    //! Writes what a run that returned outcome leaves of job jobId, and returns the job's state:
    //! a cancelled run becomes Paused (stop Pause), Queued again (Quit) or stays cancelled with
    //! the cells it had queued released (Cancel, None); any other outcome is the job's already.
    static JobState settle(Catalog& catalog, qint64 jobId, JobState outcome, GenerationStop stop);
    //! A job that failed before it could run (its model would not load, its segment is gone) is
    //! marked failed with the reason, so that no generator picks it again forever.
    static void markFailed(Catalog& catalog, qint64 jobId, const QString& reason);
    //! The cells a job had queued that it did not make become empty again.
    static void releaseQueuedCells(Catalog& catalog, const Job& job);

private:
    QString m_modelHash;
};

} // namespace tessera
