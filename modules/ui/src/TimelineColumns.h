#pragma once

// Per-pixel-column summaries of the waveform and the feature curves for the visible part of the
// timeline, recomputed only when the zoom, scroll or width changes (never per paint), into
// buffers that are reused.

#include "tessera/ui/TimelineViewport.h"

#include <vector>

namespace tessera {

class FeatureCurve;
class WaveformPeaks;

class TimelineColumns
{
public:
    //! The sources stay owned by the caller and must outlive their use here.
    void setSources(const WaveformPeaks* peaks, std::vector<const FeatureCurve*> curves);
    //! Recomputes the columns when the viewport moved; true when it did.
    bool update(const TimelineViewport& viewport);
    void invalidate() { m_valid = false; }

    int count() const { return int(m_minimum.size()); }
    const std::vector<float>& minimum() const { return m_minimum; }
    const std::vector<float>& maximum() const { return m_maximum; }
    //! Curve i's normalised value (0..1) per column: the highest in the column, so peaks show.
    const std::vector<float>& curve(int i) const { return m_curves.at(size_t(i)); }
    int curveCount() const { return int(m_curves.size()); }

private:
    void computeWaveform(const TimelineViewport& viewport);
    void computeCurve(const FeatureCurve& curve, std::vector<float>& out, const TimelineViewport& viewport);

    const WaveformPeaks* m_peaks = nullptr;
    std::vector<const FeatureCurve*> m_sources;
    std::vector<float> m_minimum;
    std::vector<float> m_maximum;
    std::vector<std::vector<float>> m_curves;
    bool m_valid = false;
    double m_secondsPerPixel = 0.0;
    double m_offset = -1.0;
};

} // namespace tessera
