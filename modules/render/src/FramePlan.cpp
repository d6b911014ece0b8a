#include "tessera/render/FramePlan.h"

#include <algorithm>
#include <cmath>

namespace tessera {

namespace {

const FeatureCurve kNoCurve;

const FeatureCurve& curveFor(const Composition& composition, const AxisDefinition& axis)
{
    const AudioAnalysis* analysis = composition.analysis(axis.source);
    return analysis ? analysis->curve(axis.feature) : kNoCurve;
}

//! The nearest beat within reach of a time, or the time itself.
double alignToBeat(double seconds, const std::vector<double>& beats, double reach)
{
    double best = seconds;
    double bestDistance = reach;
    for (const double beat : beats) {
        const double distance = std::abs(beat - seconds);
        if (distance <= bestDistance) {
            best = beat;
            bestDistance = distance;
        }
    }
    return best;
}

double smoothstep(double x)
{
    x = std::clamp(x, 0.0, 1.0);
    return x * x * (3.0 - 2.0 * x);
}

//! A value in [-1, 1] for an integer step, the same for the same seed and step (a hash: the
//! shake must be the same frame in preview and export, whatever was composed before).
double hashedUnit(quint32 seed, qint64 step, quint32 channel)
{
    quint64 x = (quint64(seed) << 32) ^ quint64(step) * 0x9E3779B97F4A7C15ULL ^ (quint64(channel) << 17);
    // splitmix64's finaliser: every input bit reaches every output bit
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBULL;
    x ^= x >> 31;
    return double(x >> 11) / double(1ULL << 53) * 2.0 - 1.0;
}

//! Smooth value noise in [-1, 1]: random values at kShakeHz, eased between. Written here because
//! it is six lines, and what a camera shake needs is only that it wanders smoothly and repeats.
double shakeNoise(quint32 seed, double seconds, quint32 channel)
{
    constexpr double kShakeHz = 12.0;
    const double at = seconds * kShakeHz;
    const auto step = qint64(std::floor(at));
    return hashedUnit(seed, step, channel) + (hashedUnit(seed, step + 1, channel) - hashedUnit(seed, step, channel)) * smoothstep(at - double(step));
}

} // namespace

double crossfadeShare(double fraction)
{
    return smoothstep(fraction);
}

FramePlanner::FramePlanner(const Composition& composition)
    : m_composition(composition)
{
    const std::vector<double> beats = composition.beatTimes();
    for (int i = 0; i < composition.segments.size(); ++i) {
        const Segment& segment = composition.segments[i].segment;
        m_motionX.append(AxisMotion(segment.axisX, curveFor(composition, segment.axisX)));
        m_motionY.append(AxisMotion(segment.axisY, curveFor(composition, segment.axisY)));
        QVector<DrivenMove> moves;
        for (const CameraMove& move : segment.camera.moves)
            if (move.isActive())
                moves.append({move, AxisMotion(move.axis, curveFor(composition, move.axis))});
        m_camera.append(moves);
        Boundary boundary;
        boundary.centre = double(segment.range.startMs) / 1000.0;
        boundary.length = std::max(0, segment.transition.crossfadeMs) / 1000.0;
        if (segment.transition.alignToBeat)
            boundary.centre = alignToBeat(boundary.centre, beats, boundary.length);
        m_boundaries.append(boundary);
    }
}

int FramePlanner::activeSegmentAt(double seconds) const
{
    // The segment holding the instant; in a gap or past the end the last one begun holds on;
    // before the first, the first.
    const auto& segments = m_composition.segments;
    int active = segments.isEmpty() ? -1 : 0;
    for (int i = 0; i < segments.size(); ++i) {
        if (double(segments[i].segment.range.startMs) / 1000.0 <= seconds)
            active = i;
    }
    return active;
}

QVector<SegmentLayer> FramePlanner::planAt(double seconds) const
{
    if (m_composition.segments.isEmpty())
        return {};
    for (int i = 1; i < m_boundaries.size(); ++i) {
        const Boundary& boundary = m_boundaries[i];
        const double begin = boundary.centre - boundary.length / 2.0;
        if (boundary.length > 0.0 && seconds >= begin && seconds < begin + boundary.length) {
            const double incoming = crossfadeShare((seconds - begin) / boundary.length);
            return {layerAt(i - 1, seconds, 1.0 - incoming), layerAt(i, seconds, incoming)};
        }
    }
    // Outside a crossfade: the segment the (possibly beat-moved) boundaries assign.
    int active = 0;
    for (int i = 1; i < m_boundaries.size(); ++i)
        if (seconds >= m_boundaries[i].centre)
            active = i;
    return {layerAt(active, seconds, 1.0)};
}

CameraPose FramePlanner::cameraFor(int segmentIndex, const QVector<double>& positions, double seconds) const
{
    CameraPose pose;
    const Segment& segment = m_composition.segments[segmentIndex].segment;
    const double aspect = double(std::max(1, m_composition.project.width)) / std::max(1, m_composition.project.height);
    const QVector<DrivenMove>& moves = m_camera[segmentIndex];
    for (int m = 0; m < moves.size() && m < positions.size(); ++m) {
        const DrivenMove& driven = moves[m];
        const double amount = driven.move.amountAt(positions[m]);
        switch (driven.move.kind) {
        case CameraMoveKind::Zoom:
            pose.zoom += amount;
            break;
        case CameraMoveKind::Rotate:
            pose.rotateDegrees += amount;
            break;
        case CameraMoveKind::PanX:
            pose.shiftX += amount;
            break;
        case CameraMoveKind::PanY:
            pose.shiftY += amount;
            break;
        case CameraMoveKind::Shake:
            // A fraction of the width both ways: the same distance up as across.
            pose.shiftX += amount * shakeNoise(segment.seed, seconds, 1);
            pose.shiftY += amount * aspect * shakeNoise(segment.seed, seconds, 2);
            break;
        }
    }
    return pose;
}

int FramePlanner::captionSegmentAt(double seconds) const
{
    const int active = activeSegmentAt(seconds);
    if (active < 0)
        return -1;
    const TimeRange& range = m_composition.segments[active].segment.range;
    return range.contains(millisecondContaining(seconds)) ? active : -1;
}

SegmentPositions FramePlanner::positionsAt(int segmentIndex, double seconds) const
{
    SegmentPositions positions;
    positions.x = m_motionX[segmentIndex].positionAt(seconds);
    positions.y = m_motionY[segmentIndex].positionAt(seconds);
    for (const DrivenMove& driven : m_camera[segmentIndex])
        positions.camera.append(driven.motion.positionAt(seconds));
    return positions;
}

QVector<CameraMove> FramePlanner::activeCameraMoves(int segmentIndex) const
{
    QVector<CameraMove> moves;
    for (const DrivenMove& driven : m_camera[segmentIndex])
        moves.append(driven.move);
    return moves;
}

double FramePlanner::segmentStartSeconds(int segmentIndex) const { return m_boundaries[segmentIndex].centre; }
double FramePlanner::crossfadeSeconds(int segmentIndex) const { return m_boundaries[segmentIndex].length; }

SegmentLayer FramePlanner::layerAt(int segmentIndex, double seconds, double weight) const
{
    return layerFor(segmentIndex, positionsAt(segmentIndex, seconds), seconds, weight);
}

SegmentLayer FramePlanner::layerFor(int segmentIndex, const SegmentPositions& positions, double seconds, double weight) const
{
    const CompositionSegment& entry = m_composition.segments[segmentIndex];
    const int rows = entry.segment.grid.rows();
    const int cols = entry.segment.grid.cols();
    SegmentLayer layer;
    layer.segment = segmentIndex;
    layer.weight = weight;
    layer.camera = cameraFor(segmentIndex, positions.camera, seconds);
    layer.column = positions.x * (cols - 1);
    layer.row = positions.y * (rows - 1);

    // Bilinear weights of the four neighbours; cells without an image give their share to the
    // others, so an unfinished grid still plays.
    const int col0 = std::min(int(std::floor(layer.column)), cols - 1);
    const int row0 = std::min(int(std::floor(layer.row)), rows - 1);
    const double fx = layer.column - col0;
    const double fy = layer.row - row0;
    const struct {
        int row, col;
        double weight;
    } corners[] = {{row0, col0, (1 - fx) * (1 - fy)}, {row0, std::min(col0 + 1, cols - 1), fx * (1 - fy)},
        {std::min(row0 + 1, rows - 1), col0, (1 - fx) * fy},
        {std::min(row0 + 1, rows - 1), std::min(col0 + 1, cols - 1), fx * fy}};
    double total = 0.0;
    for (const auto& corner : corners) {
        const CompositionCell* cell = entry.cellAt({corner.row, corner.col});
        if (corner.weight <= 0.0 || !cell || cell->versionId == 0)
            continue;
        auto same = std::find_if(layer.cells.begin(), layer.cells.end(),
            [&](const CellWeight& w) { return w.index == cell->index; });
        if (same != layer.cells.end())
            same->weight += corner.weight; // the grid's edge: a corner counted twice
        else
            layer.cells.append({cell->index, cell->versionId, corner.weight});
        total += corner.weight;
    }
    if (total > 0.0) {
        for (CellWeight& cell : layer.cells)
            cell.weight /= total;
        return layer;
    }
    // No neighbour has an image: the nearest cell that has one, else nothing (black).
    double nearest = 1e300;
    for (const CompositionCell& cell : entry.cells) {
        if (cell.versionId == 0)
            continue;
        const double distance = std::hypot(cell.index.col - layer.column, cell.index.row - layer.row);
        if (distance < nearest) {
            nearest = distance;
            layer.cells = {{cell.index, cell.versionId, 1.0}};
        }
    }
    return layer;
}

} // namespace tessera
