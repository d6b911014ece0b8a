#include "tessera/generation/GridJob.h"

#include "tessera/generation/GenerationError.h"
#include "tessera/generation/GridCoherence.h"
#include "tessera/generation/NeighbourRepair.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QLockFile>

#include <algorithm>

namespace tessera {

namespace {

const QString kSegmentKey = QStringLiteral("segmentId");
const QString kCellsKey = QStringLiteral("cells");
const QString kOptionsKey = QStringLiteral("options");
const QString kRerollsKey = QStringLiteral("rerolls");
const QString kRepairKey = QStringLiteral("repairStrength");
const QString kCandidatesKey = QStringLiteral("repairCandidates");
const QString kForcedKey = QStringLiteral("forcedCells");
const QString kInListedOrderKey = QStringLiteral("inListedOrder");

//! Why spec's repair settings cannot run; empty when they can (or it is no repair).
QString repairProblem(const GridJobSpec& spec)
{
    if (!spec.repairStrength)
        return {};
    if (!(*spec.repairStrength > 0.0 && *spec.repairStrength <= 1.0))
        return QStringLiteral("the repair strength %1 is outside (0, 1]").arg(*spec.repairStrength);
    if (spec.repairCandidates < 1 || spec.repairCandidates > kMaxRepairCandidates)
        return QStringLiteral("a repair tries 1 to %1 candidates, not %2").arg(kMaxRepairCandidates).arg(spec.repairCandidates);
    return {};
}

//! Turns a cell's recipe into a repair: the blend of its neighbours as the img2img start image
//! (sent to the back-end, not stored: the stored recipe names the blended versions instead).
void addRepairStart(QJsonObject& recipe, const NeighbourBlend& blend, double strength)
{
    QJsonArray sources;
    for (const qint64 id : blend.versionIds)
        sources.append(id);
    recipe.insert(recipe::kInitImagePng, QString::fromLatin1(blend.png.toBase64()));
    recipe.insert(recipe::kRepairFrom, sources);
    recipe.insert(recipe::kStrength, strength);
}

Segment segmentOf(const Catalog& catalog, qint64 segmentId)
{
    const auto segment = catalog.segment(segmentId);
    if (!segment)
        throw GenerationError(catalog.path(), QStringLiteral("has no segment with id %1").arg(segmentId));
    return *segment;
}

//! Puts cells left "generating" by this run back in the queue.
void requeueGenerating(Catalog& catalog, const QVector<Cell>& cells)
{
    catalog.transact([&] {
        for (const Cell& cell : cells) {
            const auto current = catalog.cellById(cell.id);
            if (current && current->state == CellState::Generating)
                catalog.setCellState(cell.id, CellState::Queued);
        }
    });
}

struct CandidateChoice
{
    qsizetype index = 0;
    double distance = 0.0; //!< its mean thumbnail distance to the neighbours
};

//! The repair candidate that fits its neighbours best: the smallest mean distance to them, the
//! measure GridCoherence scores cells by.
CandidateChoice closestToNeighbours(const QVector<GeneratedImage>& candidates, const QVector<Thumbnail>& neighbours)
{
    CandidateChoice best{-1, 0.0};
    for (qsizetype k = 0; k < candidates.size(); ++k) {
        const Thumbnail thumbnail = thumbnailOf(candidates[k].png);
        if (thumbnail.isEmpty())
            throw GenerationError({}, QStringLiteral("the back-end returned an image that cannot be decoded"));
        double sum = 0.0;
        for (const Thumbnail& neighbour : neighbours)
            sum += thumbnailDistance(thumbnail, neighbour);
        const double mean = sum / double(qMax<qsizetype>(1, neighbours.size()));
        if (best.index < 0 || mean < best.distance)
            best = {k, mean};
    }
    return best;
}
} // namespace

QJsonObject GridJobSpec::toJson() const
{
    QJsonArray list;
    for (const CellIndex& index : cells)
        list.append(QJsonArray{index.row, index.col});
    QJsonObject json{{kSegmentKey, segmentId}, {kCellsKey, list}, {kOptionsKey, options.toJson()}};
    if (!rerolls.isEmpty()) {
        QJsonArray offsets;
        for (const CellReroll& entry : rerolls)
            offsets.append(QJsonArray{entry.cell.row, entry.cell.col, qint64(entry.reroll)});
        json.insert(kRerollsKey, offsets);
    }
    if (repairStrength) {
        json.insert(kRepairKey, *repairStrength);
        json.insert(kCandidatesKey, repairCandidates);
    }
    if (!forcedCells.isEmpty()) {
        QJsonArray forced;
        for (const ForcedCell& entry : forcedCells)
            forced.append(QJsonArray{entry.cell.row, entry.cell.col, entry.newestVersionId});
        json.insert(kForcedKey, forced);
    }
    if (inListedOrder)
        json.insert(kInListedOrderKey, true);
    return json;
}

quint32 GridJobSpec::rerollFor(CellIndex cell, qsizetype versionCount) const
{
    for (const CellReroll& entry : rerolls) {
        if (entry.cell == cell)
            return entry.reroll;
    }
    return quint32(versionCount);
}

GridJobSpec GridJobSpec::fromJson(const QJsonObject& json)
{
    GridJobSpec spec;
    spec.segmentId = json.value(kSegmentKey).toInteger(0);
    if (spec.segmentId <= 0 || !json.value(kOptionsKey).isObject())
        throw GenerationError({}, QStringLiteral("the job's payload is not a grid job"));
    for (const QJsonValue& value : json.value(kCellsKey).toArray()) {
        const QJsonArray pair = value.toArray();
        if (pair.size() != 2)
            throw GenerationError({}, QStringLiteral("the job's payload lists a malformed cell"));
        spec.cells.append(CellIndex{pair[0].toInt(), pair[1].toInt()});
    }
    for (const QJsonValue& value : json.value(kRerollsKey).toArray()) {
        const QJsonArray triple = value.toArray();
        const qint64 reroll = triple.size() == 3 ? triple[2].toInteger(-1) : -1;
        if (reroll < 0 || reroll > 0xffffffffLL)
            throw GenerationError({}, QStringLiteral("the job's payload lists a malformed reroll"));
        spec.rerolls.append(CellReroll{CellIndex{triple[0].toInt(), triple[1].toInt()}, quint32(reroll)});
    }
    for (const QJsonValue& value : json.value(kForcedKey).toArray()) {
        const QJsonArray triple = value.toArray();
        const qint64 newest = triple.size() == 3 ? triple[2].toInteger(-1) : -1;
        if (newest < 0)
            throw GenerationError({}, QStringLiteral("the job's payload lists a malformed forced cell"));
        spec.forcedCells.append(ForcedCell{CellIndex{triple[0].toInt(), triple[1].toInt()}, newest});
    }
    if (json.contains(kRepairKey)) {
        spec.repairStrength = json.value(kRepairKey).toDouble(-1.0);
        spec.repairCandidates = json.value(kCandidatesKey).toInt(spec.repairCandidates);
        if (const QString problem = repairProblem(spec); !problem.isEmpty())
            throw GenerationError({}, QStringLiteral("the job's payload is malformed: %1").arg(problem));
    }
    spec.inListedOrder = json.value(kInListedOrderKey).toBool(false);
    spec.options = GenerationOptions::fromJson(json.value(kOptionsKey).toObject());
    return spec;
}

bool GridJob::isPending(CellState state)
{
    switch (state) {
    case CellState::Empty:
    case CellState::Queued:
    case CellState::Generating: // left by a run that was killed
    case CellState::Rejected:
        return true;
    case CellState::Done:
    case CellState::Locked:
        return false;
    }
    return false;
}

bool GridJob::isCellOutOfDate(const Catalog& catalog, const Segment& segment, const ProjectSettings& settings, const Cell& cell)
{
    if (cell.activeVersionId == 0)
        return false;
    for (const Version& version : catalog.versions(cell.id)) {
        if (version.id == cell.activeVersionId)
            return isRecipeOutOfDate(version.recipe, segment, settings, cell.index);
    }
    return false;
}

QVector<Cell> GridJob::pendingCells(const Catalog& catalog, const GridJobSpec& spec)
{
    const Segment segment = segmentOf(catalog, spec.segmentId);
    std::optional<ProjectSettings> settings; // read once, only when a done cell must be checked
    // A forced cell is done once it has a version newer than the one it had when the job was
    // queued (ids only grow), whatever its state says.
    const auto forcedAndNotMadeYet = [&](const Cell& cell) {
        for (const ForcedCell& entry : spec.forcedCells) {
            if (entry.cell == cell.index) {
                const QVector<Version> versions = catalog.versions(cell.id);
                return versions.isEmpty() || versions.constLast().id <= entry.newestVersionId;
            }
        }
        return false;
    };
    QVector<Cell> pending;
    for (const Cell& cell : catalog.cells(spec.segmentId)) {
        if (!spec.cells.isEmpty() && !spec.cells.contains(cell.index))
            continue;
        if (!isPending(cell.state) && !forcedAndNotMadeYet(cell)) {
            // A done cell made from an earlier prompt or axis is out of date: made again too.
            if (cell.state != CellState::Done || spec.repairStrength)
                continue;
            if (!settings)
                settings = catalog.settings();
            if (!isCellOutOfDate(catalog, segment, *settings, cell))
                continue;
        }
        pending.append(cell);
    }
    QHash<int, qsizetype> listed; // linear index -> place in spec.cells
    if (spec.inListedOrder) {
        for (qsizetype i = 0; i < spec.cells.size(); ++i)
            listed.insert(segment.grid.linearIndex(spec.cells[i]), i);
    }
    const auto rank = [&](const Cell& cell) {
        const int linear = segment.grid.linearIndex(cell.index);
        return listed.value(linear, spec.cells.size() + linear);
    };
    std::sort(pending.begin(), pending.end(), [&](const Cell& a, const Cell& b) { return rank(a) < rank(b); });
    return pending;
}

qint64 GridJob::enqueue(Catalog& catalog, const GridJobSpec& spec)
{
    const Segment segment = segmentOf(catalog, spec.segmentId);
    QVector<CellIndex> named = spec.cells;
    for (const ForcedCell& entry : spec.forcedCells)
        named.append(entry.cell);
    for (const CellIndex& index : named) {
        if (!segment.grid.contains(index)) {
            throw GenerationError(catalog.path(), QStringLiteral("cell %1,%2 is outside the segment's %3x%4 grid")
                                                      .arg(index.row)
                                                      .arg(index.col)
                                                      .arg(segment.grid.rows())
                                                      .arg(segment.grid.cols()));
        }
    }
    if (const QString problem = repairProblem(spec); !problem.isEmpty())
        throw GenerationError(catalog.path(), problem);
    if (spec.repairStrength) {
        for (const Cell& cell : pendingCells(catalog, spec))
            neighbourBlend(catalog, segment, cell.index); // throws for a cell with nothing to start from
    }
    qint64 jobId = 0;
    catalog.transact([&] {
        const QVector<Cell> pending = pendingCells(catalog, spec);
        jobId = catalog.enqueueJob(kKind, spec.toJson(), pending.size());
        for (const Cell& cell : pending) {
            if (cell.state == CellState::Empty) // rejected cells keep showing they were rejected
                catalog.setCellState(cell.id, CellState::Queued);
        }
    });
    return jobId;
}

JobState GridJob::run(Catalog& catalog, qint64 jobId, GeneratorBackend& backend,
    const GridJobProgressCallback& progress, const std::atomic<bool>* cancel)
{
    const auto job = catalog.job(jobId);
    if (!job || job->kind != kKind)
        throw GenerationError(catalog.path(), QStringLiteral("has no generate job with id %1").arg(jobId));
    if (job->state != JobState::Queued && job->state != JobState::Running && job->state != JobState::Paused)
        throw GenerationError(catalog.path(), QStringLiteral("job %1 is %2, not waiting to run").arg(jobId).arg(jobStateName(job->state)));
    GridJobSpec spec;
    Segment segment;
    try {
        spec = GridJobSpec::fromJson(job->payload);
        segment = segmentOf(catalog, spec.segmentId); // it may have been removed since
    } catch (const GenerationError& error) {
        catalog.setJobState(jobId, JobState::Failed, error.message()); // so it is not resumed forever
        throw;
    }
    if (!spec.options.modelHash.isEmpty() && spec.options.modelHash != backend.modelHash()) {
        throw GenerationError(spec.options.model, QStringLiteral("job %1 was planned with model %2 but model %3 is loaded")
                                                      .arg(jobId)
                                                      .arg(spec.options.modelHash, backend.modelHash()));
    }
    const ProjectSettings settings = catalog.settings();
    // Each LoRA and embedding file hashed once for the whole job; a missing one refuses the job
    // (naming the file) before any cell is touched, and it runs once the file is back.
    spec.options.addOnHashes = hashModelAddOns(segment, settings);

    QVector<Cell> pending = pendingCells(catalog, spec);
    qint64 done = job->doneUnits;
    const qint64 total = done + pending.size();
    catalog.transact([&] {
        catalog.setJobState(jobId, JobState::Running);
        catalog.setJobProgress(jobId, done, total);
    });
    const auto report = [&](int stepsDone, int stepsTotal) {
        if (progress)
            progress(GridJobProgress{done, total, stepsDone, stepsTotal});
    };
    report(0, 0);

    // A repair runs one cell per back-end call, its candidates batched together.
    const int batchSize = spec.repairStrength
        ? 1
        : qMax(1, spec.options.batchSize > 0 ? spec.options.batchSize : backend.preferredBatchSize());
    const int candidates = spec.repairStrength ? spec.repairCandidates : 1;
    QVector<Cell> inFlight;
    try {
        for (qsizetype start = 0; start < pending.size(); start += batchSize) {
            if (cancel && cancel->load())
                throw GeneratorCancelled();
            inFlight = pending.mid(start, batchSize);
            QVector<QJsonObject> recipes; // candidates consecutive per cell
            QVector<QVector<Thumbnail>> neighbours(inFlight.size());
            catalog.transact([&] {
                for (qsizetype c = 0; c < inFlight.size(); ++c) {
                    const Cell& cell = inFlight[c];
                    // A cell that already has versions (rejected) gets a new seed, else it would
                    // come out the same; a first generation keeps the shared base seed.
                    const QVector<Version> versions = catalog.versions(cell.id);
                    quint32 reroll = spec.rerollFor(cell.index, versions.size());
                    // A done cell is here because it is out of date (its prompt or axis changed):
                    // it keeps its seed, so the grid stays coherent and only that change shows.
                    const bool explicitReroll = std::any_of(spec.rerolls.begin(), spec.rerolls.end(),
                        [&](const CellReroll& entry) { return entry.cell == cell.index; });
                    const bool forced = std::any_of(spec.forcedCells.begin(), spec.forcedCells.end(),
                        [&](const ForcedCell& entry) { return entry.cell == cell.index; });
                    if (cell.state == CellState::Done && !explicitReroll && !forced) {
                        for (const Version& version : versions) {
                            if (version.id == cell.activeVersionId)
                                reroll = quint32(version.recipe.value(recipe::kReroll).toInteger(0));
                        }
                    }
                    std::optional<NeighbourBlend> blend;
                    if (spec.repairStrength) {
                        blend = neighbourBlend(catalog, segment, cell.index);
                        neighbours[c] = blend->thumbnails;
                    }
                    for (int k = 0; k < candidates; ++k) {
                        QJsonObject recipe = planCellRecipe(segment, settings, cell.index, spec.options, reroll + quint32(k));
                        if (blend)
                            addRepairStart(recipe, *blend, *spec.repairStrength);
                        recipes.append(recipe);
                    }
                    // a forced (locked) cell keeps its state: a kill must not leave it unlocked
                    if (isPending(cell.state))
                        catalog.setCellState(cell.id, CellState::Generating);
                }
            });
            QElapsedTimer timer;
            timer.start();
            const QVector<GeneratedImage> images = backend.generate(recipes, report, cancel);
            const qint64 batchMs = timer.elapsed();
            if (images.size() != recipes.size()) {
                throw GenerationError({}, QStringLiteral("the back-end returned %1 images for %2 recipes")
                                              .arg(images.size())
                                              .arg(recipes.size()));
            }
            for (qsizetype c = 0; c < inFlight.size(); ++c) {
                qsizetype i = c * candidates;
                if (candidates > 1) {
                    const CandidateChoice choice = closestToNeighbours(images.mid(i, candidates), neighbours[c]);
                    i += choice.index;
                    recipes[i].insert(recipe::kRepairCandidates, candidates);
                    recipes[i].insert(recipe::kRepairDistance, choice.distance);
                }
                Version version;
                version.cellId = inFlight[c].id;
                version.png = images[i].png;
                version.width = images[i].width;
                version.height = images[i].height;
                const qint64 cellMs = batchMs / inFlight.size();
                version.generationMs = candidates == 1 && images[i].generationMs > 0 ? images[i].generationMs : cellMs;
                version.recipe = recipes[i];
                version.recipe.remove(recipe::kInitImagePng); // the image is in the catalog already
                for (auto it = images[i].resolved.constBegin(); it != images[i].resolved.constEnd(); ++it)
                    version.recipe.insert(it.key(), it.value());
                version.recipe.insert(recipe::kWidth, images[i].width);
                version.recipe.insert(recipe::kHeight, images[i].height);
                version.recipe.insert(recipe::kTimings, QJsonObject{{QStringLiteral("cellMs"), version.generationMs},
                                                             {QStringLiteral("batchMs"), batchMs},
                                                             {QStringLiteral("batchSize"), int(images.size())}});
                // One transaction per cell: the image and the job's progress land together.
                catalog.transact([&] {
                    catalog.addVersion(version);
                    catalog.setJobProgress(jobId, done + 1, total);
                });
                ++done;
                report(0, 0);
            }
            inFlight.clear();
        }
    } catch (const GeneratorCancelled&) {
        requeueGenerating(catalog, inFlight);
        catalog.setJobState(jobId, JobState::Cancelled);
        return JobState::Cancelled;
    } catch (const std::exception& error) {
        requeueGenerating(catalog, inFlight);
        catalog.setJobState(jobId, JobState::Failed, QString::fromUtf8(error.what()));
        throw;
    }
    // A job that found nothing to make says why, so "Done, 0 of 0 cells" is not a riddle.
    catalog.setJobState(jobId, JobState::Done, total == 0
            ? QStringLiteral("nothing was left to make when it ran: its cells had been made by an earlier job, or are locked")
            : QString());
    return JobState::Done;
}

bool GridJob::asksForChosenCells(const Job& job)
{
    return !job.payload.value(kCellsKey).toArray().isEmpty();
}

QVector<Job> GridJob::resumableJobs(Catalog& catalog)
{
    catalog.requeueInterruptedJobs();
    QVector<Job> result;
    for (const Job& job : catalog.jobs()) {
        if (job.kind == kKind && job.state == JobState::Queued)
            result.append(job);
    }
    // Jobs for chosen cells (a regenerate or repair from the grid) go before whole grids, so one
    // cell is not stuck behind a Generate All; oldest first within each.
    std::stable_sort(result.begin(), result.end(), [](const Job& a, const Job& b) {
        return asksForChosenCells(a) && !asksForChosenCells(b);
    });
    return result;
}

GenerationLock::GenerationLock(const Catalog& catalog)
    : m_lock(std::make_unique<QLockFile>(catalog.path() + QStringLiteral(".generating.lock")))
{
    m_lock->setStaleLockTime(0); // a long generation is not stale; a dead holder is
    if (m_lock->tryLock(0))
        return;
    qint64 pid = 0;
    QString host;
    QString application;
    m_lock->getLockInfo(&pid, &host, &application);
    if (m_lock->error() == QLockFile::LockFailedError) {
        throw GenerationError(catalog.path(), QStringLiteral("another process (%1, pid %2 on %3) is generating into this project")
                                                  .arg(application)
                                                  .arg(pid)
                                                  .arg(host));
    }
    throw GenerationError(catalog.path() + QStringLiteral(".generating.lock"),
        QStringLiteral("cannot create the lock file beside the project"));
}

GenerationLock::~GenerationLock() = default;

} // namespace tessera
