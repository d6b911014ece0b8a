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

void FeatureCurve::normalize()
{
    m_normalized.resize(m_raw.size());
    const float span = m_ceiling - m_floor;
    if (!(span > 0.0f)) {
        // A flat curve (silence, a constant tone): below-or-at the floor is 0, above it 1.
        std::transform(m_raw.begin(), m_raw.end(), m_normalized.begin(),
            [this](float v) { return v > m_floor ? 1.0f : 0.0f; });
        return;
    }
    const float scale = 1.0f / span;
    std::transform(m_raw.begin(), m_raw.end(), m_normalized.begin(), [this, scale](float v) {
        const float mapped = (v - m_floor) * scale;
        return mapped > 0.0f ? std::min(mapped, 1.0f) : 0.0f; // NaN (a damaged value) maps to 0 too
    });
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

std::vector<float> smoothAttackRelease(const std::vector<float>& values, double frameRateHz, double attackMs, double releaseMs)
{
    // A one-pole follower per direction: the standard envelope detector of audio-reactive tools.
    const auto coefficient = [frameRateHz](double ms) {
        return ms > 0.0 && frameRateHz > 0.0 ? float(std::exp(-1000.0 / (ms * frameRateHz))) : 0.0f;
    };
    const float attack = coefficient(attackMs);
    const float release = coefficient(releaseMs);
    std::vector<float> result(values.size());
    float state = values.empty() ? 0.0f : values.front();
    for (size_t i = 0; i < values.size(); ++i) {
        const float target = values[i];
        const float k = target > state ? attack : release;
        state = target + (state - target) * k;
        result[i] = state;
    }
    return result;
}

} // namespace tessera
