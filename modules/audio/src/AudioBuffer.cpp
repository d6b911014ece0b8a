#include "tessera/audio/AudioBuffer.h"

namespace tessera {

std::vector<float> AudioBuffer::monoSamples() const
{
    const qint64 frames = frameCount();
    if (channels == 1)
        return samples;
    std::vector<float> mono(static_cast<size_t>(frames), 0.0f);
    const float scale = 1.0f / float(channels);
    const float* in = samples.data();
    for (qint64 frame = 0; frame < frames; ++frame) {
        float sum = 0.0f;
        for (int c = 0; c < channels; ++c)
            sum += *in++;
        mono[size_t(frame)] = sum * scale;
    }
    return mono;
}

AudioBuffer AudioBuffer::mono() const
{
    AudioBuffer result;
    result.sampleRate = sampleRate;
    result.channels = channels > 0 ? 1 : 0;
    result.samples = monoSamples();
    return result;
}

std::vector<float> AudioBuffer::channel(int index) const
{
    if (index < 0 || index >= channels)
        return {};
    const qint64 frames = frameCount();
    std::vector<float> result(static_cast<size_t>(frames));
    for (qint64 frame = 0; frame < frames; ++frame)
        result[size_t(frame)] = samples[size_t(frame * channels + index)];
    return result;
}

} // namespace tessera
