#pragma once

#include "tessera/audio/FeatureCurve.h"
#include "tessera/core/AxisDefinition.h"

#include <vector>

namespace tessera {

//! Where an axis stands at each instant of the song: its feature curve (normalised per song),
//! smoothed with the axis's attack/release over the whole song, through its range and response
//! curve. Computed once from the start of the song, so a frame depends only on its time, never
//! on where playback or a range export began.
class AxisMotion
{
public:
    AxisMotion() = default;
    //! curve: the feature the axis follows (empty for AudioFeature::None).
    AxisMotion(const AxisDefinition& axis, const FeatureCurve& curve);

    //! The position along the axis in [0, 1]; an axis no feature drives holds its centre, 0.5.
    double positionAt(double seconds) const;
    bool isDriven() const { return !m_positions.empty(); }

private:
    std::vector<float> m_positions; //!< at m_rateHz, from the song's start
    double m_rateHz = 0.0;
};

} // namespace tessera
