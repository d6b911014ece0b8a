#pragma once

#include <QtGlobal>

namespace tessera {

//! The timeline's mapping between song time and pixels, and its zoom and scroll, with no
//! widget attached (so the math is tested on its own). Time runs left to right; offset is the
//! time at the left edge of the view. Zoom ranges from the whole song in the view's width
//! down to a single video frame spanning kPixelsPerFrameAtMaxZoom pixels.
class TimelineViewport
{
public:
    static constexpr double kPixelsPerFrameAtMaxZoom = 48.0;

    //! The song's length and the project's frame rate (frames per second).
    void setSong(double durationSeconds, double framesPerSecond);
    //! The width of the drawn area in pixels; keeps the zoom within its limits.
    void setWidth(int pixels);

    double durationSeconds() const { return m_duration; }
    double framesPerSecond() const { return m_fps; }
    int width() const { return m_width; }
    double secondsPerPixel() const { return m_secondsPerPixel; }
    double offsetSeconds() const { return m_offset; }

    //! The coarsest zoom: the whole song fits the width.
    double maxSecondsPerPixel() const;
    //! The finest zoom: one frame spans kPixelsPerFrameAtMaxZoom pixels.
    double minSecondsPerPixel() const;

    double xForTime(double seconds) const { return (seconds - m_offset) / m_secondsPerPixel; }
    double timeAtX(double x) const { return m_offset + x * m_secondsPerPixel; }
    //! The visible span [start, end) in seconds.
    double visibleStart() const { return m_offset; }
    double visibleEnd() const { return m_offset + m_width * m_secondsPerPixel; }

    //! Width of the whole song at the current zoom, in pixels (the scroll range plus the width).
    qint64 contentWidth() const;
    //! The scroll position in pixels (offset / secondsPerPixel), for a scroll bar.
    qint64 scrollPixels() const;
    void setScrollPixels(qint64 pixels);

    //! Sets the zoom (clamped) keeping the time at anchorX where it is on screen.
    void setSecondsPerPixel(double secondsPerPixel, double anchorX);
    //! Multiplies the pixels per second by factor (> 1 zooms in) around anchorX.
    void zoomBy(double factor, double anchorX);
    //! Shows the whole song.
    void fitAll();
    //! Scrolls so seconds is visible, with a margin in pixels when it has to move.
    void ensureVisible(double seconds, double marginPixels = 40.0);
    //! Sets the left edge (clamped to the song).
    void setOffsetSeconds(double seconds);

    //! A readable ruler step in seconds: the smallest of 1, 2, 5 x 10^k (or whole frames when
    //! zoomed in to frames) whose ticks lie at least minPixels apart.
    double rulerStep(double minPixels) const;

private:
    void clamp();

    double m_duration = 1.0;
    double m_fps = 30.0;
    int m_width = 1;
    double m_secondsPerPixel = 0.01;
    double m_offset = 0.0;
};

} // namespace tessera
