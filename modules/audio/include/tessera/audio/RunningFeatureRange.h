#pragma once

#include "tessera/audio/AnalysisParameters.h"

#include <optional>
#include <vector>

namespace tessera {

//! The live counterpart of a song curve's range: the same percentiles (AnalysisParameters'
//! lower and upper) over the last windowSeconds of raw values, so a live feature maps to 0..1
//! as the song's does. Until minimumSeconds have been heard it uses a seed range when given (the
//! song's own, when the show plays the project's song) and else the values heard so far; an
//! infinite minimumSeconds keeps the seed for good.
class RunningFeatureRange
{
public:
    struct Range
    {
        float floor = 0.0f;
        float ceiling = 1.0f;
    };

    explicit RunningFeatureRange(const AnalysisParameters& parameters = {}, double windowSeconds = 60.0,
        double minimumSeconds = 5.0, std::optional<Range> seed = std::nullopt);

    //! Adds one 100 Hz frame's raw value and gives it normalised by the range that includes it.
    float add(float raw);
    Range range() const { return m_range; }
    double heardSeconds() const;

private:
    void update();

    double m_lower;
    double m_upper;
    size_t m_capacity;
    size_t m_minimum;
    std::optional<Range> m_seed;
    bool m_keepSeed;
    std::vector<float> m_values; //!< a ring of the last m_capacity values
    size_t m_next = 0;
    size_t m_count = 0;
    size_t m_sinceUpdate = 0;
    Range m_range;
};

} // namespace tessera
