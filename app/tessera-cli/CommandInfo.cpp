#include "CliContext.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/ProjectSummary.h"

#include <QJsonObject>

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
        const QString path = parser.positionalArguments().constFirst();
        const auto catalog = Catalog::open(path, Catalog::Access::ReadOnly);
        const ProjectSummary summary = ProjectSummary::of(*catalog);
        // a project on a read-only medium reads fine; say so before the user tries to change it
        const QString writeProblem = Catalog::writeProblem(path);
        if (parser.isSet(jsonOption)) {
            QJsonObject json = summary.toJson();
            json.insert(QStringLiteral("writable"), writeProblem.isEmpty());
            if (!writeProblem.isEmpty())
                json.insert(QStringLiteral("readOnlyReason"), writeProblem);
            context.printJson(json);
        } else {
            context.out() << summary.toText() << Qt::flush;
            if (!writeProblem.isEmpty())
                context.out() << "Read-only: " << writeProblem << "; changes cannot be saved" << Qt::endl;
        }
    } catch (const CatalogError& error) {
        return context.fail(error.message());
    }
    return Success;
}

} // namespace tessera::cli
