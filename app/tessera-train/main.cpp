// tessera-train: trains Tessera's bundled default model (Noto Color Emoji glyphs captioned with
// their Unicode names) with the engine's own networks and writes a diffusers-layout folder.
// Long runs checkpoint every few minutes and on SIGINT/SIGTERM; --resume continues bit for bit.

#include "BpeLearner.h"
#include "DatasetFile.h"
#include "EmojiDataset.h"
#include "TrainLoop.h"
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
#include <cstdio>
#include <fstream>

using namespace tessera;
using namespace tessera::train;

namespace {

std::atomic<bool> g_stop{false};

void requestStop(int) { g_stop = true; }

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
    bool prepareOnly = false;
    int threads = 2;
    std::string device = "cpu";
    TrainLoopOptions loop;
    int resumeSteps = 0; // --steps with --resume: a new total for the schedule
};

QString outPath(const Options& options, const char* name)
{
    return QDir(options.out).filePath(QString::fromLatin1(name));
}

// The loss history of OUT: the checkpoint's when there is one, else losses.txt (written by
// tessera-train-headless, whose checkpoint may stay on the machine that trained).
std::vector<float> storedLosses(const Options& options)
{
    std::vector<float> losses;
    const auto checkpointPath = outPath(options, "checkpoint.safetensors");
    if (QFile::exists(checkpointPath))
        return Trainer::checkpointLosses(checkpointPath.toStdString());
    std::ifstream in(outPath(options, "losses.txt").toStdString());
    if (!in)
        throw DiffusionError(options.out.toStdString(), "has neither checkpoint.safetensors nor losses.txt");
    for (float value; in >> value;)
        losses.push_back(value);
    return losses;
}

double samplePreview(const Options& options)
{
    const double seconds = writePreview(outPath(options, "model").toStdString(), kPreviewPrompts, 30, 4.0,
                                        outPath(options, "preview.png").toStdString());
    Trainer::setComputeThreads(options.threads); // the pipeline sets its own thread count
    return seconds / static_cast<double>(kPreviewPrompts.size());
}

void checkpoint(Trainer& trainer, const Options& options, bool withPreview)
{
    QElapsedTimer timer;
    timer.start();
    QString line = QString::fromStdString(writeCheckpointAndModel(trainer, options.out.toStdString()));
    writeLossCurve(trainer.losses(), 100, outPath(options, "loss.png").toStdString());
    if (withPreview)
        line += QStringLiteral(", preview %1 s/image").arg(samplePreview(options), 0, 'f', 2);
    say(line + QStringLiteral(", %1 s").arg(static_cast<double>(timer.elapsed()) / 1000.0, 0, 'f', 1));
}

int run(const TrainRecipe& given, const Options& options)
{
    QDir().mkpath(options.out);
    const auto checkpointPath = outPath(options, "checkpoint.safetensors").toStdString();
    const auto tokenizerFolder = outPath(options, "model/tokenizer").toStdString();
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
    writeDatasetSheet(data, recipe.imageSize, 48, 48 * 40, outPath(options, "dataset.png").toStdString());
    {
        std::ofstream captions(outPath(options, "captions.txt").toStdString());
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
    {
        std::ofstream file(outPath(options, "recipe.json").toStdString());
        file << recipe.toJson() << '\n';
    }
    if (options.prepareOnly) {
        // everything tessera-train-headless needs, on a machine without Qt or the font
        saveDatasetFile(DatasetFile{recipe.imageSize, dataNote.toStdString(), std::move(data)},
                        outPath(options, "dataset.safetensors").toStdString());
        say(QStringLiteral("prepared %1: dataset.safetensors, recipe.json, model/tokenizer/; train with "
                           "tessera-train-headless --out %1 [--device cuda]").arg(options.out));
        return 0;
    }
    Trainer trainer(recipe, std::move(data), tokenizerFolder, options.device);
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

    TrainLoopHooks hooks;
    hooks.say = [](const std::string& line) { say(QString::fromStdString(line)); };
    hooks.checkpoint = [&](bool withPreview) { checkpoint(trainer, options, withPreview); };
    const bool finished = runTrainingLoop(trainer, options.loop, hooks, g_stop);
    say(QStringLiteral("%1 at step %2 after %3 of training; model folder: %4")
            .arg(finished ? QStringLiteral("done") : QStringLiteral("stopped"))
            .arg(trainer.stepsDone())
            .arg(QString::fromStdString(formatDuration(trainer.trainingSeconds())))
            .arg(outPath(options, "model")));
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
    const QCommandLineOption stepsOption(QStringLiteral("steps"), QStringLiteral("Total steps (default 8000)."),
                                         QStringLiteral("N"));
    const QCommandLineOption batchOption(QStringLiteral("batch"), QStringLiteral("Batch size (default 64)."),
                                         QStringLiteral("N"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Seed (default 1234)."),
                                        QStringLiteral("S"));
    const QCommandLineOption lrOption(QStringLiteral("lr"), QStringLiteral("Peak learning rate (default 7e-4)."),
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
    const QCommandLineOption reportOption(
        QStringLiteral("report"),
        QStringLiteral("Only draw OUT/loss.png (from the checkpoint or losses.txt) and sample OUT/preview.png."));
    const QCommandLineOption prepareOption(
        QStringLiteral("prepare-only"),
        QStringLiteral("Render the data, learn the tokenizer and write OUT/dataset.safetensors and OUT/recipe.json "
                       "for tessera-train-headless (a machine without Qt, e.g. with a GPU), then stop."));
    const QCommandLineOption deviceOption(QStringLiteral("device"),
                                          QStringLiteral("cpu (default) or cuda."), QStringLiteral("DEVICE"));
    const QCommandLineOption noPreviewOption(QStringLiteral("no-preview"),
                                             QStringLiteral("Do not sample preview.png at checkpoints."));
    parser.addOptions({outOption, resumeOption, stepsOption, batchOption, seedOption, lrOption, limitOption,
                       tinyOption, threadsOption, everyOption, logOption, stopOption, noPreviewOption, channelsOption,
                       attentionOption, textWidthOption, previewOnlyOption, reportOption, prepareOption,
                       deviceOption});
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
        && intValue(threadsOption, options.threads) && intValue(logOption, options.loop.logEvery)
        && intValue(stopOption, options.loop.stopAfter);
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
        options.loop.checkpointMinutes = parser.value(everyOption).toDouble(&minutesOk);
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
    options.loop.preview = !parser.isSet(noPreviewOption);
    options.prepareOnly = parser.isSet(prepareOption);
    if (parser.isSet(deviceOption))
        options.device = parser.value(deviceOption).toStdString();

    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    try {
        if (parser.isSet(reportOption)) {
            const auto losses = storedLosses(options);
            writeLossCurve(losses, 100, outPath(options, "loss.png").toStdString());
            say(QStringLiteral("%1: %2 steps").arg(outPath(options, "loss.png")).arg(losses.size()));
        }
        if (parser.isSet(previewOnlyOption) || parser.isSet(reportOption)) {
            const double perImage = samplePreview(options);
            say(QStringLiteral("%1: %2 images, %3 s/image").arg(outPath(options, "preview.png"))
                    .arg(kPreviewPrompts.size()).arg(perImage, 0, 'f', 2));
            return 0;
        }
        return run(recipe, options);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "tessera-train: %s\n", e.what());
        return 1;
    }
}
