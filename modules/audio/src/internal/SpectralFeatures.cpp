#include "internal/SpectralFeatures.h"

#include <cmath>
#include <memory>
#include <mutex>

#include <fftw3.h>

namespace tessera::internal {

namespace {

constexpr float kSilenceDb = -100.0f; //!< the floor of every dB curve (digital silence)

int windowSizeFor(int sampleRate)
{
    // About 46 ms (2048 at 44.1 kHz): fine enough in frequency to split 200 Hz bands.
    int size = 256;
    while (size < int(sampleRate * 0.046))
        size *= 2;
    return size;
}

float toDb(double power)
{
    return power > 1e-10 ? float(10.0 * std::log10(power)) : kSilenceDb;
}

struct FftwFree { void operator()(void* p) const { fftwf_free(p); } };

} // namespace

void makeFftwThreadSafe()
{
    static std::once_flag once;
    std::call_once(once, [] { fftwf_make_planner_thread_safe(); });
}

struct SpectralAnalyzer::Plan
{
    fftwf_plan plan = nullptr;
};

SpectralAnalyzer::SpectralAnalyzer(int sampleRate, double lowMaxHz, double highMinHz)
    : m_plan(new Plan)
    , m_size(windowSizeFor(sampleRate))
{
    std::unique_ptr<float, FftwFree> in(static_cast<float*>(fftwf_malloc(sizeof(float) * size_t(m_size))));
    std::unique_ptr<fftwf_complex, FftwFree> out(
        static_cast<fftwf_complex*>(fftwf_malloc(sizeof(fftwf_complex) * size_t(m_size / 2 + 1))));
    m_plan->plan = fftwf_plan_dft_r2c_1d(m_size, in.get(), out.get(), FFTW_ESTIMATE);

    m_binHz = float(sampleRate) / float(m_size);
    m_lowEnd = std::clamp(int(std::ceil(lowMaxHz / m_binHz)), 1, m_size / 2 + 1);
    m_highStart = std::clamp(int(std::ceil(highMinHz / m_binHz)), m_lowEnd, m_size / 2 + 1);
    m_window.resize(size_t(m_size));
    double windowEnergy = 0.0;
    for (int i = 0; i < m_size; ++i) {
        // 4-term Blackman-Harris: sidelobes at -92 dB, so a loud bass note does not leak into
        // the mid band the way a Hann window's -31 dB sidelobes do.
        const double x = 2.0 * M_PI * i / m_size;
        m_window[size_t(i)] = float(0.35875 - 0.48829 * std::cos(x) + 0.14128 * std::cos(2 * x) - 0.01168 * std::cos(3 * x));
        windowEnergy += double(m_window[size_t(i)]) * m_window[size_t(i)];
    }
    // Parseval: 2 / (N * sum w^2) * sum |X_k|^2 is the mean square of the windowed band, so a
    // full-scale sine reads -3 dB in its band, as it does in RMS dBFS.
    m_powerScale = float(2.0 / (m_size * windowEnergy));
}

SpectralAnalyzer::~SpectralAnalyzer()
{
    fftwf_destroy_plan(m_plan->plan);
    delete m_plan;
}

struct SpectralAnalyzer::Scratch::Buffers
{
    std::unique_ptr<float, FftwFree> in;
    std::unique_ptr<fftwf_complex, FftwFree> spectrum;
    std::vector<float> power;
    std::vector<float> magnitude;
};

SpectralAnalyzer::Scratch::Scratch(const SpectralAnalyzer& analyzer)
    : d(std::make_unique<Buffers>())
{
    const int bins = analyzer.m_size / 2 + 1;
    d->in.reset(static_cast<float*>(fftwf_malloc(sizeof(float) * size_t(analyzer.m_size))));
    d->spectrum.reset(static_cast<fftwf_complex*>(fftwf_malloc(sizeof(fftwf_complex) * size_t(bins))));
    d->power.resize(size_t(bins));
    d->magnitude.resize(size_t(bins));
}

SpectralAnalyzer::Scratch::~Scratch() = default;

SpectralValues SpectralAnalyzer::frameValues(const AnalysisInput& input, qint64 frame, Scratch& scratch) const
{
    const int bins = m_size / 2 + 1;
    float* in = scratch.d->in.get();
    fftwf_complex* X = scratch.d->spectrum.get();
    float* power = scratch.d->power.data();
    float* magnitude = scratch.d->magnitude.data();
    const float* window = m_window.data();
    const qint64 start = frame * input.hop - m_size / 2;
    if (start >= 0 && size_t(start + m_size) <= input.count) {
        const float* s = input.samples + start;
        for (int i = 0; i < m_size; ++i)
            in[i] = s[i] * window[i];
    } else {
        for (int i = 0; i < m_size; ++i)
            in[i] = input.at(start + i) * window[i];
    }
    fftwf_execute_dft_r2c(m_plan->plan, in, X);

    // Plain loops over plain arrays so the compiler vectorises them (see CMakeLists).
    for (int k = 0; k < bins; ++k) {
        power[k] = X[k][0] * X[k][0] + X[k][1] * X[k][1];
        magnitude[k] = std::sqrt(power[k]);
    }
    const auto sum = [](const float* values, int from, int to) {
        float total = 0.0f;
        for (int k = from; k < to; ++k)
            total += values[k];
        return double(total);
    };
    float weighted = 0.0f;
    for (int k = 1; k < bins; ++k)
        weighted += magnitude[k] * float(k);
    const double low = sum(power, 1, m_lowEnd);
    const double mid = sum(power, m_lowEnd, m_highStart);
    const double high = sum(power, m_highStart, bins);
    const double magnitudes = sum(magnitude, 1, bins);
    SpectralValues values;
    // RMS of the window-weighted signal, by Parseval from the same spectrum (DC included).
    values.rms = toDb((low + mid + high + power[0] * 0.5) * m_powerScale);
    values.low = toDb(low * m_powerScale);
    values.mid = toDb(mid * m_powerScale);
    values.high = toDb(high * m_powerScale);
    values.centroid = magnitudes > 1e-9 ? float(weighted / magnitudes * m_binHz) : 0.0f;
    return values;
}

bool SpectralAnalyzer::run(const AnalysisInput& input, size_t first, size_t end, SpectralCurves& out,
    TaskProgress& progress, size_t task) const
{
    Scratch scratch(*this);
    for (size_t frame = first; frame < end; ++frame) {
        const SpectralValues values = frameValues(input, qint64(frame), scratch);
        out.rms[frame] = values.rms;
        out.low[frame] = values.low;
        out.mid[frame] = values.mid;
        out.high[frame] = values.high;
        out.centroid[frame] = values.centroid;
        if ((frame - first) % kProgressInterval == 0
            && !progress.update(task, double(frame - first) / double(std::max<size_t>(1, end - first))))
            return false;
    }
    return progress.update(task, 1.0);
}

} // namespace tessera::internal
