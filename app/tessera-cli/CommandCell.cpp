// cell: curate one cell by hand (accept a version, reject, lock, or import an image).
#include "CliContext.h"
#include "ProjectArguments.h"

#include "tessera/project/CurationCommands.h"
#include "tessera/project/ImageImport.h"

#include <QJsonArray>

#include <optional>

namespace tessera::cli {

int runCell(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption segmentOption(QStringLiteral("segment"), QStringLiteral("The segment (counting from 1)."), QStringLiteral("N"));
    const QCommandLineOption cellOption(QStringLiteral("cell"), QStringLiteral("The cell: row,col counting from 0."), QStringLiteral("r,c"));
    const QCommandLineOption acceptOption(QStringLiteral("accept"), QStringLiteral("Make this version the cell's active one."), QStringLiteral("VERSION"));
    const QCommandLineOption rejectOption(QStringLiteral("reject"), QStringLiteral("Mark the cell bad: a grid job regenerates it."));
    const QCommandLineOption lockOption(QStringLiteral("lock"), QStringLiteral("Lock the cell: grid jobs never regenerate it."));
    const QCommandLineOption unlockOption(QStringLiteral("unlock"), QStringLiteral("Unlock the cell (it becomes done)."));
    const QCommandLineOption importOption(QStringLiteral("import"), QStringLiteral("Add an image file (PNG, JPEG...) as a new active version."), QStringLiteral("IMAGE"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print the cell and its versions as JSON."));
    parser.addOptions({segmentOption, cellOption, acceptOption, rejectOption, lockOption, unlockOption, importOption, jsonOption});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("A .tessera project file."));
    if (const int handled = context.parse(parser, QStringLiteral("cell"), arguments,
            QStringLiteral("Curates one cell: accept a version, reject or lock the cell, or import an image as\n"
                           "a new version. Without an action it describes the cell and its versions."));
        handled >= 0) {
        return handled;
    }
    if (parser.positionalArguments().size() != 1 || !parser.isSet(segmentOption) || !parser.isSet(cellOption))
        return context.usageError(QStringLiteral("cell"), QStringLiteral("expected PROJECT --segment N --cell r,c"));
    const int actions = int(parser.isSet(acceptOption)) + int(parser.isSet(rejectOption)) + int(parser.isSet(lockOption))
        + int(parser.isSet(unlockOption)) + int(parser.isSet(importOption));
    if (actions > 1)
        return context.usageError(QStringLiteral("cell"), QStringLiteral("give one action at a time"));

    return context.guarded([&] {
        const auto catalog = Catalog::open(parser.positionalArguments().constFirst(), actions ? Catalog::Access::ReadWrite : Catalog::Access::ReadOnly);
        const Segment segment = segmentByNumber(*catalog, parser.value(segmentOption));
        Cell cell = cellAt(*catalog, segment, parser.value(cellOption));
        // The studio's curation rules and command (project/CurationCommands.h), run once.
        std::optional<CellCuration> change;
        if (parser.isSet(acceptOption))
            change = curation::makeActive(cell, parser.value(acceptOption).toLongLong());
        else if (parser.isSet(rejectOption))
            change = curation::reject(catalog->path(), cell);
        else if (parser.isSet(lockOption))
            change = curation::lock(catalog->path(), cell);
        else if (parser.isSet(unlockOption))
            change = curation::unlock(cell);
        if (change)
            SetCellCurationCommand({*change}, QStringLiteral("cell")).redo(*catalog);
        else if (parser.isSet(importOption))
            catalog->addVersion(importImageVersion(cell.id, parser.value(importOption)));
        cell = *catalog->cellById(cell.id);

        const QVector<Version> versions = catalog->versions(cell.id);
        if (parser.isSet(jsonOption)) {
            QJsonArray list;
            for (const Version& version : versions) {
                list.append(QJsonObject{{QStringLiteral("id"), version.id}, {QStringLiteral("width"), version.width},
                    {QStringLiteral("height"), version.height}, {QStringLiteral("recipe"), version.recipe},
                    {QStringLiteral("created"), version.created.toString(Qt::ISODateWithMs)},
                    {QStringLiteral("active"), version.id == cell.activeVersionId}});
            }
            context.printJson({{QStringLiteral("row"), cell.index.row}, {QStringLiteral("col"), cell.index.col},
                {QStringLiteral("state"), cellStateName(cell.state)}, {QStringLiteral("versions"), list}});
        } else {
            context.out() << "Cell " << cell.index.row << "," << cell.index.col << " of segment " << parser.value(segmentOption)
                          << ": " << cellStateName(cell.state) << ", " << CliContext::count(versions.size(), QStringLiteral("version")) << Qt::endl;
            for (const Version& version : versions) {
                context.out() << (version.id == cell.activeVersionId ? "* " : "  ") << version.id << "  " << version.width << "x"
                              << version.height << "  " << version.created.toString(Qt::ISODate) << Qt::endl;
            }
        }
        return int(Success);
    });
}

} // namespace tessera::cli
