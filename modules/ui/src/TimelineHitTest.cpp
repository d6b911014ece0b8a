#include "tessera/ui/TimelineHitTest.h"

#include <algorithm>
#include <cmath>

namespace tessera {

TimelineLayout TimelineLayout::forSize(double width, double height)
{
    // Fixed ruler and segment lanes keep text readable; waveform and curves share the rest 3:2.
    constexpr double rulerHeight = 26.0;
    constexpr double segmentsHeight = 56.0;
    constexpr double gap = 4.0;
    const double rest = std::max(40.0, height - rulerHeight - segmentsHeight - 3 * gap);
    const double waveformHeight = std::round(rest * 0.6);
    TimelineLayout layout;
    layout.ruler = QRectF(0, 0, width, rulerHeight);
    layout.waveform = QRectF(0, rulerHeight + gap, width, waveformHeight);
    layout.curves = QRectF(0, layout.waveform.bottom() + gap, width, rest - waveformHeight);
    layout.segments = QRectF(0, layout.curves.bottom() + gap, width, segmentsHeight);
    return layout;
}

TimelineHit hitTestTimeline(const QPointF& point, const TimelineLayout& layout, const TimelineViewport& viewport,
    const QVector<Segment>& segments, double tolerancePixels)
{
    TimelineHit hit;
    hit.seconds = std::clamp(viewport.timeAtX(point.x()), 0.0, viewport.durationSeconds());
    if (layout.ruler.contains(point)) {
        hit.kind = TimelineHit::Kind::Ruler;
        return hit;
    }
    if (layout.waveform.contains(point) || layout.curves.contains(point)) {
        hit.kind = TimelineHit::Kind::Lane;
        return hit;
    }
    if (!layout.segments.contains(point))
        return hit;

    double bestDistance = tolerancePixels;
    for (int i = 0; i + 1 < segments.size(); ++i) {
        if (segments.at(i).range.endMs != segments.at(i + 1).range.startMs)
            continue;
        const double distance = std::abs(viewport.xForTime(segments.at(i).range.endMs / 1000.0) - point.x());
        if (distance <= bestDistance) {
            bestDistance = distance;
            hit.kind = TimelineHit::Kind::Boundary;
            hit.index = i;
        }
    }
    if (hit.kind == TimelineHit::Kind::Boundary)
        return hit;

    const qint64 ms = millisecondContaining(hit.seconds);
    const auto after = std::upper_bound(segments.cbegin(), segments.cend(), ms,
        [](qint64 value, const Segment& segment) { return value < segment.range.startMs; });
    if (after != segments.cbegin() && std::prev(after)->range.contains(ms)) {
        hit.kind = TimelineHit::Kind::Segment;
        hit.index = int(std::distance(segments.cbegin(), after)) - 1;
        return hit;
    }
    hit.kind = TimelineHit::Kind::Lane; // a hole between segments: seek there
    return hit;
}

double nearestBeat(const std::vector<double>& beatTimes, double seconds)
{
    if (beatTimes.empty())
        return seconds;
    const auto after = std::lower_bound(beatTimes.cbegin(), beatTimes.cend(), seconds);
    if (after == beatTimes.cbegin())
        return *after;
    if (after == beatTimes.cend())
        return beatTimes.back();
    const double before = *std::prev(after);
    return (seconds - before <= *after - seconds) ? before : *after;
}

} // namespace tessera
