#include "tessera/core/RenderSettings.h"

#include "tessera/core/EnumNames.h"

#include <QRegularExpression>

#include <algorithm>

namespace tessera {

namespace {

constexpr EnumNames<FrameFit, 2> kFitNames{{{{FrameFit::Fill, "fill"}, {FrameFit::Fit, "fit"}}}};

bool isColorName(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})$"));
    return pattern.match(text).hasMatch();
}

} // namespace

QString frameFitName(FrameFit fit) { return kFitNames.name(fit); }
std::optional<FrameFit> frameFitFromName(const QString& name) { return kFitNames.value(name); }

bool operator==(const CaptionStyle& a, const CaptionStyle& b)
{
    return a.enabled == b.enabled && a.fontFamily == b.fontFamily && a.sizeFraction == b.sizeFraction
        && a.bottomFraction == b.bottomFraction && a.textColor == b.textColor
        && a.highlightColor == b.highlightColor && a.outlineColor == b.outlineColor;
}

bool operator==(const RenderSettings& a, const RenderSettings& b)
{
    return a.fit == b.fit && a.videoDisplay == b.videoDisplay && a.videoView == b.videoView
        && a.captions == b.captions && a.upscale == b.upscale;
}

const QStringList& RenderSettings::upscaleNetworks()
{
    static const QStringList names{QStringLiteral("slim"), QStringLiteral("medium"), QStringLiteral("thick")};
    return names;
}

int RenderSettings::upscaleFactorFor(QSize cell, QSize frame)
{
    if (cell.isEmpty() || frame.isEmpty())
        return 0;
    const double needed = std::max(double(frame.width()) / cell.width(), double(frame.height()) / cell.height());
    if (needed <= 1.0)
        return 0;
    for (const int factor : {2, 3, 4})
        if (factor >= needed)
            return factor;
    return 8;
}

QString RenderSettings::validationError() const
{
    if (!(captions.sizeFraction > 0.0 && captions.sizeFraction <= 0.5))
        return QStringLiteral("caption size %1 must be above 0 and at most 0.5 of the frame height").arg(captions.sizeFraction);
    if (!(captions.bottomFraction >= 0.0 && captions.bottomFraction < 1.0))
        return QStringLiteral("caption position %1 must be from 0 to below 1 of the frame height").arg(captions.bottomFraction);
    for (const QString& color : {captions.textColor, captions.highlightColor, captions.outlineColor}) {
        if (!isColorName(color))
            return QStringLiteral("caption colour \"%1\" is not #rrggbb or #aarrggbb").arg(color);
    }
    if (captions.fontFamily.trimmed().isEmpty())
        return QStringLiteral("the caption font family is empty");
    if (!upscale.isEmpty() && !upscaleNetworks().contains(upscale))
        return QStringLiteral("unknown upscaling network \"%1\" (%2, or none)").arg(upscale, upscaleNetworks().join(QStringLiteral(", ")));
    return {};
}

QJsonObject RenderSettings::toJson() const
{
    return {
        {QStringLiteral("fit"), frameFitName(fit)},
        {QStringLiteral("videoDisplay"), videoDisplay},
        {QStringLiteral("videoView"), videoView},
        {QStringLiteral("captions"), QJsonObject{
            {QStringLiteral("enabled"), captions.enabled},
            {QStringLiteral("fontFamily"), captions.fontFamily},
            {QStringLiteral("sizeFraction"), captions.sizeFraction},
            {QStringLiteral("bottomFraction"), captions.bottomFraction},
            {QStringLiteral("textColor"), captions.textColor},
            {QStringLiteral("highlightColor"), captions.highlightColor},
            {QStringLiteral("outlineColor"), captions.outlineColor},
        }},
        {QStringLiteral("upscale"), upscale},
    };
}

RenderSettings RenderSettings::fromJson(const QJsonObject& json, QString* error)
{
    RenderSettings settings;
    const QString fitName = json.value(QStringLiteral("fit")).toString(frameFitName(settings.fit));
    if (const auto fit = frameFitFromName(fitName))
        settings.fit = *fit;
    else if (error)
        *error = QStringLiteral("unknown frame fit \"%1\" (fill or fit)").arg(fitName);
    settings.videoDisplay = json.value(QStringLiteral("videoDisplay")).toString();
    settings.videoView = json.value(QStringLiteral("videoView")).toString();
    const QJsonObject captions = json.value(QStringLiteral("captions")).toObject();
    CaptionStyle& style = settings.captions;
    style.enabled = captions.value(QStringLiteral("enabled")).toBool(style.enabled);
    style.fontFamily = captions.value(QStringLiteral("fontFamily")).toString(style.fontFamily);
    style.sizeFraction = captions.value(QStringLiteral("sizeFraction")).toDouble(style.sizeFraction);
    style.bottomFraction = captions.value(QStringLiteral("bottomFraction")).toDouble(style.bottomFraction);
    style.textColor = captions.value(QStringLiteral("textColor")).toString(style.textColor);
    style.highlightColor = captions.value(QStringLiteral("highlightColor")).toString(style.highlightColor);
    style.outlineColor = captions.value(QStringLiteral("outlineColor")).toString(style.outlineColor);
    settings.upscale = json.value(QStringLiteral("upscale")).toString();
    if (error && error->isEmpty())
        *error = settings.validationError();
    return settings;
}

} // namespace tessera
