#include "tessera/render/AxisMotion.h"

#include <algorithm>
#include <cmath>

namespace tessera {

AxisMotion::AxisMotion(const AxisDefinition& axis, const FeatureCurve& curve)
{
    if (axis.feature == AudioFeature::None || curve.isEmpty())
        return;
    m_rateHz = curve.frameRateHz();
    const std::vector<float> smoothed = smoothAttackRelease(curve.normalized(), m_rateHz, axis.attackMs, axis.releaseMs);
    m_positions.reserve(smoothed.size());
    for (const float value : smoothed)
        m_positions.push_back(float(axis.positionFor(double(value))));
}

double AxisMotion::positionAt(double seconds) const
{
    if (m_positions.empty())
        return 0.5;
    // Linear between analysis frames; the ends hold (before the song and after it).
    const double frame = std::clamp(seconds * m_rateHz, 0.0, double(m_positions.size() - 1));
    const auto index = std::size_t(frame);
    const std::size_t next = std::min(index + 1, m_positions.size() - 1);
    const double fraction = frame - double(index);
    return double(m_positions[index]) * (1.0 - fraction) + double(m_positions[next]) * fraction;
}

} // namespace tessera
