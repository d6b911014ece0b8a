// upscale: one image through the ESRGAN upscaler (UpscalerJS's esrgan-slim, -medium or -thick, run by the engine).
#include "CliContext.h"
#include "EsrganRunner.h"
#include "SignalCancel.h"

#include "tessera/core/RenderSettings.h"

#include <QElapsedTimer>
#include <QImage>
#include <QSaveFile>

namespace tessera::cli {

namespace {

// UpscalerJS's ESRGAN networks (EsrganUpscaler::networks(); the CLI does not link the engine). thick
// is the default: the only one at or above Lanczos in bench_upscale (README, "Upscaling with ESRGAN").
const QStringList& kNetworks = RenderSettings::upscaleNetworks();
const QString kDefaultNetwork = QStringLiteral("thick");

} // namespace

int runUpscale(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption scaleOption(QStringLiteral("scale"), QStringLiteral("2, 3, 4 or 8 (default 4)."),
        QStringLiteral("N"), QStringLiteral("4"));
    const QCommandLineOption networkOption(QStringLiteral("network"),
        QStringLiteral("UpscalerJS's network: slim (fastest), medium, or thick (the default: best, about 5x "
                       "medium's time), from %1/esrgan-NAME/models.").arg(QStringLiteral(TESSERA_ESRGAN_PACKAGES_DIR)),
        QStringLiteral("NAME"), kDefaultNetwork);
    const QCommandLineOption modelOption(QStringLiteral("model"),
        QStringLiteral("A TF.js ESRGAN model folder (model.json + shards), or a models/ folder of x2, x3, x4, x8, "
                       "instead of --network's (default: $TESSERA_ESRGAN_MODELS where set and --network is not)."),
        QStringLiteral("DIR"));
    parser.addOptions({scaleOption, networkOption, modelOption});
    parser.addPositionalArgument(QStringLiteral("IN"), QStringLiteral("The image to upscale (PNG, JPEG, ...; alpha is dropped)."));
    parser.addPositionalArgument(QStringLiteral("OUT.png"), QStringLiteral("The upscaled image to write (8-bit RGB PNG)."));
    if (const int handled = context.parse(parser, QStringLiteral("upscale"), arguments,
            QStringLiteral("Upscales an image with ESRGAN (UpscalerJS's esrgan-slim, -medium or -thick, MIT, run by\n"
                           "Tessera's libtorch engine): N times as wide and as high, in tiles so large images stay\n"
                           "within memory."));
        handled >= 0) {
        return handled;
    }
    if (parser.positionalArguments().size() != 2)
        return context.usageError(QStringLiteral("upscale"), QStringLiteral("expected IN OUT.png"));
    const int scale = parser.value(scaleOption).toInt();
    if (scale != 2 && scale != 3 && scale != 4 && scale != 8)
        return context.usageError(QStringLiteral("upscale"), QStringLiteral("--scale takes 2, 3, 4 or 8"));
    const QString network = parser.value(networkOption);
    if (!kNetworks.contains(network))
        return context.usageError(QStringLiteral("upscale"), QStringLiteral("--network takes slim, medium or thick"));
    const QString in = parser.positionalArguments().at(0);
    const QString out = parser.positionalArguments().at(1);

    return context.guarded([&] {
        const QImage source = QImage(in).convertToFormat(QImage::Format_RGB888);
        if (source.isNull())
            return context.fail(QStringLiteral("%1: cannot read the image").arg(in));
        const QString fromEnvironment = qEnvironmentVariable("TESSERA_ESRGAN_MODELS");
        const QString models = parser.isSet(modelOption)                                 ? parser.value(modelOption)
                               : !parser.isSet(networkOption) && !fromEnvironment.isEmpty() ? fromEnvironment
                                                                                           : upscaler::esrganModelsDir(network);
        SignalCancel cancel;
        QElapsedTimer timer;
        timer.start();
        const QImage result = upscaler::esrganUpscale(source, scale, models, cancel.flag());
        const double seconds = timer.elapsed() / 1000.0;

        QSaveFile file(out);
        if (!file.open(QIODevice::WriteOnly) || !result.save(&file, "PNG") || !file.commit())
            return context.fail(QStringLiteral("%1: cannot write the image").arg(out));
        context.out() << QStringLiteral("%1 (%2x%3) -> %4 (%5x%6), x%7 in %8 s")
                             .arg(in)
                             .arg(source.width())
                             .arg(source.height())
                             .arg(out)
                             .arg(result.width())
                             .arg(result.height())
                             .arg(scale)
                             .arg(seconds, 0, 'f', 2)
                      << Qt::endl;
        return 0;
    });
}

} // namespace tessera::cli
