#pragma once

#include "tessera/audio/AnalysisParameters.h"
#include "tessera/core/AxisDefinition.h"

#include <QString>

#include <array>
#include <memory>
#include <vector>

namespace tessera {

//! What the live analysis knows at the end of one 100 Hz frame of input.
struct LiveFeatureFrame
{
    qint64 frame = 0; //!< frames since the first sample: this one ends at (frame + 1) / 100 s
    //! The frame the spectral features describe (frame - LiveFeatureAnalyzer::spectralLagFrames());
    //! negative while the first spectral window is still filling, when they read silence.
    qint64 spectralFrame = -1;
    //! Each feature's newest raw value, in the song curves' units (dB, Hz, onset strength), indexed
    //! by AudioFeature (None stays 0). The onset strength describes this frame; the spectral
    //! features (RMS, bands, centroid) describe frame - LiveFeatureAnalyzer::spectralLagFrames().
    std::array<float, 7> raw{};

    float value(AudioFeature feature) const { return raw[size_t(feature)]; }
    //! Whether a feature's value describes a frame of the input yet (the onset's always does).
    bool hasValue(AudioFeature feature) const
    {
        return feature == AudioFeature::Onset || (feature != AudioFeature::None && spectralFrame >= 0);
    }
};

//! The song analysis's features computed causally, as an input device delivers audio: the same
//! spectral frames and aubio onset function (the same code) that analyzeAudio runs over a whole
//! song, so a live curve is the song's curve, late by a stated number of frames. Feed it blocks of
//! any size; each call returns the frames those samples completed. Not thread-safe: one feeder.
class LiveFeatureAnalyzer
{
public:
    //! sampleRate must be one the song analysis runs at as it is (16 to 48 kHz, a multiple of
    //! 100 Hz: 44.1 and 48 kHz are); interleaved input of channels is mixed to mono as songs are.
    //! Throws AudioError naming origin (the input device) for anything else.
    LiveFeatureAnalyzer(int sampleRate, int channels, const AnalysisParameters& parameters = {},
        const QString& origin = {});
    ~LiveFeatureAnalyzer();
    LiveFeatureAnalyzer(const LiveFeatureAnalyzer&) = delete;
    LiveFeatureAnalyzer& operator=(const LiveFeatureAnalyzer&) = delete;

    //! Appends frameCount frames of interleaved samples; returns the feature frames completed.
    std::vector<LiveFeatureFrame> push(const float* interleaved, qint64 frameCount);

    int sampleRate() const;
    int channels() const;
    //! How many frames the spectral features trail the onset strength: their centred window needs
    //! half its length of later samples (2 frames at 44.1 kHz, 4 at 48 kHz, whose window is 4096).
    int spectralLagFrames() const;
    //! How late a feature's value is, from the frame it describes to the end of the frame that
    //! delivers it: 10 ms for the onset strength, (spectralLagFrames() + 1) * 10 ms for the rest.
    double latencySeconds(AudioFeature feature) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace tessera
