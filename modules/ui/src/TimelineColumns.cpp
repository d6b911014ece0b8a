#include "TimelineColumns.h"

#include "tessera/audio/FeatureCurve.h"
#include "tessera/audio/WaveformPeaks.h"

#include <algorithm>
#include <cmath>

namespace tessera {

void TimelineColumns::setSources(const WaveformPeaks* peaks, std::vector<const FeatureCurve*> curves)
{
    m_peaks = peaks;
    m_sources = std::move(curves);
    m_curves.resize(m_sources.size());
    m_valid = false;
}

bool TimelineColumns::update(const TimelineViewport& viewport)
{
    const size_t width = size_t(viewport.width());
    if (m_valid && m_minimum.size() == width && m_secondsPerPixel == viewport.secondsPerPixel()
        && m_offset == viewport.offsetSeconds()) {
        return false;
    }
    // resize() keeps capacity: buffers grow to the widest view once and are reused after.
    m_minimum.resize(width);
    m_maximum.resize(width);
    computeWaveform(viewport);
    for (size_t i = 0; i < m_sources.size(); ++i) {
        m_curves[i].resize(width);
        if (m_sources[i])
            computeCurve(*m_sources[i], m_curves[i], viewport);
        else
            std::fill(m_curves[i].begin(), m_curves[i].end(), 0.0f);
    }
    m_secondsPerPixel = viewport.secondsPerPixel();
    m_offset = viewport.offsetSeconds();
    m_valid = true;
    return true;
}

void TimelineColumns::computeWaveform(const TimelineViewport& viewport)
{
    std::fill(m_minimum.begin(), m_minimum.end(), 0.0f);
    std::fill(m_maximum.begin(), m_maximum.end(), 0.0f);
    if (!m_peaks || m_peaks->isEmpty() || m_peaks->sampleRate() <= 0)
        return;
    const double framesPerPixel = viewport.secondsPerPixel() * m_peaks->sampleRate();
    const WaveformPeaks::Level& level = m_peaks->levelFor(framesPerPixel);
    const double bucketsPerSecond = double(m_peaks->sampleRate()) / level.samplesPerBucket;
    const qint64 buckets = level.bucketCount();
    for (size_t x = 0; x < m_minimum.size(); ++x) {
        const double t0 = viewport.timeAtX(double(x));
        const double t1 = viewport.timeAtX(double(x + 1));
        qint64 first = qint64(std::floor(t0 * bucketsPerSecond));
        qint64 last = std::max(first + 1, qint64(std::ceil(t1 * bucketsPerSecond)));
        first = std::clamp<qint64>(first, 0, buckets);
        last = std::clamp<qint64>(last, 0, buckets);
        if (first >= last)
            continue;
        const auto low = std::min_element(level.minimum.cbegin() + first, level.minimum.cbegin() + last);
        const auto high = std::max_element(level.maximum.cbegin() + first, level.maximum.cbegin() + last);
        m_minimum[x] = *low;
        m_maximum[x] = *high;
    }
}

void TimelineColumns::computeCurve(const FeatureCurve& curve, std::vector<float>& out, const TimelineViewport& viewport)
{
    const std::vector<float>& values = curve.normalized();
    const double rate = curve.frameRateHz();
    const qint64 size = qint64(values.size());
    for (size_t x = 0; x < out.size(); ++x) {
        const double t0 = viewport.timeAtX(double(x));
        const double t1 = viewport.timeAtX(double(x + 1));
        const qint64 first = qint64(std::ceil(t0 * rate));
        const qint64 last = qint64(std::floor(t1 * rate));
        if (last - first >= 1 && first >= 0 && first < size) {
            // Several curve frames in the column: the highest, so short peaks stay visible.
            out[x] = *std::max_element(values.cbegin() + first, values.cbegin() + std::min(last + 1, size));
        } else {
            out[x] = curve.valueAt(0.5 * (t0 + t1)); // zoomed in: interpolate between frames
        }
    }
}

} // namespace tessera
