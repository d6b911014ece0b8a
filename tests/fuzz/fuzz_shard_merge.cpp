// libFuzzer target: arbitrary bytes as a shard file handed to tessera-cli merge. Each input is
// merged, as the command does, into a fresh copy of the project the seeds were cut from
// (ShardMergeFuzzing.h): Catalog::open read-only, readShardManifest, checkShard, mergeShard in one
// transaction. Each step must refuse a file that is no shard, or one cut from other segments, with
// CatalogError or GenerationError; a merge that goes through must leave the project intact
// (checkIntegrity), add no more versions than the shard holds, and change nothing when repeated.
// The seeds are shards 1/2 and 2/2 written by make_shard_merge_seed.
#include "Require.h"
#include "ShardMergeFuzzing.h"
#include "TempFile.h"

#include "tessera/generation/GenerationError.h"
#include "tessera/generation/ShardMerge.h"

#include <QFile>

#include <cstdint>
#include <cstdio>

namespace {

using namespace tessera;

void removeCatalog(const std::string& path)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::remove((path + suffix).c_str());
}

//! The project's file, built once per process.
const QByteArray& projectTemplate()
{
    static const QByteArray bytes = [] {
        const std::string path = fuzz::scratchPath("merge-template", ".tessera");
        removeCatalog(path);
        fuzz::createMergeProject(QString::fromStdString(path)); // closed: the WAL is checkpointed
        QFile file(QString::fromStdString(path));
        if (!file.open(QIODevice::ReadOnly))
            std::abort();
        const QByteArray content = file.readAll();
        removeCatalog(path);
        return content;
    }();
    return bytes;
}

qsizetype versionCount(const Catalog& catalog)
{
    qsizetype count = 0;
    for (const Segment& segment : catalog.segments())
        for (const Cell& cell : catalog.cells(segment.id))
            count += catalog.versions(cell.id).size();
    return count;
}

void merge(const QString& projectPath, const QString& shardPath)
{
    const auto project = Catalog::open(projectPath);
    const auto shard = Catalog::open(shardPath, Catalog::Access::ReadOnly);
    const ShardManifest manifest = readShardManifest(*shard);
    checkShard(*project, *shard);
    const qsizetype before = versionCount(*project);
    ShardMergeResult result;
    project->transact([&] { result = mergeShard(*project, *shard); });
    FUZZ_REQUIRE(result.added >= 0 && result.madeActive <= result.added + result.duplicates);
    FUZZ_REQUIRE(versionCount(*project) == before + result.added);
    FUZZ_REQUIRE(result.added <= versionCount(*shard));
    FUZZ_REQUIRE(project->checkIntegrity().isOk());
    // merging the same shard again adds nothing
    ShardMergeResult again;
    project->transact([&] { again = mergeShard(*project, *shard); });
    FUZZ_REQUIRE(again.added == 0 && again.madeActive == 0);
    (void)manifest.cellCount();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::string projectPath = fuzz::scratchPath("merge-project", ".tessera");
    static const std::string shardPath = fuzz::scratchPath("merge-shard", ".tessera");
    const QByteArray& project = projectTemplate();
    removeCatalog(projectPath);
    removeCatalog(shardPath); // a previous input's WAL must not replay into this one
    fuzz::writeFile(projectPath, reinterpret_cast<const std::uint8_t*>(project.constData()), size_t(project.size()));
    fuzz::writeFile(shardPath, data, size);
    try {
        merge(QString::fromStdString(projectPath), QString::fromStdString(shardPath));
    } catch (const CatalogError&) {
    } catch (const GenerationError&) {
    }
    removeCatalog(projectPath);
    removeCatalog(shardPath);
    return 0;
}
