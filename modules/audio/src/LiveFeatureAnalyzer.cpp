// The live path of the song analysis: the same SpectralAnalyzer frames and aubio onset function,
// fed as samples arrive. Samples are kept only as long as a spectral window still needs them.
#include "tessera/audio/LiveFeatureAnalyzer.h"

#include "tessera/audio/AudioError.h"
#include "internal/AubioFeatures.h"
#include "internal/SpectralFeatures.h"

#include <cmath>

namespace tessera {

namespace {

constexpr float kSilenceDb = -100.0f; //!< what the spectral features read before their first frame

} // namespace

struct LiveFeatureAnalyzer::Private
{
    Private(int rate, int channelCount, const AnalysisParameters& parameters, const QString& origin)
        : sampleRate(rate)
        , channels(channelCount)
        , hop(int(std::lround(rate / AnalysisParameters::kFrameRateHz)))
        , spectral(rate, parameters.lowMaxHz, parameters.highMinHz)
        , scratch(spectral)
        , onset(parameters.onsetMethod, rate, hop, parameters.onsetThreshold, parameters.onsetMinIntervalMs, origin)
    {
        const int half = spectral.windowSize() / 2;
        // Spectral frame f needs samples up to f * hop + half; at the end of frame n there are
        // (n + 1) * hop, so frame n - lag is ready when (lag + 1) * hop >= half.
        lag = std::max(0, (half + hop - 1) / hop - 1);
    }

    int sampleRate;
    int channels;
    int hop;
    int lag = 0;
    internal::SpectralAnalyzer spectral;
    internal::SpectralAnalyzer::Scratch scratch;
    internal::OnsetDetector onset;
    //! Mono samples from the absolute sample index base (a multiple of hop) on.
    std::vector<float> mono;
    qint64 base = 0;
    qint64 received = 0; //!< mono samples pushed so far
    qint64 nextFrame = 0; //!< the next frame whose hop is incomplete
};

LiveFeatureAnalyzer::LiveFeatureAnalyzer(int sampleRate, int channels, const AnalysisParameters& parameters,
    const QString& origin)
{
    const QString error = parameters.validationError();
    if (!error.isEmpty())
        throw AudioError(origin, QStringLiteral("invalid analysis parameters: ") + error);
    if (channels < 1)
        throw AudioError(origin, QStringLiteral("no channels to analyse"));
    if (sampleRate % 100 != 0 || sampleRate < 16000 || sampleRate > 48000)
        throw AudioError(origin, QStringLiteral("live analysis needs 16 to 48 kHz in steps of 100 Hz (44.1 or 48 kHz); "
                                                "the input delivers %1 Hz")
                                     .arg(sampleRate));
    internal::makeFftwThreadSafe(); // before the first plan, as the song analysis does
    d = std::make_unique<Private>(sampleRate, channels, parameters, origin);
}

LiveFeatureAnalyzer::~LiveFeatureAnalyzer() = default;

int LiveFeatureAnalyzer::sampleRate() const { return d->sampleRate; }
int LiveFeatureAnalyzer::channels() const { return d->channels; }
int LiveFeatureAnalyzer::spectralLagFrames() const { return d->lag; }

double LiveFeatureAnalyzer::latencySeconds(AudioFeature feature) const
{
    const int frames = feature == AudioFeature::Onset ? 1 : d->lag + 1;
    return frames / AnalysisParameters::kFrameRateHz;
}

std::vector<LiveFeatureFrame> LiveFeatureAnalyzer::push(const float* interleaved, qint64 frameCount)
{
    std::vector<LiveFeatureFrame> frames;
    if (frameCount <= 0)
        return frames;
    // Mixed to mono as AudioBuffer::monoSamples mixes a song: the channels' sum times 1 / channels.
    const float scale = 1.0f / float(d->channels);
    d->mono.reserve(d->mono.size() + size_t(frameCount));
    for (qint64 i = 0; i < frameCount; ++i) {
        if (d->channels == 1) {
            d->mono.push_back(interleaved[i]);
            continue;
        }
        float sum = 0.0f;
        for (int c = 0; c < d->channels; ++c)
            sum += interleaved[i * d->channels + c];
        d->mono.push_back(sum * scale);
    }
    d->received += frameCount;

    const qint64 hop = d->hop;
    while ((d->nextFrame + 1) * hop <= d->received) {
        const qint64 n = d->nextFrame++;
        LiveFeatureFrame frame;
        frame.frame = n;
        frame.raw[size_t(AudioFeature::Onset)] = d->onset.step(d->mono.data() + (n * hop - d->base));
        const qint64 spectralFrame = n - d->lag;
        frame.spectralFrame = spectralFrame;
        if (spectralFrame < 0) {
            for (const AudioFeature f : {AudioFeature::Rms, AudioFeature::LowBand, AudioFeature::MidBand, AudioFeature::HighBand})
                frame.raw[size_t(f)] = kSilenceDb;
        } else {
            // A view of the kept samples in which frame spectralFrame - base / hop is this frame;
            // samples before the song read as silence, as they do in the song analysis.
            internal::AnalysisInput input;
            input.samples = d->mono.data();
            input.count = d->mono.size();
            input.sampleRate = d->sampleRate;
            input.hop = d->hop;
            const internal::SpectralValues values =
                d->spectral.frameValues(input, spectralFrame - d->base / hop, d->scratch);
            frame.raw[size_t(AudioFeature::Rms)] = values.rms;
            frame.raw[size_t(AudioFeature::LowBand)] = values.low;
            frame.raw[size_t(AudioFeature::MidBand)] = values.mid;
            frame.raw[size_t(AudioFeature::HighBand)] = values.high;
            frame.raw[size_t(AudioFeature::Centroid)] = values.centroid;
        }
        frames.push_back(frame);
    }

    // Drop whole hops that neither the next onset hop nor the next spectral window reads.
    const qint64 neededFrom = std::min(d->nextFrame * hop, (d->nextFrame - d->lag) * hop - d->spectral.windowSize() / 2);
    if (neededFrom - d->base >= 8 * hop) {
        const qint64 drop = (neededFrom - d->base) / hop * hop;
        d->mono.erase(d->mono.begin(), d->mono.begin() + drop);
        d->base += drop;
    }
    return frames;
}

} // namespace tessera
