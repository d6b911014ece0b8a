// farm: generate a project's pending cells on a Slurm cluster, a job array of shards and a merge
// job after it (submit), follow it (status) and re-run the tasks that failed (resubmit). The
// scripts, the record and the progress are modules/generation's SlurmFarm; here run sbatch and
// squeue around them.
#include "CliContext.h"
#include "GenerationRunner.h"

#include "tessera/generation/GenerationError.h"
#include "tessera/generation/GridJob.h"
#include "tessera/generation/SlurmFarm.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

namespace tessera::cli {

namespace {

struct ProcessResult
{
    bool ran = false; //!< started and finished in time
    int exitCode = -1;
    QString out;
    QString err;

    QString why() const { return (err.trimmed().isEmpty() ? out : err).trimmed(); }
};

ProcessResult runProgram(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.start(program, arguments);
    ProcessResult result;
    if (!process.waitForStarted(30000)) {
        result.err = process.errorString();
        return result;
    }
    // slurmctld answers in seconds; a minute means it is not answering
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("%1 did not answer within a minute").arg(program);
        return result;
    }
    result.ran = process.exitStatus() == QProcess::NormalExit;
    result.exitCode = process.exitCode();
    result.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    result.err = QString::fromLocal8Bit(process.readAllStandardError());
    return result;
}

//! Slurm's client tool on PATH; throws naming it and the package when it is missing.
QString slurmTool(const QString& name)
{
    const QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty()) {
        throw GenerationError({}, QStringLiteral("%1 is not on PATH: farm needs Slurm's client tools on this machine "
                                                 "(Debian: slurm-client, configured for the cluster); --dry-run prints the "
                                                 "scripts without them")
                                      .arg(name));
    }
    return path;
}

//! Submits with sbatch; returns the job id.
QString submit(const QString& sbatch, const QStringList& arguments, const QString& what)
{
    const ProcessResult result = runProgram(sbatch, arguments);
    const QString id = result.ran && result.exitCode == 0 ? parseSbatchJobId(result.out) : QString();
    if (id.isEmpty())
        throw GenerationError(arguments.constLast(), QStringLiteral("sbatch refused %1: %2").arg(what, result.why()));
    return id;
}

//! What squeue says of this user's jobs, or why it could not say.
struct SlurmView
{
    QHash<QString, SlurmJobState> states;
    QString problem; //!< empty when squeue answered

    bool known() const { return problem.isEmpty(); }
    QString stateOf(const QString& jobId) const
    {
        if (!known())
            return QStringLiteral("unknown");
        // Slurm forgets finished jobs after MinJobAge (300 s by default)
        return states.contains(jobId) ? states.value(jobId).state : QStringLiteral("gone");
    }
    bool live(const QString& jobId) const { return known() && isSlurmStateLive(states.value(jobId).state); }
};

SlurmView askSlurm()
{
    SlurmView view;
    const QString squeue = QStandardPaths::findExecutable(QStringLiteral("squeue"));
    if (squeue.isEmpty()) {
        view.problem = QStringLiteral("squeue is not on PATH");
        return view;
    }
    const ProcessResult result = runProgram(squeue, squeueArguments());
    if (!result.ran || result.exitCode != 0)
        view.problem = QStringLiteral("squeue failed: %1").arg(result.why());
    else
        view.states = parseSlurmJobStates(result.out);
    return view;
}

QString taskList(const QVector<int>& tasks)
{
    QStringList list;
    for (const int task : tasks)
        list.append(QString::number(task));
    return list.join(QLatin1Char(','));
}

QString segmentNumber(const QVector<Segment>& segments, qint64 segmentId)
{
    for (qsizetype i = 0; i < segments.size(); ++i) {
        if (segments[i].id == segmentId)
            return QString::number(i + 1);
    }
    return QStringLiteral("id %1").arg(segmentId);
}

//! "segment 1: 0,1 1,1; segment 2: 0,0", at most limit cells (then "and N more").
QString cellList(const QVector<Segment>& segments, const QVector<FarmCell>& cells, int limit)
{
    QStringList parts;
    qint64 segmentId = -1;
    QStringList current;
    const auto flush = [&] {
        if (!current.isEmpty())
            parts.append(QStringLiteral("segment %1: %2").arg(segmentNumber(segments, segmentId), current.join(QLatin1Char(' '))));
        current.clear();
    };
    for (qsizetype i = 0; i < cells.size() && i < limit; ++i) {
        if (cells[i].segmentId != segmentId) {
            flush();
            segmentId = cells[i].segmentId;
        }
        current.append(QStringLiteral("%1,%2").arg(cells[i].cell.row).arg(cells[i].cell.col));
    }
    flush();
    QString text = parts.join(QStringLiteral("; "));
    if (cells.size() > limit)
        text += QStringLiteral(" and %1 more").arg(cells.size() - limit);
    return text;
}

//! The farm job chosen by --job ID or --farm FOLDER, else the latest.
Job chooseFarm(const Catalog& project, const QString& jobText, const QString& folder)
{
    const QVector<Job> farms = farmJobs(project);
    if (farms.isEmpty())
        throw GenerationError(project.path(), QStringLiteral("has no farm; submit one with farm submit --slurm"));
    if (!jobText.isEmpty()) {
        for (const Job& job : farms) {
            if (QString::number(job.id) == jobText)
                return job;
        }
        throw GenerationError(project.path(), QStringLiteral("has no farm job %1").arg(jobText));
    }
    if (!folder.isEmpty()) {
        const QString wanted = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
        for (qsizetype i = farms.size() - 1; i >= 0; --i) {
            if (QDir::cleanPath(farms[i].payload.value(QStringLiteral("folder")).toString()) == wanted)
                return farms[i];
        }
        throw GenerationError(project.path(), QStringLiteral("has no farm in %1").arg(folder));
    }
    return farms.constLast();
}

//! The tasks that did not finish and no longer run: what resubmit re-runs.
QVector<int> failedTasks(const FarmProgress& progress, const SlurmView& slurm)
{
    QVector<int> failed;
    for (const FarmTaskProgress& task : progress.tasks) {
        if (!task.finished() && slurm.known() && !slurm.live(task.slurmJobId))
            failed.append(task.task);
    }
    return failed;
}

QString resubmitCommand(const Catalog& project, qint64 jobId)
{
    return QStringLiteral("tessera-cli farm resubmit %1 --job %2").arg(project.path()).arg(jobId);
}

//! Records what status found in the farm's job row, where the studio reads it.
void recordOutcome(Catalog& project, const FarmProgress& progress, const SlurmView& slurm, const QVector<int>& failed)
{
    if (project.isReadOnly())
        return;
    project.transact([&] {
        project.setJobProgress(progress.jobId, progress.done(), progress.total());
        if (progress.total() > 0 && progress.merged() == progress.total())
            project.setJobState(progress.jobId, JobState::Done);
        else if (!failed.isEmpty())
            project.setJobState(progress.jobId, JobState::Failed, QStringLiteral("task %1 did not finish").arg(taskList(failed)));
        else if (progress.done() > 0 || slurm.live(progress.record.arrayJobId) || slurm.live(progress.record.mergeJobId))
            project.setJobState(progress.jobId, JobState::Running);
    });
}

QStringList passedGenerateArguments(const QCommandLineParser& parser, const GenerationArguments& generation)
{
    QStringList arguments;
    for (const QCommandLineOption& option : generation.options()) {
        const QString name = option.names().constFirst();
        if (!parser.isSet(name))
            continue;
        QString value = parser.value(name);
        if (name == QLatin1String("model") && QFileInfo::exists(value))
            value = QFileInfo(value).absoluteFilePath(); // the nodes do not share our working folder
        arguments << QStringLiteral("--") + name << value;
    }
    return arguments;
}

QString newFolder(const QString& project)
{
    const QString base = project + QStringLiteral(".farm/") + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString folder = base;
    for (int n = 2; QFileInfo::exists(folder); ++n)
        folder = base + QStringLiteral("-%1").arg(n);
    return folder;
}

void writeScript(const QString& path, const QString& text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text.toUtf8()) != text.toUtf8().size())
        throw GenerationError(path, QStringLiteral("cannot write the script (%1)").arg(file.errorString()));
    file.setPermissions(file.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeUser);
}

int runSubmit(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption slurmOption(QStringLiteral("slurm"), QStringLiteral("Submit to Slurm with sbatch (the one workload manager for now)."));
    const QCommandLineOption tasksOption(QStringLiteral("tasks"), QStringLiteral("Array tasks, one shard each (default 1)."), QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption partitionOption(QStringLiteral("partition"), QStringLiteral("sbatch --partition for both jobs."), QStringLiteral("P"));
    const QCommandLineOption gresOption(QStringLiteral("gres"), QStringLiteral("sbatch --gres for each task, e.g. gpu:1."), QStringLiteral("G"));
    const QCommandLineOption timeOption(QStringLiteral("time"), QStringLiteral("sbatch --time for each task, e.g. 2:00:00."), QStringLiteral("T"));
    const QCommandLineOption cpusOption(QStringLiteral("cpus-per-task"), QStringLiteral("sbatch --cpus-per-task; generation uses that many threads (default 1)."), QStringLiteral("C"));
    const QCommandLineOption cliOption(QStringLiteral("cli"), QStringLiteral("tessera-cli as the nodes run it (default: this one)."), QStringLiteral("PATH"));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"), QStringLiteral("Print both scripts and the sbatch commands; submit and write nothing."));
    const GenerationArguments generation;
    parser.addOptions({slurmOption, tasksOption, partitionOption, gresOption, timeOption, cpusOption, cliOption, dryRunOption});
    parser.addOptions(generation.options());
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("A .tessera project file on storage the nodes share."));
    if (const int handled = context.parse(parser, QStringLiteral("farm submit"), arguments,
            QStringLiteral("Submits the project's pending cells to Slurm: a job array whose task K runs\n"
                           "`generate PROJECT --shard K/N --out PROJECT.farm/ID/shard-K.tessera` (with the generation\n"
                           "options given here), and a merge job that waits for every task (afterok) and folds the\n"
                           "shards back. The submission is recorded in the project; follow it with farm status and\n"
                           "re-run failed tasks with farm resubmit. The nodes need tessera-cli, the project at the same\n"
                           "path and the model files."));
        handled >= 0) {
        return handled;
    }
    if (parser.positionalArguments().size() != 1)
        return context.usageError(QStringLiteral("farm submit"), QStringLiteral("expected one PROJECT"));
    if (!parser.isSet(slurmOption))
        return context.usageError(QStringLiteral("farm submit"), QStringLiteral("name the workload manager: --slurm"));
    bool ok = false;
    const int tasks = parser.value(tasksOption).toInt(&ok);
    if (!ok || tasks < 1 || tasks > 10000)
        return context.usageError(QStringLiteral("farm submit"), QStringLiteral("--tasks takes a number from 1 to 10000"));
    int cpus = 0;
    if (parser.isSet(cpusOption)) {
        cpus = parser.value(cpusOption).toInt(&ok);
        if (!ok || cpus < 1)
            return context.usageError(QStringLiteral("farm submit"), QStringLiteral("--cpus-per-task takes a number of 1 or more"));
    }
    GenerationOptions options;
    if (const QString problem = generation.read(parser, options); !problem.isEmpty())
        return context.usageError(QStringLiteral("farm submit"), problem);
    const bool dryRun = parser.isSet(dryRunOption);

    return context.guarded([&] {
        const QString path = QFileInfo(parser.positionalArguments().constFirst()).absoluteFilePath();
        const auto project = Catalog::open(path, dryRun ? Catalog::Access::ReadOnly : Catalog::Access::ReadWrite);
        if (project->isReadOnly() && !dryRun)
            throw GenerationError(path, project->readOnlyNotice());
        qint64 pending = 0;
        for (const Segment& segment : project->segments())
            pending += GridJob::pendingCells(*project, GridJobSpec{segment.id, {}, {}, {}}).size();
        if (pending == 0)
            throw GenerationError(path, QStringLiteral("has no pending cells: every cell is generated or locked"));
        if (tasks > pending)
            throw GenerationError(path, QStringLiteral("has %1: --tasks %2 would leave tasks without work").arg(CliContext::count(pending, QStringLiteral("pending cell"))).arg(tasks));

        FarmRecord record;
        FarmRequest& request = record.request;
        request.project = path;
        request.folder = newFolder(path);
        request.cli = parser.isSet(cliOption) ? parser.value(cliOption) : QCoreApplication::applicationFilePath();
        request.jobName = QStringLiteral("tessera-") + QFileInfo(path).completeBaseName().replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")), QStringLiteral("_"));
        request.tasks = tasks;
        request.partition = parser.value(partitionOption);
        request.gres = parser.value(gresOption);
        request.timeLimit = parser.value(timeOption);
        request.cpusPerTask = cpus;
        request.generateArguments = passedGenerateArguments(parser, generation);
        for (int task = 1; task <= tasks; ++task) {
            record.submittedTasks.append(task);
            record.taskCells.append(farmTaskCellCount(pending, task, tasks));
        }
        const QString arrayScript = farmArrayScript(request);
        const QString mergeScript = farmMergeScript(request);
        const QString arrayPath = farmArrayScriptPath(request.folder);
        if (dryRun) {
            context.out() << "# " << CliContext::count(pending, QStringLiteral("pending cell")) << " in " << CliContext::count(tasks, QStringLiteral("task"))
                          << "; nothing is submitted (--dry-run)\n"
                          << "# submitted with: sbatch --parsable " << arrayPath << "\n"
                          << arrayScript << "\n"
                          << "# submitted with: sbatch " << farmMergeSubmitArguments(request.folder, QStringLiteral("<array job id>")).join(QLatin1Char(' ')) << "\n"
                          << mergeScript;
            context.out().flush();
            return int(Success);
        }
        const QString sbatch = slurmTool(QStringLiteral("sbatch"));
        if (!QDir().mkpath(request.folder))
            throw GenerationError(request.folder, QStringLiteral("cannot create the farm's folder"));
        writeScript(arrayPath, arrayScript);
        writeScript(farmMergeScriptPath(request.folder), mergeScript);
        try {
            record.arrayJobId = submit(sbatch, {QStringLiteral("--parsable"), arrayPath}, QStringLiteral("the job array"));
        } catch (const GenerationError&) {
            QDir(request.folder).removeRecursively(); // nothing was submitted: no folder to wonder about
            throw;
        }
        try {
            record.mergeJobId = submit(sbatch, farmMergeSubmitArguments(request.folder, record.arrayJobId), QStringLiteral("the merge job"));
        } catch (const GenerationError&) {
            // no array without its merge: the user would wait for nothing
            runProgram(QStandardPaths::findExecutable(QStringLiteral("scancel")), {record.arrayJobId});
            throw;
        }
        for (int task = 1; task <= tasks; ++task)
            record.taskJobIds.append(QStringLiteral("%1_%2").arg(record.arrayJobId).arg(task));
        const qint64 jobId = project->enqueueJob(FarmRecord::kKind, record.toJson(), record.cellCount());
        context.out() << "farm job " << jobId << ": array job " << record.arrayJobId << " (tasks 1-" << tasks << ", "
                      << CliContext::count(pending, QStringLiteral("cell")) << ") and merge job " << record.mergeJobId
                      << " after it, in " << request.folder << "\n"
                      << "follow it with: tessera-cli farm status " << path << Qt::endl;
        return int(Success);
    });
}

QJsonObject taskJson(const FarmTaskProgress& task, const SlurmView& slurm, const QVector<Segment>& segments)
{
    QJsonArray unfinished;
    for (const FarmCell& cell : task.unfinished) {
        unfinished.append(QJsonObject{{QStringLiteral("segment"), segmentNumber(segments, cell.segmentId).toInt()},
            {QStringLiteral("cell"), QStringLiteral("%1,%2").arg(cell.cell.row).arg(cell.cell.col)}});
    }
    QJsonObject json{{QStringLiteral("task"), task.task}, {QStringLiteral("slurmJobId"), task.slurmJobId},
        {QStringLiteral("state"), slurm.stateOf(task.slurmJobId)}, {QStringLiteral("shardFile"), task.shardFile},
        {QStringLiteral("started"), task.started}, {QStringLiteral("done"), task.done}, {QStringLiteral("total"), task.total},
        {QStringLiteral("merged"), task.merged}, {QStringLiteral("finished"), task.finished()},
        {QStringLiteral("unfinishedCells"), unfinished}};
    if (slurm.states.contains(task.slurmJobId))
        json.insert(QStringLiteral("reason"), slurm.states.value(task.slurmJobId).reason);
    if (!task.problem.isEmpty())
        json.insert(QStringLiteral("problem"), task.problem);
    return json;
}

int runStatus(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Report as JSON."));
    const QCommandLineOption jobOption(QStringLiteral("job"), QStringLiteral("The farm job to report (default: the latest)."), QStringLiteral("ID"));
    const QCommandLineOption farmOption(QStringLiteral("farm"), QStringLiteral("The farm whose folder this is."), QStringLiteral("FOLDER"));
    parser.addOptions({jsonOption, jobOption, farmOption});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("The .tessera project the farm was submitted from."));
    if (const int handled = context.parse(parser, QStringLiteral("farm status"), arguments,
            QStringLiteral("Reports a farm per array task: its Slurm state (squeue, while Slurm keeps the job) and its\n"
                           "shard's cells done of total, and the cells merged into the project; lists the tasks that\n"
                           "did not finish, with their cells, and how to re-run them. Records the figures in the\n"
                           "project's job queue, where the studio shows them."));
        handled >= 0) {
        return handled;
    }
    if (parser.positionalArguments().size() != 1)
        return context.usageError(QStringLiteral("farm status"), QStringLiteral("expected one PROJECT"));

    return context.guarded([&] {
        const auto project = Catalog::open(parser.positionalArguments().constFirst());
        const Job job = chooseFarm(*project, parser.value(jobOption), parser.value(farmOption));
        const FarmProgress progress = readFarmProgress(*project, job);
        const SlurmView slurm = askSlurm();
        const QVector<int> failed = failedTasks(progress, slurm);
        recordOutcome(*project, progress, slurm, failed);
        const QVector<Segment> segments = project->segments();

        if (parser.isSet(jsonOption)) {
            QJsonArray tasks;
            for (const FarmTaskProgress& task : progress.tasks)
                tasks.append(taskJson(task, slurm, segments));
            QJsonArray failedJson;
            for (const int task : failed)
                failedJson.append(task);
            QJsonArray unfinishedJson;
            for (const int task : progress.unfinishedTasks())
                unfinishedJson.append(task);
            QJsonObject json{{QStringLiteral("farmJob"), progress.jobId}, {QStringLiteral("folder"), progress.folder},
                {QStringLiteral("arrayJobId"), progress.record.arrayJobId}, {QStringLiteral("mergeJobId"), progress.record.mergeJobId},
                {QStringLiteral("mergeState"), slurm.stateOf(progress.record.mergeJobId)},
                {QStringLiteral("done"), progress.done()}, {QStringLiteral("total"), progress.total()},
                {QStringLiteral("merged"), progress.merged()}, {QStringLiteral("tasks"), tasks},
                {QStringLiteral("unfinishedTasks"), unfinishedJson}, {QStringLiteral("failedTasks"), failedJson}};
            if (!slurm.known())
                json.insert(QStringLiteral("slurmProblem"), slurm.problem);
            if (!failed.isEmpty())
                json.insert(QStringLiteral("resubmit"), resubmitCommand(*project, progress.jobId));
            context.printJson(json);
            return int(Success);
        }
        QTextStream& out = context.out();
        out << "farm job " << progress.jobId << " in " << progress.folder << ": array job " << progress.record.arrayJobId
            << ", merge job " << progress.record.mergeJobId << " " << slurm.stateOf(progress.record.mergeJobId) << "\n";
        if (!slurm.known())
            out << "Slurm states unknown here (" << slurm.problem << ")\n";
        for (const FarmTaskProgress& task : progress.tasks) {
            out << "task " << task.task << " (" << task.slurmJobId << "): " << slurm.stateOf(task.slurmJobId) << ", "
                << task.done << "/" << task.total << " cells";
            if (!task.started)
                out << " (no shard file yet)";
            if (!task.problem.isEmpty())
                out << " (" << task.shardFile << ": " << task.problem << ")";
            out << "\n";
        }
        out << progress.done() << " of " << CliContext::count(progress.total(), QStringLiteral("cell")) << " generated, "
            << progress.merged() << " merged into the project\n";
        // Failed: Slurm no longer runs it. Where Slurm cannot be asked, every unfinished task is
        // listed, as it may have failed.
        for (const int number : slurm.known() ? failed : progress.unfinishedTasks()) {
            const FarmTaskProgress& task = progress.tasks[number - 1];
            out << (slurm.known() ? "did not finish: task " : "not finished (running or failed): task ") << number << ", ";
            if (task.started && task.problem.isEmpty())
                out << CliContext::count(task.unfinished.size(), QStringLiteral("cell")) << " missing (" << cellList(segments, task.unfinished, 24) << ")\n";
            else
                out << "all " << CliContext::count(task.total, QStringLiteral("cell")) << " of its shard\n";
        }
        if (!failed.isEmpty())
            out << "re-run them (each resumes its shard) with: " << resubmitCommand(*project, progress.jobId) << "\n";
        out.flush();
        return int(Success);
    });
}

int runResubmit(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption jobOption(QStringLiteral("job"), QStringLiteral("The farm job whose tasks to re-run (default: the latest)."), QStringLiteral("ID"));
    const QCommandLineOption farmOption(QStringLiteral("farm"), QStringLiteral("The farm whose folder this is."), QStringLiteral("FOLDER"));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"), QStringLiteral("Print the sbatch commands; submit nothing."));
    parser.addOptions({jobOption, farmOption, dryRunOption});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("The .tessera project the farm was submitted from."));
    if (const int handled = context.parse(parser, QStringLiteral("farm resubmit"), arguments,
            QStringLiteral("Re-runs a farm's tasks that did not finish and no longer run in Slurm (failed, cancelled,\n"
                           "timed out, killed): the same array script with --array set to those tasks, each resuming\n"
                           "its shard file, and a new merge job after them. The project must be unchanged since the\n"
                           "submission (the tasks cut it again). Recorded as a new farm job."));
        handled >= 0) {
        return handled;
    }
    if (parser.positionalArguments().size() != 1)
        return context.usageError(QStringLiteral("farm resubmit"), QStringLiteral("expected one PROJECT"));

    return context.guarded([&] {
        const auto project = Catalog::open(parser.positionalArguments().constFirst());
        if (project->isReadOnly())
            throw GenerationError(project->path(), project->readOnlyNotice());
        const Job job = chooseFarm(*project, parser.value(jobOption), parser.value(farmOption));
        const FarmProgress progress = readFarmProgress(*project, job);
        const SlurmView slurm = askSlurm();
        if (!slurm.known())
            throw GenerationError({}, QStringLiteral("cannot tell failed tasks from running ones: %1").arg(slurm.problem));
        QVector<int> live;
        for (const FarmTaskProgress& task : progress.tasks) {
            if (!task.finished() && slurm.live(task.slurmJobId))
                live.append(task.task);
        }
        if (!live.isEmpty()) {
            throw GenerationError(project->path(), QStringLiteral("task %1 of farm job %2 still pending or running in Slurm; wait for it "
                                                                  "or scancel it first")
                                                       .arg(taskList(live))
                                                       .arg(progress.jobId));
        }
        const QVector<int> failed = failedTasks(progress, slurm);
        if (failed.isEmpty()) {
            context.out() << "every task of farm job " << progress.jobId << " finished its shard; nothing to re-run";
            if (progress.merged() < progress.total())
                context.out() << " (merge them with: tessera-cli merge " << project->path() << " " << progress.folder << "/shard-*.tessera)";
            context.out() << Qt::endl;
            return int(Success);
        }
        const QString arrayPath = farmArrayScriptPath(progress.folder);
        const QStringList arrayArguments{QStringLiteral("--parsable"), QStringLiteral("--array=%1").arg(taskList(failed)), arrayPath};
        if (parser.isSet(dryRunOption)) {
            context.out() << "sbatch " << arrayArguments.join(QLatin1Char(' ')) << "\n"
                          << "sbatch " << farmMergeSubmitArguments(progress.folder, QStringLiteral("<array job id>")).join(QLatin1Char(' ')) << Qt::endl;
            return int(Success);
        }
        const QString sbatch = slurmTool(QStringLiteral("sbatch"));
        FarmRecord record = progress.record;
        record.request.folder = progress.folder;
        record.arrayJobId = submit(sbatch, arrayArguments, QStringLiteral("the job array"));
        try {
            record.mergeJobId = submit(sbatch, farmMergeSubmitArguments(progress.folder, record.arrayJobId), QStringLiteral("the merge job"));
        } catch (const GenerationError&) {
            runProgram(QStandardPaths::findExecutable(QStringLiteral("scancel")), {record.arrayJobId});
            throw;
        }
        record.submittedTasks = failed;
        for (const int task : failed)
            record.taskJobIds[task - 1] = QStringLiteral("%1_%2").arg(record.arrayJobId).arg(task);
        record.resubmissionOf = progress.jobId;
        qint64 jobId = 0;
        project->transact([&] {
            jobId = project->enqueueJob(FarmRecord::kKind, record.toJson(), record.cellCount());
            project->setJobState(progress.jobId, JobState::Failed,
                QStringLiteral("task %1 did not finish; re-run as farm job %2").arg(taskList(failed)).arg(jobId));
        });
        context.out() << "farm job " << jobId << ": task " << taskList(failed) << " again as array job " << record.arrayJobId
                      << " (resuming its shard) and merge job " << record.mergeJobId << " after it\n"
                      << "follow it with: tessera-cli farm status " << project->path() << Qt::endl;
        return int(Success);
    });
}

} // namespace

int runFarm(CliContext& context, const QStringList& arguments)
{
    const QString verb = arguments.value(0);
    if (verb == QLatin1String("submit"))
        return runSubmit(context, arguments.mid(1));
    if (verb == QLatin1String("status"))
        return runStatus(context, arguments.mid(1));
    if (verb == QLatin1String("resubmit"))
        return runResubmit(context, arguments.mid(1));
    if (verb == QLatin1String("--help") || verb == QLatin1String("-h")) {
        context.out() << "Usage: tessera-cli farm submit --slurm PROJECT [--tasks N] [--partition P] [--gres G] [--time T]\n"
                      << "                               [--cpus-per-task C] [--cli PATH] [generation options] [--dry-run]\n"
                      << "       tessera-cli farm status PROJECT [--json] [--job ID | --farm FOLDER]\n"
                      << "       tessera-cli farm resubmit PROJECT [--job ID | --farm FOLDER] [--dry-run]\n\n"
                      << "Generates a project's pending cells on a Slurm cluster: a job array of shards (generate\n"
                      << "--shard K/N) and a merge job after it; status follows it, resubmit re-runs failed tasks.\n"
                      << "'farm <verb> --help' for each verb's options." << Qt::endl;
        return int(Success);
    }
    return context.usageError(QStringLiteral("farm"), verb.isEmpty() ? QStringLiteral("expected submit, status or resubmit")
                                                                     : QStringLiteral("unknown verb %1").arg(verb));
}

} // namespace tessera::cli
