#pragma once

// Shards: a project's pending cells cut into N parts so that machines sharing no disk can each
// generate one. A shard is a catalog file of its own (the project's settings, copies of its
// segments, a manifest mapping back to the project); merging folds its versions back into the
// project, idempotently, and refuses a shard cut from another version of a segment.

#include "tessera/catalog/Catalog.h"
#include "tessera/generation/GridJob.h"

#include <QJsonObject>
#include <QVector>
#include <memory>

namespace tessera {

//! A digest of all a cell's recipe is planned from besides the generation options: the segment's
//! effective prompt, seed, grid and what its axes vary, with the project's style and negative
//! prompts. Equal digests plan equal recipes. The axes' playback settings (feature, curve...) are
//! left out: they change no image.
QString segmentSettingsHash(const Segment& segment, const ProjectSettings& settings);

//! What a shard file carries to map its cells back to the project it was cut from; stored as the
//! payload of the shard file's one job of kind "shard" (its progress counts the shard's cells).
struct ShardManifest
{
    static inline const QString kKind = QStringLiteral("shard");

    //! One segment with cells in the shard.
    struct Entry
    {
        qint64 segmentId = 0;        //!< the segment's id in the project
        qint64 shardSegmentId = 0;   //!< its copy's id in the shard file (0 until the file exists)
        QString settingsHash;        //!< segmentSettingsHash() when the shard was cut
        QVector<CellIndex> cells;    //!< the cells this shard generates, in the cut's order
        QVector<CellReroll> rerolls; //!< their seed offsets: the project's version counts then
    };

    int shard = 1;      //!< K of K/N, counting from 1
    int shardCount = 1; //!< N
    QString project;    //!< the project file it was cut from, for messages
    QVector<Entry> segments;

    qsizetype cellCount() const;
    //! The same cut: the same K/N of the same cells of the same segment versions (the shard
    //! file's ids and the project's path aside). A run that finds its shard file resumes it.
    bool isSameCut(const ShardManifest& other) const;
    QJsonObject toJson() const;
    //! Reads what toJson wrote; throws GenerationError for anything else.
    static ShardManifest fromJson(const QJsonObject& json);
};

//! Cuts the cells the grid jobs of selection would generate in project (GridJob::pendingCells of
//! each spec, in order: timeline order, row-major) into shardCount shards: the i-th of them,
//! counting from 0, goes to shard i % shardCount + 1. Every machine that cuts the same project
//! file gets the same shards. Throws GenerationError for a shard outside 1..shardCount.
ShardManifest planShard(const Catalog& project, const QVector<GridJobSpec>& selection, int shard, int shardCount);

//! Creates the shard file at path (which must not exist): the project's settings, a copy of each
//! of its segments and the manifest with the copies' ids. Returns it open; no file is left
//! behind when this throws.
std::unique_ptr<Catalog> createShard(const Catalog& project, const ShardManifest& manifest, const QString& path);

//! The manifest of a shard file; throws GenerationError naming the file when it is no shard.
ShardManifest readShardManifest(const Catalog& shard);

//! The grid jobs that generate a shard's cells in its own file, with options.
QVector<GridJobSpec> shardJobSpecs(const ShardManifest& manifest, const GenerationOptions& options);

//! Counts the shard's cells that have an image into its manifest job's progress (done when all
//! have); returns {done, total}.
std::pair<qint64, qint64> updateShardProgress(Catalog& shard);

//! What merging one shard did.
struct ShardMergeResult
{
    qsizetype added = 0;      //!< versions added to the project
    qsizetype madeActive = 0; //!< cells whose active version is now a merged one
    qsizetype duplicates = 0; //!< versions the project already had (merged before)
    qsizetype locked = 0;     //!< cells left alone because they are locked in the project
    qsizetype missing = 0;    //!< cells of the shard it has not generated (yet)
};

//! Throws GenerationError naming the shard file when it cannot be merged into project: it is no
//! shard, or one of its segments is gone from the project or had its generation settings changed
//! since the cut (segmentSettingsHash differs), or the shard's own copy was edited.
void checkShard(const Catalog& project, const Catalog& shard);

//! Folds a shard into project in one transaction (after checkShard): each version of each of its
//! cells becomes a new version of the project's cell at the same row and column, with its recipe,
//! image and timing; it is made active when the cell has no active version or is empty or
//! rejected. Locked cells are never touched. A version the cell already has (same image bytes and
//! recipe) is not added again, so merging a shard twice adds nothing the second time.
ShardMergeResult mergeShard(Catalog& project, const Catalog& shard);

} // namespace tessera
