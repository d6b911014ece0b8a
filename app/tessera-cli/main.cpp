// tessera-cli: the headless face of Tessera. Thin: each verb lives in its own Command*.cpp.
#include "CliContext.h"

#include "tessera/core/BuildInfo.h"

#include <QCoreApplication>

using namespace tessera::cli;

namespace {

const QVector<Command>& commands()
{
    static const QVector<Command> list{
        {QStringLiteral("new"), QStringLiteral("Create a new project file"), runNew},
        {QStringLiteral("info"), QStringLiteral("Describe a project (--json for scripts)"), runInfo},
        {QStringLiteral("check"), QStringLiteral("Check a project's integrity"), runCheck},
    };
    return list;
}

int printUsage(CliContext& context)
{
    context.out() << "Usage: tessera-cli <command> [options] [arguments]\n\n"
                  << "Turns a song and its lyrics into a music video of AI-generated images.\n\n"
                  << "Commands:\n";
    for (const Command& command : commands())
        context.out() << "  " << command.name.leftJustified(10) << command.summary << "\n";
    context.out() << "\nOptions:\n  -h, --help     Show this help; '<command> --help' for a command.\n"
                  << "  --version      Show the version.\n";
    context.out().flush();
    return Success;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tessera-cli"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(tessera::kVersionString));
    CliContext context;

    QStringList arguments = QCoreApplication::arguments().mid(1);
    if (arguments.isEmpty()) {
        printUsage(context);
        return UsageError;
    }
    const QString verb = arguments.constFirst();
    if (verb == QLatin1String("--version") || verb == QLatin1String("-v")) {
        context.out() << "tessera-cli " << tessera::kVersionString << Qt::endl;
        return Success;
    }
    if (verb == QLatin1String("--help") || verb == QLatin1String("-h") || verb == QLatin1String("help")) {
        arguments.removeFirst();
        if (arguments.isEmpty())
            return printUsage(context);
        arguments = QStringList{arguments.constFirst(), QStringLiteral("--help")}; // help COMMAND
    }
    const QString name = arguments.takeFirst();
    for (const Command& command : commands()) {
        if (command.name == name)
            return command.run(context, arguments);
    }
    return context.usageError(name, QStringLiteral("unknown command"));
}
