// The analysis pipeline: mix to mono (resampling odd rates), make the aubio and FFTW objects on
// this thread (every plan exists before the workers start), run onsets, beats, two halves of the
// spectral features and the peaks in parallel, then normalise each curve per song.
#include "tessera/audio/AudioAnalyzer.h"

#include "internal/AubioFeatures.h"
#include "internal/Resampler.h"
#include "internal/SpectralFeatures.h"
#include "tessera/audio/AudioError.h"
#include "tessera/core/Parallel.h"

#include <cmath>

namespace tessera {

namespace {

//! The rate features are computed at: the source's when 100 Hz frames fit it exactly and it is
//! not needlessly high, else 44.1 kHz.
int analysisRateFor(int sampleRate)
{
    return sampleRate % 100 == 0 && sampleRate >= 16000 && sampleRate <= 48000 ? sampleRate : 44100;
}

void checkAudio(const AudioBuffer& audio, const AnalysisParameters& parameters, const QString& origin)
{
    const QString error = parameters.validationError();
    if (!error.isEmpty())
        throw AudioError(origin, QStringLiteral("invalid analysis parameters: ") + error);
    if (audio.sampleRate <= 0 || audio.channels <= 0 || audio.samples.size() % size_t(audio.channels) != 0)
        throw AudioError(origin, QStringLiteral("not valid audio (%1 Hz, %2 channels, %3 samples)")
                                     .arg(audio.sampleRate)
                                     .arg(audio.channels)
                                     .arg(audio.samples.size()));
    if (audio.isEmpty())
        throw AudioError(origin, QStringLiteral("no audio to analyse"));
}

AudioAnalysis analyze(const AudioBuffer& audio, const AnalysisParameters& parameters, const ProgressCallback& callback,
    const QString& origin, double progressBase, WaveformPeaks* peaks)
{
    checkAudio(audio, parameters, origin);

    const int rate = analysisRateFor(audio.sampleRate);
    std::vector<float> mono;
    if (audio.channels > 1)
        mono = audio.monoSamples();
    if (rate != audio.sampleRate) {
        const std::vector<float>& source = audio.channels > 1 ? mono : audio.samples;
        mono = internal::resampleMono(source.data(), source.size(), audio.sampleRate, rate, origin);
    }
    const std::vector<float>& signal = mono.empty() ? audio.samples : mono;
    internal::AnalysisInput input;
    input.samples = signal.data();
    input.count = signal.size();
    input.sampleRate = rate;
    input.hop = int(std::lround(rate / AnalysisParameters::kFrameRateHz));
    input.frames = (input.count + size_t(input.hop) - 1) / size_t(input.hop);

    internal::makeFftwThreadSafe();
    const internal::SpectralAnalyzer spectral(rate, parameters.lowMaxHz, parameters.highMinHz);
    internal::OnsetDetector onsetDetector(parameters.onsetMethod, rate, input.hop, parameters.onsetThreshold,
        parameters.onsetMinIntervalMs, origin);
    // The beat tracker listens at half the rate when that is still 16 kHz or more (as librosa
    // analyses at 22.05 kHz): the same time resolution at half the cost of aubio's spectra.
    const int beatRate = rate / 2 >= 16000 ? rate / 2 : rate;
    internal::BeatTracker beatTracker(beatRate, origin);

    // Weights: the CPU time each task took on a 4-minute song (aubio's onset and beat trackers
    // dominate: their phase vocoders compute phases with atan2 for every bin).
    internal::TaskProgress progress(callback, progressBase, 1.0 - progressBase, {1.0, 0.85, 0.1, 0.1, peaks ? 0.08 : 0.0});
    internal::SpectralCurves curves;
    curves.resize(input.frames);
    internal::OnsetResult onsets;
    internal::BeatResult beats;
    const size_t middle = input.frames / 2;
    std::vector<std::function<void()>> tasks{
        [&] { onsetDetector.run(input, onsets, progress, 0); },
        [&] {
            if (beatRate == rate) {
                beatTracker.run(input, beats, progress, 1);
                return;
            }
            const std::vector<float> half = internal::resampleMono(input.samples, input.count, rate, beatRate, origin);
            internal::AnalysisInput halfInput = input;
            halfInput.samples = half.data();
            halfInput.count = half.size();
            halfInput.sampleRate = beatRate;
            beatTracker.run(halfInput, beats, progress, 1);
        },
        [&] { spectral.run(input, 0, middle, curves, progress, 2); },
        [&] { spectral.run(input, middle, input.frames, curves, progress, 3); },
    };
    if (peaks)
        tasks.emplace_back([&] {
            *peaks = WaveformPeaks::compute(audio);
            progress.update(4, 1.0);
        });
    runInParallel(tasks);
    if (progress.isCancelled())
        throw AudioCancelled(origin);

    AudioAnalysis result;
    result.parameters = parameters;
    result.sampleRate = audio.sampleRate;
    result.channels = audio.channels;
    result.frameCount = audio.frameCount();
    const double fps = AnalysisParameters::kFrameRateHz;
    const double lower = parameters.lowerPercentile;
    const double upper = parameters.upperPercentile;
    result.rms = FeatureCurve(std::move(curves.rms), fps, lower, upper);
    result.lowBand = FeatureCurve(std::move(curves.low), fps, lower, upper);
    result.midBand = FeatureCurve(std::move(curves.mid), fps, lower, upper);
    result.highBand = FeatureCurve(std::move(curves.high), fps, lower, upper);
    result.centroid = FeatureCurve(std::move(curves.centroid), fps, lower, upper);
    result.onset = FeatureCurve(std::move(onsets.strength), fps, lower, upper);
    result.onsetTimes = std::move(onsets.times);
    result.beatTimes = internal::settleBeatLevel(internal::refineBeats(beats.times, result.onsetTimes, result.rms.raw(), fps),
        result.onsetTimes, result.onset.raw(), result.rms.raw(), fps);
    result.tempoBpm = internal::tempoFromBeats(result.beatTimes);
    result.tempoConfidence = beats.confidence;
    return result;
}

} // namespace

AudioAnalysis analyzeAudio(const AudioBuffer& audio, const AnalysisParameters& parameters,
    const ProgressCallback& progress, const QString& origin)
{
    return analyze(audio, parameters, progress, origin, 0.0, nullptr);
}

AudioFileAnalysis analyzeAudioFile(const QString& path, const AnalysisParameters& parameters,
    const ProgressCallback& progress, const DecodeOptions& decodeOptions)
{
    // Decoding is about a third of the time.
    constexpr double kDecodeShare = 0.35;
    const QString error = parameters.validationError();
    if (!error.isEmpty())
        throw AudioError(path, QStringLiteral("invalid analysis parameters: ") + error);
    ProgressCallback decodeProgress;
    if (progress)
        decodeProgress = [&progress](double fraction) { return progress(fraction * kDecodeShare); };
    const DecodedAudio decoded = decodeAudioFile(path, decodeOptions, decodeProgress);
    AudioFileAnalysis result;
    result.warning = decoded.warning;
    result.analysis = analyze(decoded.audio, parameters, progress, path, kDecodeShare, &result.peaks);
    return result;
}

} // namespace tessera
