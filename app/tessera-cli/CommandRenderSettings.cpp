// render-settings: how the compositor lays out and shows frames (fit, the video's display and
// view, burned-in lyrics), stored in the project so preview and export agree.
#include "CliContext.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/CatalogError.h"

#include <QJsonDocument>

namespace tessera::cli {

int runRenderSettings(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption fitOption(QStringLiteral("fit"), QStringLiteral("fill (crop to cover the frame, default) or fit (whole image, black bars)."), QStringLiteral("MODE"));
    const QCommandLineOption displayOption(QStringLiteral("display"), QStringLiteral("The display the video is encoded for (default: the config's Rec.1886 Rec.709); \"\" resets."), QStringLiteral("NAME"));
    const QCommandLineOption viewOption(QStringLiteral("view"), QStringLiteral("Its view (default: the project's, else the display's default); \"\" resets."), QStringLiteral("NAME"));
    const QCommandLineOption captionsOption(QStringLiteral("captions"), QStringLiteral("Burn in the lyrics: on or off."), QStringLiteral("on|off"));
    const QCommandLineOption fontOption(QStringLiteral("font"), QStringLiteral("Caption font family (default DejaVu Sans)."), QStringLiteral("FAMILY"));
    const QCommandLineOption sizeOption(QStringLiteral("caption-size"), QStringLiteral("Caption height as a fraction of the frame height (default 0.055)."), QStringLiteral("FRACTION"));
    const QCommandLineOption bottomOption(QStringLiteral("caption-bottom"), QStringLiteral("Baseline distance from the bottom, fraction of the height (default 0.08)."), QStringLiteral("FRACTION"));
    const QCommandLineOption colorsOption(QStringLiteral("caption-colors"), QStringLiteral("TEXT,HIGHLIGHT,OUTLINE as #rrggbb (default #ffffff,#ffd23f,#000000)."), QStringLiteral("COLOURS"));
    const QCommandLineOption upscaleOption(QStringLiteral("upscale"),
        QStringLiteral("Upscale cells smaller than the frame with ESRGAN before scaling them: slim, medium, thick, or none "
                       "(default). The export upscales each version once; the preview shows the upscales made."),
        QStringLiteral("NETWORK"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Report as JSON."));
    parser.addOptions({fitOption, displayOption, viewOption, captionsOption, fontOption, sizeOption, bottomOption, colorsOption,
        upscaleOption, jsonOption});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("The project file."));
    if (const int handled = context.parse(parser, QStringLiteral("render-settings"), arguments,
            QStringLiteral("Show or change how frames are composed for preview and export. Without options, print them."));
        handled >= 0)
        return handled;
    if (parser.positionalArguments().size() != 1)
        return context.usageError(QStringLiteral("render-settings"), QStringLiteral("expected PROJECT"));
    const bool edits = parser.isSet(fitOption) || parser.isSet(displayOption) || parser.isSet(viewOption)
        || parser.isSet(captionsOption) || parser.isSet(fontOption) || parser.isSet(sizeOption)
        || parser.isSet(bottomOption) || parser.isSet(colorsOption) || parser.isSet(upscaleOption);

    return context.guarded([&] {
        const QString path = parser.positionalArguments().constFirst();
        const auto catalog = Catalog::open(path, edits ? Catalog::Access::ReadWrite : Catalog::Access::ReadOnly);
        RenderSettings settings = catalog->renderSettings();
        const auto fraction = [&](const QCommandLineOption& option) {
            bool ok = false;
            const double value = parser.value(option).toDouble(&ok);
            if (!ok)
                throw CatalogError(path, QStringLiteral("--%1 takes a number").arg(option.names().constFirst()));
            return value;
        };
        if (parser.isSet(fitOption)) {
            const auto fit = frameFitFromName(parser.value(fitOption));
            if (!fit)
                throw CatalogError(path, QStringLiteral("--fit takes fill or fit"));
            settings.fit = *fit;
        }
        if (parser.isSet(displayOption))
            settings.videoDisplay = parser.value(displayOption);
        if (parser.isSet(viewOption))
            settings.videoView = parser.value(viewOption);
        if (parser.isSet(captionsOption)) {
            const QString value = parser.value(captionsOption);
            if (value != QLatin1String("on") && value != QLatin1String("off"))
                throw CatalogError(path, QStringLiteral("--captions takes on or off"));
            settings.captions.enabled = value == QLatin1String("on");
        }
        if (parser.isSet(fontOption))
            settings.captions.fontFamily = parser.value(fontOption);
        if (parser.isSet(sizeOption))
            settings.captions.sizeFraction = fraction(sizeOption);
        if (parser.isSet(bottomOption))
            settings.captions.bottomFraction = fraction(bottomOption);
        if (parser.isSet(upscaleOption))
            settings.upscale = parser.value(upscaleOption) == QLatin1String("none") ? QString() : parser.value(upscaleOption);
        if (parser.isSet(colorsOption)) {
            const QStringList colours = parser.value(colorsOption).split(QLatin1Char(','));
            if (colours.size() != 3)
                throw CatalogError(path, QStringLiteral("--caption-colors takes TEXT,HIGHLIGHT,OUTLINE"));
            settings.captions.textColor = colours[0].trimmed();
            settings.captions.highlightColor = colours[1].trimmed();
            settings.captions.outlineColor = colours[2].trimmed();
        }
        if (edits) {
            if (const QString problem = settings.validationError(); !problem.isEmpty())
                throw CatalogError(path, problem);
            catalog->setRenderSettings(settings);
        }
        if (parser.isSet(jsonOption)) {
            context.printJson(settings.toJson());
        } else {
            const CaptionStyle& c = settings.captions;
            context.out() << "fit: " << frameFitName(settings.fit) << Qt::endl
                          << "display: " << (settings.videoDisplay.isEmpty() ? QStringLiteral("(Rec.1886 Rec.709 when the config has it)") : settings.videoDisplay) << Qt::endl
                          << "view: " << (settings.videoView.isEmpty() ? QStringLiteral("(the project's)") : settings.videoView) << Qt::endl
                          << "upscale: " << (settings.upscale.isEmpty() ? QStringLiteral("none") : settings.upscale) << Qt::endl
                          << "captions: " << (c.enabled ? "on" : "off") << ", " << c.fontFamily << ", size " << c.sizeFraction
                          << ", bottom " << c.bottomFraction << ", colours " << c.textColor << " / " << c.highlightColor << " / " << c.outlineColor << Qt::endl;
        }
        return int(Success);
    });
}

} // namespace tessera::cli
