#include "tessera/generation/ShardMerge.h"

#include "tessera/generation/GenerationError.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace tessera {

namespace {

const QString kFormatKey = QStringLiteral("format");
const QString kShardKey = QStringLiteral("shard");
const QString kShardCountKey = QStringLiteral("shards");
const QString kProjectKey = QStringLiteral("project");
const QString kSegmentsKey = QStringLiteral("segments");
const QString kSegmentIdKey = QStringLiteral("segmentId");
const QString kShardSegmentIdKey = QStringLiteral("shardSegmentId");
const QString kSettingsHashKey = QStringLiteral("settingsHash");
const QString kCellsKey = QStringLiteral("cells");
const QString kRerollsKey = QStringLiteral("rerolls");
constexpr int kFormat = 1;

QJsonObject axisGenerationJson(const AxisDefinition& axis)
{
    return QJsonObject{{QStringLiteral("variation"), axisVariationName(axis.variation)},
        {QStringLiteral("term"), axis.term.trimmed()}, {QStringLiteral("from"), axis.from}, {QStringLiteral("to"), axis.to}};
}

QByteArray sha256(const QByteArray& bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

//! "segment 2" as the CLI numbers segments (timeline order from 1), else its id.
QString segmentName(const Catalog& catalog, qint64 segmentId)
{
    const QVector<Segment> segments = catalog.segments();
    for (qsizetype i = 0; i < segments.size(); ++i) {
        if (segments[i].id == segmentId)
            return QStringLiteral("segment %1").arg(i + 1);
    }
    return QStringLiteral("segment id %1").arg(segmentId);
}

GenerationError malformed(const QString& what)
{
    return GenerationError({}, QStringLiteral("the shard manifest is malformed (%1)").arg(what));
}

} // namespace

QString segmentSettingsHash(const Segment& segment, const ProjectSettings& settings)
{
    // What planCellRecipe reads from the segment and the settings; versioned, so that a later
    // change of what goes in never matches an older digest by accident.
    const QString prompt = segment.prompt.trimmed().isEmpty() ? segment.lyric.trimmed() : segment.prompt.trimmed();
    QJsonObject json{{QStringLiteral("v"), 1},
        {QStringLiteral("prompt"), prompt},
        {QStringLiteral("seed"), qint64(segment.seed)},
        {QStringLiteral("rows"), segment.grid.rows()},
        {QStringLiteral("cols"), segment.grid.cols()},
        {QStringLiteral("axisX"), axisGenerationJson(segment.axisX)},
        {QStringLiteral("axisY"), axisGenerationJson(segment.axisY)},
        {QStringLiteral("style"), settings.stylePrompt.trimmed()},
        {QStringLiteral("negative"), settings.negativePrompt}};
    // LoRAs and embeddings only when the project has some: digests of projects without them stay
    // those of before they existed.
    if (!settings.loras.isEmpty() || !settings.embeddings.isEmpty())
        json.insert(QStringLiteral("addOns"), settings.addOnsJson());
    return QString::fromLatin1(sha256(QJsonDocument(json).toJson(QJsonDocument::Compact)).toHex());
}

qsizetype ShardManifest::cellCount() const
{
    qsizetype count = 0;
    for (const Entry& entry : segments)
        count += entry.cells.size();
    return count;
}

bool ShardManifest::isSameCut(const ShardManifest& other) const
{
    if (shard != other.shard || shardCount != other.shardCount || segments.size() != other.segments.size())
        return false;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const Entry& a = segments[i];
        const Entry& b = other.segments[i];
        if (a.segmentId != b.segmentId || a.settingsHash != b.settingsHash || a.cells != b.cells || a.rerolls.size() != b.rerolls.size())
            return false;
        for (qsizetype j = 0; j < a.rerolls.size(); ++j) {
            if (a.rerolls[j].cell != b.rerolls[j].cell || a.rerolls[j].reroll != b.rerolls[j].reroll)
                return false;
        }
    }
    return true;
}

QJsonObject ShardManifest::toJson() const
{
    QJsonArray list;
    for (const Entry& entry : segments) {
        QJsonArray cells;
        for (const CellIndex& index : entry.cells)
            cells.append(QJsonArray{index.row, index.col});
        QJsonArray rerolls;
        for (const CellReroll& reroll : entry.rerolls)
            rerolls.append(QJsonArray{reroll.cell.row, reroll.cell.col, qint64(reroll.reroll)});
        list.append(QJsonObject{{kSegmentIdKey, entry.segmentId}, {kShardSegmentIdKey, entry.shardSegmentId},
            {kSettingsHashKey, entry.settingsHash}, {kCellsKey, cells}, {kRerollsKey, rerolls}});
    }
    return QJsonObject{{kFormatKey, kFormat}, {kShardKey, shard}, {kShardCountKey, shardCount},
        {kProjectKey, project}, {kSegmentsKey, list}};
}

ShardManifest ShardManifest::fromJson(const QJsonObject& json)
{
    if (json.value(kFormatKey).toInt() != kFormat)
        throw malformed(QStringLiteral("format %1, this build reads %2").arg(json.value(kFormatKey).toInt()).arg(kFormat));
    ShardManifest manifest;
    manifest.shard = json.value(kShardKey).toInt();
    manifest.shardCount = json.value(kShardCountKey).toInt();
    manifest.project = json.value(kProjectKey).toString();
    if (manifest.shardCount < 1 || manifest.shard < 1 || manifest.shard > manifest.shardCount)
        throw malformed(QStringLiteral("shard %1/%2").arg(manifest.shard).arg(manifest.shardCount));
    for (const QJsonValue& value : json.value(kSegmentsKey).toArray()) {
        const QJsonObject object = value.toObject();
        Entry entry;
        entry.segmentId = object.value(kSegmentIdKey).toInteger();
        entry.shardSegmentId = object.value(kShardSegmentIdKey).toInteger();
        entry.settingsHash = object.value(kSettingsHashKey).toString();
        if (entry.segmentId <= 0 || entry.shardSegmentId <= 0 || entry.settingsHash.isEmpty())
            throw malformed(QStringLiteral("a segment without ids or settings hash"));
        for (const QJsonValue& cell : object.value(kCellsKey).toArray()) {
            const QJsonArray pair = cell.toArray();
            if (pair.size() != 2)
                throw malformed(QStringLiteral("a malformed cell"));
            entry.cells.append(CellIndex{pair[0].toInt(), pair[1].toInt()});
        }
        for (const QJsonValue& reroll : object.value(kRerollsKey).toArray()) {
            const QJsonArray triple = reroll.toArray();
            const qint64 offset = triple.size() == 3 ? triple[2].toInteger(-1) : -1;
            if (offset < 0 || offset > 0xffffffffLL)
                throw malformed(QStringLiteral("a malformed reroll"));
            entry.rerolls.append(CellReroll{CellIndex{triple[0].toInt(), triple[1].toInt()}, quint32(offset)});
        }
        manifest.segments.append(entry);
    }
    return manifest;
}

ShardManifest planShard(const Catalog& project, const QVector<GridJobSpec>& selection, int shard, int shardCount)
{
    if (shardCount < 1 || shard < 1 || shard > shardCount)
        throw GenerationError({}, QStringLiteral("shard %1/%2 is not one of 1/%2..%2/%2").arg(shard).arg(shardCount));
    ShardManifest manifest;
    manifest.shard = shard;
    manifest.shardCount = shardCount;
    manifest.project = QFileInfo(project.path()).absoluteFilePath();
    const ProjectSettings settings = project.settings();
    qint64 position = 0;
    for (const GridJobSpec& spec : selection) {
        ShardManifest::Entry entry;
        entry.segmentId = spec.segmentId;
        for (const Cell& cell : GridJob::pendingCells(project, spec)) {
            if (position++ % shardCount != shard - 1)
                continue;
            entry.cells.append(cell.index);
            // The project's own default, which the shard file (without the earlier versions)
            // cannot see: a rejected cell's next image gets its number of versions as reroll.
            const quint32 reroll = spec.rerollFor(cell.index, project.versions(cell.id).size());
            if (reroll != 0)
                entry.rerolls.append(CellReroll{cell.index, reroll});
        }
        if (entry.cells.isEmpty())
            continue;
        entry.settingsHash = segmentSettingsHash(*project.segment(spec.segmentId), settings);
        manifest.segments.append(entry);
    }
    return manifest;
}

std::unique_ptr<Catalog> createShard(const Catalog& project, const ShardManifest& manifest, const QString& path)
{
    auto shard = Catalog::create(path, project.settings());
    try {
        ShardManifest stored = manifest;
        shard->transact([&] {
            QHash<qint64, qint64> copies;
            for (Segment segment : project.segments()) {
                const qint64 sourceId = segment.id;
                segment.id = 0;
                copies.insert(sourceId, shard->addSegment(segment));
            }
            for (ShardManifest::Entry& entry : stored.segments) {
                entry.shardSegmentId = copies.value(entry.segmentId);
                if (entry.shardSegmentId == 0)
                    throw GenerationError(project.path(), QStringLiteral("has no segment with id %1").arg(entry.segmentId));
            }
            shard->enqueueJob(ShardManifest::kKind, stored.toJson(), stored.cellCount());
        });
    } catch (...) {
        shard.reset();
        for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
        throw;
    }
    return shard;
}

ShardManifest readShardManifest(const Catalog& shard)
{
    std::optional<Job> found;
    for (const Job& job : shard.jobs()) {
        if (job.kind != ShardManifest::kKind)
            continue;
        if (found)
            throw GenerationError(shard.path(), QStringLiteral("holds more than one shard manifest"));
        found = job;
    }
    if (!found)
        throw GenerationError(shard.path(), QStringLiteral("is not a shard (no shard manifest); make one with generate --shard K/N --out FILE"));
    try {
        return ShardManifest::fromJson(found->payload);
    } catch (const GenerationError& error) {
        throw GenerationError(shard.path(), error.problem());
    }
}

QVector<GridJobSpec> shardJobSpecs(const ShardManifest& manifest, const GenerationOptions& options)
{
    QVector<GridJobSpec> specs;
    for (const ShardManifest::Entry& entry : manifest.segments)
        specs.append(GridJobSpec{entry.shardSegmentId, entry.cells, options, entry.rerolls});
    return specs;
}

std::pair<qint64, qint64> updateShardProgress(Catalog& shard)
{
    const ShardManifest manifest = readShardManifest(shard);
    qint64 done = 0;
    for (const ShardManifest::Entry& entry : manifest.segments) {
        for (const CellIndex& index : entry.cells) {
            const auto cell = shard.cell(entry.shardSegmentId, index);
            if (cell && cell->activeVersionId != 0)
                ++done;
        }
    }
    const qint64 total = manifest.cellCount();
    for (const Job& job : shard.jobs()) {
        if (job.kind != ShardManifest::kKind)
            continue;
        shard.transact([&] {
            shard.setJobProgress(job.id, done, total);
            shard.setJobState(job.id, done == total ? JobState::Done : JobState::Queued);
        });
    }
    return {done, total};
}

void checkShard(const Catalog& project, const Catalog& shard)
{
    const ShardManifest manifest = readShardManifest(shard);
    const ProjectSettings projectSettings = project.settings();
    const ProjectSettings shardSettings = shard.settings();
    for (const ShardManifest::Entry& entry : manifest.segments) {
        const auto segment = project.segment(entry.segmentId);
        if (!segment) {
            throw GenerationError(shard.path(), QStringLiteral("was cut from a segment (id %1) that %2 no longer has")
                                                    .arg(entry.segmentId)
                                                    .arg(project.path()));
        }
        if (segmentSettingsHash(*segment, projectSettings) != entry.settingsHash) {
            throw GenerationError(shard.path(), QStringLiteral("was cut from an earlier version of %1 of %2 (its prompt, seed, grid, "
                                                               "axes or the style prompt changed since); cut the shard again")
                                                    .arg(segmentName(project, entry.segmentId), project.path()));
        }
        const auto copy = shard.segment(entry.shardSegmentId);
        if (!copy || segmentSettingsHash(*copy, shardSettings) != entry.settingsHash) {
            throw GenerationError(shard.path(), QStringLiteral("its copy of %1 was edited after the cut; its images no longer "
                                                               "match the manifest")
                                                    .arg(segmentName(project, entry.segmentId)));
        }
    }
}

ShardMergeResult mergeShard(Catalog& project, const Catalog& shard)
{
    checkShard(project, shard);
    const ShardManifest manifest = readShardManifest(shard);
    ShardMergeResult result;
    project.transact([&] {
        for (const ShardManifest::Entry& entry : manifest.segments) {
            for (const CellIndex& index : entry.cells) {
                const auto shardCell = shard.cell(entry.shardSegmentId, index);
                const QVector<Version> incoming = shardCell ? shard.versions(shardCell->id) : QVector<Version>{};
                if (incoming.isEmpty()) {
                    ++result.missing;
                    continue;
                }
                const auto target = project.cell(entry.segmentId, index);
                if (!target) // the settings hash covers the grid, so this is a damaged shard
                    throw GenerationError(shard.path(), QStringLiteral("lists cell %1,%2 outside its segment's grid").arg(index.row).arg(index.col));
                if (target->state == CellState::Locked) {
                    ++result.locked;
                    continue;
                }
                // What the cell holds already, by recipe and image digest.
                QVector<std::pair<QJsonObject, QByteArray>> existing;
                for (const Version& version : project.versions(target->id))
                    existing.append({version.recipe, sha256(project.versionImage(version.id))});
                const bool activate = target->activeVersionId == 0 || target->state == CellState::Empty
                    || target->state == CellState::Rejected;
                bool addedHere = false;
                for (const Version& version : incoming) {
                    Version copy = version;
                    copy.id = 0;
                    copy.cellId = target->id;
                    copy.png = shard.versionImage(version.id);
                    const QByteArray digest = sha256(copy.png);
                    const bool duplicate = std::any_of(existing.cbegin(), existing.cend(), [&](const auto& known) {
                        return known.first == copy.recipe && known.second == digest;
                    });
                    if (duplicate) {
                        ++result.duplicates;
                        continue;
                    }
                    // Makes it active (undone below when it must not be), with the shard's preview:
                    // a 10,000-cell merge then decodes no image again.
                    project.addVersion(copy, shard.storedPreview(version.id));
                    existing.append({copy.recipe, digest});
                    ++result.added;
                    addedHere = true;
                }
                if (!addedHere)
                    continue;
                if (activate) {
                    ++result.madeActive;
                } else {
                    project.setActiveVersion(target->id, target->activeVersionId);
                    if (project.cellById(target->id)->state != target->state)
                        project.setCellState(target->id, target->state);
                }
            }
        }
    });
    return result;
}

} // namespace tessera
