#include "tessera/ui/TesseractLayout.h"

#include "tessera/render/Composition.h"

#include <algorithm>
#include <cmath>

namespace tessera {

namespace {

constexpr float kPitch = TesseractLayout::kTileSize + TesseractLayout::kTileGap;

double seconds(qint64 ms)
{
    return double(ms) / 1000.0;
}

} // namespace

TesseractLayout::TesseractLayout(std::shared_ptr<const Composition> composition)
    : m_composition(std::move(composition))
{
    if (!m_composition)
        return;
    m_planner = std::make_unique<FramePlanner>(*m_composition);
    double slotStart = 0.0;
    for (int i = 0; i < m_composition->segments.size(); ++i) {
        const CompositionSegment& entry = m_composition->segments[i];
        const Segment& segment = entry.segment;
        TesseractPlane plane;
        plane.segmentId = segment.id;
        plane.segment = i;
        plane.rows = segment.grid.rows();
        plane.cols = segment.grid.cols();
        plane.startSeconds = seconds(segment.range.startMs);
        plane.endSeconds = seconds(segment.range.endMs);
        plane.lyric = segment.lyric;
        plane.size = QSizeF(plane.cols * kPitch - kTileGap, plane.rows * kPitch - kTileGap);
        // Long segments get their share of the time axis; short ones still room for their grid.
        plane.slotStart = slotStart;
        plane.slotLength = std::max(plane.size.width() + kPlaneGap,
            (plane.endSeconds - plane.startSeconds) * kUnitsPerSecond);
        slotStart += plane.slotLength;
        // Planes stand on the time rail (y = 0) and face +Z.
        plane.centre = QVector3D(float(plane.slotStart + plane.slotLength / 2.0), float(plane.size.height() / 2.0), 0.0f);
        m_maxHeight = std::max(m_maxHeight, plane.size.height());
        plane.firstTile = int(m_tiles.size());
        plane.mosaic = plane.rows * plane.cols > kMosaicAbove;
        m_planes.append(plane);

        for (int row = 0; row < plane.rows; ++row) {
            for (int col = 0; col < plane.cols; ++col) {
                TesseractTile tile;
                tile.segmentId = segment.id;
                tile.segment = i;
                tile.index = {row, col};
                const CompositionCell* cell = entry.cellAt(tile.index);
                tile.versionId = cell ? cell->versionId : 0;
                tile.centre = pointOnPlane(i, col, row);
                tile.centre.setZ(0.0f);
                tile.size = kTileSize;
                m_tiles.append(tile);
            }
        }
    }
    m_minX = 0.0;
    m_maxX = slotStart;
}

int TesseractLayout::tileIndex(qint64 segmentId, CellIndex index) const
{
    const int plane = planeIndex(segmentId);
    if (plane < 0)
        return -1;
    const TesseractPlane& found = m_planes[plane];
    if (index.row < 0 || index.col < 0 || index.row >= found.rows || index.col >= found.cols)
        return -1;
    return found.firstTile + index.row * found.cols + index.col;
}

int TesseractLayout::planeIndex(qint64 segmentId) const
{
    for (int i = 0; i < m_planes.size(); ++i) {
        if (m_planes[i].segmentId == segmentId)
            return i;
    }
    return -1;
}

int TesseractLayout::tileAtRay(const QVector3D& origin, const QVector3D& direction) const
{
    if (std::abs(direction.z()) < 1e-6f)
        return -1; // along the planes: it meets none face on
    const float along = -origin.z() / direction.z();
    if (along < 0.0f)
        return -1; // the planes are behind the camera
    const QVector3D hit = origin + direction * along;
    // The nearest cell of each plane, then whether the hit lies on its tile or in a gap.
    for (const TesseractPlane& plane : m_planes) {
        const QVector3D topLeft = m_tiles[plane.firstTile].centre;
        const int col = int(std::lround((hit.x() - topLeft.x()) / kPitch));
        const int row = int(std::lround((topLeft.y() - hit.y()) / kPitch));
        if (row < 0 || col < 0 || row >= plane.rows || col >= plane.cols)
            continue;
        const int i = plane.firstTile + row * plane.cols + col;
        const TesseractTile& tile = m_tiles[i];
        if (std::abs(hit.x() - tile.centre.x()) <= tile.size / 2 && std::abs(hit.y() - tile.centre.y()) <= tile.size / 2)
            return i;
    }
    return -1;
}

QVector3D TesseractLayout::pointOnPlane(int segment, double column, double row) const
{
    if (segment < 0 || segment >= m_planes.size())
        return {};
    const TesseractPlane& plane = m_planes[segment];
    // Column 0 on the left, row 0 on top, as the grid browser draws them.
    const double x = plane.centre.x() + (column - (plane.cols - 1) / 2.0) * kPitch;
    const double y = plane.centre.y() + ((plane.rows - 1) / 2.0 - row) * kPitch;
    return QVector3D(float(x), float(y), kMarkerLift);
}

QVector<SegmentLayer> TesseractLayout::planAt(double seconds) const
{
    return m_planner ? m_planner->planAt(seconds) : QVector<SegmentLayer>();
}

QVector3D TesseractLayout::markerAt(double seconds) const
{
    QVector3D sum;
    double total = 0.0;
    for (const SegmentLayer& layer : planAt(seconds)) {
        sum += pointOnPlane(layer.segment, layer.column, layer.row) * float(layer.weight);
        total += layer.weight;
    }
    return total > 0.0 ? sum / float(total) : QVector3D();
}

int TesseractLayout::currentPlaneAt(double seconds) const
{
    const QVector<SegmentLayer> layers = planAt(seconds);
    if (layers.isEmpty())
        return -1;
    return std::max_element(layers.cbegin(), layers.cend(),
        [](const SegmentLayer& a, const SegmentLayer& b) { return a.weight < b.weight; })
        ->segment;
}

QVector<TesseractTrailPoint> TesseractLayout::trailAt(double seconds, int count, double spacing) const
{
    QVector<TesseractTrailPoint> trail;
    if (isEmpty())
        return trail;
    for (int k = 0; k <= count; ++k) {
        const double ago = k * spacing;
        if (seconds - ago < 0.0)
            break;
        TesseractTrailPoint point;
        point.position = markerAt(seconds - ago);
        point.secondsAgo = ago;
        point.opacity = std::pow(1.0 - double(k) / double(count + 1), 1.5);
        trail.append(point);
    }
    return trail;
}

double TesseractLayout::timeToX(double seconds) const
{
    if (m_planes.isEmpty())
        return 0.0;
    // The last plane begun holds the instant (gaps between segments stay at its end).
    const TesseractPlane* holder = &m_planes.constFirst();
    for (const TesseractPlane& plane : m_planes) {
        if (plane.startSeconds <= seconds)
            holder = &plane;
    }
    const double duration = holder->endSeconds - holder->startSeconds;
    const double fraction = duration > 0.0 ? std::clamp((seconds - holder->startSeconds) / duration, 0.0, 1.0) : 0.0;
    return holder->slotStart + fraction * holder->slotLength;
}

TesseractMosaic::TesseractMosaic(const TesseractPlane& plane)
    : m_rows(plane.rows)
    , m_cols(plane.cols)
{
    if (m_rows < 1 || m_cols < 1)
        return;
    const double longer = std::max(plane.size.width(), plane.size.height());
    m_pixelsPerUnit = std::min(kMaxSide / longer, kMaxCellSide / double(TesseractLayout::kTileSize));
    m_size = QSize(std::min(kMaxSide, int(std::ceil(plane.size.width() * m_pixelsPerUnit))),
        std::min(kMaxSide, int(std::ceil(plane.size.height() * m_pixelsPerUnit))));
}

QRect TesseractMosaic::patch(CellIndex index) const
{
    if (index.row < 0 || index.col < 0 || index.row >= m_rows || index.col >= m_cols)
        return {};
    // Edges rounded from world units, so the patches fall where the tiles stand on the quad.
    auto pixel = [this](double world) { return int(std::lround(world * m_pixelsPerUnit)); };
    const int left = pixel(index.col * kPitch);
    const int top = pixel(index.row * kPitch);
    return QRect(QPoint(left, top), QPoint(pixel(index.col * kPitch + TesseractLayout::kTileSize) - 1,
                                         pixel(index.row * kPitch + TesseractLayout::kTileSize) - 1));
}

} // namespace tessera
