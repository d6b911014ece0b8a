#pragma once

// The GUI thread's responsiveness while work runs elsewhere, for the studio's tests that report it.

#include <QElapsedTimer>
#include <QTimer>
#include <QVector>

#include <algorithm>

namespace tessera::testing {

//! Records the gaps between ticks of a 10 ms timer on the GUI thread: a gap much longer than
//! 10 ms is the event loop stalled by something (a write, a decode, a lock).
class StallMeter
{
public:
    StallMeter()
    {
        m_timer.setInterval(10);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            m_gaps.append(m_clock.nsecsElapsed() / 1e6);
            m_clock.restart();
        });
        m_clock.start();
        m_timer.start();
    }
    double percentile(double p) const
    {
        QVector<double> sorted = m_gaps;
        std::sort(sorted.begin(), sorted.end());
        return sorted.isEmpty() ? 0.0 : sorted[std::min<qsizetype>(sorted.size() - 1, qsizetype(p * sorted.size()))];
    }
    //! Stops recording (the figures stay).
    void stop() { m_timer.stop(); }
    int countOver(double ms) const { return int(std::count_if(m_gaps.begin(), m_gaps.end(), [ms](double gap) { return gap > ms; })); }
    double max() const { return m_gaps.isEmpty() ? 0.0 : *std::max_element(m_gaps.begin(), m_gaps.end()); }
    int samples() const { return int(m_gaps.size()); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    QVector<double> m_gaps;
};

} // namespace tessera::testing
