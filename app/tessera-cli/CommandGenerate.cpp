// generate: fill segment grids with a generator back-end plugin, as persistent, resumable jobs.
#include "CliContext.h"
#include "ProjectArguments.h"

#include "tessera/generation/GenerationError.h"
#include "tessera/generation/GeneratorPlugins.h"
#include "tessera/generation/GridJob.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace tessera::cli {

namespace {

std::atomic<bool> g_cancel{false};

extern "C" void cancelOnSignal(int)
{
    g_cancel.store(true); // lock-free atomic store: async-signal-safe
}

void printProgress(const QString& line)
{
    std::fprintf(stderr, "%s\n", line.toLocal8Bit().constData());
    std::fflush(stderr);
}

//! The model folder: --model, else the project's setting (relative to the project file when
//! relative), else the bundled default model.
QString modelFolder(const Catalog& catalog, const QString& given)
{
    if (!given.isEmpty())
        return QFileInfo(given).absoluteFilePath();
    const QString setting = catalog.settings().model;
    if (setting.isEmpty()) {
        const QString bundled = bundledModelFolder();
        if (bundled.isEmpty()) {
            throw GenerationError(catalog.path(), QStringLiteral("names no model and the bundled default model (%1) is not "
                                                                 "installed; pass --model DIR (a diffusers model folder)")
                                                      .arg(QString::fromLatin1(kBundledModelName)));
        }
        return bundled;
    }
    if (QFileInfo(setting).isRelative()) {
        const QString besideProject = QFileInfo(catalog.path()).absoluteDir().filePath(setting);
        if (QFileInfo(besideProject).isDir())
            return QDir::cleanPath(besideProject);
    }
    return QFileInfo(setting).absoluteFilePath();
}

//! Runs one job, printing a line per committed cell on stderr; throws when cancelled.
void runJob(Catalog& catalog, qint64 jobId, GeneratorBackend& backend, const QString& label)
{
    qint64 lastDone = -1;
    const JobState outcome = GridJob::run(catalog, jobId, backend, [&](const GridJobProgress& progress) {
        if (progress.cellsDone == lastDone)
            return;
        lastDone = progress.cellsDone;
        printProgress(QStringLiteral("%1: %2 of %3 cells").arg(label).arg(progress.cellsDone).arg(progress.cellsTotal));
    }, &g_cancel);
    if (outcome == JobState::Cancelled)
        throw GenerationError(catalog.path(), QStringLiteral("generation cancelled; run generate again to go on"));
}

QString segmentLabel(const QVector<Segment>& segments, qint64 segmentId)
{
    for (int i = 0; i < segments.size(); ++i) {
        if (segments[i].id == segmentId)
            return QStringLiteral("segment %1").arg(i + 1);
    }
    return QStringLiteral("segment id %1").arg(segmentId);
}

} // namespace

int runGenerate(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption segmentOption(QStringLiteral("segment"), QStringLiteral("Only this segment (counting from 1)."), QStringLiteral("N"));
    const QCommandLineOption cellsOption(QStringLiteral("cells"),
        QStringLiteral("Only these cells of --segment: row,col counting from 0; repeat the option or separate with spaces."),
        QStringLiteral("r,c"));
    const QCommandLineOption stepsOption(QStringLiteral("steps"), QStringLiteral("Sampler steps (default 30)."), QStringLiteral("N"), QStringLiteral("30"));
    const QCommandLineOption samplerOption(QStringLiteral("sampler"),
        QStringLiteral("ddim, pndm, euler, euler_a, dpmpp_2m or dpmpp_2m_karras (default: the model's)."), QStringLiteral("NAME"));
    const QCommandLineOption guidanceOption(QStringLiteral("guidance"),
        QStringLiteral("Classifier-free guidance scale unless an axis varies it (default 7.5)."), QStringLiteral("G"), QStringLiteral("7.5"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Image size (default: the model's native size)."), QStringLiteral("WxH"));
    const QCommandLineOption modelOption(QStringLiteral("model"),
        QStringLiteral("A diffusers model folder (default: the project's model, else the bundled one)."), QStringLiteral("DIR"));
    parser.addOptions({segmentOption, cellsOption, stepsOption, samplerOption, guidanceOption, sizeOption, modelOption});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("A .tessera project file."));
    if (const int handled = context.parse(parser, QStringLiteral("generate"), arguments,
            QStringLiteral("Generates the pending cells (empty, queued, rejected) of every segment's grid, or of one\n"
                           "segment, as a job in the project's queue: each finished cell is saved at once, locked\n"
                           "and done cells are left alone, and after a crash or Ctrl+C running the same command\n"
                           "again goes on with the missing cells. Progress goes to stderr."));
        handled >= 0) {
        return handled;
    }
    if (parser.positionalArguments().size() != 1)
        return context.usageError(QStringLiteral("generate"), QStringLiteral("expected one PROJECT"));
    if (parser.isSet(cellsOption) && !parser.isSet(segmentOption))
        return context.usageError(QStringLiteral("generate"), QStringLiteral("--cells needs --segment"));
    bool stepsOk = false;
    bool guidanceOk = false;
    GenerationOptions options;
    options.steps = parser.value(stepsOption).toInt(&stepsOk);
    options.guidance = parser.value(guidanceOption).toDouble(&guidanceOk);
    options.sampler = parser.value(samplerOption);
    if (!stepsOk || options.steps < 1 || options.steps > 1000)
        return context.usageError(QStringLiteral("generate"), QStringLiteral("--steps takes a number from 1 to 1000"));
    if (!guidanceOk || options.guidance < 0.0)
        return context.usageError(QStringLiteral("generate"), QStringLiteral("--guidance takes a number of 0 or more"));
    if (parser.isSet(sizeOption)) {
        static const QRegularExpression sizePattern(QStringLiteral("^(\\d+)x(\\d+)$"));
        const QRegularExpressionMatch match = sizePattern.match(parser.value(sizeOption));
        if (!match.hasMatch())
            return context.usageError(QStringLiteral("generate"), QStringLiteral("--size takes WxH, e.g. 512x512"));
        options.width = match.captured(1).toInt();
        options.height = match.captured(2).toInt();
    }

    return context.guarded([&] {
        const auto catalog = Catalog::open(parser.positionalArguments().constFirst());
        const GenerationLock lock(*catalog); // one generating process per project
        const QVector<Segment> segments = catalog->segments();
        QVector<GridJobSpec> specs;
        if (parser.isSet(segmentOption)) {
            const Segment segment = segmentByNumber(*catalog, parser.value(segmentOption));
            GridJobSpec spec{segment.id, {}, {}};
            for (const QString& value : parser.values(cellsOption)) {
                for (const QString& text : value.split(QRegularExpression(QStringLiteral("[\\s;]+")), Qt::SkipEmptyParts)) {
                    const Cell cell = cellAt(*catalog, segment, text);
                    spec.cells.append(cell.index);
                    if (!GridJob::isPending(cell.state)) {
                        printProgress(QStringLiteral("cell %1 is %2: left alone (reject it to generate it again)")
                                          .arg(text, cellStateName(cell.state)));
                    }
                }
            }
            specs.append(spec);
        } else {
            for (const Segment& segment : segments)
                specs.append(GridJobSpec{segment.id, {}, {}});
        }

        const QString model = modelFolder(*catalog, parser.value(modelOption));
        printProgress(QStringLiteral("loading %1").arg(QDir::toNativeSeparators(model)));
        const auto backend = createGenerator();
        backend->load(model);
        options.model = model;
        options.modelHash = backend->modelHash();
        options.backend = backend->name();

        g_cancel = false;
        const auto previousInt = std::signal(SIGINT, cancelOnSignal);
        const auto previousTerm = std::signal(SIGTERM, cancelOnSignal);
        struct RestoreSignals {
            void (*interrupt)(int);
            void (*terminate)(int);
            ~RestoreSignals()
            {
                std::signal(SIGINT, interrupt);
                std::signal(SIGTERM, terminate);
            }
        } restore{previousInt, previousTerm};

        QElapsedTimer timer;
        timer.start();
        qint64 generated = 0;
        // First the jobs an earlier run left unfinished (a crash or kill), when they used this model.
        for (const Job& job : GridJob::resumableJobs(*catalog)) {
            const GridJobSpec spec = GridJobSpec::fromJson(job.payload);
            if (spec.options.modelHash != options.modelHash) {
                printProgress(QStringLiteral("job %1 waits for its own model %2").arg(job.id).arg(spec.options.model));
                continue;
            }
            printProgress(QStringLiteral("resuming job %1").arg(job.id));
            const qint64 before = job.doneUnits;
            runJob(*catalog, job.id, *backend, segmentLabel(segments, spec.segmentId));
            generated += catalog->job(job.id)->doneUnits - before;
        }
        for (GridJobSpec& spec : specs) {
            spec.options = options;
            if (GridJob::pendingCells(*catalog, spec).isEmpty())
                continue;
            const qint64 jobId = GridJob::enqueue(*catalog, spec);
            runJob(*catalog, jobId, *backend, segmentLabel(segments, spec.segmentId));
            generated += catalog->job(jobId)->doneUnits;
        }
        const double seconds = timer.elapsed() / 1000.0;
        context.out() << "generated " << CliContext::count(generated, QStringLiteral("cell")) << " in "
                      << QString::number(seconds, 'f', 1) << " s";
        if (generated > 0 && seconds > 0)
            context.out() << " (" << QString::number(generated * 60.0 / seconds, 'f', 1) << " cells/min)";
        context.out() << Qt::endl;
        return int(Success);
    });
}

} // namespace tessera::cli
