#include "CliContext.h"

#include "tessera/catalog/Catalog.h"

#include <QJsonArray>

namespace tessera::cli {

int runCheck(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print the report as JSON."));
    parser.addOption(jsonOption);
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("A .tessera project file."));
    if (const int handled = context.parse(parser, QStringLiteral("check"), arguments,
            QStringLiteral("Checks a project's integrity: SQLite's own checks and Tessera's invariants.\n"
                           "Exits 0 when consistent, 1 when problems were found."));
        handled >= 0) {
        return handled;
    }
    if (parser.positionalArguments().size() != 1)
        return context.usageError(QStringLiteral("check"), QStringLiteral("expected exactly one project file"));

    const QString path = parser.positionalArguments().constFirst();
    try {
        const auto catalog = Catalog::open(path, Catalog::Access::ReadOnly);
        const IntegrityReport report = catalog->checkIntegrity();
        if (parser.isSet(jsonOption)) {
            context.printJson(QJsonObject{
                {QStringLiteral("path"), path},
                {QStringLiteral("ok"), report.isOk()},
                {QStringLiteral("problems"), QJsonArray::fromStringList(report.problems)},
            });
        } else if (report.isOk()) {
            context.out() << path << ": ok" << Qt::endl;
        } else {
            for (const QString& problem : report.problems)
                context.out() << path << ": " << problem << Qt::endl;
        }
        if (!report.isOk())
            return context.fail(QStringLiteral("%1: %2 integrity problem(s)").arg(path).arg(report.problems.size()));
    } catch (const CatalogError& error) {
        return context.fail(error.message());
    }
    return Success;
}

} // namespace tessera::cli
