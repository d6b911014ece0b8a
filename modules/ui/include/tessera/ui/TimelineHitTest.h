#pragma once

#include "tessera/core/Segment.h"
#include "tessera/ui/TimelineViewport.h"

#include <QRectF>
#include <QVector>

#include <vector>

namespace tessera {

//! Where the timeline's lanes lie in a view of a given size: the ruler on top, the waveform
//! (with beats), the feature curves, and the lyric segments at the bottom.
struct TimelineLayout
{
    QRectF ruler;
    QRectF waveform;
    QRectF curves;
    QRectF segments;

    static TimelineLayout forSize(double width, double height);
};

//! What lies under a point of the timeline.
struct TimelineHit
{
    enum class Kind {
        Nothing,  //!< outside the lanes
        Ruler,    //!< the time ruler: click to seek
        Lane,     //!< waveform or curves: click to seek
        Segment,  //!< a segment block: click to select
        Boundary  //!< the boundary after segment `index`: drag to move
    };
    Kind kind = Kind::Nothing;
    int index = -1;      //!< the segment (Segment), or the one before the boundary (Boundary)
    double seconds = 0.0; //!< the song time at the point
};

//! Hit-tests a point against the layout and the segments (ordered, as the catalog keeps them).
//! A boundary is hit within tolerancePixels of it in the segments lane, and only where the two
//! segments touch; the nearer boundary wins.
TimelineHit hitTestTimeline(const QPointF& point, const TimelineLayout& layout, const TimelineViewport& viewport,
    const QVector<Segment>& segments, double tolerancePixels = 5.0);

//! The beat nearest to seconds, or seconds itself when there are no beats.
double nearestBeat(const std::vector<double>& beatTimes, double seconds);

} // namespace tessera
