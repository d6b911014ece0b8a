#pragma once

#include "internal/AnalysisTask.h"

#include <vector>

namespace tessera::internal {

//! The per-frame spectral curves: RMS (dBFS, of the windowed frame), band energies (dB),
//! spectral centroid (Hz).
struct SpectralCurves
{
    std::vector<float> rms, low, mid, high, centroid;
    void resize(size_t frames)
    {
        for (auto* curve : {&rms, &low, &mid, &high, &centroid})
            curve->assign(frames, 0.0f);
    }
};

//! Makes FFTW's planner thread-safe, process-wide, once (before any plan is made). Every analysis
//! calls it first, so concurrent analyses (mix and stems) cannot corrupt FFTW's planner; aubio's
//! plans go through the same planner.
void makeFftwThreadSafe();

//! Short-time spectra with FFTW (Blackman-Harris window centred on each frame) reduced to band energies and
//! the centroid; RMS from the same spectrum (Parseval). Call makeFftwThreadSafe() before making
//! one; run() may then be called from any threads at once on disjoint frame ranges.
class SpectralAnalyzer
{
public:
    SpectralAnalyzer(int sampleRate, double lowMaxHz, double highMinHz);
    ~SpectralAnalyzer();
    SpectralAnalyzer(const SpectralAnalyzer&) = delete;
    SpectralAnalyzer& operator=(const SpectralAnalyzer&) = delete;

    //! Fills frames [first, end) of out (already sized); false when cancelled.
    bool run(const AnalysisInput& input, size_t first, size_t end, SpectralCurves& out, TaskProgress& progress,
        size_t task) const;

private:
    struct Plan;
    Plan* m_plan;
    int m_size;
    int m_lowEnd;   //!< first bin of the mid band
    int m_highStart; //!< first bin of the high band
    float m_binHz;
    float m_powerScale;
    std::vector<float> m_window;
};

} // namespace tessera::internal
