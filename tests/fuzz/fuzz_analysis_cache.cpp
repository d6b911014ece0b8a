// libFuzzer target: arbitrary bytes read back as the catalog's cached analysis of a song or stem
// (ProjectAudio reads both entries from the project file, which may be damaged or from elsewhere):
// AudioAnalysis::fromBytes and WaveformPeaks::fromBytes. Each must throw AudioError or return what
// an analysis could have produced, since the timeline, the renderer and the axes use it unchecked:
// a positive sample rate and channel count, curves at the analysis frame rate with a finite range,
// onset and beat times finite and ascending (the timeline snaps with lower_bound), bucket sizes
// that grow level by level, normalised values in 0..1. What it returns is then used as they use
// it, and written back to the same bytes (the format has one encoding of each analysis). The seeds
// are real cache entries written by make_analysis_cache_seed.
#include "Require.h"

#include "tessera/audio/AnalysisParameters.h"
#include "tessera/audio/AudioAnalysis.h"
#include "tessera/audio/AudioError.h"
#include "tessera/audio/WaveformPeaks.h"

#include <QByteArray>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace {

using namespace tessera;

bool ascendingTimes(const std::vector<double>& times)
{
    return std::all_of(times.begin(), times.end(), [](double t) { return std::isfinite(t) && t >= 0.0; })
        && std::is_sorted(times.begin(), times.end());
}

void useAnalysis(const AudioAnalysis& analysis, const QByteArray& bytes)
{
    FUZZ_REQUIRE(analysis.sampleRate > 0 && analysis.channels > 0 && analysis.frameCount >= 0);
    FUZZ_REQUIRE(analysis.parameters.validationError().isEmpty());
    FUZZ_REQUIRE(ascendingTimes(analysis.onsetTimes) && ascendingTimes(analysis.beatTimes));
    FUZZ_REQUIRE(std::isfinite(analysis.tempoBpm) && analysis.tempoBpm >= 0.0 && std::isfinite(analysis.tempoConfidence));
    const double duration = analysis.durationSeconds();
    FUZZ_REQUIRE(std::isfinite(duration) && duration >= 0.0);
    for (const auto feature : {AudioFeature::Rms, AudioFeature::LowBand, AudioFeature::MidBand, AudioFeature::HighBand,
             AudioFeature::Onset, AudioFeature::Centroid}) {
        const FeatureCurve& curve = analysis.curve(feature);
        FUZZ_REQUIRE(curve.frameRateHz() == AnalysisParameters::kFrameRateHz);
        FUZZ_REQUIRE(std::isfinite(curve.floor()) && std::isfinite(curve.ceiling()));
        // the axes and the timeline sample curves anywhere in (and past) the song
        for (const double seconds : {0.0, 0.004, duration * 0.5, duration, duration + 1.0, 1e12})
            FUZZ_REQUIRE(curve.valueAt(seconds) >= 0.0f && curve.valueAt(seconds) <= 1.0f);
        for (const float value : curve.normalized())
            FUZZ_REQUIRE(value >= 0.0f && value <= 1.0f);
        (void)smoothAttackRelease(curve.normalized(), curve.frameRateHz(), 10.0, 200.0);
    }
    FUZZ_REQUIRE(analysis.toBytes() == bytes);
}

void usePeaks(const WaveformPeaks& peaks)
{
    FUZZ_REQUIRE(peaks.sampleRate() >= 0 && peaks.frameCount() >= 0);
    int previous = 0;
    for (const auto& level : peaks.levels()) {
        FUZZ_REQUIRE(level.samplesPerBucket > previous && level.minimum.size() == level.maximum.size());
        previous = level.samplesPerBucket;
    }
    // the timeline's zoom levels: far in, one bucket a pixel, far out
    for (const double framesPerPixel : {0.5, 128.0, 4096.0, 1e9})
        (void)peaks.levelFor(framesPerPixel).bucketCount();
    const WaveformPeaks back = WaveformPeaks::fromBytes(peaks.toBytes());
    FUZZ_REQUIRE(back.sampleRate() == peaks.sampleRate() && back.frameCount() == peaks.frameCount()
        && back.levels().size() == peaks.levels().size());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    try {
        useAnalysis(AudioAnalysis::fromBytes(bytes, QStringLiteral("cache")), bytes);
    } catch (const AudioError&) {
    }
    try {
        usePeaks(WaveformPeaks::fromBytes(bytes, QStringLiteral("cache")));
    } catch (const AudioError&) {
    }
    return 0;
}
