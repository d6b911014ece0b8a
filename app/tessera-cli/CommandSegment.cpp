// segment: show or edit a segment's generation settings (prompt, grid, seed, the two axes) and how
// its cells blend in the video.
#include "CliContext.h"
#include "ProjectArguments.h"

#include "tessera/catalog/ProjectSummary.h"
#include "tessera/core/AxisSpec.h"
#include "tessera/core/CameraMotion.h"
#include "tessera/core/TimeFormat.h"
#include "tessera/generation/CellRecipe.h"
#include "tessera/generation/GenerationError.h"
#include "tessera/generation/ShardMerge.h"
#include "tessera/project/CurationCommands.h"
#include "tessera/project/PromptEditCommands.h"

#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>

namespace tessera::cli {

namespace {

QJsonObject axisJson(const AxisDefinition& axis)
{
    QJsonObject json = axis.toJson();
    json.insert(QStringLiteral("spec"), axisSpecText(axis));
    return json;
}

//! "4 cells: 3 done, 1 empty", in the order of the workflow.
QString cellCounts(const QVector<Cell>& cells, QJsonObject* json)
{
    QStringList parts;
    for (const CellState state : {CellState::Empty, CellState::Queued, CellState::Generating, CellState::Done,
             CellState::Rejected, CellState::Locked}) {
        const auto n = std::count_if(cells.cbegin(), cells.cend(), [&](const Cell& cell) { return cell.state == state; });
        if (n > 0) {
            parts.append(QStringLiteral("%1 %2").arg(n).arg(cellStateName(state)));
            json->insert(cellStateName(state), qint64(n));
        }
    }
    return CliContext::count(cells.size(), QStringLiteral("cell")) + (parts.isEmpty() ? QString() : QStringLiteral(": ") + parts.join(QStringLiteral(", ")));
}

} // namespace

int runSegment(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption promptOption(QStringLiteral("prompt"), QStringLiteral("The image prompt (empty: the lyric)."), QStringLiteral("TEXT"));
    const QCommandLineOption gridOption(QStringLiteral("grid"), QStringLiteral("The grid: rows x columns, 1x1 to %1x%1.").arg(GridGeometry::kMaxSide),
        QStringLiteral("RxC"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("The noise seed every cell shares (0..4294967295)."), QStringLiteral("S"));
    const QCommandLineOption axisXOption(QStringLiteral("axis-x"), QStringLiteral("What varies along the columns (an axis SPEC, above)."), QStringLiteral("SPEC"));
    const QCommandLineOption axisYOption(QStringLiteral("axis-y"), QStringLiteral("What varies along the rows (an axis SPEC, above)."), QStringLiteral("SPEC"));
    const QCommandLineOption rejectOption(QStringLiteral("reject-cells"),
        QStringLiteral("Also mark the segment's generated cells rejected (locked ones stay), so that generate makes them "
                       "again with the new settings."));
    const QCommandLineOption discardOption(QStringLiteral("discard"),
        QStringLiteral("Let a smaller --grid delete the generated cells outside it, with all their versions."));
    const QCommandLineOption blendOption(QStringLiteral("cell-blend"),
        QStringLiteral("How neighbouring cells give way to each other in the video: morph (each cell's content\n"
                       "moves along the optical flow toward the next: a subject that moved between cells moves)\n"
                       "or dissolve (their light mixed in place). New segments morph."),
        QStringLiteral("dissolve|morph"));
    const QCommandLineOption cameraOption(QStringLiteral("camera"),
        QStringLiteral("A camera move driven by the music, KIND:FROM:TO[:OPTION]... with KIND zoom, shake, rotate,\n"
                       "pan-x or pan-y and the axis OPTIONs, e.g. zoom:0:0.15:feature=onset:attack=0:release=120;\n"
                       "KIND:none removes one. Repeat for several moves."),
        QStringLiteral("SPEC"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print the segment's settings as JSON."));
    parser.addOptions({promptOption, gridOption, seedOption, axisXOption, axisYOption, blendOption, cameraOption, rejectOption,
        discardOption, jsonOption});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("A .tessera project file."));
    parser.addPositionalArgument(QStringLiteral("N"), QStringLiteral("The segment, counting from 1 in timeline order (as info lists them)."));
    if (const int handled = context.parse(parser, QStringLiteral("segment"), arguments,
            QStringLiteral("Shows a segment's generation settings, or edits them. Cells keep their images when the\n"
                           "prompt, seed or an axis changes (they were made with the old settings: --reject-cells\n"
                           "marks them for generate to remake); a larger grid adds empty cells, a smaller one deletes\n"
                           "the cells outside it (refused for generated cells without --discard). The output says\n"
                           "what happened to the cells.\n\n")
                + axisSpecHelp());
        handled >= 0) {
        return handled;
    }
    const QString command = QStringLiteral("segment");
    if (parser.positionalArguments().size() != 2)
        return context.usageError(command, QStringLiteral("expected PROJECT N"));

    std::optional<GridGeometry> grid;
    if (parser.isSet(gridOption)) {
        static const QRegularExpression gridPattern(QStringLiteral("^(\\d+)[xX](\\d+)$"));
        const QRegularExpressionMatch match = gridPattern.match(parser.value(gridOption).trimmed());
        grid = GridGeometry(match.captured(1).toInt(), match.captured(2).toInt());
        if (!match.hasMatch() || !grid->isValid())
            return context.usageError(command, QStringLiteral("--grid takes RxC from 1x1 to %1x%1, e.g. 4x4").arg(GridGeometry::kMaxSide));
    }
    std::optional<quint32> seed;
    if (parser.isSet(seedOption)) {
        bool ok = false;
        const qulonglong value = parser.value(seedOption).toULongLong(&ok);
        if (!ok || value > 0xffffffffULL)
            return context.usageError(command, QStringLiteral("--seed takes a number from 0 to 4294967295"));
        seed = quint32(value);
    }
    std::optional<AxisDefinition> axes[2];
    const QCommandLineOption* axisOptions[2] = {&axisXOption, &axisYOption};
    for (int i = 0; i < 2; ++i) {
        if (!parser.isSet(*axisOptions[i]))
            continue;
        QString error;
        axes[i] = parseAxisSpec(parser.value(*axisOptions[i]), &error);
        if (!axes[i]) {
            return context.usageError(command, QStringLiteral("--%1 \"%2\": %3").arg(axisOptions[i]->names().constFirst(),
                                                   parser.value(*axisOptions[i]), error));
        }
    }
    std::optional<CellBlend> blend;
    if (parser.isSet(blendOption)) {
        blend = cellBlendFromName(parser.value(blendOption).trimmed().toLower());
        if (!blend)
            return context.usageError(command, QStringLiteral("--cell-blend takes dissolve or morph, not \"%1\"").arg(parser.value(blendOption)));
    }
    QVector<CameraMove> cameraMoves;
    for (const QString& spec : parser.values(cameraOption)) {
        QString error;
        const auto move = parseCameraMoveSpec(spec, &error);
        if (!move)
            return context.usageError(command, QStringLiteral("--camera \"%1\": %2").arg(spec, error));
        cameraMoves.append(*move);
    }
    const bool edits = parser.isSet(promptOption) || grid || seed || axes[0] || axes[1] || blend || !cameraMoves.isEmpty()
        || parser.isSet(rejectOption);

    return context.guarded([&] {
        const auto catalog = Catalog::open(parser.positionalArguments().constFirst(), edits ? Catalog::Access::ReadWrite : Catalog::Access::ReadOnly);
        const QString number = parser.positionalArguments().at(1);
        const Segment before = segmentByNumber(*catalog, number);
        const ProjectSettings settings = catalog->settings();
        Segment segment = before;
        if (parser.isSet(promptOption))
            segment.prompt = parser.value(promptOption);
        if (grid)
            segment.grid = *grid;
        if (seed)
            segment.seed = *seed;
        if (axes[0])
            segment.axisX = *axes[0];
        if (axes[1])
            segment.axisY = *axes[1];
        if (blend)
            segment.transition.cellBlend = *blend;
        for (const CameraMove& move : cameraMoves)
            segment.camera.setMove(move);

        QStringList report; // what happened to the cells, one line each
        if (edits) {
            QVector<const AxisDefinition*> driven{&segment.axisX, &segment.axisY};
            for (const CameraMove& move : segment.camera.moves)
                driven.append(&move.axis);
            for (const AxisDefinition* axis : driven) {
                if (axis->source.isEmpty())
                    continue;
                const QVector<Stem> stems = catalog->stems();
                if (std::none_of(stems.cbegin(), stems.cend(), [&](const Stem& stem) { return stem.name == axis->source; }))
                    throw CatalogError(catalog->path(), QStringLiteral("has no stem \"%1\" (add it with stem add first)").arg(axis->source));
            }
            // A LoRA axis naming a file rather than one of the project's LoRAs keeps its absolute
            // path, so generate finds it from any folder.
            for (AxisDefinition* axis : {&segment.axisX, &segment.axisY}) {
                if (axis->variation == AxisVariation::LoraStrength && !settings.loraNamed(axis->term) && QFileInfo(axis->term).isFile())
                    axis->term = QFileInfo(axis->term).absoluteFilePath();
            }
            // Refuse what no cell could be generated from (both axes blending prompts, a LoRA
            // axis naming no LoRA...).
            try {
                checkPlannable(segment, settings);
            } catch (const GenerationError& error) {
                throw GenerationError(catalog->path(), QStringLiteral("segment %1: %2").arg(number, error.problem()));
            }
            const QVector<Cell> cells = catalog->cells(segment.id);
            qsizetype removed = 0;
            qsizetype removedGenerated = 0;
            qsizetype removedLocked = 0;
            qsizetype removedVersions = 0;
            qsizetype kept = 0;
            for (const Cell& cell : cells) {
                const qsizetype versions = catalog->versions(cell.id).size();
                if (segment.grid.contains(cell.index)) {
                    kept += cell.activeVersionId != 0 ? 1 : 0;
                    continue;
                }
                ++removed;
                removedVersions += versions;
                removedGenerated += versions > 0 ? 1 : 0;
                removedLocked += cell.state == CellState::Locked ? 1 : 0;
            }
            if (removedGenerated > 0 && !parser.isSet(discardOption)) {
                throw CatalogError(catalog->path(), QStringLiteral("a %1x%2 grid would delete %3 outside it (%4, %5 locked) in segment %6; "
                                                                   "pass --discard to delete them")
                                                        .arg(segment.grid.rows())
                                                        .arg(segment.grid.cols())
                                                        .arg(CliContext::count(removedGenerated, QStringLiteral("generated cell")),
                                                            CliContext::count(removedVersions, QStringLiteral("version")))
                                                        .arg(removedLocked)
                                                        .arg(number));
            }
            const bool imagesChange = segmentSettingsHash(before, settings) != segmentSettingsHash(segment, settings);
            qsizetype rejected = 0;
            qsizetype lockedKept = 0;
            // The studio's commands, run once in one transaction: the prompt editor's edit (with
            // --discard's leave to shrink the grid) and the grid browser's rejection.
            catalog->transact([&] {
                SetSegmentPromptCommand(segment.id, number.toInt(), SetSegmentPromptCommand::Field::Prompt,
                    promptSettingsOf(before), promptSettingsOf(segment),
                    parser.isSet(discardOption) ? SetSegmentPromptCommand::GridShrink::Discard
                                                : SetSegmentPromptCommand::GridShrink::Refuse)
                    .redo(*catalog);
                if (!parser.isSet(rejectOption))
                    return;
                QVector<CellCuration> rejections;
                for (const Cell& cell : catalog->cells(segment.id)) {
                    if (cell.activeVersionId == 0 || cell.state == CellState::Rejected)
                        continue;
                    if (cell.state == CellState::Locked) {
                        ++lockedKept; // locked means approved, as in the grid browser
                        continue;
                    }
                    rejections.append(curation::reject(catalog->path(), cell));
                }
                rejected = rejections.size();
                if (!rejections.isEmpty())
                    SetCellCurationCommand(rejections, QStringLiteral("reject")).redo(*catalog);
            });

            const int added = segment.grid.cellCount() - int(cells.size() - removed);
            if (segment.grid != before.grid) {
                QStringList parts;
                if (added > 0)
                    parts.append(CliContext::count(added, QStringLiteral("empty cell")) + QStringLiteral(" added"));
                if (removed > 0) {
                    parts.append(QStringLiteral("deleted %1 outside the new grid (%2 generated, %3)")
                                     .arg(CliContext::count(removed, QStringLiteral("cell")))
                                     .arg(removedGenerated)
                                     .arg(CliContext::count(removedVersions, QStringLiteral("version"))));
                }
                report.append(QStringLiteral("grid %1x%2 -> %3x%4: %5")
                                  .arg(before.grid.rows())
                                  .arg(before.grid.cols())
                                  .arg(segment.grid.rows())
                                  .arg(segment.grid.cols())
                                  .arg(parts.isEmpty() ? QStringLiteral("the same cells") : parts.join(QStringLiteral("; "))));
            }
            if (parser.isSet(rejectOption)) {
                report.append(QStringLiteral("rejected %1 (%2 locked kept): generate makes them again")
                                  .arg(CliContext::count(rejected, QStringLiteral("generated cell")))
                                  .arg(lockedKept));
            } else if (imagesChange && kept > 0) {
                report.append(QStringLiteral("%1 keep images made with the previous settings; --reject-cells (or cell --reject) "
                                             "and generate remake them")
                                  .arg(CliContext::count(kept, QStringLiteral("generated cell"))));
            } else if (!imagesChange && segment.grid == before.grid) {
                report.append(QStringLiteral("the cells' images are unaffected (nothing they are generated from changed)"));
            }
        }

        const QVector<Cell> cells = catalog->cells(segment.id);
        QJsonObject counts;
        const QString cellsText = cellCounts(cells, &counts);
        if (parser.isSet(jsonOption)) {
            QJsonObject json = segmentJson(segment);
            json.insert(QStringLiteral("segment"), number.toInt());
            json.insert(QStringLiteral("axisX"), axisJson(segment.axisX)); // with its SPEC text
            json.insert(QStringLiteral("axisY"), axisJson(segment.axisY));
            json.insert(QStringLiteral("settingsHash"), segmentSettingsHash(segment, settings));
            json.insert(QStringLiteral("cells"), counts);
            if (edits)
                json.insert(QStringLiteral("changes"), QJsonArray::fromStringList(report));
            context.printJson(json);
            return int(Success);
        }
        QTextStream& out = context.out();
        out << "Segment " << number << " (" << formatSongTime(segment.range.startMs) << "-" << formatSongTime(segment.range.endMs)
            << ")" << (segment.isInstrumental() ? QStringLiteral(" instrumental") : QStringLiteral(" \"%1\"").arg(segment.lyric)) << "\n"
            << "  prompt   " << (segment.prompt.trimmed().isEmpty() ? QStringLiteral("(the lyric)") : segment.prompt) << "\n"
            << "  seed     " << segment.seed << "\n"
            << "  grid     " << segment.grid.rows() << "x" << segment.grid.cols() << ", " << cellsText << "\n"
            << "  axis x   " << axisSpecText(segment.axisX) << "\n"
            << "  axis y   " << axisSpecText(segment.axisY) << "\n"
            << "  cells    " << cellBlendName(segment.transition.cellBlend) << " between neighbours\n";
        for (const CameraMove& move : segment.camera.moves)
            out << "  camera   " << cameraMoveSpecText(move) << "\n";
        for (const QString& line : report)
            out << line << "\n";
        out.flush();
        return int(Success);
    });
}

} // namespace tessera::cli
