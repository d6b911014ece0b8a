#include "tessera/studio/GridBrowserModel.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/VersionPreview.h"
#include "tessera/core/Error.h"
#include "tessera/generation/CellRecipe.h"
#include "tessera/motion/ImageSimilarity.h"
#include "tessera/studio/EditHistory.h"
#include "tessera/studio/GenerationQueue.h"
#include "tessera/studio/RefineGridCommand.h"
#include "tessera/studio/RegenerateCellsCommand.h"

#include <algorithm>
#include <functional>

namespace tessera {

GridBrowserModel::GridBrowserModel(Catalog& catalog, EditHistory& history, GenerationQueue* queue, QObject* parent)
    : QObject(parent)
    , m_catalog(catalog)
    , m_history(history)
    , m_queue(queue)
{
    connect(&m_history, &EditHistory::edited, this, &GridBrowserModel::reload);
    // The queue's own writes (cells queued, a cancel releasing them) come through our connection,
    // which the CatalogWatcher does not report.
    if (m_queue)
        connect(m_queue, &GenerationQueue::jobsChanged, this, &GridBrowserModel::reload);
}

GridBrowserModel::~GridBrowserModel() = default;

namespace {

//! The image of a version from cache, else decoded from bytes() and kept (costed in KiB);
//! null when it cannot be read.
QImage decodedOnce(QCache<qint64, QImage>& cache, qint64 versionId, const std::function<QByteArray()>& bytes)
{
    if (const QImage* cached = cache.object(versionId))
        return *cached;
    try {
        const QImage image = QImage::fromData(bytes());
        if (!image.isNull())
            cache.insert(versionId, new QImage(image), std::max(1, int(image.sizeInBytes() / 1024)));
        return image;
    } catch (const std::exception&) {
        return {};
    }
}

} // namespace

void GridBrowserModel::setSegment(qint64 segmentId)
{
    if (segmentId == m_segment.id)
        return;
    m_segment = Segment{};
    m_segment.id = segmentId;
    m_current = CellIndex{};
    m_anchor = CellIndex{};
    m_selection = {CellIndex{}};
    m_compare = Compare::Off;
    m_previews.clear(); // keeps the caches to one segment's images
    m_images.clear();
    reload();
    Q_EMIT selectionChanged();
    Q_EMIT compareChanged();
}

void GridBrowserModel::reload()
{
    const qint64 id = m_segment.id;
    m_cells.clear();
    m_number = 0;
    try {
        const QVector<Segment> segments = id != 0 ? m_catalog.segments() : QVector<Segment>{};
        const auto found = std::find_if(segments.begin(), segments.end(), [&](const Segment& s) { return s.id == id; });
        if (found == segments.end()) { // none asked for, or removed meanwhile
            m_segment = Segment{};
            m_selection.clear();
            updateDisplayOrder();
            Q_EMIT changed();
            return;
        }
        m_segment = *found;
        m_number = int(found - segments.begin()) + 1;
        const GridGeometry& grid = m_segment.grid;
        const ProjectSettings settings = m_catalog.settings();
        m_cells.resize(grid.rows() * grid.cols());
        QVector<Thumbnail> thumbnails(m_cells.size());
        // One query for the whole grid; images are decoded only when drawn (cellImage).
        for (const CellOverview& overview : m_catalog.cellOverviews(id)) {
            const Cell& cell = overview.cell;
            if (!grid.contains(cell.index))
                continue;
            const int at = grid.linearIndex(cell.index);
            BrowserCell& entry = m_cells[at];
            entry.cell = cell;
            entry.versionCount = overview.versionCount;
            entry.activeVersionNumber = overview.activeVersionNumber;
            entry.imageSize = QSize(overview.activeWidth, overview.activeHeight);
            if (cell.state == CellState::Done || cell.state == CellState::Locked)
                entry.outOfDate = isRecipeOutOfDate(overview.activeRecipe, m_segment, settings, cell.index);
            if (cell.activeVersionId != 0)
                thumbnails[at] = thumbnailFromSignature(overview.signature);
        }
        const QVector<CellCoherence> scores = coherenceScores(grid, thumbnails);
        for (const CellCoherence& score : scores) {
            if (grid.contains(score.index))
                m_cells[grid.linearIndex(score.index)].coherence = score.score;
        }
    } catch (const std::exception& error) {
        Q_EMIT errorOccurred(QString::fromUtf8(error.what()));
    }
    // The grid may have shrunk under the selection.
    m_selection.erase(std::remove_if(m_selection.begin(), m_selection.end(),
                          [&](CellIndex index) { return !m_segment.grid.contains(index); }),
        m_selection.end());
    if (!m_segment.grid.contains(m_current))
        m_current = CellIndex{};
    updateDisplayOrder();
    Q_EMIT changed();
}

const BrowserCell* GridBrowserModel::cellAt(CellIndex index) const
{
    if (m_cells.isEmpty() || !m_segment.grid.contains(index))
        return nullptr;
    return &m_cells[m_segment.grid.linearIndex(index)];
}

int GridBrowserModel::suspectCount() const
{
    return int(std::count_if(m_cells.begin(), m_cells.end(), [](const BrowserCell& cell) { return cell.isSuspect(); }));
}

void GridBrowserModel::updateDisplayOrder()
{
    m_order.clear();
    m_order.reserve(m_cells.size());
    for (const BrowserCell& cell : m_cells)
        m_order.append(cell.cell.index);
    if (m_layout == Layout::SuspectsFirst) {
        std::stable_sort(m_order.begin(), m_order.end(), [this](CellIndex a, CellIndex b) {
            const BrowserCell* ca = cellAt(a);
            const BrowserCell* cb = cellAt(b);
            if (ca->isSuspect() != cb->isSuspect())
                return ca->isSuspect();
            if (ca->isSuspect())
                return *ca->coherence > *cb->coherence; // worst first
            return false;
        });
    }
}

int GridBrowserModel::displaySlot(CellIndex index) const
{
    if (!m_segment.grid.contains(index) || m_order.size() != m_segment.grid.cellCount())
        return -1;
    if (m_layout == Layout::Grid)
        return m_segment.grid.linearIndex(index);
    return int(m_order.indexOf(index));
}

QImage GridBrowserModel::cellImage(CellIndex index, int drawnSide) const
{
    const BrowserCell* cell = cellAt(index);
    if (!cell || !cell->hasImage())
        return {};
    return drawnSide <= VersionPreview::kPreviewSide ? versionPreview(cell->cell.activeVersionId)
                                                     : versionImage(cell->cell.activeVersionId);
}

QImage GridBrowserModel::versionPreview(qint64 versionId) const
{
    return decodedOnce(m_previews, versionId, [&] { return m_catalog.versionPreview(versionId); });
}

std::optional<double> GridBrowserModel::similarity(CellIndex a, CellIndex b) const
{
    const BrowserCell* first = cellAt(a);
    const BrowserCell* second = cellAt(b);
    if (!first || !second || !first->hasImage() || !second->hasImage())
        return std::nullopt;
    const QPair<qint64, qint64> key(first->cell.activeVersionId, second->cell.activeVersionId);
    if (const auto known = m_similarities.constFind(key); known != m_similarities.cend())
        return *known;
    try {
        const double ssim = structuralSimilarity(versionPreview(key.first), versionPreview(key.second));
        m_similarities.insert(key, ssim);
        return ssim;
    } catch (const Error&) {
        return std::nullopt; // an image that cannot be read: its cell says so when drawn
    }
}

std::optional<double> GridBrowserModel::medianSimilarity() const
{
    const GridGeometry& grid = m_segment.grid;
    if (!grid.isValid() || grid.rows() * (grid.cols() - 1) + grid.cols() * (grid.rows() - 1) > kMaxMedianPairs)
        return std::nullopt;
    QVector<NeighbourSimilarity> pairs;
    for (int i = 0; i < grid.cellCount(); ++i) {
        const CellIndex cell = grid.cellAt(i);
        for (const CellIndex next : {CellIndex{cell.row, cell.col + 1}, CellIndex{cell.row + 1, cell.col}}) {
            if (grid.contains(next))
                pairs.append(NeighbourSimilarity{cell, next, similarity(cell, next)});
        }
    }
    return tessera::medianSimilarity(pairs);
}

void GridBrowserModel::setShowSimilarity(bool shown)
{
    if (shown == m_showsSimilarity)
        return;
    m_showsSimilarity = shown;
    Q_EMIT changed();
}

bool GridBrowserModel::refine(GridAxis axis)
{
    if (m_segment.id == 0)
        return false;
    const bool done = m_history.execute(std::make_unique<RefineGridCommand>(m_queue, m_segment.id, m_number, m_segment.grid, axis));
    reload();
    return done;
}

void GridBrowserModel::setLayout(Layout layout)
{
    if (layout == m_layout)
        return;
    m_layout = layout;
    updateDisplayOrder();
    Q_EMIT changed();
}

void GridBrowserModel::setCurrent(CellIndex index, Select mode)
{
    if (!m_segment.grid.contains(index))
        return;
    switch (mode) {
    case Select::Replace:
        m_selection = {index};
        m_anchor = index;
        break;
    case Select::Toggle:
        if (m_selection.contains(index) && m_selection.size() > 1)
            m_selection.removeAll(index);
        else if (!m_selection.contains(index))
            m_selection.append(index);
        m_anchor = index;
        break;
    case Select::Extend: {
        // The rectangle from the anchor (where the selection began) to index, as in a
        // spreadsheet: Shift+Right then Shift+Down selects a 2x2 block, not a path.
        if (!m_segment.grid.contains(m_anchor))
            m_anchor = m_current;
        const int r0 = std::min(m_anchor.row, index.row);
        const int r1 = std::max(m_anchor.row, index.row);
        const int c0 = std::min(m_anchor.col, index.col);
        const int c1 = std::max(m_anchor.col, index.col);
        m_selection.clear();
        for (int r = r0; r <= r1; ++r) {
            for (int c = c0; c <= c1; ++c)
                m_selection.append(CellIndex{r, c});
        }
        break;
    }
    }
    m_current = index;
    Q_EMIT selectionChanged();
    if (m_compare != Compare::Off)
        Q_EMIT compareChanged();
}

void GridBrowserModel::selectAll()
{
    if (m_segment.grid.rows() == 0 || m_segment.grid.cols() == 0)
        return;
    m_selection.clear();
    for (int r = 0; r < m_segment.grid.rows(); ++r) {
        for (int c = 0; c < m_segment.grid.cols(); ++c)
            m_selection.append(CellIndex{r, c});
    }
    m_anchor = CellIndex{0, 0};
    Q_EMIT selectionChanged();
}

bool GridBrowserModel::moveCurrent(int rows, int cols, Select mode)
{
    const QVector<CellIndex> order = displayOrder();
    const int at = int(order.indexOf(m_current));
    const int width = std::max(1, this->cols());
    if (at < 0)
        return false;
    const int row = at / width + rows;
    const int col = at % width + cols;
    if (col < 0 || col >= width || row < 0)
        return false;
    const int target = row * width + col;
    if (target >= order.size())
        return false;
    setCurrent(order[target], mode);
    return true;
}

bool GridBrowserModel::nextSuspect()
{
    QVector<const BrowserCell*> suspects;
    for (const BrowserCell& cell : m_cells) {
        if (cell.isSuspect())
            suspects.append(&cell);
    }
    if (suspects.isEmpty())
        return false;
    std::stable_sort(suspects.begin(), suspects.end(),
        [](const BrowserCell* a, const BrowserCell* b) { return *a->coherence > *b->coherence; });
    int next = 0;
    for (int i = 0; i < suspects.size(); ++i) {
        if (suspects[i]->cell.index == m_current) {
            next = (i + 1) % int(suspects.size());
            break;
        }
    }
    setCurrent(suspects[next]->cell.index);
    return true;
}

QVector<const BrowserCell*> GridBrowserModel::selectedCells() const
{
    QVector<const BrowserCell*> cells;
    for (CellIndex index : m_selection) {
        if (const BrowserCell* cell = cellAt(index))
            cells.append(cell);
    }
    return cells;
}

bool GridBrowserModel::curate(const QVector<CellCuration>& changes, const QString& text)
{
    if (changes.isEmpty())
        return false;
    return m_history.execute(std::make_unique<SetCellCurationCommand>(changes, text));
}

bool GridBrowserModel::rejectSelection()
{
    QVector<const BrowserCell*> withImage;
    for (const BrowserCell* cell : selectedCells()) {
        if (cell->cell.activeVersionId != 0)
            withImage.append(cell);
    }
    const bool allRejected = !withImage.isEmpty()
        && std::all_of(withImage.begin(), withImage.end(), [](const BrowserCell* c) { return c->cell.state == CellState::Rejected; });
    QVector<CellCuration> changes;
    for (const BrowserCell* cell : withImage) {
        changes.append(allRejected ? curation::acceptAgain(m_catalog.path(), cell->cell)
                                   : curation::reject(m_catalog.path(), cell->cell));
    }
    return curate(changes, allRejected ? tr("Accept %n cell(s) again", nullptr, int(changes.size()))
                                       : tr("Reject %n cell(s)", nullptr, int(changes.size())));
}

bool GridBrowserModel::toggleLockSelection()
{
    QVector<const BrowserCell*> withImage;
    for (const BrowserCell* cell : selectedCells()) {
        if (cell->cell.activeVersionId != 0)
            withImage.append(cell);
    }
    const bool allLocked = !withImage.isEmpty()
        && std::all_of(withImage.begin(), withImage.end(), [](const BrowserCell* c) { return c->cell.state == CellState::Locked; });
    QVector<CellCuration> changes;
    for (const BrowserCell* cell : withImage)
        changes.append(allLocked ? curation::unlock(cell->cell) : curation::lock(m_catalog.path(), cell->cell));
    return curate(changes, allLocked ? tr("Unlock %n cell(s)", nullptr, int(changes.size()))
                                     : tr("Lock %n cell(s)", nullptr, int(changes.size())));
}

bool GridBrowserModel::regenerateSelection()
{
    return regenerate(std::nullopt, tr("Regenerate %n cell(s)", nullptr, int(selectedCells().size())));
}

bool GridBrowserModel::repairSelection()
{
    return regenerate(m_repairStrength, tr("Repair %n cell(s) from neighbours", nullptr, int(selectedCells().size())));
}

void GridBrowserModel::setRepairStrength(double strength)
{
    m_repairStrength = std::clamp(strength, 0.05, 1.0);
}

bool GridBrowserModel::regenerate(std::optional<double> repairStrength, const QString& text)
{
    QVector<CellCuration> rejections;
    QVector<CellIndex> cells;
    for (const BrowserCell* cell : selectedCells()) {
        if (cell->cell.state == CellState::Locked)
            continue; // locked means approved: unlock it first
        cells.append(cell->cell.index);
        if (cell->cell.activeVersionId != 0 && cell->cell.state != CellState::Rejected)
            rejections.append(CellCuration{cell->cell.id, CellState::Rejected, 0});
    }
    if (cells.isEmpty())
        return false;
    // One undo step: undo also cancels the job it queued.
    const bool done = m_history.execute(
        std::make_unique<RegenerateCellsCommand>(m_queue, m_segment.id, cells, rejections, repairStrength, text));
    reload();
    return done;
}

QVector<Version> GridBrowserModel::currentVersions() const
{
    const BrowserCell* cell = cellAt(m_current);
    if (!cell || cell->cell.id == 0)
        return {};
    try {
        return m_catalog.versions(cell->cell.id);
    } catch (const std::exception&) {
        return {};
    }
}

QImage GridBrowserModel::versionImage(qint64 versionId) const
{
    return decodedOnce(m_images, versionId, [&] { return m_catalog.versionImage(versionId); });
}

bool GridBrowserModel::makeVersionActive(qint64 versionId)
{
    const BrowserCell* cell = cellAt(m_current);
    if (!cell || cell->cell.activeVersionId == versionId)
        return false;
    const QVector<Version> versions = currentVersions();
    const auto found = std::find_if(versions.begin(), versions.end(), [&](const Version& v) { return v.id == versionId; });
    if (found == versions.end())
        return false;
    return curate({curation::makeActive(cell->cell, versionId)},
        tr("Make version %1 of cell %2,%3 active").arg(int(found - versions.begin()) + 1).arg(m_current.row).arg(m_current.col));
}

void GridBrowserModel::setCompare(Compare compare, qint64 versionId)
{
    m_compare = compare;
    m_compareVersion = versionId;
    Q_EMIT compareChanged();
}

GridBrowserModel::ComparePair GridBrowserModel::comparePair() const
{
    ComparePair pair;
    const BrowserCell* cell = cellAt(m_current);
    if (m_compare == Compare::Off || !cell || !cell->hasImage())
        return pair;
    pair.a = versionImage(cell->cell.activeVersionId);
    pair.labelA = tr("Cell %1,%2 (active)").arg(m_current.row).arg(m_current.col);
    const auto neighbour = [&](int dr, int dc) {
        const CellIndex index{m_current.row + dr, m_current.col + dc};
        if (const BrowserCell* other = cellAt(index)) {
            pair.b = other->hasImage() ? versionImage(other->cell.activeVersionId) : QImage();
            pair.labelB = tr("Cell %1,%2").arg(index.row).arg(index.col);
        }
    };
    const QVector<Version> versions = currentVersions();
    const auto versionLabel = [&](qint64 id) {
        for (int i = 0; i < versions.size(); ++i) {
            if (versions[i].id == id)
                return tr("Version %1 of %2").arg(i + 1).arg(versions.size());
        }
        return QString();
    };
    switch (m_compare) {
    case Compare::Off:
        break;
    case Compare::Version:
        pair.b = versionImage(m_compareVersion);
        pair.labelB = versionLabel(m_compareVersion);
        break;
    case Compare::PreviousVersion:
        for (int i = 1; i < versions.size(); ++i) {
            if (versions[i].id == cell->cell.activeVersionId) {
                pair.b = versionImage(versions[i - 1].id);
                pair.labelB = versionLabel(versions[i - 1].id);
            }
        }
        break;
    case Compare::RightNeighbour:
        neighbour(0, 1);
        break;
    case Compare::LeftNeighbour:
        neighbour(0, -1);
        break;
    case Compare::NeighbourBelow:
        neighbour(1, 0);
        break;
    case Compare::NeighbourAbove:
        neighbour(-1, 0);
        break;
    }
    return pair;
}

} // namespace tessera
