#pragma once

#include "tessera/catalog/Records.h"
#include "tessera/core/GridGeometry.h"
#include "tessera/generation/CellRecipe.h"
#include "tessera/generation/GridJob.h"

#include <QHash>
#include <QObject>
#include <QTimer>
#include <QVector>

#include <memory>
#include <optional>

namespace tessera {

class Catalog;
class GenerationWorker;

//! One grid job as the queue panel shows it: the catalog's journal plus the live progress the
//! worker reports while it runs the job.
struct QueuedJob
{
    qint64 jobId = 0;
    qint64 segmentId = 0;
    int segmentNumber = 0; //!< counting from 1 in timeline order; 0 when the segment is gone
    QString segmentLyric;
    JobState state = JobState::Queued;
    qint64 cellsDone = 0;
    qint64 cellsTotal = 0;
    int stepsDone = 0;     //!< sampler steps of the cells in flight (running jobs only)
    int stepsTotal = 0;
    double etaSeconds = -1.0; //!< time left, from this run's pace; -1 while unknown
    bool runningHere = false; //!< run by this studio's worker (else by another process, or not at all)
    QString error;           //!< why it failed; for a job that made nothing, why not
    QVector<tessera::CellIndex> cells; //!< the cells asked for; empty: the whole grid
    bool repair = false;     //!< a repair from neighbours
    int jobsAhead = -1;      //!< queued: how many unfinished jobs run before it; -1 otherwise
    //! A farm job (tessera-cli farm submit): its tasks run on a Slurm cluster, not here; the cells
    //! done are read from its shard files (readFarmProgress).
    bool farm = false;
    int farmTasks = 0;
    QVector<int> farmUnfinishedTasks; //!< the tasks whose shard is not complete yet

    bool isFinished() const
    {
        return state == JobState::Done || state == JobState::Failed || state == JobState::Cancelled;
    }
    //! Cells done plus the fraction of the batch in flight, over the total: for a smooth bar.
    double fraction() const;
};

//! The studio's generation queue: grid jobs journalled in the catalog (GridJob) and run one at a
//! time on a single background worker thread, which loads the generator plugin and model and
//! writes through its own catalog connection, so the GUI thread only ever enqueues, reads and
//! repaints. Jobs are cancelled, paused and resumed without losing or duplicating a committed
//! cell (GridJob's per-cell transactions). A CLI run on the same project holds the generation
//! lock; the worker waits for it and the panel shows that job's progress from the catalog.
class GenerationQueue : public QObject
{
    Q_OBJECT
public:
    //! catalog: the studio's (GUI thread) connection; the worker opens the same file itself.
    explicit GenerationQueue(Catalog& catalog, QObject* parent = nullptr);
    ~GenerationQueue() override; //!< stops the worker; a running job goes back to queued

    //! The model folder: set before start(); default: the project's model (relative to the
    //! project file), else the bundled default model.
    void setModelFolder(const QString& folder);
    QString modelFolder() const { return m_modelFolder; }
    //! Loads another model (a folder or a single .safetensors checkpoint) while the studio runs:
    //! the worker stops and starts again with it (modelReady or errorOccurred follow). Jobs keep
    //! the model hash they were planned with, so the switch is refused while a job is queued or
    //! running; returns why ("<model>: <problem>"), empty when it switched (or had the model already).
    QString switchModel(const QString& folder);
    //! Steps, sampler, guidance and size of the jobs queued from now on (model fields are filled
    //! from the loaded model).
    void setOptions(const GenerationOptions& options)
    {
        m_options = options;
        Q_EMIT optionsChanged();
    }
    GenerationOptions options() const { return m_options; }

    bool isModelReady() const { return !m_modelHash.isEmpty(); }
    QString modelHash() const { return m_modelHash; }
    //! Why the worker cannot generate (no plugin, no model); empty when it can.
    QString problem() const { return m_problem; }

    //! Every grid job of the project: unfinished ones in queue order, then finished ones, newest
    //! first.
    const QVector<QueuedJob>& jobs() const { return m_jobs; }
    std::optional<QueuedJob> job(qint64 jobId) const;
    //! The job the worker runs now (0: none).
    qint64 runningJobId() const;
    //! Requests made before the model was loaded, queued in the catalog once it is.
    int deferredRequests() const { return int(m_deferred.size()); }

public Q_SLOTS:
    //! Starts the worker: it loads the model (modelReady or errorOccurred) and then runs the queued
    //! jobs, including those an earlier session or a killed process left unfinished.
    void start();
    //! Queues the segment's pending cells (cells empty: the whole grid); returns the job id, or 0
    //! when the request waits for the model (it is queued when modelReady comes) or failed.
    qint64 enqueueSegment(qint64 segmentId, const QVector<tessera::CellIndex>& cells = {});
    //! Like enqueueSegment, for "repair from neighbours": the cells are made by img2img from the
    //! blend of their neighbours' images at this strength (GridJobSpec::repairStrength).
    qint64 enqueueRepair(qint64 segmentId, const QVector<tessera::CellIndex>& cells, double strength);
    //! Like enqueueSegment, for a refined grid's new cells: made in the order given (between the
    //! least alike neighbours first, GridRefinement::newCells), not row-major.
    qint64 enqueueInOrder(qint64 segmentId, const QVector<tessera::CellIndex>& cells);
    //! Queues every segment that has pending cells; returns how many jobs were queued.
    int enqueueAll();
    //! Stops the job (the running cell's work is dropped; committed cells stay) and marks it
    //! cancelled; its cells waiting in it become empty again. resume() takes it up again.
    void cancel(qint64 jobId);
    //! Stops the job and keeps its place: paused jobs wait until resume().
    void pause(qint64 jobId);
    //! Queues a paused or cancelled job again; it generates only its missing cells.
    void resume(qint64 jobId);
    //! Pauses every queued and running job of this studio (Pause All).
    void pauseAll();
    //! Cancels every unfinished job of this studio (Cancel All).
    void cancelAll();
    //! Re-reads the jobs from the catalog (after the CatalogWatcher saw a foreign commit).
    void refresh();

Q_SIGNALS:
    void modelReady(const QString& modelHash);
    //! setOptions: the options of the jobs queued from now on (their precision, shown with the model)
    void optionsChanged();
    //! The list of jobs or one job's state changed.
    void jobsChanged();
    //! A running job moved on: a sampler step, or a cell committed (cellsDone grew).
    void jobProgress(qint64 jobId, qint64 cellsDone, qint64 cellsTotal);
    //! A cell was committed to the catalog by this studio's worker.
    void cellCommitted(qint64 jobId, qint64 segmentId);
    void jobFinished(qint64 jobId, tessera::JobState state);
    //! "<file>: <problem>" for the user.
    void errorOccurred(const QString& message);
    //! A request that queued nothing, and why (every cell asked for is done and up to date, or
    //! locked): said, so a press of Generate never goes without an answer.
    void nothingToGenerate(const QString& message);

private:
    friend class GenerationWorker;
    // Called on the GUI thread by the worker's queued calls.
    void onModelLoaded(const QString& modelHash, const QString& backendName);
    void onModelFailed(const QString& message);
    void onJobStarted(qint64 jobId);
    void onProgress(qint64 jobId, qint64 cellsDone, qint64 cellsTotal, int stepsDone, int stepsTotal, qint64 cellsThisRun, qint64 elapsedMs);
    void onJobEnded(qint64 jobId, tessera::JobState state, const QString& error);

    //! request: what to make (segment, cells, repair, order); the options and model are the queue's.
    qint64 enqueueOrDefer(const GridJobSpec& request);
    qint64 enqueueNow(const GridJobSpec& request);
    //! Writes a state change of a job that is not running; the worker handles the running one.
    void stopJob(qint64 jobId, JobState becomes);
    void updateLive(QueuedJob& job) const;
    QueuedJob farmEntry(const Job& job) const;

    Catalog& m_catalog;
    QString m_modelFolder;
    GenerationOptions m_options;
    QString m_modelHash;
    QString m_backendName;
    QString m_problem;
    QVector<QueuedJob> m_jobs;
    QVector<GridJobSpec> m_deferred;
    //! Live progress of the job the worker runs, for the ETA and the step bar.
    struct Live
    {
        qint64 jobId = 0;
        int stepsDone = 0;
        int stepsTotal = 0;
        qint64 cellsDone = 0;
        qint64 cellsTotal = 0;
        qint64 cellsThisRun = 0;
        qint64 elapsedMs = 0;
    } m_live;
    std::unique_ptr<GenerationWorker> m_worker;
    //! Counts the workers started: what an earlier worker posted after a switch is dropped.
    quint64 m_workerSerial = 0;
    QTimer m_farmPoll; //!< re-reads unfinished farm jobs' shards (refresh)
};

} // namespace tessera
