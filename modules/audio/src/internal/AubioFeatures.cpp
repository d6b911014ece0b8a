#include "internal/AubioFeatures.h"

#include "tessera/audio/AudioError.h"

#include <algorithm>
#include <cmath>

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
        aubio_onset_do(m_aubio->onset, in, m_aubio->out);
        if (frame < out.strength.size())
            out.strength[frame] = aubio_onset_get_descriptor(m_aubio->onset);
        ++frame;
        if (m_aubio->out->data[0] != 0.0f)
            out.times.push_back(double(aubio_onset_get_last_s(m_aubio->onset)));
    });
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
    // the same durations at other rates.
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
    constexpr double kSilenceWindow = 0.1;
    constexpr float kSilenceDb = -65.0f;
    std::vector<double> refined;
    refined.reserve(beats.size());
    for (double beat : beats) {
        const size_t first = size_t(std::max(0.0, (beat - kSilenceWindow) * frameRateHz));
        const size_t last = std::min(rmsDb.size(), size_t((beat + kSilenceWindow) * frameRateHz) + 1);
        if (first >= last || *std::max_element(rmsDb.begin() + std::ptrdiff_t(first), rmsDb.begin() + std::ptrdiff_t(last)) < kSilenceDb)
            continue;
        double best = beat;
        double bestDistance = snap;
        const auto next = std::lower_bound(onsets.begin(), onsets.end(), beat);
        if (next != onsets.end() && *next - beat <= bestDistance) {
            best = *next;
            bestDistance = *next - beat;
        }
        if (next != onsets.begin() && beat - *(next - 1) < bestDistance)
            best = *(next - 1);
        if (refined.empty() || best > refined.back() + 1e-6)
            refined.push_back(best);
    }
    return refined;
}

double tempoFromBeats(const std::vector<double>& beats)
{
    if (beats.size() < 4)
        return 0.0;
    std::vector<double> intervals;
    for (size_t i = 1; i < beats.size(); ++i)
        intervals.push_back(beats[i] - beats[i - 1]);
    std::nth_element(intervals.begin(), intervals.begin() + std::ptrdiff_t(intervals.size() / 2), intervals.end());
    const double median = intervals[intervals.size() / 2];
    if (!(median > 0.0))
        return 0.0;
    // Number the beats by counting median intervals between neighbours (a missed beat counts
    // two), then fit t = a + b * n.
    double sn = 0, st = 0, snn = 0, snt = 0, n = 0;
    const double count = double(beats.size());
    for (size_t i = 0; i < beats.size(); ++i) {
        const double t = beats[i];
        if (i > 0)
            n += std::max(1.0, std::round((t - beats[i - 1]) / median));
        sn += n;
        st += t;
        snn += n * n;
        snt += n * t;
    }
    const double denominator = count * snn - sn * sn;
    if (!(denominator > 0.0))
        return 60.0 / median;
    const double period = (count * snt - sn * st) / denominator;
    return period > 0.0 ? 60.0 / period : 0.0;
}

} // namespace tessera::internal
