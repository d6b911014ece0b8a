#pragma once

#include "tessera/catalog/Catalog.h"
#include "tessera/generation/CellRecipe.h"
#include "tessera/generation/GeneratorBackend.h"
#include "tessera/generation/NeighbourRepair.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QLockFile;

namespace tessera {

//! A seed offset (planCellRecipe's reroll) chosen for one cell of a grid job.
struct CellReroll
{
    CellIndex cell;
    quint32 reroll = 0;
};

//! A locked cell a job regenerates anyway (regenerate --force). The cell is never unlocked, not
//! even for the run, so no kill can leave it unlocked; the job takes it until the cell has a
//! version newer than newestVersionId, its newest when the job was queued, so a resumed job makes
//! it once whether the run before stopped before or after committing it.
struct ForcedCell
{
    CellIndex cell;
    qint64 newestVersionId = 0;
};

//! What a grid job generates; stored as the job's payload so a later run can resume it.
struct GridJobSpec
{
    qint64 segmentId = 0;
    QVector<CellIndex> cells; //!< the cells asked for; empty means the whole grid
    GenerationOptions options;
    //! Seed offsets for some cells instead of the default, the cell's number of versions: a
    //! regenerate with a chosen seed, a shard whose catalog lacks the project's earlier versions.
    QVector<CellReroll> rerolls = {};
    //! Set: "repair from neighbours". Each cell is made by img2img from the blend of its
    //! neighbours' images (NeighbourRepair.h), noised this far (0..1], instead of from noise.
    std::optional<double> repairStrength = std::nullopt;
    //! How many seeds a repair tries for each cell (one batched back-end call); the candidate
    //! closest to the neighbours is kept. The model's own drift in an img2img pass is about as large
    //! as the differences within a grid, so a single try lands beside the grid as often as in it.
    int repairCandidates = kDefaultRepairCandidates;
    //! Locked cells (among cells) generated anyway, each staying locked.
    QVector<ForcedCell> forcedCells = {};
    //! True: the cells are made in the order `cells` lists them (a refined grid's: between the
    //! least alike neighbours first); false: row-major.
    bool inListedOrder = false;

    //! The reroll cell gets: its entry in rerolls, else versionCount.
    quint32 rerollFor(CellIndex cell, qsizetype versionCount) const;

    QJsonObject toJson() const;
    //! Reads what toJson wrote; throws GenerationError for a payload that is not a grid job.
    static GridJobSpec fromJson(const QJsonObject& json);
};

//! Where a running grid job stands: committed cells of the job's total, and the sampler steps of
//! the batch in flight.
struct GridJobProgress
{
    qint64 cellsDone = 0;
    qint64 cellsTotal = 0;
    int stepsDone = 0;
    int stepsTotal = 0;
};

using GridJobProgressCallback = std::function<void(const GridJobProgress&)>;

//! Generates a segment's grid as a persistent job of the catalog's queue ("generate").
//!
//! Pending cells (empty, queued, rejected, generating ones left by a crash, and done ones out of
//! date with the segment's prompt and axes) are generated in batches of the back-end's preferred
//! size; locked cells and up-to-date done cells are not, unless the job forces them
//! (GridJobSpec::forcedCells), and a forced cell keeps its state. Each finished cell
//! is committed in its own transaction, together with the job's progress, as a new active
//! version holding its full recipe and timings. A killed run leaves every committed cell; running
//! the job again (after Catalog::requeueInterruptedJobs) generates only the missing ones.
class GridJob
{
public:
    static inline const QString kKind = QStringLiteral("generate");

    //! True for the states a grid job (re)generates.
    static bool isPending(CellState state);
    //! A done cell whose active version was made from another prompt, seed or axis value than
    //! the segment gives it now (isRecipeOutOfDate).
    static bool isCellOutOfDate(const Catalog& catalog, const Segment& segment, const ProjectSettings& settings, const Cell& cell);
    //! spec's cells that are pending now, row-major or as listed (what enqueue() would queue): those
    //! in a pending state, except for a repair the done cells that are out of date, and its
    //! forced cells that have no version newer than their mark yet.
    static QVector<Cell> pendingCells(const Catalog& catalog, const GridJobSpec& spec);

    //! Queues a job for spec's pending cells (marking them queued) in one transaction; returns its
    //! id. Throws GenerationError for an unknown segment or a cell outside its grid, and for a
    //! repair whose strength is outside (0, 1] or whose cell has no neighbour image to start from.
    static qint64 enqueue(Catalog& catalog, const GridJobSpec& spec);

    //! Runs (or resumes) the queued or interrupted job jobId with backend, which must have the
    //! job's model loaded. Returns Done, or Cancelled when cancel was set (the cells not committed
    //! go back to queued; the job stays resumable by re-queueing). On an error the job is marked
    //! Failed with the reason and the error propagates.
    static JobState run(Catalog& catalog, qint64 jobId, GeneratorBackend& backend,
        const GridJobProgressCallback& progress = {}, const std::atomic<bool>* cancel = nullptr);

    //! Re-queues jobs a crashed process left running, then lists the queued generate jobs in the
    //! order they run: those for chosen cells first, then whole grids, oldest first within each,
    //! so a caller can load each one's model and run it. Call it holding a GenerationLock:
    //! a job that another live process is running looks the same as one left by a crash.
    static QVector<Job> resumableJobs(Catalog& catalog);
    //! The job was asked for particular cells (its spec lists them), not a whole grid.
    static bool asksForChosenCells(const Job& job);
};

//! Makes one process at a time the generator of a project, so that re-queueing "running" jobs
//! (GridJob::resumableJobs) never steals a live run. A lock file beside the project
//! ("<project>.generating.lock", QLockFile) held while the object lives; one left by a killed
//! process is taken over, since QLockFile checks whether its holder still runs.
class GenerationLock
{
public:
    //! Throws GenerationError naming the project when another process holds the lock.
    explicit GenerationLock(const Catalog& catalog);
    ~GenerationLock();
    GenerationLock(const GenerationLock&) = delete;
    GenerationLock& operator=(const GenerationLock&) = delete;

private:
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace tessera
