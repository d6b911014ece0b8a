#pragma once

#include <QtGlobal>

#include <vector>

namespace tessera {

//! Decoded audio: interleaved float PCM in [-1, 1] at the source's sample rate and channel count.
struct AudioBuffer
{
    int sampleRate = 0;
    int channels = 0;
    std::vector<float> samples; //!< frameCount() * channels values, channel-interleaved

    qint64 frameCount() const { return channels > 0 ? qint64(samples.size()) / channels : 0; }
    double durationSeconds() const { return sampleRate > 0 ? double(frameCount()) / sampleRate : 0.0; }
    qint64 durationMs() const { return sampleRate > 0 ? frameCount() * 1000 / sampleRate : 0; }
    bool isEmpty() const { return frameCount() == 0; }

    //! The mean of all channels, one value per frame: what analysis listens to.
    std::vector<float> monoSamples() const;
    //! The same audio as a one-channel buffer.
    AudioBuffer mono() const;
    //! One channel's samples (0-based), de-interleaved.
    std::vector<float> channel(int index) const;
};

} // namespace tessera
