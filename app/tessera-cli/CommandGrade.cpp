// grade, match-exposure and render-cell: the colour side of a project, headless.
#include "CliContext.h"
#include "ProjectArguments.h"

#include "tessera/catalog/CatalogCommand.h"
#include "tessera/color/ColorProcessor.h"
#include "tessera/color/ConfigResolver.h"
#include "tessera/color/ExposureMatch.h"
#include "tessera/core/Grade.h"
#include "tessera/project/ExposureMatching.h"

#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QSaveFile>

namespace tessera::cli {

namespace {

QImage activeImage(const Catalog& catalog, const Cell& cell, qint64 versionId = 0)
{
    const qint64 id = versionId ? versionId : cell.activeVersionId;
    if (id == 0)
        throw CatalogError(catalog.path(), QStringLiteral("cell %1,%2 has no image yet").arg(cell.index.row).arg(cell.index.col));
    QImage image;
    if (!image.loadFromData(catalog.versionImage(id), "PNG"))
        throw CatalogError(catalog.path(), QStringLiteral("version %1 holds an unreadable PNG").arg(id));
    return image;
}

} // namespace

int runGrade(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption segmentOption(QStringLiteral("segment"), QStringLiteral("Grade this segment (counting from 1), or with --cell one of its cells."), QStringLiteral("N"));
    const QCommandLineOption cellOption(QStringLiteral("cell"), QStringLiteral("Grade this cell of the segment: row,col counting from 0."), QStringLiteral("r,c"));
    const QCommandLineOption exposureOption(QStringLiteral("exposure"), QStringLiteral("Exposure in stops (+1 doubles scene-linear light)."), QStringLiteral("STOPS"), QStringLiteral("0"));
    const QCommandLineOption gammaOption(QStringLiteral("gamma"), QStringLiteral("Gamma after exposure (1 leaves values alone)."), QStringLiteral("G"), QStringLiteral("1"));
    const QCommandLineOption saturationOption(QStringLiteral("saturation"), QStringLiteral("Saturation (1 leaves colours alone, 0 is grey)."), QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Report as JSON."));
    parser.addOptions({segmentOption, cellOption, exposureOption, gammaOption, saturationOption, jsonOption});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("A .tessera project file."));
    if (const int handled = context.parse(parser, QStringLiteral("grade"), arguments,
            QStringLiteral("Sets the grade of the project, a segment or a cell, in scene-linear light.\n"
                           "Scopes combine: exposures add in stops, gammas and saturations multiply."));
        handled >= 0) {
        return handled;
    }
    if (parser.positionalArguments().size() != 1)
        return context.usageError(QStringLiteral("grade"), QStringLiteral("expected exactly one project file"));
    if (parser.isSet(cellOption) && !parser.isSet(segmentOption))
        return context.usageError(QStringLiteral("grade"), QStringLiteral("--cell needs --segment"));
    bool okExposure = false;
    bool okGamma = false;
    bool okSaturation = false;
    const Grade grade{parser.value(exposureOption).toDouble(&okExposure), parser.value(gammaOption).toDouble(&okGamma),
        parser.value(saturationOption).toDouble(&okSaturation)};
    if (!okExposure || !okGamma || !okSaturation)
        return context.usageError(QStringLiteral("grade"), QStringLiteral("--exposure, --gamma and --saturation take numbers"));

    return context.guarded([&] {
        const auto catalog = Catalog::open(parser.positionalArguments().constFirst());
        GradeScope scope = GradeScope::Project;
        qint64 owner = 0;
        if (parser.isSet(segmentOption)) {
            const Segment segment = segmentByNumber(*catalog, parser.value(segmentOption));
            scope = GradeScope::Segment;
            owner = segment.id;
            if (parser.isSet(cellOption)) {
                scope = GradeScope::Cell;
                owner = cellAt(*catalog, segment, parser.value(cellOption)).id;
            }
        }
        const auto command = makeSetGradeCommand(scope, owner, grade);
        command->redo(*catalog);
        if (parser.isSet(jsonOption)) {
            context.printJson({{QStringLiteral("scope"), gradeScopeName(scope)}, {QStringLiteral("exposureStops"), grade.exposureStops},
                {QStringLiteral("gamma"), grade.gamma}, {QStringLiteral("saturation"), grade.saturation}});
        } else {
            context.out() << command->text() << Qt::endl;
        }
        return int(Success);
    });
}

int runMatchExposure(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption segmentOption(QStringLiteral("segment"), QStringLiteral("The segment whose grid to match (counting from 1)."), QStringLiteral("N"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Report every cell's offset as JSON."));
    parser.addOptions({segmentOption, jsonOption});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("A .tessera project file."));
    if (const int handled = context.parse(parser, QStringLiteral("match-exposure"), arguments,
            QStringLiteral("Brings every generated cell of a segment's grid to the grid's median brightness\n"
                           "(median log-luminance in linear light), stored as cell exposure grades.\n"
                           "Brightness jumps between neighbouring cells are a main source of flicker."));
        handled >= 0) {
        return handled;
    }
    if (parser.positionalArguments().size() != 1 || !parser.isSet(segmentOption))
        return context.usageError(QStringLiteral("match-exposure"), QStringLiteral("expected PROJECT --segment N"));

    return context.guarded([&] {
        const auto catalog = Catalog::open(parser.positionalArguments().constFirst());
        const Segment segment = segmentByNumber(*catalog, parser.value(segmentOption));
        SegmentExposureMatch plan = planExposureMatch(*catalog, segment, QStringLiteral("segment %1").arg(parser.value(segmentOption)));
        plan.command->redo(*catalog);
        const QVector<Cell>& cells = plan.cells;
        const ExposureMatch& match = plan.match;
        QJsonArray report;
        for (int i = 0; i < cells.size(); ++i) {
            report.append(QJsonObject{{QStringLiteral("row"), cells[i].index.row}, {QStringLiteral("col"), cells[i].index.col},
                {QStringLiteral("medianLog2"), match.medianLog2[i]}, {QStringLiteral("offsetStops"), match.offsetStops[i]}});
        }
        if (parser.isSet(jsonOption)) {
            context.printJson({{QStringLiteral("targetLog2"), match.targetLog2}, {QStringLiteral("cells"), report}});
        } else {
            context.out() << "Matched " << CliContext::count(cells.size(), QStringLiteral("cell")) << " to median log2 luminance "
                          << QString::number(match.targetLog2, 'f', 2) << Qt::endl;
            for (int i = 0; i < cells.size(); ++i) {
                context.out() << "  " << cells[i].index.row << "," << cells[i].index.col << "  "
                              << formatStops(match.offsetStops[i]) << " stops" << Qt::endl;
            }
        }
        return int(Success);
    });
}

int runRenderCell(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption segmentOption(QStringLiteral("segment"), QStringLiteral("The segment (counting from 1)."), QStringLiteral("N"));
    const QCommandLineOption cellOption(QStringLiteral("cell"), QStringLiteral("The cell: row,col counting from 0."), QStringLiteral("r,c"));
    const QCommandLineOption versionOption(QStringLiteral("version"), QStringLiteral("A version id instead of the active one."), QStringLiteral("ID"));
    const QCommandLineOption displayOption(QStringLiteral("display"), QStringLiteral("Display (default: the project's, else the config's)."), QStringLiteral("NAME"));
    const QCommandLineOption viewOption(QStringLiteral("view"), QStringLiteral("View (default: the project's, else the display's)."), QStringLiteral("NAME"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Report as JSON."));
    parser.addOptions({segmentOption, cellOption, versionOption, displayOption, viewOption, jsonOption});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("A .tessera project file."));
    parser.addPositionalArgument(QStringLiteral("OUT.png"), QStringLiteral("Where to write the rendered cell."));
    if (const int handled = context.parse(parser, QStringLiteral("render-cell"), arguments,
            QStringLiteral("Renders one cell through its combined grade and the display transform the export\n"
                           "uses (OpenColorIO: the project's config, else $OCIO, else the bundled one)."));
        handled >= 0) {
        return handled;
    }
    if (parser.positionalArguments().size() != 2 || !parser.isSet(segmentOption) || !parser.isSet(cellOption))
        return context.usageError(QStringLiteral("render-cell"), QStringLiteral("expected PROJECT --segment N --cell r,c OUT.png"));

    return context.guarded([&] {
        const auto catalog = Catalog::open(parser.positionalArguments().constFirst(), Catalog::Access::ReadOnly);
        const Segment segment = segmentByNumber(*catalog, parser.value(segmentOption));
        const Cell cell = cellAt(*catalog, segment, parser.value(cellOption));
        const QImage image = activeImage(*catalog, cell, parser.value(versionOption).toLongLong());
        ColorSettings color = catalog->settings().color;
        if (parser.isSet(displayOption))
            color.display = parser.value(displayOption);
        if (parser.isSet(viewOption))
            color.view = parser.value(viewOption);
        ConfigResolveOptions options;
        options.projectDir = QFileInfo(catalog->path()).absolutePath(); // a relative config lives beside the project
        const ResolvedColorConfig resolved = resolveColorConfig(color, options);
        const Grade grade = catalog->effectiveGrade(cell.id);
        const ColorProcessor processor(resolved.config, resolved.settings, grade);
        const QImage rendered = processor.toDisplay(image);
        const QString out = parser.positionalArguments().at(1);
        QSaveFile file(out);
        if (!file.open(QIODevice::WriteOnly) || !rendered.save(&file, "PNG") || !file.commit())
            throw CatalogError(out, QStringLiteral("cannot write (%1)").arg(file.errorString()));
        if (parser.isSet(jsonOption)) {
            context.printJson({{QStringLiteral("out"), out}, {QStringLiteral("config"), resolved.config->path()},
                {QStringLiteral("display"), processor.display()}, {QStringLiteral("view"), processor.view()},
                {QStringLiteral("exposureStops"), grade.exposureStops}, {QStringLiteral("note"), resolved.fallbackReason}});
        } else {
            if (resolved.fellBack())
                context.out() << "note: " << resolved.fallbackReason << Qt::endl;
            context.out() << "Rendered cell " << parser.value(cellOption) << " of segment " << parser.value(segmentOption)
                          << " (" << processor.display() << " / " << processor.view() << ", exposure "
                          << formatStops(grade.exposureStops) << " stops) to " << out << Qt::endl;
        }
        return int(Success);
    });
}

} // namespace tessera::cli
