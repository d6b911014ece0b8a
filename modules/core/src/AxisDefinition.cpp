#include "tessera/core/AxisDefinition.h"

#include "tessera/core/EnumNames.h"

#include <algorithm>
#include <cmath>

namespace tessera {

namespace {

constexpr EnumNames<AxisVariation, 5> kVariationNames{{{
    {AxisVariation::TermWeight, "term-weight"},
    {AxisVariation::PromptBlend, "prompt-blend"},
    {AxisVariation::Guidance, "guidance"},
    {AxisVariation::SeedWalk, "seed-walk"},
    {AxisVariation::LoraStrength, "lora-strength"},
}}};

constexpr EnumNames<AudioFeature, 7> kFeatureNames{{{
    {AudioFeature::None, "none"},
    {AudioFeature::Rms, "rms"},
    {AudioFeature::LowBand, "low"},
    {AudioFeature::MidBand, "mid"},
    {AudioFeature::HighBand, "high"},
    {AudioFeature::Onset, "onset"},
    {AudioFeature::Centroid, "centroid"},
}}};

constexpr EnumNames<ResponseCurve, 4> kCurveNames{{{
    {ResponseCurve::Linear, "linear"},
    {ResponseCurve::EaseIn, "ease-in"},
    {ResponseCurve::EaseOut, "ease-out"},
    {ResponseCurve::SmoothStep, "smoothstep"},
}}};

} // namespace

QString axisVariationName(AxisVariation v) { return kVariationNames.name(v); }
QString audioFeatureName(AudioFeature f) { return kFeatureNames.name(f); }
QString responseCurveName(ResponseCurve c) { return kCurveNames.name(c); }
std::optional<AxisVariation> axisVariationFromName(const QString& n) { return kVariationNames.value(n); }
std::optional<AudioFeature> audioFeatureFromName(const QString& n) { return kFeatureNames.value(n); }
std::optional<ResponseCurve> responseCurveFromName(const QString& n) { return kCurveNames.value(n); }

double AxisDefinition::parameterAt(int index, int count) const
{
    if (count <= 1)
        return from;
    return from + (to - from) * static_cast<double>(index) / (count - 1);
}

double AxisDefinition::positionFor(double featureValue) const
{
    const double span = inputMax - inputMin;
    double t = span != 0.0 ? (featureValue - inputMin) / span : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    switch (curve) {
    case ResponseCurve::Linear:
        return t;
    case ResponseCurve::EaseIn:
        return t * t;
    case ResponseCurve::EaseOut:
        return 1.0 - (1.0 - t) * (1.0 - t);
    case ResponseCurve::SmoothStep:
        return t * t * (3.0 - 2.0 * t);
    }
    return t;
}

QJsonObject AxisDefinition::toJson() const
{
    return QJsonObject{
        {QStringLiteral("variation"), axisVariationName(variation)},
        {QStringLiteral("term"), term},
        {QStringLiteral("from"), from},
        {QStringLiteral("to"), to},
        {QStringLiteral("feature"), audioFeatureName(feature)},
        {QStringLiteral("source"), source},
        {QStringLiteral("inputMin"), inputMin},
        {QStringLiteral("inputMax"), inputMax},
        {QStringLiteral("curve"), responseCurveName(curve)},
        {QStringLiteral("attackMs"), attackMs},
        {QStringLiteral("releaseMs"), releaseMs},
    };
}

std::optional<AxisDefinition> AxisDefinition::fromJson(const QJsonObject& json, QString* error)
{
    AxisDefinition axis;
    auto fail = [error](const QString& reason) -> std::optional<AxisDefinition> {
        if (error)
            *error = reason;
        return std::nullopt;
    };
    const QString variationText = json.value(QStringLiteral("variation")).toString(
        axisVariationName(axis.variation));
    const QString featureText = json.value(QStringLiteral("feature")).toString(
        audioFeatureName(axis.feature));
    const QString curveText = json.value(QStringLiteral("curve")).toString(
        responseCurveName(axis.curve));
    const auto variationValue = axisVariationFromName(variationText);
    if (!variationValue)
        return fail(QStringLiteral("unknown axis variation \"%1\"").arg(variationText));
    const auto featureValue = audioFeatureFromName(featureText);
    if (!featureValue)
        return fail(QStringLiteral("unknown audio feature \"%1\"").arg(featureText));
    const auto curveValue = responseCurveFromName(curveText);
    if (!curveValue)
        return fail(QStringLiteral("unknown response curve \"%1\"").arg(curveText));
    axis.variation = *variationValue;
    axis.feature = *featureValue;
    axis.curve = *curveValue;
    axis.term = json.value(QStringLiteral("term")).toString();
    axis.from = json.value(QStringLiteral("from")).toDouble(axis.from);
    axis.to = json.value(QStringLiteral("to")).toDouble(axis.to);
    axis.source = json.value(QStringLiteral("source")).toString();
    axis.inputMin = json.value(QStringLiteral("inputMin")).toDouble(axis.inputMin);
    axis.inputMax = json.value(QStringLiteral("inputMax")).toDouble(axis.inputMax);
    axis.attackMs = json.value(QStringLiteral("attackMs")).toDouble(axis.attackMs);
    axis.releaseMs = json.value(QStringLiteral("releaseMs")).toDouble(axis.releaseMs);
    if (axis.attackMs < 0.0 || axis.releaseMs < 0.0)
        return fail(QStringLiteral("attack and release times must not be negative"));
    return axis;
}

bool operator==(const AxisDefinition& a, const AxisDefinition& b)
{
    return a.variation == b.variation && a.term == b.term && a.from == b.from && a.to == b.to
        && a.feature == b.feature && a.source == b.source && a.inputMin == b.inputMin
        && a.inputMax == b.inputMax && a.curve == b.curve && a.attackMs == b.attackMs
        && a.releaseMs == b.releaseMs;
}

} // namespace tessera
