#pragma once

#include "tessera/core/GridGeometry.h"
#include "tessera/render/FramePlan.h"

#include <QRect>
#include <QSize>
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
    int firstTile = 0;         //!< where its cells start in TesseractLayout::tiles(), row-major
    //! Drawn as one textured quad (a TesseractMosaic of its cells), not as a model per cell:
    //! it has more than TesseractLayout::kMosaicAbove cells. Its tiles still stand in tiles()
    //! for picking, the selection and the marker; only the drawing differs.
    bool mosaic = false;
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
    //! Planes with more cells than this are drawn as one mosaic. Measured under Xvfb with Mesa's
    //! software OpenGL: with a model per cell, every change of the layout (a first image, a lyric
    //! edit) made all the tiles' delegates anew on the GUI thread, a stall of 126 ms for 16x16
    //! (70 ms for 3x3), 540 ms for 32x32 and 6.3 s for 100x100, which also took 7 s to show.
    static constexpr int kMosaicAbove = 256;

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
    //! the plane z = 0, so this is one intersection and a lookup per plane.
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

//! How a plane drawn as one quad lays its cells out in its texture: the plane's world rectangle
//! scaled to pixels (row 0 on top, as in a QImage), each cell's tile a patch where its image is
//! drawn squeezed to the square tile as a tile's texture is, the gaps between them left clear
//! so the plane's board shows through them as it does between tiles.
class TesseractMosaic
{
public:
    static constexpr int kMaxSide = 2048;   //!< pixels, the texture's longer side at most
    static constexpr int kMaxCellSide = 96; //!< pixels, a cell's patch at most

    TesseractMosaic() = default;
    explicit TesseractMosaic(const TesseractPlane& plane);

    bool isNull() const { return m_rows == 0; }
    int rows() const { return m_rows; }
    int cols() const { return m_cols; }
    QSize size() const { return m_size; }
    //! The pixels of a cell's tile in the mosaic.
    QRect patch(CellIndex index) const;

    friend bool operator==(const TesseractMosaic& a, const TesseractMosaic& b)
    {
        return a.m_rows == b.m_rows && a.m_cols == b.m_cols && a.m_size == b.m_size;
    }
    friend bool operator!=(const TesseractMosaic& a, const TesseractMosaic& b) { return !(a == b); }

private:
    int m_rows = 0;
    int m_cols = 0;
    QSize m_size;
    double m_pixelsPerUnit = 0.0;
};

} // namespace tessera
