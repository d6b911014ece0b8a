#pragma once

#include "tessera/core/GridGeometry.h"
#include "tessera/motion/CameraTransform.h"
#include "tessera/render/AxisMotion.h"
#include "tessera/render/Composition.h"

#include <QVector>

namespace tessera {

//! One cell's share of a frame.
struct CellWeight
{
    CellIndex index;
    qint64 versionId = 0;
    double weight = 0.0;
};

//! One segment's contribution: where its axes stand and the cells blended there.
struct SegmentLayer
{
    int segment = -1;        //!< index into Composition::segments
    double weight = 0.0;     //!< its share of the frame (crossfade), layers sum to 1
    double column = 0.0;     //!< continuous grid position, 0 .. cols - 1
    double row = 0.0;        //!< 0 .. rows - 1
    QVector<CellWeight> cells; //!< cells with images, weights summing to 1 (empty: black)
    CameraPose camera;         //!< the segment's camera moves at this instant
};

//! Where a segment's driven things stand, each a position in [0, 1] along its range: its two axes
//! and its active camera moves. The song's features give them for an instant (positionsAt); a
//! live show gives them from an input.
struct SegmentPositions
{
    double x = 0.5;
    double y = 0.5;
    QVector<double> camera; //!< one per active camera move, in FramePlanner::activeCameraMoves order
};

//! The incoming segment's share of a crossfade a fraction (0..1) of the way through: the eased
//! curve the timeline's crossfades follow, and a live show's jumps with them.
double crossfadeShare(double fraction);

//! What a frame shows at an instant, before any pixel is touched: which segments (two while a
//! crossfade runs), where in each grid, which cells with which weights. Pure arithmetic on the
//! composition, so previews, exports and tests agree on it.
class FramePlanner
{
public:
    explicit FramePlanner(const Composition& composition);

    QVector<SegmentLayer> planAt(double seconds) const;
    //! The segment whose lyric shows at an instant (the larger layer), or -1 outside every segment.
    int captionSegmentAt(double seconds) const;

    //! The positions the song's features give a segment at an instant.
    SegmentPositions positionsAt(int segment, double seconds) const;
    //! A segment's layer at given positions, with a weight; seconds only moves its camera shake.
    SegmentLayer layerFor(int segment, const SegmentPositions& positions, double seconds, double weight) const;
    //! The segment's camera moves that do something, in the order SegmentPositions::camera takes.
    QVector<CameraMove> activeCameraMoves(int segment) const;
    //! Where the crossfade into a segment is centred (beat-aligned when it asks) and how long it
    //! lasts, in seconds.
    double segmentStartSeconds(int segment) const;
    double crossfadeSeconds(int segment) const;

private:
    struct Boundary
    {
        double centre = 0.0;   //!< seconds; beat-aligned when the segment asks for it
        double length = 0.0;   //!< seconds
    };
    SegmentLayer layerAt(int segment, double seconds, double weight) const;
    CameraPose cameraFor(int segment, const QVector<double>& positions, double seconds) const;
    int activeSegmentAt(double seconds) const;

    const Composition& m_composition;
    QVector<AxisMotion> m_motionX;
    QVector<AxisMotion> m_motionY;
    struct DrivenMove
    {
        CameraMove move;
        AxisMotion motion;
    };
    QVector<QVector<DrivenMove>> m_camera; //!< per segment, its active moves
    QVector<Boundary> m_boundaries; //!< m_boundaries[i]: between segment i - 1 and i (i >= 1)
};

} // namespace tessera
