#pragma once

#include <QtGlobal>

#include <vector>

namespace tessera {

//! One audio feature over the whole song at a fixed frame rate, in its own unit (dB, Hz, ...),
//! with the per-song robust range that maps it to 0..1 for driving visuals.
class FeatureCurve
{
public:
    FeatureCurve() = default;
    //! Takes the raw values and maps [lowerPercentile, upperPercentile] of them to [0, 1].
    FeatureCurve(std::vector<float> raw, double frameRateHz, double lowerPercentile, double upperPercentile);
    //! Rebuilds a curve from stored raw values and range (deserialisation).
    FeatureCurve(std::vector<float> raw, double frameRateHz, float floor, float ceiling);

    double frameRateHz() const { return m_frameRateHz; }
    int size() const { return int(m_raw.size()); }
    bool isEmpty() const { return m_raw.empty(); }
    const std::vector<float>& raw() const { return m_raw; }
    //! The values mapped through [floor, ceiling] to [0, 1] and clamped.
    const std::vector<float>& normalized() const { return m_normalized; }
    float floor() const { return m_floor; }     //!< the raw value that maps to 0
    float ceiling() const { return m_ceiling; } //!< the raw value that maps to 1

    //! The normalised value at a time, linearly interpolated between frames; 0 outside the song.
    float valueAt(double seconds) const;

    friend bool operator==(const FeatureCurve& a, const FeatureCurve& b)
    {
        return a.m_frameRateHz == b.m_frameRateHz && a.m_floor == b.m_floor && a.m_ceiling == b.m_ceiling
            && a.m_raw == b.m_raw;
    }

private:
    void normalize();

    std::vector<float> m_raw;
    std::vector<float> m_normalized;
    double m_frameRateHz = 0.0;
    float m_floor = 0.0f;
    float m_ceiling = 1.0f;
};

//! The p-th percentile (0..100) of values, linearly interpolated; 0 for no values.
float percentile(std::vector<float> values, double p);

//! A raw value mapped through [floor, ceiling] to [0, 1] and clamped, as FeatureCurve maps its
//! curve (a flat range maps above the floor to 1, a NaN to 0).
float normalizedFeatureValue(float raw, float floor, float ceiling);

//! An envelope follower for audio-reactive visuals, one frame at a time: follows rises with time
//! constant attackMs (fast) and falls with releaseMs (slow); each is the time to cover 63% of a
//! step. 0 ms follows the input at once. The live path steps it as frames arrive; the song's
//! curves run it over the whole song (smoothAttackRelease), so both give the same values.
class EnvelopeFollower
{
public:
    EnvelopeFollower() = default;
    EnvelopeFollower(double frameRateHz, double attackMs, double releaseMs);
    //! The next smoothed value; the first value starts the envelope where it is.
    float step(float value);
    float value() const { return m_state; }

private:
    float m_attack = 0.0f;
    float m_release = 0.0f;
    float m_state = 0.0f;
    bool m_started = false;
};

//! EnvelopeFollower run over a whole curve.
std::vector<float> smoothAttackRelease(const std::vector<float>& values, double frameRateHz,
    double attackMs, double releaseMs);

} // namespace tessera
