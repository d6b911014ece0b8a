#include "tessera/ui/TimelineViewport.h"

#include <algorithm>
#include <cmath>

namespace tessera {

void TimelineViewport::setSong(double durationSeconds, double framesPerSecond)
{
    m_duration = std::max(durationSeconds, 0.001);
    m_fps = framesPerSecond > 0.0 ? framesPerSecond : 30.0;
    clamp();
}

void TimelineViewport::setWidth(int pixels)
{
    const bool wasFit = m_secondsPerPixel >= maxSecondsPerPixel() * 0.999;
    m_width = std::max(pixels, 1);
    // A view showing the whole song keeps showing it when resized (the usual expectation).
    if (wasFit)
        m_secondsPerPixel = maxSecondsPerPixel();
    clamp();
}

double TimelineViewport::maxSecondsPerPixel() const
{
    return std::max(m_duration / m_width, minSecondsPerPixel());
}

double TimelineViewport::minSecondsPerPixel() const
{
    return 1.0 / (m_fps * kPixelsPerFrameAtMaxZoom);
}

qint64 TimelineViewport::contentWidth() const
{
    return qint64(std::ceil(m_duration / m_secondsPerPixel));
}

qint64 TimelineViewport::scrollPixels() const
{
    return qint64(std::llround(m_offset / m_secondsPerPixel));
}

void TimelineViewport::setScrollPixels(qint64 pixels)
{
    setOffsetSeconds(double(pixels) * m_secondsPerPixel);
}

void TimelineViewport::setSecondsPerPixel(double secondsPerPixel, double anchorX)
{
    const double anchorTime = timeAtX(anchorX);
    m_secondsPerPixel = std::clamp(secondsPerPixel, minSecondsPerPixel(), maxSecondsPerPixel());
    m_offset = anchorTime - anchorX * m_secondsPerPixel;
    clamp();
}

void TimelineViewport::zoomBy(double factor, double anchorX)
{
    if (factor > 0.0)
        setSecondsPerPixel(m_secondsPerPixel / factor, anchorX);
}

void TimelineViewport::fitAll()
{
    m_secondsPerPixel = maxSecondsPerPixel();
    m_offset = 0.0;
    clamp();
}

void TimelineViewport::ensureVisible(double seconds, double marginPixels)
{
    const double margin = std::min(marginPixels, m_width / 4.0) * m_secondsPerPixel;
    if (seconds < visibleStart() + margin)
        setOffsetSeconds(seconds - margin);
    else if (seconds > visibleEnd() - margin)
        setOffsetSeconds(seconds + margin - m_width * m_secondsPerPixel);
}

void TimelineViewport::setOffsetSeconds(double seconds)
{
    m_offset = seconds;
    clamp();
}

double TimelineViewport::rulerStep(double minPixels) const
{
    const double minSeconds = minPixels * m_secondsPerPixel;
    const double frame = 1.0 / m_fps;
    if (minSeconds <= frame * 0.5) // a tick per frame is already far enough apart
        return frame;
    if (minSeconds < 1.0 && minSeconds < frame * 10) {
        for (int frames : {1, 2, 5, 10})
            if (frames * frame >= minSeconds)
                return frames * frame;
    }
    for (double base = 1e-3;; base *= 10.0) {
        for (double multiple : {1.0, 2.0, 5.0}) {
            if (base * multiple >= minSeconds)
                return base * multiple;
        }
        if (base > 1e5)
            return base;
    }
}

void TimelineViewport::clamp()
{
    m_secondsPerPixel = std::clamp(m_secondsPerPixel, minSecondsPerPixel(), maxSecondsPerPixel());
    const double maxOffset = std::max(0.0, m_duration - m_width * m_secondsPerPixel);
    m_offset = std::clamp(m_offset, 0.0, maxOffset);
}

} // namespace tessera
