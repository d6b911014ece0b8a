// tessera-cli: the headless face of Tessera. Thin: each verb lives in its own Command*.cpp.
#include "CliContext.h"

#include "tessera/audio/AudioDecoder.h"
#include "tessera/core/BuildInfo.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>

using namespace tessera::cli;

namespace {

const QVector<Command>& commands()
{
    static const QVector<Command> list{
        {QStringLiteral("new"), QStringLiteral("Create a new project file"), runNew},
        {QStringLiteral("info"), QStringLiteral("Describe a project (--json for scripts)"), runInfo},
        {QStringLiteral("check"), QStringLiteral("Check a project's integrity"), runCheck},
        {QStringLiteral("lyrics"), QStringLiteral("Import or export a project's lyrics (LRC, SRT, text)"), runLyrics},
        {QStringLiteral("stem"), QStringLiteral("Add, list or remove stems that drive features"), runStem},
        {QStringLiteral("analyze"), QStringLiteral("Analyse the song: tempo, beats, features, a plot"), runAnalyze},
        {QStringLiteral("cell"), QStringLiteral("Curate a cell: accept a version, reject, lock, import an image"), runCell},
        {QStringLiteral("grade"), QStringLiteral("Set exposure (stops), gamma, saturation of the project, a segment or a cell"), runGrade},
        {QStringLiteral("match-exposure"), QStringLiteral("Match the brightness of a segment's cells"), runMatchExposure},
        {QStringLiteral("settings"), QStringLiteral("Show or change the style and negative prompts, LoRAs and embeddings of every cell"), runSettings},
        {QStringLiteral("segment"), QStringLiteral("Show or edit a segment's prompt, seed, grid and axes"), runSegment},
        {QStringLiteral("generate"), QStringLiteral("Generate the pending cells of the grids (resumable job; --shard K/N for other machines)"), runGenerate},
        {QStringLiteral("merge"), QStringLiteral("Fold shard files made by generate --shard back into the project"), runMerge},
        {QStringLiteral("farm"), QStringLiteral("Generate on a Slurm cluster: submit a job array of shards and a merge, status, resubmit"), runFarm},
        {QStringLiteral("cells"), QStringLiteral("List a segment's cells with versions and coherence (--suspects first)"), runCells},
        {QStringLiteral("regenerate"), QStringLiteral("Generate a new version of one cell (new seed), keeping the old ones"), runRegenerate},
        {QStringLiteral("refine"), QStringLiteral("Double a grid's density along an axis, new cells between the least alike first"), runRefine},
        {QStringLiteral("sample"), QStringLiteral("Sample one image from a model, outside any project (--tensor: exact float output)"), runSample},
        {QStringLiteral("models"), QStringLiteral("List the models in folders and the bundled one (family, resolution, precision)"), runModels},
        {QStringLiteral("export"), QStringLiteral("Render the music-synced video (H.264/AAC MP4, ProRes, PNG frames)"), runExport},
        {QStringLiteral("render-settings"), QStringLiteral("Show or change frame fit, the video's display and burned-in lyrics"), runRenderSettings},
        {QStringLiteral("grid-sheet"), QStringLiteral("Draw a segment's grid as a contact sheet, suspects outlined"), runGridSheet},
        {QStringLiteral("render-cell"), QStringLiteral("Render a cell through its grade and the display transform"), runRenderCell},
#ifdef TESSERA_CLI_UPSCALE
        {QStringLiteral("upscale"), QStringLiteral("Upscale an image x2, x3, x4 or x8 with ESRGAN (AI super-resolution)"), runUpscale},
#endif
    };
    return list;
}

int printUsage(CliContext& context)
{
    context.out() << "Usage: tessera-cli <command> [options] [arguments]\n\n"
                  << "Turns a song and its lyrics into a music video of AI-generated images.\n\n"
                  << "Commands:\n";
    for (const Command& command : commands())
        context.out() << "  " << command.name.leftJustified(16) << command.summary << "\n";
    context.out() << "\nOptions:\n  -h, --help     Show this help; '<command> --help' for a command.\n"
                  << "  --version      Show the version.\n";
    context.out().flush();
    return Success;
}

} // namespace

int main(int argc, char* argv[])
{
    // Plots and cell renders draw text with QPainter, which needs a QGuiApplication; the CLI
    // never opens a window, so it runs on the offscreen platform unless told otherwise.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        // The same private folder Qt would fall back to, without its warning on every run.
        const QString runtime = QDir::tempPath() + QStringLiteral("/runtime-") + qEnvironmentVariable("USER", QStringLiteral("tessera"));
        if (QDir().mkpath(runtime) && QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
            qputenv("XDG_RUNTIME_DIR", runtime.toLocal8Bit());
    }
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tessera-cli"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(tessera::kVersionString));
    CliContext context;
    // Errors reach the user as one line naming the file; FFmpeg's own chatter would bury it.
    tessera::setDecoderLogging(false);

    QStringList arguments = QCoreApplication::arguments().mid(1);
    if (arguments.isEmpty()) {
        printUsage(context);
        return UsageError;
    }
    const QString verb = arguments.constFirst();
    if (verb == QLatin1String("--version") || verb == QLatin1String("-v")) {
        context.out() << "tessera-cli " << tessera::kVersionString << Qt::endl;
        return Success;
    }
    if (verb == QLatin1String("--help") || verb == QLatin1String("-h") || verb == QLatin1String("help")) {
        arguments.removeFirst();
        if (arguments.isEmpty())
            return printUsage(context);
        arguments = QStringList{arguments.constFirst(), QStringLiteral("--help")}; // help COMMAND
    }
    const QString name = arguments.takeFirst();
    for (const Command& command : commands()) {
        if (command.name == name)
            return command.run(context, arguments);
    }
    return context.usageError(name, QStringLiteral("unknown command"));
}
