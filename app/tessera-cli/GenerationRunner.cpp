#include "GenerationRunner.h"
#include "ProjectArguments.h"

#include "tessera/generation/GenerationError.h"
#include "tessera/generation/GenerationScheduler.h"
#include "tessera/generation/GeneratorPlugins.h"
#include "tessera/generation/GridJob.h"

#include <QDir>
#include <QFileInfo>

#include <cstdio>

namespace tessera::cli {

namespace {

//! The model folder: --model, else the project's setting (relative to the project file when
//! relative), else the bundled default model.
QString modelFolder(const Catalog& catalog, const QString& given)
{
    if (!given.isEmpty())
        return QFileInfo(given).absoluteFilePath();
    const QString model = projectModelPath(catalog);
    if (model.isEmpty()) {
        throw GenerationError(catalog.path(), QStringLiteral("names no model and the bundled default model (%1) is not "
                                                             "installed; pass --model DIR (a diffusers model folder)")
                                                  .arg(QString::fromLatin1(kBundledModelName)));
    }
    return model;
}

QString defaultText(const QString& defaultsFrom, const QString& gridDefault)
{
    return defaultsFrom.isEmpty() ? gridDefault : defaultsFrom;
}

} // namespace

GenerationOptions optionsOfRecipe(const QJsonObject& recipe)
{
    GenerationOptions options;
    options.steps = recipe.value(recipe::kSteps).toInt(options.steps);
    options.sampler = recipe.value(recipe::kSampler).toString(options.sampler);
    if (recipe.value(recipe::kGuidance).isDouble())
        options.guidance = recipe.value(recipe::kGuidance).toDouble();
    options.width = recipe.value(recipe::kWidth).toInt(0);
    options.height = recipe.value(recipe::kHeight).toInt(0);
    options.precision = recipe.value(recipe::kPrecision).toString(); // as resolved: "bf16", not "auto"
    return options;
}

void printProgress(const QString& line)
{
    std::fprintf(stderr, "%s\n", line.toLocal8Bit().constData());
    std::fflush(stderr);
}

QString segmentLabel(const QVector<Segment>& segments, qint64 segmentId)
{
    for (int i = 0; i < segments.size(); ++i) {
        if (segments[i].id == segmentId)
            return QStringLiteral("segment %1").arg(i + 1);
    }
    return QStringLiteral("segment id %1").arg(segmentId);
}

GenerationArguments::GenerationArguments(const QString& defaultsFrom)
    : m_steps(QStringLiteral("steps"), QStringLiteral("Sampler steps (default %1).").arg(defaultText(defaultsFrom, QStringLiteral("30"))),
        QStringLiteral("N"))
    , m_sampler(QStringLiteral("sampler"),
          QStringLiteral("ddim, pndm, euler, euler_a, dpmpp_2m, dpmpp_2m_karras or lcm (default: %1).")
              .arg(defaultText(defaultsFrom, QStringLiteral("the model's"))),
          QStringLiteral("NAME"))
    , m_guidance(QStringLiteral("guidance"),
          QStringLiteral("Classifier-free guidance scale unless an axis varies it (default %1).")
              .arg(defaultText(defaultsFrom, QStringLiteral("the model's: 7.5 for Stable Diffusion, 4 for the bundled model"))),
          QStringLiteral("G"))
    , m_size(QStringLiteral("size"),
          QStringLiteral("Image size (default: %1).").arg(defaultText(defaultsFrom, QStringLiteral("the model's native size"))),
          QStringLiteral("WxH"))
    , m_model(QStringLiteral("model"), QStringLiteral("A diffusers model folder (default: the project's model, else the bundled one)."),
          QStringLiteral("DIR"))
    , m_precision(QStringLiteral("precision"),
          QStringLiteral("The networks' number type: fp32 (default), bf16, fp16 (CUDA only) or auto (bf16 on a CPU with "
                         "bf16 instructions, fp16 on CUDA, else fp32). Part of each cell's recipe."),
          QStringLiteral("NAME"))
{
}

QList<QCommandLineOption> GenerationArguments::options() const
{
    return {m_steps, m_sampler, m_guidance, m_size, m_model, m_precision};
}

QString GenerationArguments::read(const QCommandLineParser& parser, GenerationOptions& options) const
{
    if (parser.isSet(m_steps)) {
        bool ok = false;
        options.steps = parser.value(m_steps).toInt(&ok);
        if (!ok || options.steps < 1 || options.steps > 1000)
            return QStringLiteral("--steps takes a number from 1 to 1000");
    }
    if (parser.isSet(m_guidance)) {
        bool ok = false;
        const double guidance = parser.value(m_guidance).toDouble(&ok);
        if (!ok || !(guidance >= 0.0))
            return QStringLiteral("--guidance takes a number of 0 or more");
        options.guidance = guidance;
    }
    if (parser.isSet(m_sampler))
        options.sampler = parser.value(m_sampler);
    if (parser.isSet(m_precision)) {
        if (!GenerationOptions::precisionNames().contains(parser.value(m_precision)))
            return QStringLiteral("--precision takes %1").arg(GenerationOptions::precisionNames().join(QStringLiteral(", ")));
        options.precision = parser.value(m_precision);
    }
    if (parser.isSet(m_size)) {
        const std::optional<QSize> size = parseSize(parser.value(m_size));
        if (!size)
            return QStringLiteral("--size takes WxH, e.g. 512x512");
        options.width = size->width();
        options.height = size->height();
    }
    return {};
}

QString GenerationArguments::model(const QCommandLineParser& parser) const
{
    return parser.value(m_model);
}

JobRunner::JobRunner(const Catalog& project, const QString& modelOption, const QString& precision)
    : m_model(modelFolder(project, modelOption))
{
    printProgress(QStringLiteral("loading %1").arg(QDir::toNativeSeparators(m_model)));
    m_backend = createGenerator();
    m_backend->preferPrecision(precision);
    m_backend->load(m_model);
    m_signals = std::make_unique<SignalCancel>();
}

JobRunner::~JobRunner() = default;

void JobRunner::fill(GenerationOptions& options) const
{
    options.model = m_model;
    options.modelHash = m_backend->modelHash();
    options.backend = m_backend->name();
}

qint64 JobRunner::run(Catalog& catalog, qint64 jobId, const QString& label)
{
    const qint64 before = catalog.job(jobId) ? catalog.job(jobId)->doneUnits : 0;
    qint64 lastDone = -1;
    const JobState outcome = GridJob::run(catalog, jobId, *m_backend, [&](const GridJobProgress& progress) {
        if (progress.cellsDone == lastDone)
            return;
        lastDone = progress.cellsDone;
        printProgress(QStringLiteral("%1: %2 of %3 cells").arg(label).arg(progress.cellsDone).arg(progress.cellsTotal));
    }, m_signals->flag());
    if (outcome == JobState::Cancelled) {
        // Ctrl+C is the CLI's quit: the job waits, queued, for the next run (the scheduler's rule).
        GenerationScheduler::settle(catalog, jobId, outcome, GenerationStop::Quit);
        throw GenerationError(catalog.path(), QStringLiteral("generation cancelled; run the same command again to go on"));
    }
    return catalog.job(jobId)->doneUnits - before;
}

qint64 JobRunner::resumeInterrupted(Catalog& catalog, const std::function<QString(qint64)>& label)
{
    // The studio's worker picks jobs by the same rules (GenerationScheduler).
    const GenerationScheduler scheduler(m_backend->modelHash());
    for (const Job& job : scheduler.jobsForOtherModels(catalog)) {
        try {
            const GridJobSpec spec = GridJobSpec::fromJson(job.payload);
            printProgress(QStringLiteral("job %1 waits for its own model %2").arg(job.id).arg(spec.options.model));
        } catch (const GenerationError& error) {
            printProgress(
                QStringLiteral("job %1 is not a grid job this version reads: %2").arg(job.id).arg(error.problem()));
        }
    }
    qint64 generated = 0;
    for (const Job& job : scheduler.runnableJobs(catalog)) {
        printProgress(QStringLiteral("resuming job %1").arg(job.id));
        generated += run(catalog, job.id, label(GridJobSpec::fromJson(job.payload).segmentId));
    }
    return generated;
}

} // namespace tessera::cli
