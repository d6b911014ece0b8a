#pragma once

#include "internal/AnalysisTask.h"

#include <memory>
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

//! One frame's spectral values, in the units of SpectralCurves.
struct SpectralValues
{
    float rms = 0.0f, low = 0.0f, mid = 0.0f, high = 0.0f, centroid = 0.0f;
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

    //! FFTW-aligned buffers for one thread's frames.
    class Scratch
    {
    public:
        explicit Scratch(const SpectralAnalyzer& analyzer);
        ~Scratch();
        Scratch(const Scratch&) = delete;
        Scratch& operator=(const Scratch&) = delete;

    private:
        friend class SpectralAnalyzer;
        struct Buffers;
        std::unique_ptr<Buffers> d;
    };

    //! Fills frames [first, end) of out (already sized); false when cancelled.
    bool run(const AnalysisInput& input, size_t first, size_t end, SpectralCurves& out, TaskProgress& progress,
        size_t task) const;
    //! One frame, computed as run() computes each (the live path calls it as samples arrive). Its
    //! window, centred on frame * hop, reads windowSize() / 2 samples past the frame's time.
    SpectralValues frameValues(const AnalysisInput& input, qint64 frame, Scratch& scratch) const;
    int windowSize() const { return m_size; }

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
