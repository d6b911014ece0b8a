#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

namespace tessera {

//! What an axis varies while the grid is generated.
enum class AxisVariation {
    TermWeight,  //!< the weight of one prompt term, e.g. "(storm:0.2)" .. "(storm:1.4)"
    PromptBlend, //!< a blend from the segment's prompt towards another prompt
    Guidance,    //!< the classifier-free guidance scale
    SeedWalk,    //!< a walk through noise space starting at the segment's seed
    LoraStrength, //!< the strength of one LoRA (the project's, or a file the axis names)
};

//! The audio feature curve that drives an axis at playback.
enum class AudioFeature { None, Rms, LowBand, MidBand, HighBand, Onset, Centroid };

//! How a normalised feature value maps to a grid position.
enum class ResponseCurve { Linear, EaseIn, EaseOut, SmoothStep };

//! One grid axis: what it varies while generating, and what moves along it at playback.
struct AxisDefinition
{
    AxisVariation variation = AxisVariation::TermWeight;
    //! The term (TermWeight), the target prompt (PromptBlend), the target seed (SeedWalk;
    //! empty means the segment's seed + 1) or the LoRA (LoraStrength: the name of one of the
    //! project's LoRAs, its file's name without extension, or a file's path).
    QString term;
    double from = 0.0;        //!< generation parameter at the first cell
    double to = 1.0;          //!< generation parameter at the last cell

    AudioFeature feature = AudioFeature::None;
    QString source;           //!< empty for the mix, else the name of a stem
    double inputMin = 0.0;    //!< normalised feature value mapped to the first cell
    double inputMax = 1.0;    //!< normalised feature value mapped to the last cell
    ResponseCurve curve = ResponseCurve::Linear;
    double attackMs = 20.0;   //!< smoothing when the feature rises (fast)
    double releaseMs = 250.0; //!< smoothing when the feature falls (slow)

    //! The generation parameter for cell i of n (evenly spaced from..to).
    double parameterAt(int index, int count) const;

    //! Grid position in [0, 1] for a normalised feature value, through range and curve.
    double positionFor(double featureValue) const;

    QJsonObject toJson() const;
    //! Reads what toJson wrote; unknown names give std::nullopt and a reason in *error.
    static std::optional<AxisDefinition> fromJson(const QJsonObject& json, QString* error = nullptr);

    friend bool operator==(const AxisDefinition& a, const AxisDefinition& b);
    friend bool operator!=(const AxisDefinition& a, const AxisDefinition& b) { return !(a == b); }
};

QString axisVariationName(AxisVariation variation);
QString audioFeatureName(AudioFeature feature);
QString responseCurveName(ResponseCurve curve);
std::optional<AxisVariation> axisVariationFromName(const QString& name);
std::optional<AudioFeature> audioFeatureFromName(const QString& name);
std::optional<ResponseCurve> responseCurveFromName(const QString& name);

} // namespace tessera
