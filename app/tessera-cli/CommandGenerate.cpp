// generate: fill segment grids with a generator back-end plugin, as persistent, resumable jobs;
// with --shard K/N, one shard of the pending cells into a file of its own (merged by `merge`).
#include "CliContext.h"
#include "GenerationRunner.h"
#include "ProjectArguments.h"

#include "tessera/generation/GenerationError.h"
#include "tessera/generation/GridJob.h"
#include "tessera/generation/ShardMerge.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>

namespace tessera::cli {

namespace {

QString rateText(qint64 generated, double seconds)
{
    QString text = QStringLiteral("generated %1 in %2 s").arg(CliContext::count(generated, QStringLiteral("cell")), QString::number(seconds, 'f', 1));
    if (generated > 0 && seconds > 0)
        text += QStringLiteral(" (%1 cells/min)").arg(QString::number(generated * 60.0 / seconds, 'f', 1));
    return text;
}

//! Generates shard K/N of the selection's pending cells into its own file (resuming it when the
//! file holds the same cut already); the project is only read.
int generateShard(CliContext& context, const Catalog& project, const QVector<GridJobSpec>& selection, int shard,
    int shardCount, const QString& out, GenerationOptions options, const QString& model)
{
    const ShardManifest cut = planShard(project, selection, shard, shardCount);
    std::unique_ptr<Catalog> file;
    if (QFileInfo::exists(out)) {
        file = Catalog::open(out);
        if (!readShardManifest(*file).isSameCut(cut)) {
            throw GenerationError(out, QStringLiteral("exists and is not shard %1/%2 of this project as it stands; remove it "
                                                      "or choose another --out")
                                           .arg(shard)
                                           .arg(shardCount));
        }
        printProgress(QStringLiteral("resuming shard %1/%2 in %3").arg(shard).arg(shardCount).arg(out));
    }
    JobRunner runner(project, model, options.precision);
    runner.fill(options);
    if (!file)
        file = createShard(project, cut, out);
    const GenerationLock lock(*file);
    const ShardManifest manifest = readShardManifest(*file);
    const QVector<Segment> segments = project.segments();
    const auto label = [&](qint64 shardSegmentId) {
        for (const ShardManifest::Entry& entry : manifest.segments) {
            if (entry.shardSegmentId == shardSegmentId)
                return QStringLiteral("shard %1/%2, %3").arg(shard).arg(shardCount).arg(segmentLabel(segments, entry.segmentId));
        }
        return QStringLiteral("shard %1/%2").arg(shard).arg(shardCount);
    };

    QElapsedTimer timer;
    timer.start();
    qint64 generated = runner.resumeInterrupted(*file, label);
    for (const GridJobSpec& spec : shardJobSpecs(manifest, options)) {
        if (GridJob::pendingCells(*file, spec).isEmpty())
            continue;
        generated += runner.run(*file, GridJob::enqueue(*file, spec), label(spec.segmentId));
    }
    const auto [done, total] = updateShardProgress(*file);
    context.out() << "shard " << shard << "/" << shardCount << ": " << rateText(generated, timer.elapsed() / 1000.0) << " into "
                  << out << "; " << done << " of " << CliContext::count(total, QStringLiteral("cell")) << " of the shard done"
                  << Qt::endl;
    return int(Success);
}

} // namespace

int runGenerate(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption segmentOption(QStringLiteral("segment"), QStringLiteral("Only this segment (counting from 1)."), QStringLiteral("N"));
    const QCommandLineOption cellsOption(QStringLiteral("cells"),
        QStringLiteral("Only these cells of --segment: row,col counting from 0; repeat the option or separate with spaces."),
        QStringLiteral("r,c"));
    const QCommandLineOption shardOption(QStringLiteral("shard"),
        QStringLiteral("Generate only shard K of N (K from 1): every N-th of the pending cells, into the file --out, for "
                       "machines that share no disk; the project itself is only read. Fold the shards back with merge."),
        QStringLiteral("K/N"));
    const QCommandLineOption outOption(QStringLiteral("out"),
        QStringLiteral("The shard file --shard writes (a new project file; the same file again resumes it)."), QStringLiteral("SHARD.tessera"));
    const GenerationArguments generation;
    parser.addOptions({segmentOption, cellsOption});
    parser.addOptions(generation.options());
    parser.addOptions({shardOption, outOption});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("A .tessera project file."));
    if (const int handled = context.parse(parser, QStringLiteral("generate"), arguments,
            QStringLiteral("Generates the pending cells (empty, queued, rejected) of every segment's grid, or of one\n"
                           "segment, as a job in the project's queue: each finished cell is saved at once, locked\n"
                           "and done cells are left alone, and after a crash or Ctrl+C running the same command\n"
                           "again goes on with the missing cells. Progress goes to stderr.\n"
                           "With --shard K/N --out SHARD.tessera it generates every N-th pending cell (timeline order,\n"
                           "row-major, starting with the K-th) into a shard file of its own; each machine runs one K\n"
                           "on its copy of the same project, and `merge PROJECT SHARD.tessera...` folds them back."));
        handled >= 0) {
        return handled;
    }
    if (parser.positionalArguments().size() != 1)
        return context.usageError(QStringLiteral("generate"), QStringLiteral("expected one PROJECT"));
    if (parser.isSet(cellsOption) && !parser.isSet(segmentOption))
        return context.usageError(QStringLiteral("generate"), QStringLiteral("--cells needs --segment"));
    if (parser.isSet(shardOption) != parser.isSet(outOption))
        return context.usageError(QStringLiteral("generate"), QStringLiteral("--shard K/N and --out SHARD.tessera go together"));
    int shard = 0;
    int shardCount = 0;
    if (parser.isSet(shardOption)) {
        static const QRegularExpression shardPattern(QStringLiteral("^(\\d+)/(\\d+)$"));
        const QRegularExpressionMatch match = shardPattern.match(parser.value(shardOption));
        shard = match.captured(1).toInt();
        shardCount = match.captured(2).toInt();
        if (!match.hasMatch() || shardCount < 1 || shardCount > 10000 || shard < 1 || shard > shardCount)
            return context.usageError(QStringLiteral("generate"), QStringLiteral("--shard takes K/N with K from 1 to N, e.g. 2/4"));
    }
    GenerationOptions options;
    if (const QString problem = generation.read(parser, options); !problem.isEmpty())
        return context.usageError(QStringLiteral("generate"), problem);

    return context.guarded([&] {
        const bool sharding = shardCount > 0;
        const auto catalog = Catalog::open(parser.positionalArguments().constFirst(),
            sharding ? Catalog::Access::ReadOnly : Catalog::Access::ReadWrite);
        // One generating process per project; a shard run writes only its own file.
        const std::unique_ptr<GenerationLock> lock = sharding ? nullptr : std::make_unique<GenerationLock>(*catalog);
        const QVector<Segment> segments = catalog->segments();
        QVector<GridJobSpec> specs;
        if (parser.isSet(segmentOption)) {
            const Segment segment = segmentByNumber(*catalog, parser.value(segmentOption));
            GridJobSpec spec{segment.id, {}, {}, {}};
            for (const QString& value : parser.values(cellsOption)) {
                for (const QString& text : value.split(QRegularExpression(QStringLiteral("[\\s;]+")), Qt::SkipEmptyParts)) {
                    const Cell cell = cellAt(*catalog, segment, text);
                    spec.cells.append(cell.index);
                    if (!GridJob::isPending(cell.state)) {
                        printProgress(QStringLiteral("cell %1 is %2: left alone (reject it to generate it again)")
                                          .arg(text, cellStateName(cell.state)));
                    }
                }
            }
            specs.append(spec);
        } else {
            for (const Segment& segment : segments)
                specs.append(GridJobSpec{segment.id, {}, {}, {}});
        }
        if (sharding)
            return generateShard(context, *catalog, specs, shard, shardCount, parser.value(outOption), options, generation.model(parser));

        JobRunner runner(*catalog, generation.model(parser), options.precision);
        runner.fill(options);
        QElapsedTimer timer;
        timer.start();
        // First the jobs an earlier run left unfinished (a crash or kill), when they used this model.
        qint64 generated = runner.resumeInterrupted(*catalog, [&](qint64 segmentId) { return segmentLabel(segments, segmentId); });
        for (GridJobSpec& spec : specs) {
            spec.options = options;
            if (GridJob::pendingCells(*catalog, spec).isEmpty())
                continue;
            generated += runner.run(*catalog, GridJob::enqueue(*catalog, spec), segmentLabel(segments, spec.segmentId));
        }
        context.out() << rateText(generated, timer.elapsed() / 1000.0) << Qt::endl;
        return int(Success);
    });
}

} // namespace tessera::cli
