#include "tessera/generation/SlurmFarm.h"

#include "tessera/generation/GenerationError.h"
#include "tessera/generation/GridJob.h"
#include "tessera/generation/ShardMerge.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>
#include <numeric>

namespace tessera {

namespace {

const QString kFormatKey = QStringLiteral("format");
const QString kProjectKey = QStringLiteral("project");
const QString kFolderKey = QStringLiteral("folder");
const QString kCliKey = QStringLiteral("cli");
const QString kJobNameKey = QStringLiteral("jobName");
const QString kTasksKey = QStringLiteral("tasks");
const QString kPartitionKey = QStringLiteral("partition");
const QString kGresKey = QStringLiteral("gres");
const QString kTimeKey = QStringLiteral("time");
const QString kCpusKey = QStringLiteral("cpusPerTask");
const QString kArgumentsKey = QStringLiteral("generateArguments");
const QString kArrayJobKey = QStringLiteral("arrayJobId");
const QString kMergeJobKey = QStringLiteral("mergeJobId");
const QString kSubmittedKey = QStringLiteral("submittedTasks");
const QString kTaskJobsKey = QStringLiteral("taskJobIds");
const QString kTaskCellsKey = QStringLiteral("taskCells");
const QString kResubmissionKey = QStringLiteral("resubmissionOf");
constexpr int kFormat = 1;

//! One word for bash: single-quoted unless it is plainly safe.
QString shellWord(const QString& text)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (plain.match(text).hasMatch())
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

//! The #SBATCH lines both jobs share: name, log, partition.
QString commonDirectives(const FarmRequest& request, const QString& jobName, const QString& log)
{
    QString text = QStringLiteral("#SBATCH --job-name=%1\n#SBATCH --output=%2\n").arg(shellWord(jobName), shellWord(log));
    if (!request.partition.isEmpty())
        text += QStringLiteral("#SBATCH --partition=%1\n").arg(shellWord(request.partition));
    return text;
}

QString scriptVariables(const FarmRequest& request)
{
    return QStringLiteral("project=%1\nfolder=%2\n").arg(shellWord(request.project), shellWord(request.folder));
}

GenerationError malformed(const QString& what)
{
    return GenerationError({}, QStringLiteral("the farm record is malformed (%1)").arg(what));
}

QJsonArray toJsonArray(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

QStringList toStringList(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& item : value.toArray())
        list.append(item.toString());
    return list;
}

//! The farm's folder as it can be read here: the recorded one, else the same two last path
//! parts beside the project (PROJECT.farm/ID copied along with the project).
QString readableFolder(const Catalog& project, const QString& recorded)
{
    if (QFileInfo(recorded).isDir())
        return recorded;
    const QFileInfo folder(recorded);
    const QString beside = QFileInfo(project.path()).absoluteDir().filePath(QFileInfo(folder.absolutePath()).fileName() + QLatin1Char('/') + folder.fileName());
    return QFileInfo(beside).isDir() ? beside : recorded;
}

} // namespace

QString farmShardFile(const QString& folder, int task)
{
    return QDir(folder).filePath(QStringLiteral("shard-%1.tessera").arg(task));
}

QString farmArrayScriptPath(const QString& folder)
{
    return QDir(folder).filePath(QStringLiteral("generate.sbatch"));
}

QString farmMergeScriptPath(const QString& folder)
{
    return QDir(folder).filePath(QStringLiteral("merge.sbatch"));
}

QString farmArrayScript(const FarmRequest& request)
{
    QString text = QStringLiteral("#!/bin/bash\n");
    text += commonDirectives(request, request.jobName, QDir(request.folder).filePath(QStringLiteral("task-%a.log")));
    text += QStringLiteral("#SBATCH --array=1-%1\n").arg(request.tasks);
    // a re-run task's log goes on after the earlier run's
    text += QStringLiteral("#SBATCH --open-mode=append\n");
    if (!request.gres.isEmpty())
        text += QStringLiteral("#SBATCH --gres=%1\n").arg(shellWord(request.gres));
    if (!request.timeLimit.isEmpty())
        text += QStringLiteral("#SBATCH --time=%1\n").arg(shellWord(request.timeLimit));
    if (request.cpusPerTask > 0)
        text += QStringLiteral("#SBATCH --cpus-per-task=%1\n").arg(request.cpusPerTask);
    text += QStringLiteral(
        "# Tessera farm: array task K generates shard K/%1 of the project's pending cells into\n"
        "# $folder/shard-K.tessera. Running a task again resumes its shard: sbatch --array=K this script.\n"
        "set -eu\n")
                .arg(request.tasks);
    text += scriptVariables(request);
    text += QStringLiteral("task=\"${SLURM_ARRAY_TASK_ID:?submit this script with sbatch --array}\"\n"
                           "# libtorch on the CPUs Slurm gave the task, not on all of the node's\n"
                           "export TESSERA_COMPUTE_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"\n"
                           "# Only this task writes its shard (farm resubmit refuses while it runs): a lock left by a\n"
                           "# run killed on another node, which that node's process table cannot clear, goes.\n"
                           "rm -f \"$folder/shard-$task.tessera.generating.lock\"\n");
    QStringList command{shellWord(request.cli), QStringLiteral("generate"), QStringLiteral("\"$project\""),
        QStringLiteral("--shard"), QStringLiteral("\"$task/%1\"").arg(request.tasks), QStringLiteral("--out"),
        QStringLiteral("\"$folder/shard-$task.tessera\"")};
    for (const QString& argument : request.generateArguments)
        command.append(shellWord(argument));
    text += QStringLiteral("exec ") + command.join(QLatin1Char(' ')) + QLatin1Char('\n');
    return text;
}

QString farmMergeScript(const FarmRequest& request)
{
    QString text = QStringLiteral("#!/bin/bash\n");
    text += commonDirectives(request, request.jobName + QStringLiteral("-merge"), QDir(request.folder).filePath(QStringLiteral("merge.log")));
    text += QStringLiteral(
        "# Tessera farm: folds the shards back into the project once every array task succeeded\n"
        "# (submitted with --dependency=afterok:<array job>), then records the outcome in the project.\n"
        "set -eu\n");
    text += scriptVariables(request);
    text += QStringLiteral("%1 merge \"$project\" \"$folder\"/shard-*.tessera\n").arg(shellWord(request.cli));
    text += QStringLiteral("exec %1 farm status \"$project\" --farm \"$folder\"\n").arg(shellWord(request.cli));
    return text;
}

QStringList farmMergeSubmitArguments(const QString& folder, const QString& arrayJobId)
{
    // Without kill-on-invalid-dep a failed task would leave the merge job pending for ever.
    return {QStringLiteral("--parsable"), QStringLiteral("--dependency=afterok:%1").arg(arrayJobId),
        QStringLiteral("--kill-on-invalid-dep=yes"), farmMergeScriptPath(folder)};
}

qint64 farmTaskCellCount(qint64 pendingCells, int task, int tasks)
{
    if (tasks < 1 || task < 1 || task > tasks || pendingCells <= 0)
        return 0;
    return pendingCells / tasks + ((task - 1) < pendingCells % tasks ? 1 : 0);
}

qint64 FarmRecord::cellCount() const
{
    qint64 count = 0;
    for (const qint64 cells : taskCells)
        count += cells;
    return count;
}

QJsonObject FarmRecord::toJson() const
{
    QJsonArray submitted;
    for (const int task : submittedTasks)
        submitted.append(task);
    QJsonArray cells;
    for (const qint64 count : taskCells)
        cells.append(count);
    return QJsonObject{{kFormatKey, kFormat}, {kProjectKey, request.project}, {kFolderKey, request.folder},
        {kCliKey, request.cli}, {kJobNameKey, request.jobName}, {kTasksKey, request.tasks},
        {kPartitionKey, request.partition}, {kGresKey, request.gres}, {kTimeKey, request.timeLimit},
        {kCpusKey, request.cpusPerTask}, {kArgumentsKey, toJsonArray(request.generateArguments)},
        {kArrayJobKey, arrayJobId}, {kMergeJobKey, mergeJobId}, {kSubmittedKey, submitted},
        {kTaskJobsKey, toJsonArray(taskJobIds)}, {kTaskCellsKey, cells}, {kResubmissionKey, resubmissionOf}};
}

FarmRecord FarmRecord::fromJson(const QJsonObject& json)
{
    if (json.value(kFormatKey).toInt() != kFormat)
        throw malformed(QStringLiteral("format %1, this build reads %2").arg(json.value(kFormatKey).toInt()).arg(kFormat));
    FarmRecord record;
    FarmRequest& request = record.request;
    request.project = json.value(kProjectKey).toString();
    request.folder = json.value(kFolderKey).toString();
    request.cli = json.value(kCliKey).toString();
    request.jobName = json.value(kJobNameKey).toString();
    request.tasks = json.value(kTasksKey).toInt();
    request.partition = json.value(kPartitionKey).toString();
    request.gres = json.value(kGresKey).toString();
    request.timeLimit = json.value(kTimeKey).toString();
    request.cpusPerTask = json.value(kCpusKey).toInt();
    request.generateArguments = toStringList(json.value(kArgumentsKey));
    record.arrayJobId = json.value(kArrayJobKey).toString();
    record.mergeJobId = json.value(kMergeJobKey).toString();
    for (const QJsonValue& task : json.value(kSubmittedKey).toArray())
        record.submittedTasks.append(task.toInt());
    record.taskJobIds = toStringList(json.value(kTaskJobsKey));
    for (const QJsonValue& count : json.value(kTaskCellsKey).toArray())
        record.taskCells.append(count.toInteger());
    record.resubmissionOf = json.value(kResubmissionKey).toInteger();
    if (request.folder.isEmpty() || request.tasks < 1)
        throw malformed(QStringLiteral("no folder or tasks"));
    if (record.taskJobIds.size() != request.tasks || record.taskCells.size() != request.tasks)
        throw malformed(QStringLiteral("%1 tasks, but %2 job ids and %3 cell counts")
                            .arg(request.tasks)
                            .arg(record.taskJobIds.size())
                            .arg(record.taskCells.size()));
    return record;
}

QVector<Job> farmJobs(const Catalog& project)
{
    QVector<Job> farms;
    for (const Job& job : project.jobs()) {
        if (job.kind == FarmRecord::kKind)
            farms.append(job);
    }
    return farms;
}

namespace {

//! One count summed over the tasks.
qint64 sumOver(const QVector<FarmTaskProgress>& tasks, qint64 FarmTaskProgress::*count)
{
    return std::accumulate(tasks.cbegin(), tasks.cend(), qint64(0),
        [count](qint64 sum, const FarmTaskProgress& task) { return sum + task.*count; });
}

} // namespace

qint64 FarmProgress::done() const
{
    return sumOver(tasks, &FarmTaskProgress::done);
}

qint64 FarmProgress::total() const
{
    return sumOver(tasks, &FarmTaskProgress::total);
}

qint64 FarmProgress::merged() const
{
    return sumOver(tasks, &FarmTaskProgress::merged);
}

QVector<int> FarmProgress::unfinishedTasks() const
{
    QVector<int> list;
    for (const FarmTaskProgress& task : tasks) {
        if (!task.finished())
            list.append(task.task);
    }
    return list;
}

FarmProgress readFarmProgress(const Catalog& project, const Job& job)
{
    if (job.kind != FarmRecord::kKind)
        throw GenerationError(project.path(), QStringLiteral("job %1 is a %2 job, not a farm").arg(job.id).arg(job.kind));
    FarmProgress progress;
    progress.jobId = job.id;
    try {
        progress.record = FarmRecord::fromJson(job.payload);
    } catch (const GenerationError& error) {
        throw GenerationError(project.path(), QStringLiteral("farm job %1: %2").arg(job.id).arg(error.problem()));
    }
    progress.folder = readableFolder(project, progress.record.request.folder);
    for (int task = 1; task <= progress.record.request.tasks; ++task) {
        FarmTaskProgress item;
        item.task = task;
        item.shardFile = farmShardFile(progress.folder, task);
        item.slurmJobId = progress.record.taskJobIds.value(task - 1);
        item.total = progress.record.taskCells.value(task - 1);
        item.started = QFileInfo::exists(item.shardFile);
        if (item.started) {
            try {
                const auto shard = Catalog::open(item.shardFile, Catalog::Access::ReadOnly);
                const ShardManifest manifest = readShardManifest(*shard);
                item.total = manifest.cellCount();
                for (const ShardManifest::Entry& entry : manifest.segments) {
                    for (const CellIndex& index : entry.cells) {
                        const auto cell = shard->cell(entry.shardSegmentId, index);
                        if (cell && cell->activeVersionId != 0)
                            ++item.done;
                        else
                            item.unfinished.append(FarmCell{entry.segmentId, index});
                        const auto inProject = project.cell(entry.segmentId, index);
                        if (inProject && !GridJob::isPending(inProject->state))
                            ++item.merged;
                    }
                }
            } catch (const Error& error) {
                item.problem = error.problem();
                item.done = 0;
                item.merged = 0;
                item.unfinished.clear();
            }
        }
        progress.tasks.append(item);
    }
    return progress;
}

QStringList squeueArguments()
{
    return {QStringLiteral("--me"), QStringLiteral("--noheader"), QStringLiteral("--array"), QStringLiteral("--states=all"),
        QStringLiteral("--format=%i|%T|%r")};
}

QHash<QString, SlurmJobState> parseSlurmJobStates(const QString& text)
{
    static const QRegularExpression jobId(QStringLiteral("^\\d+(_\\d+)?$"));
    QHash<QString, SlurmJobState> states;
    for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QStringList fields = line.trimmed().split(QLatin1Char('|'));
        if (fields.size() < 2 || !jobId.match(fields[0]).hasMatch() || fields[1].isEmpty())
            continue;
        // sacct writes "CANCELLED by 0"; the first word is the state
        const QString state = fields[1].section(QLatin1Char(' '), 0, 0);
        states.insert(fields[0], SlurmJobState{fields[0], state, fields.size() > 2 ? fields[2] : QString()});
    }
    return states;
}

bool isSlurmStateLive(const QString& state)
{
    static const QStringList live{QStringLiteral("PENDING"), QStringLiteral("CONFIGURING"), QStringLiteral("RUNNING"),
        QStringLiteral("COMPLETING"), QStringLiteral("SUSPENDED"), QStringLiteral("REQUEUED"), QStringLiteral("REQUEUE_FED"),
        QStringLiteral("REQUEUE_HOLD"), QStringLiteral("RESIZING"), QStringLiteral("RESV_DEL_HOLD"), QStringLiteral("SIGNALING"),
        QStringLiteral("STAGE_OUT"), QStringLiteral("STOPPED")};
    return live.contains(state);
}

QString parseSbatchJobId(const QString& output)
{
    static const QRegularExpression id(QStringLiteral("^\\s*(\\d+)(;\\S*)?\\s*$"));
    for (const QString& line : output.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QRegularExpressionMatch match = id.match(line);
        if (match.hasMatch())
            return match.captured(1);
    }
    return {};
}

} // namespace tessera
