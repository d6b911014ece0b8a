#pragma once

#include "internal/AnalysisTask.h"

#include <QString>

#include <vector>

namespace tessera::internal {

//! Onset strength per feature frame and the onset times aubio picks from it.
struct OnsetResult
{
    std::vector<float> strength;
    std::vector<double> times; //!< seconds
};

//! aubio's onset detector run at the feature hop, so its detection function is the 100 Hz onset
//! curve. Made and freed on the owner's thread (aubio plans FFTs); run() on any one thread.
class OnsetDetector
{
public:
    //! Throws AudioError naming origin when aubio refuses the settings.
    OnsetDetector(const QString& method, int sampleRate, int hop, double threshold, double minIntervalMs,
        const QString& origin);
    ~OnsetDetector();
    OnsetDetector(const OnsetDetector&) = delete;
    OnsetDetector& operator=(const OnsetDetector&) = delete;

    bool run(const AnalysisInput& input, OnsetResult& out, TaskProgress& progress, size_t task);
    //! Feeds one hop of samples (the live path; run() calls it for every hop) and gives that
    //! frame's onset strength; *onsetSeconds is the onset found there, or negative.
    float step(const float* hopSamples, double* onsetSeconds = nullptr);

private:
    struct Aubio;
    Aubio* m_aubio;
    int m_hop;
};

//! Beat times and aubio's own tempo and confidence.
struct BeatResult
{
    std::vector<double> times; //!< seconds
    double aubioBpm = 0.0;
    double confidence = 0.0;
};

//! aubio's beat tracker at its tuned hop duration (about 11.6 ms: 512 samples at 44.1 kHz, 256 at
//! 22.05 kHz). Same threading rules as OnsetDetector.
class BeatTracker
{
public:
    BeatTracker(int sampleRate, const QString& origin);
    ~BeatTracker();
    BeatTracker(const BeatTracker&) = delete;
    BeatTracker& operator=(const BeatTracker&) = delete;

    bool run(const AnalysisInput& input, BeatResult& out, TaskProgress& progress, size_t task);

private:
    struct Aubio;
    Aubio* m_aubio;
    int m_hop;
};

//! Moves each beat onto the nearest onset within 70 ms or a sixth of a beat (aubio's comb
//! filterbank finds the period about 0.6 hops short, so its beats drift between re-phasings, by
//! up to 90 ms at 174 BPM at 48 kHz; onsets are precise) and drops beats where
//! the music is silent (RMS below -65 dBFS within 100 ms), since aubio's own gate is lowered.
std::vector<double> refineBeats(const std::vector<double>& beats, const std::vector<double>& onsets,
    const std::vector<float>& rmsDb, double frameRateHz);

//! Puts the beats on one pulse level: the faster one when aubio tracked half the pulse (a
//! middle onset in most intervals as strong as the beats, and at most 206 BPM), then fills gaps
//! of whole periods (the slower level in part of the song, missed beats) on onsets where the
//! music is not silent.
std::vector<double> settleBeatLevel(const std::vector<double>& beats, const std::vector<double>& onsets,
    const std::vector<float>& onsetStrength, const std::vector<float>& rmsDb, double frameRateHz);

//! The tempo the beats keep: a least-squares line through the beat times against their beat
//! numbers (numbers counted by the median interval, so a missed beat does not skew it; runs
//! broken by intervals that fit no whole number of beats, as the tracker's first beats, get
//! their own offset). Far more precise than aubio's period, which comes out short by a fraction
//! of its hop.
double tempoFromBeats(const std::vector<double>& beats);

} // namespace tessera::internal
