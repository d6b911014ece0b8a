#include "CliContext.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <cstdio>

namespace tessera::cli {

CliContext::CliContext()
    : m_out(stdout)
    , m_err(stderr)
{
}

int CliContext::fail(const QString& reason)
{
    QString oneLine = reason;
    oneLine.replace(QLatin1Char('\n'), QLatin1String("; "));
    m_err << "tessera-cli: error: " << oneLine << Qt::endl;
    return Failure;
}

int CliContext::usageError(const QString& command, const QString& reason)
{
    m_err << "tessera-cli " << command << ": " << reason << " (see tessera-cli " << command
          << " --help)" << Qt::endl;
    return UsageError;
}

void CliContext::printJson(const QJsonObject& object)
{
    m_out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
    m_out.flush();
}

int CliContext::guarded(const std::function<int()>& work)
{
    try {
        return work();
    } catch (const std::exception& error) {
        return fail(QString::fromUtf8(error.what()));
    }
}

QString CliContext::count(qsizetype n, const QString& noun)
{
    return QStringLiteral("%1 %2%3").arg(n).arg(noun, n == 1 ? QString() : QStringLiteral("s"));
}

int CliContext::parse(QCommandLineParser& parser, const QString& command,
    const QStringList& arguments, const QString& description)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
        QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(QStringList{QStringLiteral("tessera-cli ") + command} + arguments))
        return usageError(command, parser.errorText());
    if (parser.isSet(help)) {
        // Qt names the executable's path; users type "tessera-cli <command>".
        static const QRegularExpression usage(QStringLiteral("^Usage: \\S+"));
        m_out << parser.helpText().replace(usage, QStringLiteral("Usage: tessera-cli ") + command);
        m_out.flush();
        return Success;
    }
    return -1;
}

} // namespace tessera::cli
