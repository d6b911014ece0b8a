// regenerate: a new version of one cell (a new seed or tweaked options), as a one-cell grid job.
#include "CliContext.h"
#include "GenerationRunner.h"
#include "ProjectArguments.h"

#include "tessera/generation/GenerationError.h"
#include "tessera/generation/GridJob.h"
#include "tessera/generation/NeighbourRepair.h"

#include <QSet>

namespace tessera::cli {

namespace {

//! The options the cell's current image was made with (its active version, else its latest),
//! so that a regenerate changes the seed and nothing the user did not ask for.
GenerationOptions optionsOf(const QVector<Version>& versions, qint64 activeVersionId)
{
    const Version* source = versions.isEmpty() ? nullptr : &versions.constLast();
    for (const Version& version : versions) {
        if (version.id == activeVersionId)
            source = &version;
    }
    return source ? optionsOfRecipe(source->recipe) : GenerationOptions{};
}

//! A seed none of the cell's versions has: the base seed plus the first offset from the number of
//! versions on (deterministic, and never the seed of an earlier version).
quint32 freshReroll(const QVector<Version>& versions, quint32 baseSeed)
{
    QSet<qint64> used;
    for (const Version& version : versions) {
        if (version.recipe.contains(recipe::kSeed))
            used.insert(version.recipe.value(recipe::kSeed).toInteger());
    }
    quint32 reroll = quint32(versions.size());
    while (used.contains(qint64(quint32(baseSeed + reroll))))
        ++reroll;
    return reroll;
}

} // namespace

int runRegenerate(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption segmentOption(QStringLiteral("segment"), QStringLiteral("The segment (counting from 1)."), QStringLiteral("N"));
    const QCommandLineOption cellOption(QStringLiteral("cell"), QStringLiteral("The cell: row,col counting from 0."), QStringLiteral("r,c"));
    const QCommandLineOption seedOption(QStringLiteral("seed"),
        QStringLiteral("The new version's seed (0..4294967295; a seed walk's target moves with it). Default: the segment's "
                       "seed plus the cell's number of versions, skipping seeds the cell has had."),
        QStringLiteral("S"));
    const QCommandLineOption repairOption(QStringLiteral("repair"),
        QStringLiteral("Repair from neighbours: start from the blend of the neighbours' images (img2img) instead of noise, "
                       "so the cell fits its grid again. Neighbours that are rejected or have no image are left out."));
    const QCommandLineOption strengthOption(QStringLiteral("strength"),
        QStringLiteral("With --repair: how far the blend is noised, above 0 up to 1 (1 ignores it). Default %1.").arg(kDefaultRepairStrength),
        QStringLiteral("S"));
    const QCommandLineOption candidatesOption(QStringLiteral("candidates"),
        QStringLiteral("With --repair: seeds tried, from 1 to %1; the image closest to the neighbours is kept. Default %2.")
            .arg(kMaxRepairCandidates)
            .arg(kDefaultRepairCandidates),
        QStringLiteral("N"));
    const QCommandLineOption forceOption(QStringLiteral("force"), QStringLiteral("Regenerate a locked cell too (it stays locked)."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Report the new version as JSON."));
    const GenerationArguments generation(QStringLiteral("as the cell's active version"));
    parser.addOptions({segmentOption, cellOption, seedOption});
    parser.addOptions(generation.options());
    parser.addOptions({repairOption, strengthOption, candidatesOption, forceOption, jsonOption});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("A .tessera project file."));
    if (const int handled = context.parse(parser, QStringLiteral("regenerate"), arguments,
            QStringLiteral("Generates a new version of one cell with a new seed (or the one given) and the options of its\n"
                           "active version unless told otherwise. The old versions are kept (cell --accept makes one\n"
                           "active again); the new one becomes active. Locked cells are refused unless --force.\n"
                           "--repair makes it from the blend of its neighbours' images instead, for a cell that breaks its grid."));
        handled >= 0) {
        return handled;
    }
    if (parser.positionalArguments().size() != 1 || !parser.isSet(segmentOption) || !parser.isSet(cellOption))
        return context.usageError(QStringLiteral("regenerate"), QStringLiteral("expected PROJECT --segment N --cell r,c"));
    std::optional<quint32> seed;
    if (parser.isSet(seedOption)) {
        bool ok = false;
        const qulonglong value = parser.value(seedOption).toULongLong(&ok);
        if (!ok || value > 0xffffffffULL)
            return context.usageError(QStringLiteral("regenerate"), QStringLiteral("--seed takes a number from 0 to 4294967295"));
        seed = quint32(value);
    }
    std::optional<double> repairStrength;
    int candidates = kDefaultRepairCandidates;
    if (!parser.isSet(repairOption) && (parser.isSet(strengthOption) || parser.isSet(candidatesOption)))
        return context.usageError(QStringLiteral("regenerate"), QStringLiteral("--strength and --candidates go with --repair"));
    if (parser.isSet(repairOption)) {
        bool ok = true;
        repairStrength = parser.isSet(strengthOption) ? parser.value(strengthOption).toDouble(&ok) : kDefaultRepairStrength;
        if (!ok || !(*repairStrength > 0.0 && *repairStrength <= 1.0))
            return context.usageError(QStringLiteral("regenerate"), QStringLiteral("--strength takes a number above 0 up to 1"));
        if (parser.isSet(candidatesOption)) {
            candidates = parser.value(candidatesOption).toInt(&ok);
            if (!ok || candidates < 1 || candidates > kMaxRepairCandidates) {
                return context.usageError(QStringLiteral("regenerate"),
                    QStringLiteral("--candidates takes a number from 1 to %1").arg(kMaxRepairCandidates));
            }
        }
    }
    if (GenerationOptions checked; !generation.read(parser, checked).isEmpty())
        return context.usageError(QStringLiteral("regenerate"), generation.read(parser, checked));

    return context.guarded([&] {
        const auto catalog = Catalog::open(parser.positionalArguments().constFirst());
        const GenerationLock lock(*catalog);
        const Segment segment = segmentByNumber(*catalog, parser.value(segmentOption));
        const Cell cell = cellAt(*catalog, segment, parser.value(cellOption));
        const QString where = QStringLiteral("cell %1,%2 of segment %3").arg(cell.index.row).arg(cell.index.col).arg(parser.value(segmentOption));
        if (cell.state == CellState::Locked && !parser.isSet(forceOption)) {
            throw GenerationError(catalog->path(), QStringLiteral("%1 is locked; unlock it (cell --unlock) or pass --force to "
                                                                  "regenerate it anyway").arg(where));
        }
        const QVector<Version> before = catalog->versions(cell.id);
        GenerationOptions options = optionsOf(before, cell.activeVersionId);
        generation.read(parser, options); // checked above
        const quint32 reroll = seed ? *seed - segment.seed : freshReroll(before, segment.seed);

        JobRunner runner(*catalog, generation.model(parser), options.precision);
        runner.fill(options);
        // A one-cell grid job, journalled like any other (a killed regenerate resumes with the
        // next generate). An unlocked cell is marked rejected so the job takes it; a locked one
        // is forced instead and never unlocked, so no kill at any moment can lose its lock.
        const bool locked = cell.state == CellState::Locked;
        GridJobSpec spec{segment.id, {cell.index}, options, {CellReroll{cell.index, reroll}}};
        spec.repairStrength = repairStrength;
        spec.repairCandidates = candidates;
        if (locked)
            spec.forcedCells = {ForcedCell{cell.index, before.constLast().id}}; // a locked cell has a version
        qint64 jobId = 0;
        catalog->transact([&] {
            if (!locked && !GridJob::isPending(cell.state))
                catalog->setCellState(cell.id, CellState::Rejected);
            jobId = GridJob::enqueue(*catalog, spec);
        });
        try {
            runner.run(*catalog, jobId, where);
        } catch (...) {
            // Nothing new: the cell goes back to what it was.
            const auto now = catalog->cellById(cell.id);
            if (now && now->state != cell.state && catalog->versions(cell.id).size() == before.size())
                catalog->setCellState(cell.id, cell.state);
            throw;
        }

        const Cell after = *catalog->cellById(cell.id);
        const QVector<Version> versions = catalog->versions(cell.id);
        const Version& added = versions.constLast();
        const qint64 newSeed = added.recipe.value(recipe::kSeed).toInteger();
        if (parser.isSet(jsonOption)) {
            context.printJson({{QStringLiteral("segment"), parser.value(segmentOption).toInt()},
                {QStringLiteral("row"), after.index.row},
                {QStringLiteral("col"), after.index.col},
                {QStringLiteral("state"), cellStateName(after.state)},
                {QStringLiteral("version"), added.id},
                {QStringLiteral("seed"), newSeed},
                {QStringLiteral("versions"), int(versions.size())},
                {QStringLiteral("recipe"), added.recipe}});
        } else if (repairStrength) {
            context.out() << "repaired " << where << " from " << CliContext::count(added.recipe.value(recipe::kRepairFrom).toArray().size(), QStringLiteral("neighbour"))
                          << " at strength " << *repairStrength << ", keeping seed " << newSeed << " of "
                          << CliContext::count(candidates, QStringLiteral("candidate")) << ": version " << added.id << " is active ("
                          << CliContext::count(before.size(), QStringLiteral("earlier version")) << " kept"
                          << (after.state == CellState::Locked ? QStringLiteral(", still locked") : QString()) << ")" << Qt::endl;
        } else {
            context.out() << "regenerated " << where << " with seed " << newSeed << ": version " << added.id << " is active ("
                          << CliContext::count(before.size(), QStringLiteral("earlier version")) << " kept"
                          << (after.state == CellState::Locked ? QStringLiteral(", still locked") : QString()) << ")" << Qt::endl;
        }
        return int(Success);
    });
}

} // namespace tessera::cli
