// cells: list a segment's cells with their state, versions and coherence score (suspects first),
// and how alike each looks to its right and lower neighbours (SSIM).
#include "CliContext.h"
#include "ProjectArguments.h"

#include "tessera/generation/GridCoherence.h"
#include "tessera/generation/GridRefinement.h"

#include <QHash>

#include <algorithm>

namespace tessera::cli {

namespace {

QJsonValue scoreJson(const std::optional<double>& score)
{
    return score ? QJsonValue(*score) : QJsonValue(QJsonValue::Null);
}

QString scoreText(const std::optional<double>& score)
{
    return score ? QString::number(*score, 'f', 2) : QStringLiteral("-");
}

} // namespace

int runCells(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption segmentOption(QStringLiteral("segment"), QStringLiteral("The segment (counting from 1)."), QStringLiteral("N"));
    const QCommandLineOption suspectsOption(QStringLiteral("suspects"),
        QStringLiteral("Only the cells that break the grid's continuity (coherence score %1 or more), worst first.")
            .arg(kSuspectCoherence));
    const QCommandLineOption similarityOption(QStringLiteral("similarity"),
        QStringLiteral("Also each cell's SSIM with its right and lower neighbours (1 is equal), and the grid's median: what "
                       "refine uses to choose where new cells go first."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print the cells and their versions as JSON."));
    parser.addOptions({segmentOption, suspectsOption, similarityOption, jsonOption});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("A .tessera project file."));
    if (const int handled = context.parse(parser, QStringLiteral("cells"), arguments,
            QStringLiteral("Lists a segment's cells with their state, versions and coherence score: the cell's mean\n"
                           "distance to its neighbours over the grid's median neighbour distance (about 1 fits the\n"
                           "grid; a high score breaks its continuity, and its neighbours rise a little too)."));
        handled >= 0) {
        return handled;
    }
    if (parser.positionalArguments().size() != 1 || !parser.isSet(segmentOption))
        return context.usageError(QStringLiteral("cells"), QStringLiteral("expected PROJECT --segment N"));

    return context.guarded([&] {
        const auto catalog = Catalog::open(parser.positionalArguments().constFirst(), Catalog::Access::ReadOnly);
        const Segment segment = segmentByNumber(*catalog, parser.value(segmentOption));
        const QVector<CellCoherence> scores = gridCoherence(*catalog, segment.id);
        struct Row
        {
            Cell cell;
            CellCoherence coherence;
        };
        QVector<Row> rows;
        for (const CellCoherence& coherence : scores) {
            const auto cell = catalog->cell(segment.id, coherence.index);
            if (cell && (!parser.isSet(suspectsOption) || coherence.isSuspect()))
                rows.append(Row{*cell, coherence});
        }
        // SSIM of each cell with its right and lower neighbour, by the cell's linear index.
        QHash<int, std::optional<double>> right;
        QHash<int, std::optional<double>> below;
        std::optional<double> median;
        if (parser.isSet(similarityOption)) {
            const QVector<NeighbourSimilarity> pairs = neighbourSimilarities(*catalog, segment.id);
            for (const NeighbourSimilarity& pair : pairs)
                (pair.a.row == pair.b.row ? right : below).insert(segment.grid.linearIndex(pair.a), pair.ssim);
            median = medianSimilarity(pairs);
        }
        const auto at = [&](const QHash<int, std::optional<double>>& side, CellIndex index) {
            return side.value(segment.grid.linearIndex(index), std::nullopt);
        };
        if (parser.isSet(suspectsOption)) {
            std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
                return a.coherence.score.value_or(0.0) > b.coherence.score.value_or(0.0);
            });
        }

        if (parser.isSet(jsonOption)) {
            QJsonArray list;
            for (const Row& row : rows) {
                QJsonArray versions;
                for (const Version& version : catalog->versions(row.cell.id)) {
                    versions.append(QJsonObject{{QStringLiteral("id"), version.id},
                        {QStringLiteral("width"), version.width},
                        {QStringLiteral("height"), version.height},
                        {QStringLiteral("generationMs"), version.generationMs},
                        {QStringLiteral("created"), version.created.toString(Qt::ISODateWithMs)},
                        {QStringLiteral("active"), version.id == row.cell.activeVersionId},
                        {QStringLiteral("recipe"), version.recipe}});
                }
                QJsonObject entry{{QStringLiteral("row"), row.cell.index.row},
                    {QStringLiteral("col"), row.cell.index.col},
                    {QStringLiteral("state"), cellStateName(row.cell.state)},
                    {QStringLiteral("coherence"), scoreJson(row.coherence.score)},
                    {QStringLiteral("suspect"), row.coherence.isSuspect()},
                    {QStringLiteral("activeVersion"), row.cell.activeVersionId},
                    {QStringLiteral("versions"), versions}};
                if (parser.isSet(similarityOption)) {
                    entry.insert(QStringLiteral("ssimRight"), scoreJson(at(right, row.cell.index)));
                    entry.insert(QStringLiteral("ssimBelow"), scoreJson(at(below, row.cell.index)));
                }
                list.append(entry);
            }
            QJsonObject report{{QStringLiteral("segment"), parser.value(segmentOption).toInt()},
                {QStringLiteral("rows"), segment.grid.rows()},
                {QStringLiteral("cols"), segment.grid.cols()},
                {QStringLiteral("suspectThreshold"), kSuspectCoherence},
                {QStringLiteral("cells"), list}};
            if (parser.isSet(similarityOption))
                report.insert(QStringLiteral("medianSsim"), scoreJson(median));
            context.printJson(report);
            return int(Success);
        }
        QTextStream& out = context.out();
        const bool similarity = parser.isSet(similarityOption);
        out << "cell   state       versions  active  coherence" << (similarity ? "  ssim-right  ssim-below" : "") << "\n";
        for (const Row& row : rows) {
            out << QStringLiteral("%1,%2").arg(row.cell.index.row).arg(row.cell.index.col).leftJustified(7)
                << cellStateName(row.cell.state).leftJustified(12)
                << QString::number(catalog->versions(row.cell.id).size()).leftJustified(10)
                << (row.cell.activeVersionId ? QString::number(row.cell.activeVersionId) : QStringLiteral("-")).leftJustified(8);
            if (similarity) {
                const QString belowText = scoreText(at(below, row.cell.index));
                out << scoreText(row.coherence.score).leftJustified(11) << scoreText(at(right, row.cell.index)).leftJustified(12)
                    << (row.coherence.isSuspect() ? belowText.leftJustified(10) : belowText);
            } else {
                out << scoreText(row.coherence.score);
            }
            out << (row.coherence.isSuspect() ? QStringLiteral("  suspect") : QString()) << "\n";
        }
        if (similarity)
            out << "median neighbour SSIM " << scoreText(median) << "\n";
        if (parser.isSet(suspectsOption) && rows.isEmpty())
            out << "no suspects: every cell fits its grid\n";
        out.flush();
        return int(Success);
    });
}

} // namespace tessera::cli
