#include "tessera/audio/RunningFeatureRange.h"

#include "tessera/audio/FeatureCurve.h"

#include <algorithm>
#include <cmath>

namespace tessera {

namespace {

//! The percentiles are taken again every this many frames: a 60 s window costs about 0.1 ms a
//! time, and a range that moves ten times a second is as steady as one updated every frame.
constexpr size_t kUpdateInterval = 10;

} // namespace

RunningFeatureRange::RunningFeatureRange(const AnalysisParameters& parameters, double windowSeconds,
    double minimumSeconds, std::optional<Range> seed)
    : m_lower(parameters.lowerPercentile)
    , m_upper(parameters.upperPercentile)
    , m_capacity(size_t(std::max(1.0, std::round(windowSeconds * AnalysisParameters::kFrameRateHz))))
    , m_minimum(std::isfinite(minimumSeconds)
              ? std::min(m_capacity, size_t(std::max(0.0, std::round(minimumSeconds * AnalysisParameters::kFrameRateHz))))
              : m_capacity)
    , m_seed(seed)
    , m_keepSeed(seed && !std::isfinite(minimumSeconds))
{
    m_values.reserve(m_capacity);
    if (m_seed)
        m_range = *m_seed;
}

double RunningFeatureRange::heardSeconds() const
{
    return double(m_count) / AnalysisParameters::kFrameRateHz;
}

float RunningFeatureRange::add(float raw)
{
    if (m_values.size() < m_capacity)
        m_values.push_back(raw);
    else
        m_values[m_next] = raw;
    m_next = (m_next + 1) % m_capacity;
    ++m_count;
    if (++m_sinceUpdate >= kUpdateInterval || m_count <= m_minimum || m_count == 1) {
        m_sinceUpdate = 0;
        update();
    }
    return normalizedFeatureValue(raw, m_range.floor, m_range.ceiling);
}

void RunningFeatureRange::update()
{
    if (m_keepSeed || (m_seed && m_count < m_minimum))
        return;
    m_range.floor = percentile(m_values, m_lower);
    m_range.ceiling = percentile(m_values, m_upper);
}

} // namespace tessera
