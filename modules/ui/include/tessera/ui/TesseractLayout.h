#pragma once

#include "tessera/core/GridGeometry.h"
#include "tessera/render/FramePlan.h"

#include <QSizeF>
#include <QString>
#include <QVector3D>
#include <QVector>

#include <memory>

namespace tessera {

struct Composition;

//! One segment's grid as a plane in the tesseract view.
struct TesseractPlane
{
    qint64 segmentId = 0;
    int segment = -1;          //!< index into Composition::segments
    int rows = 0;
    int cols = 0;
    double startSeconds = 0.0;
    double endSeconds = 0.0;
    double slotStart = 0.0;    //!< world X where the segment's stretch of time begins
    double slotLength = 0.0;   //!< world X length of that stretch
    QVector3D centre;          //!< the plane's centre (it faces +Z)
    QSizeF size;               //!< world width and height of all its tiles
    QString lyric;
};

//! One cell as a textured tile.
struct TesseractTile
{
    qint64 segmentId = 0;
    int segment = -1;
    CellIndex index;
    qint64 versionId = 0; //!< the active version to texture it with; 0 when the cell has no image
    QVector3D centre;
    float size = 0.0f;    //!< square tiles, world units
};

//! A point of the marker's trail: where the marker was some time ago, and how strongly it shows.
struct TesseractTrailPoint
{
    QVector3D position;
    double secondsAgo = 0.0;
    double opacity = 0.0; //!< 1 at the marker, fading to 0 at the trail's end
};

//! Where everything stands in the tesseract view, as plain arithmetic on a Composition: the
//! segments' grids as upright planes laid out along time (world X; each segment gets a stretch
//! of X proportional to its duration, at least its plane's width plus a gap), one square tile
//! per cell (row 0 on top), and the marker: the grid position FramePlanner gives at an instant
//! (the compositor's own answer to "which cells are blended now"), mapped onto the planes and
//! blended between two planes while a crossfade runs. No QML here, so it is tested as code.
class TesseractLayout
{
public:
    static constexpr float kTileSize = 1.0f;       //!< world units per cell
    static constexpr float kTileGap = 0.06f;       //!< between neighbouring tiles
    static constexpr double kPlaneGap = 1.4;       //!< at least this much between planes
    static constexpr double kUnitsPerSecond = 0.6; //!< world X per second of song, where room allows
    static constexpr float kMarkerLift = 0.12f;    //!< the marker floats in front of its plane

    TesseractLayout() = default;
    explicit TesseractLayout(std::shared_ptr<const Composition> composition);

    bool isEmpty() const { return m_planes.isEmpty(); }
    const QVector<TesseractPlane>& planes() const { return m_planes; }
    //! Every cell of every segment, planes in timeline order, cells row-major.
    const QVector<TesseractTile>& tiles() const { return m_tiles; }
    //! The tile of a cell, or -1.
    int tileIndex(qint64 segmentId, CellIndex index) const;
    //! The plane of a segment, or -1.
    int planeIndex(qint64 segmentId) const;

    //! The tile a ray (from the camera through a pixel) meets first, or -1. Every tile lies in
    //! the plane z = 0, so this is one intersection and a lookup.
    int tileAtRay(const QVector3D& origin, const QVector3D& direction) const;

    //! A continuous grid position (as FramePlanner gives it) on a segment's plane, lifted in front of it.
    QVector3D pointOnPlane(int segment, double column, double row) const;
    //! The marker at an instant: the layers' points weighted by the layers' shares.
    QVector3D markerAt(double seconds) const;
    //! The plane the artist is seeing at an instant (the larger layer), or -1.
    int currentPlaneAt(double seconds) const;
    //! The marker's positions over the last count * spacing seconds (never before the song's start),
    //! newest first, fading out.
    QVector<TesseractTrailPoint> trailAt(double seconds, int count, double spacing) const;
    //! World X of an instant on the time rail under the planes.
    double timeToX(double seconds) const;
    //! The planes' extent: the X span and the tallest plane's height.
    double minX() const { return m_minX; }
    double maxX() const { return m_maxX; }
    double maxHeight() const { return m_maxHeight; }

    //! What FramePlanner says at an instant (empty without a composition).
    QVector<SegmentLayer> planAt(double seconds) const;

private:
    std::shared_ptr<const Composition> m_composition;
    std::unique_ptr<FramePlanner> m_planner;
    QVector<TesseractPlane> m_planes;
    QVector<TesseractTile> m_tiles;
    double m_minX = 0.0;
    double m_maxX = 0.0;
    double m_maxHeight = 0.0;
};

} // namespace tessera
