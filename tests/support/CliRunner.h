#pragma once

// Runs the real tessera-cli executable for end-to-end tests. The test target defines
// TESSERA_CLI_PATH as $<TARGET_FILE:tessera-cli>.

#include <QProcess>
#include <QString>
#include <QStringList>

#ifndef TESSERA_CLI_PATH
#error "define TESSERA_CLI_PATH to the tessera-cli executable"
#endif

namespace tessera::testing {

struct CliResult
{
    int exitCode = -1; //!< -1 when it crashed or did not finish in time
    QString out;
    QString err;
};

inline CliResult runCli(const QStringList& arguments, int timeoutMs = 600000)
{
    QProcess process;
    process.start(QStringLiteral(TESSERA_CLI_PATH), arguments);
    // A failure says what happened to the process (did not start, crashed, ran out of time), so a
    // rare one can be told from a wrong answer.
    if (!process.waitForFinished(timeoutMs)) {
        const QString why = process.state() == QProcess::NotRunning
            ? QStringLiteral("tessera-cli did not run: %1").arg(process.errorString())
            : QStringLiteral("tessera-cli did not finish within %1 s").arg(timeoutMs / 1000);
        process.kill();
        process.waitForFinished();
        return {-1, QString::fromUtf8(process.readAllStandardOutput()), why + QLatin1Char('\n') + QString::fromUtf8(process.readAllStandardError())};
    }
    QString err = QString::fromUtf8(process.readAllStandardError());
    if (process.exitStatus() != QProcess::NormalExit)
        err.prepend(QStringLiteral("tessera-cli crashed (%1)\n").arg(process.errorString()));
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()), err};
}

} // namespace tessera::testing
