#include "tessera/audio/FeatureCurve.h"

#include <algorithm>
#include <cmath>

namespace tessera {

float percentile(std::vector<float> values, double p)
{
    if (values.empty())
        return 0.0f;
    const double position = std::clamp(p, 0.0, 100.0) / 100.0 * double(values.size() - 1);
    const size_t below = size_t(std::floor(position));
    const size_t above = std::min(below + 1, values.size() - 1);
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(below), values.end());
    const float low = values[below];
    float high = low;
    if (above != below)
        high = *std::min_element(values.begin() + std::ptrdiff_t(above), values.end());
    return float(low + (high - low) * (position - double(below)));
}

FeatureCurve::FeatureCurve(std::vector<float> raw, double frameRateHz, double lowerPercentile, double upperPercentile)
    : m_raw(std::move(raw))
    , m_frameRateHz(frameRateHz)
{
    m_floor = percentile(m_raw, lowerPercentile);
    m_ceiling = percentile(m_raw, upperPercentile);
    normalize();
}

FeatureCurve::FeatureCurve(std::vector<float> raw, double frameRateHz, float floor, float ceiling)
    : m_raw(std::move(raw))
    , m_frameRateHz(frameRateHz)
    , m_floor(floor)
    , m_ceiling(ceiling)
{
    normalize();
}

float normalizedFeatureValue(float raw, float floor, float ceiling)
{
    const float span = ceiling - floor;
    if (!(span > 0.0f))
        return raw > floor ? 1.0f : 0.0f; // a flat curve (silence, a constant tone)
    const float mapped = (raw - floor) * (1.0f / span);
    return mapped > 0.0f ? std::min(mapped, 1.0f) : 0.0f; // NaN (a damaged value) maps to 0 too
}

void FeatureCurve::normalize()
{
    m_normalized.resize(m_raw.size());
    std::transform(m_raw.begin(), m_raw.end(), m_normalized.begin(),
        [this](float v) { return normalizedFeatureValue(v, m_floor, m_ceiling); });
}

float FeatureCurve::valueAt(double seconds) const
{
    if (m_normalized.empty() || !(seconds >= 0.0))
        return 0.0f;
    const double position = seconds * m_frameRateHz;
    if (!(position < double(m_normalized.size())))
        return 0.0f; // past the song (checked before converting: a huge position has no size_t)
    const size_t index = size_t(position);
    if (index + 1 >= m_normalized.size())
        return m_normalized[index];
    const float t = float(position - double(index));
    return m_normalized[index] * (1.0f - t) + m_normalized[index + 1] * t;
}

EnvelopeFollower::EnvelopeFollower(double frameRateHz, double attackMs, double releaseMs)
{
    // A one-pole follower per direction: the standard envelope detector of audio-reactive tools.
    const auto coefficient = [frameRateHz](double ms) {
        return ms > 0.0 && frameRateHz > 0.0 ? float(std::exp(-1000.0 / (ms * frameRateHz))) : 0.0f;
    };
    m_attack = coefficient(attackMs);
    m_release = coefficient(releaseMs);
}

float EnvelopeFollower::step(float value)
{
    if (!m_started) {
        m_state = value;
        m_started = true;
    }
    const float k = value > m_state ? m_attack : m_release;
    m_state = value + (m_state - value) * k;
    return m_state;
}

std::vector<float> smoothAttackRelease(const std::vector<float>& values, double frameRateHz, double attackMs, double releaseMs)
{
    EnvelopeFollower follower(frameRateHz, attackMs, releaseMs);
    std::vector<float> result(values.size());
    for (size_t i = 0; i < values.size(); ++i)
        result[i] = follower.step(values[i]);
    return result;
}

} // namespace tessera
