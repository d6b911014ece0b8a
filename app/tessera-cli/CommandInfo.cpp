#include "CliContext.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/ProjectSummary.h"

namespace tessera::cli {

int runInfo(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print settings, schema version and segments as JSON."));
    parser.addOption(jsonOption);
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("A .tessera project file."));
    if (const int handled = context.parse(parser, QStringLiteral("info"), arguments,
            QStringLiteral("Describes a project: its settings, schema version and segments."));
        handled >= 0) {
        return handled;
    }
    if (parser.positionalArguments().size() != 1)
        return context.usageError(QStringLiteral("info"), QStringLiteral("expected exactly one project file"));

    try {
        const auto catalog = Catalog::open(parser.positionalArguments().constFirst(), Catalog::Access::ReadOnly);
        const ProjectSummary summary = ProjectSummary::of(*catalog);
        if (parser.isSet(jsonOption))
            context.printJson(summary.toJson());
        else
            context.out() << summary.toText() << Qt::flush;
    } catch (const CatalogError& error) {
        return context.fail(error.message());
    }
    return Success;
}

} // namespace tessera::cli
