#pragma once

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <QTextStream>

#include <functional>

namespace tessera::cli {

//! Exit codes every command shares, so scripts can tell a bad call from a failed job.
enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };

//! Where a command writes: results to stdout, one-line reasons to stderr.
class CliContext
{
public:
    CliContext();

    QTextStream& out() { return m_out; }

    //! Prints "tessera-cli: error: <reason>" on one line and returns Failure.
    int fail(const QString& reason);
    //! Prints a usage problem and where to get help; returns UsageError.
    int usageError(const QString& command, const QString& reason);
    void printJson(const QJsonObject& object);
    //! Runs a command's work, turning any error (every Tessera error reads "<file>: <problem>")
    //! into the one-line failure.
    int guarded(const std::function<int()>& work);
    //! "segment(s)": a count and a noun for plain-text reports.
    static QString count(qsizetype n, const QString& noun);

    //! Parses a command's arguments; prints help (returning Success) or a usage error when
    //! asked to or when they are wrong. Returns -1 when the command should go on.
    int parse(QCommandLineParser& parser, const QString& command, const QStringList& arguments,
        const QString& description);

private:
    QTextStream m_out;
    QTextStream m_err;
};

//! One verb of tessera-cli.
struct Command
{
    QString name;
    QString summary;
    std::function<int(CliContext&, const QStringList&)> run;
};

int runNew(CliContext& context, const QStringList& arguments);
int runInfo(CliContext& context, const QStringList& arguments);
int runCheck(CliContext& context, const QStringList& arguments);
int runStem(CliContext& context, const QStringList& arguments);
int runLyrics(CliContext& context, const QStringList& arguments);
int runAnalyze(CliContext& context, const QStringList& arguments);
int runCell(CliContext& context, const QStringList& arguments);
int runGrade(CliContext& context, const QStringList& arguments);
int runMatchExposure(CliContext& context, const QStringList& arguments);
int runRenderCell(CliContext& context, const QStringList& arguments);
int runGenerate(CliContext& context, const QStringList& arguments);
int runCells(CliContext& context, const QStringList& arguments);
int runSegment(CliContext& context, const QStringList& arguments);
int runRegenerate(CliContext& context, const QStringList& arguments);
int runRefine(CliContext& context, const QStringList& arguments);
int runSample(CliContext& context, const QStringList& arguments);
int runModels(CliContext& context, const QStringList& arguments);
int runGridSheet(CliContext& context, const QStringList& arguments);
int runMerge(CliContext& context, const QStringList& arguments);
int runFarm(CliContext& context, const QStringList& arguments);
int runExport(CliContext& context, const QStringList& arguments);
int runRenderSettings(CliContext& context, const QStringList& arguments);
int runSettings(CliContext& context, const QStringList& arguments);
int runUpscale(CliContext& context, const QStringList& arguments);

} // namespace tessera::cli
