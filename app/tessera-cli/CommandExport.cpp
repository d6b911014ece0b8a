// export: the music-synced video of a project, composed frame by frame and encoded with FFmpeg.
#include "CliContext.h"
#include "ProjectArguments.h"
#include "SignalCancel.h"
#ifdef TESSERA_CLI_UPSCALE
#include "EsrganRunner.h"
#endif

#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/CatalogError.h"
#include "tessera/core/RenderSettings.h"
#include "tessera/core/TimeFormat.h"
#include "tessera/export/ExportError.h"
#include "tessera/export/ExportSettings.h"
#include "tessera/render/ProjectExport.h"

#include <QFileInfo>

#include <cmath>
#include <cstdio>
#include <unistd.h>

namespace tessera::cli {

namespace {

//! "12.5", "1:02.5" or "1:02:03" as seconds; negative when malformed.
double parseTime(const QString& text)
{
    const QStringList parts = text.trimmed().split(QLatin1Char(':'));
    if (parts.isEmpty() || parts.size() > 3)
        return -1.0;
    double seconds = 0.0;
    for (const QString& part : parts) {
        bool ok = false;
        const double value = part.toDouble(&ok);
        if (!ok || value < 0.0)
            return -1.0;
        seconds = seconds * 60.0 + value;
    }
    return seconds;
}

} // namespace

int runExport(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption fpsOption(QStringLiteral("fps"), QStringLiteral("Frame rate: 24, 25, 30, 60 or a fraction such as 30000/1001 (default: the project's)."), QStringLiteral("RATE"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Frame size, even numbers up to 3840x2160 (default: the project's)."), QStringLiteral("WxH"));
    const QCommandLineOption crfOption(QStringLiteral("crf"), QStringLiteral("x264 quality, 0 (lossless) to 51; lower is better (default 18)."), QStringLiteral("N"));
    const QCommandLineOption presetOption(QStringLiteral("preset"), QStringLiteral("x264 speed preset, ultrafast .. veryslow (default medium)."), QStringLiteral("NAME"));
    const QCommandLineOption formatOption(QStringLiteral("format"), QStringLiteral("h264 (MP4, default), prores (ProRes 422 in .mov, for editing) or png (a folder of frames)."), QStringLiteral("FORMAT"));
    const QCommandLineOption captionsOption(QStringLiteral("captions"), QStringLiteral("Burn in the lyrics (the current word highlighted when words are timed)."));
    const QCommandLineOption noCaptionsOption(QStringLiteral("no-captions"), QStringLiteral("Leave the lyrics out even when the project burns them in."));
    const QCommandLineOption rangeOption(QStringLiteral("range"), QStringLiteral("Only this part of the song, START-END in seconds or M:SS.s (e.g. 0:30-0:45)."), QStringLiteral("START-END"));
    const QCommandLineOption upscaleOption(QStringLiteral("upscale"),
        QStringLiteral("Upscale cells smaller than the frame with ESRGAN first: slim, medium, thick, or none (default: the "
                       "project's render settings). Each version is upscaled once and kept in the project."),
        QStringLiteral("NETWORK"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Report as JSON."));
    parser.addOptions({fpsOption, sizeOption, crfOption, presetOption, formatOption, captionsOption, noCaptionsOption, rangeOption,
        upscaleOption, jsonOption});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("The project file."));
    parser.addPositionalArgument(QStringLiteral("OUT"), QStringLiteral("The video to write (written aside and renamed when complete)."));
    if (const int handled = context.parse(parser, QStringLiteral("export"), arguments,
            QStringLiteral("Render the music-synced video: every frame composed from the grids as the song drives them, the song as its soundtrack. "
                           "H.264 High, yuv420p, BT.709, AAC, MP4 with the index first. Ctrl+C cancels and leaves no partial file."));
        handled >= 0)
        return handled;
    if (parser.positionalArguments().size() != 2)
        return context.usageError(QStringLiteral("export"), QStringLiteral("expected PROJECT OUT"));

    ExportSettings settings;
    if (parser.isSet(formatOption)) {
        const auto format = exportFormatFromName(parser.value(formatOption));
        if (!format)
            return context.usageError(QStringLiteral("export"), QStringLiteral("--format takes h264, prores or png"));
        settings.format = *format;
    }
    std::optional<FrameRate> rate;
    if (parser.isSet(fpsOption)) {
        rate = FrameRate::fromString(parser.value(fpsOption));
        if (!rate)
            return context.usageError(QStringLiteral("export"), QStringLiteral("--fps takes a rate such as 30 or 30000/1001"));
    }
    int width = 0;
    int height = 0;
    if (parser.isSet(sizeOption)) {
        const std::optional<QSize> size = parseSize(parser.value(sizeOption));
        if (!size)
            return context.usageError(QStringLiteral("export"), QStringLiteral("--size takes WxH, e.g. 1920x1080"));
        width = size->width();
        height = size->height();
    }
    if (parser.isSet(crfOption)) {
        bool ok = false;
        settings.crf = parser.value(crfOption).toInt(&ok);
        if (!ok || settings.crf < 0 || settings.crf > 51)
            return context.usageError(QStringLiteral("export"), QStringLiteral("--crf takes a number from 0 to 51"));
    }
    if (parser.isSet(presetOption))
        settings.x264Preset = parser.value(presetOption);
    double rangeStart = 0.0;
    double rangeEnd = -1.0;
    if (parser.isSet(rangeOption)) {
        const QStringList bounds = parser.value(rangeOption).split(QLatin1Char('-'));
        rangeStart = bounds.size() == 2 ? parseTime(bounds[0]) : -1.0;
        rangeEnd = bounds.size() == 2 ? parseTime(bounds[1]) : -1.0;
        if (rangeStart < 0.0 || rangeEnd <= rangeStart)
            return context.usageError(QStringLiteral("export"), QStringLiteral("--range takes START-END with START before END, e.g. 0:30-0:45"));
    }
    if (parser.isSet(captionsOption) && parser.isSet(noCaptionsOption))
        return context.usageError(QStringLiteral("export"), QStringLiteral("--captions and --no-captions exclude each other"));
    std::optional<QString> upscale;
    if (parser.isSet(upscaleOption)) {
        const QString network = parser.value(upscaleOption);
        if (network != QLatin1String("none") && !RenderSettings::upscaleNetworks().contains(network))
            return context.usageError(QStringLiteral("export"), QStringLiteral("--upscale takes slim, medium, thick or none"));
        upscale = network == QLatin1String("none") ? QString() : network;
    }

    return context.guarded([&] {
        ProjectExportRequest request;
        request.projectPath = parser.positionalArguments().at(0);
        request.outputPath = parser.positionalArguments().at(1);
        request.format = settings.format;
        request.width = width;
        request.height = height;
        request.frameRate = rate;
        request.crf = settings.crf;
        request.x264Preset = settings.x264Preset;
        request.rangeStart = rangeStart;
        request.rangeEnd = rangeEnd;
        if (parser.isSet(captionsOption))
            request.captions = true;
        if (parser.isSet(noCaptionsOption))
            request.captions = false;
        request.upscale = upscale;

        const SignalCancel cancel; // Ctrl+C cancels the export, which leaves no partial file
        const bool terminal = isatty(STDERR_FILENO) == 1;
        qint64 lastPrinted = -1;
        const auto progress = [&](const ExportProgress& p) {
            // A live line on a terminal; in logs a line every 10%.
            const qint64 decile = p.frameCount > 0 ? p.framesDone * 10 / p.frameCount : 0;
            if (terminal || decile != lastPrinted || p.framesDone == p.frameCount) {
                lastPrinted = decile;
                std::fprintf(stderr, "%sexport: frame %lld of %lld, %.1f fps, ETA %s%s", terminal ? "\r" : "",
                    static_cast<long long>(p.framesDone), static_cast<long long>(p.frameCount), p.framesPerSecond,
                    qPrintable(formatSongTime(millisecondsFromSeconds(p.etaSeconds))), terminal ? "   " : "\n");
                std::fflush(stderr);
            }
            return !cancel.requested();
        };
#ifdef TESSERA_CLI_UPSCALE
        request.upscaler = [&cancel, terminal](const QImage& cell, int factor, const QString& network) {
            // A large cell takes thick minutes: say why the frame count stands still.
            std::fprintf(stderr, "%supscaling a %dx%d cell x%d with ESRGAN %s\n", terminal ? "\n" : "", cell.width(), cell.height(),
                factor, qPrintable(network));
            return upscaler::esrganUpscale(cell, factor, upscaler::esrganModelsDir(network), cancel.flag());
        };
#endif
        ProjectExportResult exported;
        try {
            exported = exportProject(request, progress);
        } catch (...) {
            if (terminal)
                std::fprintf(stderr, "\n");
            throw;
        }
        if (terminal)
            std::fprintf(stderr, "\n");
        if (!exported.upscale.isEmpty()) {
            std::fprintf(stderr, "upscaled with ESRGAN %s: %d cell(s) now, %d kept from earlier exports\n",
                qPrintable(exported.upscale), exported.cellsUpscaled, exported.upscalesReused);
        }
        if (!exported.colorNote.isEmpty())
            std::fprintf(stderr, "note: %s\n", exported.colorNote.toLocal8Bit().constData());
        const ExportResult& result = exported.video;
        const ExportSettings& used = exported.settings;

        if (parser.isSet(jsonOption)) {
            context.printJson({{QStringLiteral("out"), result.outputPath}, {QStringLiteral("frames"), result.frameCount},
                {QStringLiteral("seconds"), result.durationSeconds}, {QStringLiteral("bytes"), result.bytes},
                {QStringLiteral("audio"), result.hasAudio}, {QStringLiteral("fps"), used.frameRate.toString()},
                {QStringLiteral("width"), used.width}, {QStringLiteral("height"), used.height},
                {QStringLiteral("display"), exported.display}, {QStringLiteral("view"), exported.view},
                {QStringLiteral("elapsedSeconds"), result.elapsedSeconds}, {QStringLiteral("renderFps"), result.framesPerSecond},
                {QStringLiteral("upscale"), exported.upscale}, {QStringLiteral("cellsUpscaled"), exported.cellsUpscaled},
                {QStringLiteral("upscalesReused"), exported.upscalesReused}});
        } else {
            context.out() << "Exported " << result.frameCount << " frames ("
                          << formatSongTime(millisecondsFromSeconds(result.durationSeconds)) << ", " << used.width
                          << "x" << used.height << " at " << used.frameRate.toString() << " fps, " << exported.display
                          << " / " << exported.view << ") to " << result.outputPath << " in "
                          << QString::number(result.elapsedSeconds, 'f', 1) << " s ("
                          << QString::number(result.framesPerSecond, 'f', 1) << " fps)" << Qt::endl;
        }
        return int(Success);
    });
}

} // namespace tessera::cli
