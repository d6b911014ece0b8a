// Writes the shard merge fuzz target's seeds: shards 1/2 and 2/2 cut from the project of
// ShardMergeFuzzing.h as tessera-cli generate --shard K/2 cuts them, with an image made for every
// shard cell but the last (as a generation run that stopped early leaves them; the recipes are the
// ones planCellRecipe gives). Run by hand when the schema or the manifest changes:
//   build-fuzz/bin/make_shard_merge_seed tests/fuzz/corpus/shard_merge
#include "ShardMergeFuzzing.h"

#include "tessera/generation/ShardMerge.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>

int main(int argc, char** argv)
{
    using namespace tessera;
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_shard_merge_seed OUTPUT-DIR\n");
        return 2;
    }
    const QDir out(QString::fromLocal8Bit(argv[1]));
    QTemporaryDir scratch;
    try {
        const QString projectPath = scratch.filePath(QStringLiteral("project.tessera"));
        fuzz::createMergeProject(projectPath);
        const auto project = Catalog::open(projectPath, Catalog::Access::ReadOnly);
        const QVector<GridJobSpec> selection = fuzz::mergeSelection(*project);
        for (int shard = 1; shard <= 2; ++shard) {
            const QString path = out.filePath(QStringLiteral("shard-%1-of-2.tessera").arg(shard));
            QFile::remove(path);
            const ShardManifest cut = planShard(*project, selection, shard, 2);
            const auto file = createShard(*project, cut, path);
            const ShardManifest manifest = readShardManifest(*file);
            const ProjectSettings settings = file->settings();
            int made = 0;
            const qsizetype total = manifest.cellCount();
            for (const GridJobSpec& spec : shardJobSpecs(manifest, selection.front().options)) {
                const auto segments = file->segments();
                const auto segment = std::find_if(segments.begin(), segments.end(),
                    [&](const Segment& s) { return s.id == spec.segmentId; });
                for (const CellIndex& index : spec.cells) {
                    if (++made == total)
                        break; // the last cell stays to be generated
                    const auto cell = file->cell(spec.segmentId, index);
                    Version version;
                    version.cellId = cell->id;
                    version.png = fuzz::solidPng(4, 4, qRgb(40 * made, 90, 200 - 30 * made));
                    version.width = 4;
                    version.height = 4;
                    version.recipe = planCellRecipe(*segment, settings, index, spec.options, spec.rerollFor(index, 0));
                    version.generationMs = 1200;
                    file->addVersion(version);
                }
            }
            updateShardProgress(*file);
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "%s\n", error.what());
        return 1;
    }
    return 0;
}
