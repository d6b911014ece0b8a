#include "internal/AubioFeatures.h"

#include "tessera/audio/AudioError.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <aubio/aubio.h>

namespace tessera::internal {

namespace {

int powerOfTwoAtLeast(double value)
{
    int size = 64;
    while (size < value)
        size *= 2;
    return size;
}

//! Feeds the signal to work() one hop at a time without copying (the last hop zero-padded).
template <typename Work>
bool forEachHop(const AnalysisInput& input, int hop, TaskProgress& progress, size_t task, Work work)
{
    std::vector<smpl_t> tail(size_t(hop), 0.0f);
    const size_t hops = (input.count + size_t(hop) - 1) / size_t(hop);
    for (size_t h = 0; h < hops; ++h) {
        const size_t start = h * size_t(hop);
        fvec_t in{uint_t(hop), nullptr};
        if (start + size_t(hop) <= input.count) {
            in.data = const_cast<smpl_t*>(input.samples + start);
        } else {
            std::copy(input.samples + start, input.samples + input.count, tail.begin());
            in.data = tail.data();
        }
        work(&in);
        if (h % kProgressInterval == 0 && !progress.update(task, double(h) / double(hops)))
            return false;
    }
    return progress.update(task, 1.0);
}

} // namespace

struct OnsetDetector::Aubio
{
    aubio_onset_t* onset = nullptr;
    fvec_t* out = nullptr;
};

OnsetDetector::OnsetDetector(const QString& method, int sampleRate, int hop, double threshold, double minIntervalMs,
    const QString& origin)
    : m_aubio(new Aubio)
    , m_hop(hop)
{
    // 512 samples at 44.1 and 48 kHz, as aubio's own aubioonset tool uses: half the cost of 1024.
    const int window = powerOfTwoAtLeast(std::max(double(hop), sampleRate * 0.0116));
    m_aubio->onset = new_aubio_onset(method.toLatin1().constData(), uint_t(window), uint_t(hop), uint_t(sampleRate));
    m_aubio->out = new_fvec(1);
    if (!m_aubio->onset || !m_aubio->out) {
        if (m_aubio->out)
            del_fvec(m_aubio->out);
        delete m_aubio;
        throw AudioError(origin, QStringLiteral("aubio could not create its onset detector (method %1)").arg(method));
    }
    if (threshold > 0.0)
        aubio_onset_set_threshold(m_aubio->onset, smpl_t(threshold));
    aubio_onset_set_minioi_ms(m_aubio->onset, smpl_t(minIntervalMs));
    // aubio reports an onset 4.3 hops after it happened; at our 10 ms hop that lands about 11 ms
    // early on synthetic clicks with a known start, so compensate by 3.2 hops instead.
    aubio_onset_set_delay(m_aubio->onset, uint_t(std::lround(3.2 * hop)));
}

OnsetDetector::~OnsetDetector()
{
    del_aubio_onset(m_aubio->onset);
    del_fvec(m_aubio->out);
    delete m_aubio;
}

bool OnsetDetector::run(const AnalysisInput& input, OnsetResult& out, TaskProgress& progress, size_t task)
{
    out.strength.assign(input.frames, 0.0f);
    out.times.clear();
    size_t frame = 0;
    // Each call's window ends one hop after the frame's time and spans about two hops, so its
    // centre lies within a few milliseconds of frame * hop: the value belongs to that frame.
    return forEachHop(input, m_hop, progress, task, [&](const fvec_t* in) {
        double onsetSeconds = -1.0;
        const float strength = step(in->data, &onsetSeconds);
        if (frame < out.strength.size())
            out.strength[frame] = strength;
        ++frame;
        if (onsetSeconds >= 0.0)
            out.times.push_back(onsetSeconds);
    });
}

float OnsetDetector::step(const float* hopSamples, double* onsetSeconds)
{
    const fvec_t in{uint_t(m_hop), const_cast<smpl_t*>(hopSamples)};
    aubio_onset_do(m_aubio->onset, &in, m_aubio->out);
    if (onsetSeconds)
        *onsetSeconds = m_aubio->out->data[0] != 0.0f ? double(aubio_onset_get_last_s(m_aubio->onset)) : -1.0;
    return aubio_onset_get_descriptor(m_aubio->onset);
}

struct BeatTracker::Aubio
{
    aubio_tempo_t* tempo = nullptr;
    fvec_t* out = nullptr;
};

BeatTracker::BeatTracker(int sampleRate, const QString& origin)
    : m_aubio(new Aubio)
    , m_hop(1 << int(std::lround(std::log2(sampleRate * (512.0 / 44100.0)))))
{
    // aubio's tracker is tuned for 1024-sample windows with 512-sample hops at 44.1 kHz; keep
    // the same durations at other rates. (A half hop would halve the drift of its beats, see
    // refineBeats, but tracks the demo song's first 27 s on the off-beat: tst_timelineview.)
    m_aubio->tempo = new_aubio_tempo("default", uint_t(2 * m_hop), uint_t(m_hop), uint_t(sampleRate));
    m_aubio->out = new_fvec(1);
    if (!m_aubio->tempo || !m_aubio->out) {
        if (m_aubio->out)
            del_fvec(m_aubio->out);
        delete m_aubio;
        throw AudioError(origin, QStringLiteral("aubio could not create its beat tracker at %1 Hz").arg(sampleRate));
    }
    aubio_tempo_set_silence(m_aubio->tempo, -120.0f);
}

BeatTracker::~BeatTracker()
{
    del_aubio_tempo(m_aubio->tempo);
    del_fvec(m_aubio->out);
    delete m_aubio;
}

bool BeatTracker::run(const AnalysisInput& input, BeatResult& out, TaskProgress& progress, size_t task)
{
    out = {};
    // aubio drops a beat that falls on a digitally silent hop, which loses beats between sparse
    // hits (a click track, a staccato intro). Feed it a copy with inaudible dither (-105 dBFS)
    // and a lower silence gate instead; the analyzer drops beats in real silence afterwards.
    std::vector<smpl_t> dithered(static_cast<size_t>(m_hop));
    quint32 state = 0x9e3779b9u;
    const bool finished = forEachHop(input, m_hop, progress, task, [&](const fvec_t* in) {
        for (size_t i = 0; i < dithered.size(); ++i) {
            state = state * 1664525u + 1013904223u;
            dithered[i] = in->data[i] + (float(state >> 8) * (1.0f / 16777216.0f) - 0.5f) * 2e-5f;
        }
        const fvec_t noisy{uint_t(m_hop), dithered.data()};
        aubio_tempo_do(m_aubio->tempo, &noisy, m_aubio->out);
        if (m_aubio->out->data[0] != 0.0f)
            out.times.push_back(double(aubio_tempo_get_last_s(m_aubio->tempo)));
    });
    out.aubioBpm = double(aubio_tempo_get_bpm(m_aubio->tempo));
    out.confidence = double(aubio_tempo_get_confidence(m_aubio->tempo));
    // aubio can report a beat slightly before the start; keep times inside the signal.
    const double end = double(input.count) / input.sampleRate;
    out.times.erase(std::remove_if(out.times.begin(), out.times.end(), [end](double t) { return t < 0.0 || t > end; }),
        out.times.end());
    return finished;
}

namespace {

constexpr double kSilenceWindow = 0.1;
constexpr float kSilenceDb = -65.0f;

//! True when the music is silent around t: RMS below -65 dBFS within 100 ms.
bool isSilentAround(double t, const std::vector<float>& rmsDb, double frameRateHz)
{
    const size_t first = size_t(std::max(0.0, (t - kSilenceWindow) * frameRateHz));
    const size_t last = std::min(rmsDb.size(), size_t(std::max(0.0, (t + kSilenceWindow) * frameRateHz)) + 1);
    return first >= last
        || *std::max_element(rmsDb.begin() + std::ptrdiff_t(first), rmsDb.begin() + std::ptrdiff_t(last)) < kSilenceDb;
}

double medianInterval(const std::vector<double>& beats)
{
    std::vector<double> intervals;
    for (size_t i = 1; i < beats.size(); ++i)
        intervals.push_back(beats[i] - beats[i - 1]);
    std::nth_element(intervals.begin(), intervals.begin() + std::ptrdiff_t(intervals.size() / 2), intervals.end());
    return intervals[intervals.size() / 2];
}

//! The onset nearest to t within distance, if any.
std::optional<double> nearestOnset(const std::vector<double>& onsets, double t, double distance)
{
    std::optional<double> best;
    const auto next = std::lower_bound(onsets.begin(), onsets.end(), t);
    if (next != onsets.end() && *next - t <= distance) {
        best = *next;
        distance = *next - t;
    }
    if (next != onsets.begin() && t - *(next - 1) < distance)
        best = *(next - 1);
    return best;
}

//! The onset curve's peak just after t (the detection function peaks a frame or two after the
//! onset time aubio reports).
float onsetStrengthAt(double t, const std::vector<float>& strength, double frameRateHz)
{
    const size_t first = size_t(std::max(0.0, std::floor((t - 0.01) * frameRateHz)));
    const size_t last = std::min(strength.size(), size_t(std::max(0.0, std::ceil((t + 0.03) * frameRateHz))) + 1);
    return first < last ? *std::max_element(strength.begin() + std::ptrdiff_t(first), strength.begin() + std::ptrdiff_t(last)) : 0.0f;
}

} // namespace

std::vector<double> refineBeats(const std::vector<double>& beats, const std::vector<double>& onsets,
    const std::vector<float>& rmsDb, double frameRateHz)
{
    // Snap at most 70 ms, and never further than a sixth of a beat, so that a beat the tracker
    // placed a little early does not jump to a neighbouring off-beat note.
    double snap = 0.07;
    if (beats.size() >= 2) {
        std::vector<double> intervals;
        for (size_t i = 1; i < beats.size(); ++i)
            intervals.push_back(beats[i] - beats[i - 1]);
        std::nth_element(intervals.begin(), intervals.begin() + std::ptrdiff_t(intervals.size() / 2), intervals.end());
        snap = std::min(snap, intervals[intervals.size() / 2] / 6.0);
    }
    std::vector<double> refined;
    refined.reserve(beats.size());
    for (double beat : beats) {
        if (isSilentAround(beat, rmsDb, frameRateHz))
            continue;
        const double best = nearestOnset(onsets, beat, snap).value_or(beat);
        if (refined.empty() || best > refined.back() + 1e-6)
            refined.push_back(best);
    }
    return refined;
}

std::vector<double> settleBeatLevel(const std::vector<double>& beats, const std::vector<double>& onsets,
    const std::vector<float>& onsetStrength, const std::vector<float>& rmsDb, double frameRateHz)
{
    if (beats.size() < 4)
        return beats;
    const double median = medianInterval(beats);
    if (!(median > 0.0))
        return beats;
    // aubio prefers periods near 120 BPM (a Rayleigh prior), so a steady pulse near 170 BPM and
    // its half are about equally likely to it, and it may switch between them mid-song. Take the
    // faster level when three quarters of the beats' intervals hold an onset at their middle and
    // those onsets are typically (by the median) at least 0.7 as strong as the beats' (then the
    // middles are beats, not off-beats), as long as that stays at most 206 BPM, where aubio itself
    // halves the tempo. Medians, because the onset curve's 10 ms frames catch one hit's peak
    // anywhere from full to a tenth of its height.
    constexpr double kMaxBpm = 206.0;
    double period = median;
    if (60.0 / (median / 2.0) <= kMaxBpm) {
        std::vector<float> beatStrengths;
        for (double beat : beats)
            beatStrengths.push_back(onsetStrengthAt(beat, onsetStrength, frameRateHz));
        std::vector<float> middleStrengths;
        size_t middles = 0;
        for (size_t i = 1; i < beats.size(); ++i) {
            const double interval = beats[i] - beats[i - 1];
            if (std::abs(interval - median) > 0.25 * median)
                continue;
            const std::optional<double> middle = nearestOnset(onsets, (beats[i] + beats[i - 1]) / 2.0, interval / 8.0);
            middleStrengths.push_back(middle ? onsetStrengthAt(*middle, onsetStrength, frameRateHz) : 0.0f);
            middles += middle ? 1 : 0;
        }
        const auto medianOf = [](std::vector<float> values) {
            std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(values.size() / 2), values.end());
            return values[values.size() / 2];
        };
        if (middleStrengths.size() >= 4 && middles >= 0.75 * double(middleStrengths.size())
            && medianOf(middleStrengths) >= 0.7f * medianOf(beatStrengths))
            period = median / 2.0;
    }
    // Fill the gaps of a whole number of periods (beats aubio placed at the slower level, or
    // missed), each new beat on the nearest onset within a sixth of a period, none in silence.
    std::vector<double> settled{beats.front()};
    for (size_t i = 1; i < beats.size(); ++i) {
        const double interval = beats[i] - beats[i - 1];
        const double count = std::round(interval / period);
        if (count >= 2.0 && std::abs(interval / count - period) <= 0.15 * period) {
            for (int j = 1; j < int(count); ++j) {
                const double expected = beats[i - 1] + interval * j / count;
                const double beat = nearestOnset(onsets, expected, std::min(0.07, period / 6.0)).value_or(expected);
                if (!isSilentAround(beat, rmsDb, frameRateHz) && beat > settled.back() + 1e-6 && beat < beats[i] - 1e-6)
                    settled.push_back(beat);
            }
        }
        settled.push_back(beats[i]);
    }
    return settled;
}

double tempoFromBeats(const std::vector<double>& beats)
{
    if (beats.size() < 4)
        return 0.0;
    const double median = medianInterval(beats);
    if (!(median > 0.0))
        return 0.0;
    // Number the beats by counting median intervals between neighbours (a missed beat counts
    // two). An interval that is no whole number of medians (the tracker's first beats before it
    // settles, a stray beat) starts a new run: each run gets its own offset, all share one
    // period, so t = a_run + period * n by least squares.
    double sxx = 0.0, sxy = 0.0, points = 0.0;
    double sn = 0, st = 0, snn = 0, snt = 0, count = 0;
    const auto closeRun = [&] {
        if (count >= 2) {
            sxx += snn - sn * sn / count;
            sxy += snt - sn * st / count;
            points += count;
        }
        sn = st = snn = snt = count = 0;
    };
    double n = 0;
    for (size_t i = 0; i < beats.size(); ++i) {
        const double t = beats[i];
        if (i > 0) {
            const double steps = std::round((t - beats[i - 1]) / median);
            if (steps < 1.0 || std::abs(t - beats[i - 1] - steps * median) > 0.15 * median) {
                closeRun();
                n = 0;
            } else {
                n += steps;
            }
        }
        sn += n;
        st += t;
        snn += n * n;
        snt += n * t;
        count += 1;
    }
    closeRun();
    if (points < 4 || !(sxx > 0.0))
        return 60.0 / median;
    const double period = sxy / sxx;
    return period > 0.0 ? 60.0 / period : 0.0;
}

} // namespace tessera::internal
