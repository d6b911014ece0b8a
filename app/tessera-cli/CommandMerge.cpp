// merge: fold shard files (generate --shard K/N --out FILE) back into their project.
#include "CliContext.h"

#include "tessera/generation/GridJob.h"
#include "tessera/generation/ShardMerge.h"

namespace tessera::cli {

int runMerge(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Report what each shard added as JSON."));
    parser.addOption(jsonOption);
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("The .tessera project the shards were cut from."));
    parser.addPositionalArgument(QStringLiteral("SHARD.tessera"), QStringLiteral("Shard files made by generate --shard K/N --out."),
        QStringLiteral("SHARD.tessera..."));
    if (const int handled = context.parse(parser, QStringLiteral("merge"), arguments,
            QStringLiteral("Folds shard files back into the project: each image becomes a new version of the project's\n"
                           "cell at the same row and column, with its full recipe, and the active one when the cell\n"
                           "has none or is empty or rejected. Locked cells are left alone. A version the cell has\n"
                           "already is not added again, so merging a shard twice changes nothing. Every shard is\n"
                           "checked first: a shard cut from an earlier version of a segment (prompt, seed, grid, axes\n"
                           "or style prompt changed since) is refused, and then nothing is merged."));
        handled >= 0) {
        return handled;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2)
        return context.usageError(QStringLiteral("merge"), QStringLiteral("expected PROJECT SHARD.tessera..."));

    return context.guarded([&] {
        const auto project = Catalog::open(positional.constFirst());
        const GenerationLock lock(*project); // no generate may run while cells change under it
        std::vector<std::unique_ptr<Catalog>> shards;
        for (const QString& path : positional.mid(1)) {
            shards.push_back(Catalog::open(path, Catalog::Access::ReadOnly));
            checkShard(*project, *shards.back());
        }
        QVector<ShardMergeResult> results;
        project->transact([&] {
            for (const auto& shard : shards)
                results.append(mergeShard(*project, *shard));
        });

        if (parser.isSet(jsonOption)) {
            QJsonArray list;
            for (size_t i = 0; i < shards.size(); ++i) {
                const ShardManifest manifest = readShardManifest(*shards[i]);
                const ShardMergeResult& r = results[qsizetype(i)];
                list.append(QJsonObject{{QStringLiteral("file"), shards[i]->path()},
                    {QStringLiteral("shard"), manifest.shard},
                    {QStringLiteral("shards"), manifest.shardCount},
                    {QStringLiteral("added"), qint64(r.added)},
                    {QStringLiteral("madeActive"), qint64(r.madeActive)},
                    {QStringLiteral("duplicates"), qint64(r.duplicates)},
                    {QStringLiteral("locked"), qint64(r.locked)},
                    {QStringLiteral("missing"), qint64(r.missing)}});
            }
            context.printJson({{QStringLiteral("project"), project->path()}, {QStringLiteral("shards"), list}});
            return int(Success);
        }
        for (size_t i = 0; i < shards.size(); ++i) {
            const ShardManifest manifest = readShardManifest(*shards[i]);
            const ShardMergeResult& r = results[qsizetype(i)];
            context.out() << shards[i]->path() << " (shard " << manifest.shard << "/" << manifest.shardCount << "): added "
                          << CliContext::count(r.added, QStringLiteral("version")) << " (" << r.madeActive << " made active), "
                          << r.duplicates << " already merged";
            if (r.locked > 0)
                context.out() << ", " << CliContext::count(r.locked, QStringLiteral("locked cell")) << " left alone";
            if (r.missing > 0)
                context.out() << ", " << CliContext::count(r.missing, QStringLiteral("cell")) << " not generated yet";
            context.out() << Qt::endl;
        }
        return int(Success);
    });
}

} // namespace tessera::cli
