#pragma once

#include "tessera/audio/Progress.h"

#include <QtGlobal>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <vector>

namespace tessera::internal {

//! The mono signal every feature reads, at the analysis rate, and the 100 Hz frame grid on it.
struct AnalysisInput
{
    const float* samples = nullptr;
    size_t count = 0;
    int sampleRate = 0;
    int hop = 0;       //!< samples per feature frame (sampleRate / 100)
    size_t frames = 0; //!< feature frames: frame i describes time i * hop / sampleRate

    //! Sample i, or silence outside the signal (windows hanging over either end).
    float at(qint64 i) const { return i >= 0 && size_t(i) < count ? samples[i] : 0.0f; }
};

//! Progress of several tasks running in parallel, combined into one callback. The data the mutex
//! guards is this struct; the callback is called under it, so never twice at once.
class TaskProgress
{
public:
    TaskProgress(const ProgressCallback& callback, double base, double span, std::vector<double> weights)
        : m_callback(callback)
        , m_base(base)
        , m_span(span)
        , m_weights(std::move(weights))
        , m_done(m_weights.size(), 0.0)
    {
        double total = 0.0;
        for (double w : m_weights)
            total += w;
        for (double& w : m_weights)
            w /= total > 0.0 ? total : 1.0;
    }

    //! Records task's fraction; false when the work was cancelled (by the callback or before).
    bool update(size_t task, double fraction)
    {
        if (m_cancelled.load(std::memory_order_relaxed))
            return false;
        if (!m_callback)
            return true;
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_done[task] = std::clamp(fraction, 0.0, 1.0);
        double sum = 0.0;
        for (size_t i = 0; i < m_done.size(); ++i)
            sum += m_done[i] * m_weights[i];
        if (!m_callback(m_base + m_span * sum))
            m_cancelled.store(true);
        return !m_cancelled.load();
    }

    bool isCancelled() const { return m_cancelled.load(); }

private:
    const ProgressCallback& m_callback;
    double m_base;
    double m_span;
    std::vector<double> m_weights;
    std::mutex m_mutex;
    std::vector<double> m_done;
    std::atomic<bool> m_cancelled{false};
};

//! How often (in frames) tasks report progress and check for cancellation.
constexpr size_t kProgressInterval = 2000;

} // namespace tessera::internal
