// tessera-train: trains Tessera's bundled default model (Noto Color Emoji glyphs captioned with
// their Unicode names) with the engine's own networks and writes a diffusers-layout folder.
// Long runs checkpoint every few minutes and on SIGINT/SIGTERM; --resume continues bit for bit.

#include "BpeLearner.h"
#include "EmojiDataset.h"
#include "TrainReport.h"
#include "Trainer.h"

#include "tessera/diffusion/DiffusionError.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>

#include <atomic>
#include <csignal>
#include <ctime>
#include <cstdio>
#include <deque>
#include <fstream>
#include <numeric>

using namespace tessera;
using namespace tessera::train;

namespace {

std::atomic<bool> g_stop{false};

void requestStop(int) { g_stop = true; }

QString duration(double seconds)
{
    const auto s = static_cast<qint64>(seconds);
    return s >= 3600 ? QStringLiteral("%1h%2m").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1m%2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

void say(const QString& line)
{
    std::fprintf(stdout, "%s\n", qPrintable(line));
    std::fflush(stdout);
}

// A few prompts that name things found among the captions, for the preview sheet.
const std::vector<std::string> kPreviewPrompts{"red heart", "full moon", "fire", "sun", "rose", "snowflake",
                                               "water wave", "grinning face"};

struct Options
{
    QString out;
    bool resume = false;
    int threads = 2;
    double checkpointMinutes = 5;
    double previewMinutes = 15;
    int logEvery = 50;
    int stopAfter = 0; // steps in this invocation (0: until the recipe's total)
    int resumeSteps = 0; // --steps with --resume: a new total for the schedule
    bool preview = true;
};

void checkpoint(Trainer& trainer, const Options& options, bool withPreview)
{
    QElapsedTimer timer;
    timer.start();
    const QDir out(options.out);
    trainer.saveCheckpoint(out.filePath(QStringLiteral("checkpoint.safetensors")).toStdString());
    trainer.exportModel(out.filePath(QStringLiteral("model")).toStdString());
    writeLossCurve(trainer.losses(), 100, out.filePath(QStringLiteral("loss.png")).toStdString());
    const float evalLive = trainer.evaluate(false);
    const float evalEma = trainer.evaluate(true);
    QString previewNote;
    if (withPreview) {
        const double seconds = writePreview(out.filePath(QStringLiteral("model")).toStdString(), kPreviewPrompts, 30,
                                            4.0, out.filePath(QStringLiteral("preview.png")).toStdString());
        previewNote = QStringLiteral(", preview %1 s/image").arg(seconds / kPreviewPrompts.size(), 0, 'f', 2);
        Trainer::setComputeThreads(options.threads); // the pipeline sets its own thread count
    }
    say(QStringLiteral("checkpoint at step %1: fixed-set loss %2 (EMA %3)%4, %5 s")
            .arg(trainer.stepsDone())
            .arg(evalLive, 0, 'f', 4)
            .arg(evalEma, 0, 'f', 4)
            .arg(previewNote)
            .arg(static_cast<double>(timer.elapsed()) / 1000.0, 0, 'f', 1));
}

int run(const TrainRecipe& given, const Options& options)
{
    QDir().mkpath(options.out);
    const QDir out(options.out);
    const auto checkpointPath = out.filePath(QStringLiteral("checkpoint.safetensors")).toStdString();
    const auto tokenizerFolder = out.filePath(QStringLiteral("model/tokenizer")).toStdString();
    TrainRecipe recipe = given;
    std::map<std::string, std::string> tokenizerFiles;
    if (options.resume) {
        recipe = Trainer::checkpointRecipe(checkpointPath, &tokenizerFiles);
        if (options.resumeSteps > 0)
            recipe.totalSteps = options.resumeSteps;
        QDir().mkpath(QString::fromStdString(tokenizerFolder));
        for (const auto& [name, text] : tokenizerFiles) {
            std::ofstream file(tokenizerFolder + "/" + name, std::ios::binary | std::ios::trunc);
            file << text;
            if (!file)
                throw DiffusionError(tokenizerFolder + "/" + name, "cannot write the file");
        }
    }
    Trainer::setComputeThreads(options.threads);

    QElapsedTimer timer;
    timer.start();
    EmojiDatasetOptions dataOptions;
    dataOptions.size = recipe.imageSize;
    dataOptions.limit = recipe.imageLimit;
    EmojiDatasetReport report;
    auto data = renderEmojiDataset(dataOptions, &report);
    const auto dataNote = QStringLiteral("Noto Color Emoji (fonts-noto-color-emoji) glyphs captioned from "
                                         "emoji-test.txt (unicode-data): %1 fully-qualified emoji without "
                                         "skin-tone variants, %2 rendered at %3x%3 on white, %4 drew nothing, "
                                         "%5 not ligated by the font")
                              .arg(report.fullyQualified)
                              .arg(report.rendered)
                              .arg(recipe.imageSize)
                              .arg(report.skippedEmpty)
                              .arg(report.skippedSequence);
    say(QStringLiteral("data: %1; %2 s").arg(dataNote).arg(static_cast<double>(timer.elapsed()) / 1000.0, 0, 'f', 1));
    writeDatasetSheet(data, recipe.imageSize, 48, 48 * 40, out.filePath(QStringLiteral("dataset.png")).toStdString());
    {
        std::ofstream captions(out.filePath(QStringLiteral("captions.txt")).toStdString());
        for (const auto& item : data)
            captions << item.caption << '\n';
    }

    if (!options.resume) {
        std::vector<std::string> captions;
        for (const auto& item : data)
            captions.push_back(item.caption);
        const auto vocabulary = learnBpe(captions, recipe.vocabSize);
        writeTokenizerFolder(vocabulary, tokenizerFolder, recipe.contextLength);
        say(QStringLiteral("tokenizer: %1 tokens, %2 merges").arg(vocabulary.tokens.size()).arg(vocabulary.merges.size()));
    }
    Trainer trainer(recipe, std::move(data), tokenizerFolder);
    trainer.setDataNote(dataNote.toStdString());
    if (options.resume) {
        trainer.loadCheckpoint(checkpointPath);
        say(QStringLiteral("resumed at step %1").arg(trainer.stepsDone()));
    }
    say(QStringLiteral("networks: UNet %1 parameters, text encoder %2; batch %3, %4 steps in all")
            .arg(trainer.unetParameters())
            .arg(trainer.textParameters())
            .arg(recipe.batchSize)
            .arg(recipe.totalSteps));
    {
        std::ofstream file(out.filePath(QStringLiteral("recipe.json")).toStdString());
        file << recipe.toJson() << '\n';
    }

    const int target = options.stopAfter > 0 ? std::min(recipe.totalSteps, trainer.stepsDone() + options.stopAfter)
                                             : recipe.totalSteps;
    QElapsedTimer sinceCheckpoint, sincePreview, interval;
    sinceCheckpoint.start();
    sincePreview.start();
    interval.start();
    int intervalStart = trainer.stepsDone();
    std::clock_t intervalCpu = std::clock();
    double trainSeconds = 0;
    while (trainer.stepsDone() < target && !g_stop) {
        trainer.step();
        const int done = trainer.stepsDone();
        if (done % options.logEvery == 0 || done == target) {
            const double seconds = static_cast<double>(interval.nsecsElapsed()) * 1e-9;
            trainSeconds += seconds;
            const double stepsPerSecond = (done - intervalStart) / std::max(seconds, 1e-9);
            const auto& losses = trainer.losses();
            const std::size_t window = std::min<std::size_t>(losses.size(), static_cast<std::size_t>(options.logEvery));
            const double mean = std::accumulate(losses.end() - static_cast<std::ptrdiff_t>(window), losses.end(), 0.0)
                / static_cast<double>(std::max<std::size_t>(window, 1));
            const double cpuPerStep = static_cast<double>(std::clock() - intervalCpu) / CLOCKS_PER_SEC
                / std::max(1, done - intervalStart);
            say(QStringLiteral("step %1/%2  loss %3  %4 steps/s  %5 images/s  cpu %7 s/step  ETA %6")
                    .arg(done)
                    .arg(recipe.totalSteps)
                    .arg(mean, 0, 'f', 4)
                    .arg(stepsPerSecond, 0, 'f', 2)
                    .arg(stepsPerSecond * recipe.batchSize, 0, 'f', 1)
                    .arg(duration((target - done) / std::max(stepsPerSecond, 1e-9)))
                    .arg(cpuPerStep, 0, 'f', 2));
            intervalStart = done;
            intervalCpu = std::clock();
            interval.restart();
        }
        if (static_cast<double>(sinceCheckpoint.elapsed()) > options.checkpointMinutes * 60000.0) {
            const bool preview = options.preview
                && static_cast<double>(sincePreview.elapsed()) > options.previewMinutes * 60000.0;
            checkpoint(trainer, options, preview);
            if (preview)
                sincePreview.restart();
            sinceCheckpoint.restart();
            interval.restart();
            intervalStart = trainer.stepsDone();
            intervalCpu = std::clock();
        }
    }
    checkpoint(trainer, options, options.preview);
    say(QStringLiteral("%1 at step %2 after %3 of training; model folder: %4")
            .arg(g_stop ? QStringLiteral("stopped") : QStringLiteral("done"))
            .arg(trainer.stepsDone())
            .arg(duration(trainer.trainingSeconds()))
            .arg(out.filePath(QStringLiteral("model"))));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // renders glyphs; needs no display
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tessera-train"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Trains Tessera's bundled text-to-image model on Noto Color Emoji glyphs captioned with their "
        "Unicode names, and writes a diffusers-layout model folder (OUT/model) that the engine loads.\n"
        "OUT also receives checkpoint.safetensors (weights, EMA, optimiser, step, RNG), loss.png, "
        "preview.png, dataset.png, captions.txt and recipe.json."));
    parser.addHelpOption();
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Output folder."), QStringLiteral("DIR"));
    const QCommandLineOption resumeOption(QStringLiteral("resume"),
                                          QStringLiteral("Continue from OUT/checkpoint.safetensors (its recipe wins; --steps may lengthen it)."));
    const QCommandLineOption stepsOption(QStringLiteral("steps"), QStringLiteral("Total steps (default 14000)."),
                                         QStringLiteral("N"));
    const QCommandLineOption batchOption(QStringLiteral("batch"), QStringLiteral("Batch size (default 32)."),
                                         QStringLiteral("N"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Seed (default 1234)."),
                                        QStringLiteral("S"));
    const QCommandLineOption lrOption(QStringLiteral("lr"), QStringLiteral("Peak learning rate (default 5e-4)."),
                                      QStringLiteral("X"));
    const QCommandLineOption limitOption(QStringLiteral("limit"),
                                         QStringLiteral("Use only the first N emoji (default: all)."),
                                         QStringLiteral("N"));
    const QCommandLineOption tinyOption(QStringLiteral("tiny"),
                                        QStringLiteral("A tiny network (16/32 channels) for smoke tests."));
    const QCommandLineOption threadsOption(QStringLiteral("threads"),
                                           QStringLiteral("libtorch intra-op threads (default 2)."),
                                           QStringLiteral("N"));
    const QCommandLineOption everyOption(QStringLiteral("checkpoint-minutes"),
                                         QStringLiteral("Minutes between checkpoints (default 5; preview.png every 15)."),
                                         QStringLiteral("M"));
    const QCommandLineOption logOption(QStringLiteral("log-every"),
                                       QStringLiteral("Steps between progress lines (default 50)."),
                                       QStringLiteral("N"));
    const QCommandLineOption stopOption(QStringLiteral("stop-after"),
                                        QStringLiteral("Stop (with a checkpoint) after N steps of this invocation."),
                                        QStringLiteral("N"));
    const QCommandLineOption channelsOption(QStringLiteral("channels"),
                                            QStringLiteral("UNet block channels, one level each (default 32,64,96)."),
                                            QStringLiteral("LIST"));
    const QCommandLineOption attentionOption(QStringLiteral("attention"),
                                             QStringLiteral("Cross-attention per level, 0 or 1 (default 0,0,1)."),
                                             QStringLiteral("LIST"));
    const QCommandLineOption textWidthOption(QStringLiteral("text-width"),
                                             QStringLiteral("Text encoder width (default 128)."), QStringLiteral("N"));
    const QCommandLineOption previewOnlyOption(
        QStringLiteral("preview-only"),
        QStringLiteral("Only load OUT/model with the engine and sample OUT/preview.png (e.g. while a run goes on)."));
    const QCommandLineOption noPreviewOption(QStringLiteral("no-preview"),
                                             QStringLiteral("Do not sample preview.png at checkpoints."));
    parser.addOptions({outOption, resumeOption, stepsOption, batchOption, seedOption, lrOption, limitOption,
                       tinyOption, threadsOption, everyOption, logOption, stopOption, noPreviewOption, channelsOption,
                       attentionOption, textWidthOption, previewOnlyOption});
    parser.process(app);
    if (!parser.isSet(outOption)) {
        std::fprintf(stderr, "tessera-train: --out DIR is required (see --help)\n");
        return 2;
    }

    TrainRecipe recipe;
    Options options;
    const auto intValue = [&](const QCommandLineOption& option, int& target) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        const int value = parser.value(option).toInt(&ok);
        if (ok && value > 0)
            target = value;
        return ok && value > 0;
    };
    if (parser.isSet(tinyOption))
        recipe.makeTiny();
    int seed = static_cast<int>(recipe.seed);
    bool ok = intValue(stepsOption, recipe.totalSteps) && intValue(batchOption, recipe.batchSize)
        && intValue(seedOption, seed) && intValue(limitOption, recipe.imageLimit)
        && intValue(threadsOption, options.threads) && intValue(logOption, options.logEvery)
        && intValue(stopOption, options.stopAfter);
    recipe.seed = static_cast<std::uint64_t>(seed);
    ok = ok && intValue(textWidthOption, recipe.textWidth);
    const auto intList = [&](const QCommandLineOption& option, std::vector<int>& target) {
        if (!parser.isSet(option))
            return true;
        std::vector<int> values;
        for (const auto& part : parser.value(option).split(QLatin1Char(','))) {
            bool partOk = false;
            values.push_back(part.trimmed().toInt(&partOk));
            if (!partOk || values.back() < 0)
                return false;
        }
        target = values;
        return true;
    };
    std::vector<int> attention(recipe.attention.begin(), recipe.attention.end());
    ok = ok && intList(channelsOption, recipe.channels) && intList(attentionOption, attention);
    recipe.attention.assign(attention.begin(), attention.end());
    if (recipe.attention.size() != recipe.channels.size()) {
        std::fprintf(stderr, "tessera-train: --channels and --attention need one entry per level\n");
        return 2;
    }
    if (parser.isSet(lrOption))
        recipe.learningRate = parser.value(lrOption).toDouble(&ok);
    if (parser.isSet(everyOption)) {
        bool minutesOk = false;
        options.checkpointMinutes = parser.value(everyOption).toDouble(&minutesOk);
        ok = ok && minutesOk;
    }
    if (!ok) {
        std::fprintf(stderr, "tessera-train: a numeric option has a bad value (see --help)\n");
        return 2;
    }
    options.out = parser.value(outOption);
    options.resume = parser.isSet(resumeOption);
    if (options.resume && parser.isSet(stepsOption))
        options.resumeSteps = recipe.totalSteps;
    options.preview = !parser.isSet(noPreviewOption);

    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    try {
        if (parser.isSet(previewOnlyOption)) {
            const QDir out(options.out);
            const auto path = out.filePath(QStringLiteral("preview.png"));
            const double seconds = writePreview(out.filePath(QStringLiteral("model")).toStdString(), kPreviewPrompts,
                                                30, 4.0, path.toStdString());
            say(QStringLiteral("%1: %2 images, %3 s/image").arg(path).arg(kPreviewPrompts.size())
                    .arg(seconds / kPreviewPrompts.size(), 0, 'f', 2));
            return 0;
        }
        return run(recipe, options);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "tessera-train: %s\n", e.what());
        return 1;
    }
}
