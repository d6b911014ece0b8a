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
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

} // namespace tessera::testing
