// refine: doubles the density of a segment's grid along one axis and makes the new cells, those
// between the least alike neighbours first.
#include "CliContext.h"
#include "GenerationRunner.h"
#include "ProjectArguments.h"

#include "tessera/generation/GenerationError.h"
#include "tessera/generation/GridJob.h"
#include "tessera/generation/GridRefinement.h"

namespace tessera::cli {

namespace {

QString similarityText(const std::optional<double>& ssim)
{
    return ssim ? QString::number(*ssim, 'f', 3) : QStringLiteral("n/a");
}

int pairsWithImages(const QVector<NeighbourSimilarity>& pairs)
{
    return int(std::count_if(pairs.begin(), pairs.end(), [](const NeighbourSimilarity& pair) { return pair.ssim.has_value(); }));
}

//! What the grid's cells were made with (the first one that has an image), for the new ones.
GenerationOptions optionsOfGrid(const Catalog& catalog, qint64 segmentId)
{
    for (const CellOverview& cell : catalog.cellOverviews(segmentId)) {
        if (cell.cell.activeVersionId != 0 && !cell.activeRecipe.isEmpty())
            return optionsOfRecipe(cell.activeRecipe);
    }
    return {};
}

} // namespace

int runRefine(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption segmentOption(QStringLiteral("segment"), QStringLiteral("The segment (counting from 1)."), QStringLiteral("N"));
    const QCommandLineOption axisOption(QStringLiteral("axis"),
        QStringLiteral("x: twice the columns (n -> 2n-1), y: twice the rows. Default x."), QStringLiteral("x|y"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Report as JSON."));
    const GenerationArguments generation(QStringLiteral("as the grid's cells"));
    parser.addOptions({segmentOption, axisOption});
    parser.addOptions(generation.options());
    parser.addOption(jsonOption);
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("A .tessera project file."));
    if (const int handled = context.parse(parser, QStringLiteral("refine"), arguments,
            QStringLiteral("Makes a segment's grid twice as dense along one axis: n cells become 2n-1, the existing cells\n"
                           "(their images, states and grades) at the even places and new ones halfway between, whose axis\n"
                           "values lie halfway too. The new cells are generated between the least alike neighbours first\n"
                           "(SSIM of their images), with the options of the grid's cells unless told otherwise, and the\n"
                           "median neighbour SSIM is printed before and after. A stopped run (Ctrl+C) leaves the rest\n"
                           "queued for the next generate."));
        handled >= 0) {
        return handled;
    }
    if (parser.positionalArguments().size() != 1 || !parser.isSet(segmentOption))
        return context.usageError(QStringLiteral("refine"), QStringLiteral("expected PROJECT --segment N [--axis x|y]"));
    const QString axisText = parser.value(axisOption).toLower();
    if (parser.isSet(axisOption) && axisText != QLatin1String("x") && axisText != QLatin1String("y"))
        return context.usageError(QStringLiteral("refine"), QStringLiteral("--axis takes x or y"));
    const GridAxis axis = axisText == QLatin1String("y") ? GridAxis::Y : GridAxis::X;
    if (GenerationOptions checked; !generation.read(parser, checked).isEmpty())
        return context.usageError(QStringLiteral("refine"), generation.read(parser, checked));

    return context.guarded([&] {
        const auto catalog = Catalog::open(parser.positionalArguments().constFirst());
        const GenerationLock lock(*catalog);
        const Segment segment = segmentByNumber(*catalog, parser.value(segmentOption));
        const QString where = QStringLiteral("segment %1").arg(parser.value(segmentOption));
        GenerationOptions options = optionsOfGrid(*catalog, segment.id);
        generation.read(parser, options); // checked above
        const QVector<NeighbourSimilarity> before = neighbourSimilarities(*catalog, segment.id);

        // The model loads before the grid changes, so a model that cannot load changes nothing.
        JobRunner runner(*catalog, generation.model(parser), options.precision);
        runner.fill(options);
        GridRefinement refinement;
        qint64 jobId = 0;
        catalog->transact([&] {
            refinement = refineGrid(*catalog, segment.id, axis);
            GridJobSpec spec{segment.id, refinement.newCells, options};
            spec.inListedOrder = true;
            jobId = GridJob::enqueue(*catalog, spec);
        });
        const qint64 made = runner.run(*catalog, jobId, where);
        const QVector<NeighbourSimilarity> after = neighbourSimilarities(*catalog, segment.id);

        if (parser.isSet(jsonOption)) {
            const auto gridJson = [](const GridGeometry& grid) { return QJsonArray{grid.rows(), grid.cols()}; };
            QJsonArray order;
            for (const CellIndex& index : refinement.newCells)
                order.append(QJsonArray{index.row, index.col});
            const auto ssimJson = [](const std::optional<double>& ssim) { return ssim ? QJsonValue(*ssim) : QJsonValue(); };
            context.printJson({{QStringLiteral("segment"), parser.value(segmentOption).toInt()},
                {QStringLiteral("axis"), axis == GridAxis::X ? QStringLiteral("x") : QStringLiteral("y")},
                {QStringLiteral("before"), gridJson(refinement.before)},
                {QStringLiteral("after"), gridJson(refinement.after)},
                {QStringLiteral("newCells"), order},
                {QStringLiteral("job"), jobId},
                {QStringLiteral("made"), made},
                {QStringLiteral("medianSsimBefore"), ssimJson(medianSimilarity(before))},
                {QStringLiteral("medianSsimAfter"), ssimJson(medianSimilarity(after))}});
            return int(Success);
        }
        context.out() << "refined " << where << " along " << (axis == GridAxis::X ? "x" : "y") << ": "
                      << refinement.before.rows() << "x" << refinement.before.cols() << " -> " << refinement.after.rows() << "x"
                      << refinement.after.cols() << ", " << CliContext::count(refinement.newCells.size(), QStringLiteral("new cell"))
                      << " between the least alike neighbours first" << Qt::endl;
        context.out() << "made " << CliContext::count(made, QStringLiteral("cell")) << Qt::endl;
        context.out() << "median neighbour SSIM " << similarityText(medianSimilarity(before)) << " -> "
                      << similarityText(medianSimilarity(after)) << " (" << CliContext::count(pairsWithImages(before), QStringLiteral("pair"))
                      << " -> " << pairsWithImages(after) << ")" << Qt::endl;
        return int(Success);
    });
}

} // namespace tessera::cli
