#include "tessera/ui/GridBrowserParts.h"

#include "tessera/generation/CellRecipe.h"
#include "tessera/studio/GridBrowserModel.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <cmath>

namespace tessera {

namespace {

constexpr int kGap = 6;
constexpr int kMargin = 8;
constexpr int kMinCellSide = 48;         // a bigger grid scrolls
constexpr int kMinLabelledCellSide = 88; // smaller cells show their state as a strip, no words
const QColor kOutOfDateColor(0xb0, 0x6a, 0x00);

//! The colours states are drawn in (on the dark studio palette), and suspects' outline.
QColor stateColor(CellState state)
{
    switch (state) {
    case CellState::Empty:
        return QColor(0x6b, 0x70, 0x78);
    case CellState::Queued:
        return QColor(0x5b, 0x8d, 0xd6);
    case CellState::Generating:
        return QColor(0xe0, 0xa8, 0x3a);
    case CellState::Done:
        return QColor(0x4c, 0xa8, 0x6a);
    case CellState::Rejected:
        return QColor(0xd9, 0x4c, 0x4c);
    case CellState::Locked:
        return QColor(0x9b, 0x7b, 0xe0);
    }
    return Qt::gray;
}
const QColor kSuspectColor(0xff, 0x8a, 0x1f);
const QColor kSelectionColor(0x3d, 0x8e, 0xf0);

//! A small rounded label, as the cells' state and score badges.
void paintBadge(QPainter& painter, QPoint anchor, const QString& text, const QColor& fill, bool alignRight)
{
    const QFontMetrics metrics(painter.font());
    const int width = metrics.horizontalAdvance(text) + 10;
    const int height = metrics.height() + 2;
    QRect rect(anchor.x() - (alignRight ? width : 0), anchor.y(), width, height);
    painter.setPen(Qt::NoPen);
    painter.setBrush(fill);
    painter.drawRoundedRect(rect, height / 2.0, height / 2.0);
    painter.setPen(Qt::white);
    painter.drawText(rect, Qt::AlignCenter, text);
}

//! How alike two neighbours look, as a colour: red below an SSIM of 0.3, through yellow, to
//! green from 0.9 (neighbours of a smooth grid lie there).
QColor similarityColor(double ssim)
{
    const double closeness = std::clamp((ssim - 0.3) / 0.6, 0.0, 1.0);
    return QColor::fromHsvF(float(closeness / 3.0), 0.85f, 0.75f);
}

//! The rectangle of an image of aspect inside bounds, centred.
QRect fitted(const QRect& bounds, double aspect)
{
    if (aspect <= 0)
        return bounds;
    int width = bounds.width();
    int height = int(std::lround(width / aspect));
    if (height > bounds.height()) {
        height = bounds.height();
        width = int(std::lround(height * aspect));
    }
    return QRect(bounds.x() + (bounds.width() - width) / 2, bounds.y() + (bounds.height() - height) / 2, width, height);
}

double imageAspect(const GridBrowserModel& model)
{
    for (const BrowserCell& cell : model.cells()) {
        if (!cell.imageSize.isEmpty())
            return double(cell.imageSize.width()) / cell.imageSize.height();
    }
    return 1.0;
}

} // namespace

QString GridCanvas::stateLabel(CellState state)
{
    switch (state) {
    case CellState::Empty:
        return GridCanvas::tr("empty");
    case CellState::Queued:
        return GridCanvas::tr("queued");
    case CellState::Generating:
        return GridCanvas::tr("generating");
    case CellState::Done:
        return GridCanvas::tr("done");
    case CellState::Rejected:
        return GridCanvas::tr("rejected");
    case CellState::Locked:
        return GridCanvas::tr("locked");
    }
    return {};
}

GridCanvas::GridCanvas(GridBrowserModel& model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
{
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    connect(&m_model, &GridBrowserModel::changed, this, [this] {
        updateGeometry(); // the grid's size may have changed: the scroll area follows
        update();
    });
    connect(&m_model, &GridBrowserModel::selectionChanged, this, qOverload<>(&QWidget::update));
}

GridCanvas::Layout GridCanvas::layout() const
{
    Layout layout;
    layout.slots = int(m_model.displayOrder().size());
    layout.cols = std::max(1, m_model.cols());
    const int rows = std::max(1, (layout.slots + layout.cols - 1) / layout.cols);
    const double aspect = imageAspect(m_model);
    const QRect area = rect().adjusted(kMargin, kMargin, -kMargin, -kMargin);
    // The largest cell that fits rows x cols with gaps, at the images' aspect, but no smaller
    // than kMinCellSide: a bigger grid makes the canvas bigger and the browser scrolls.
    const double cellWidth = std::min((area.width() - (layout.cols - 1) * kGap) / double(layout.cols),
        (area.height() - (rows - 1) * kGap) / double(rows) * aspect);
    layout.cellSize = QSize(std::max(kMinCellSide, int(cellWidth)), std::max(int(kMinCellSide / aspect), int(cellWidth / aspect)));
    const int gridWidth = layout.cols * layout.cellSize.width() + (layout.cols - 1) * kGap;
    const int gridHeight = rows * layout.cellSize.height() + (rows - 1) * kGap;
    layout.origin = QPoint(area.x() + std::max(0, (area.width() - gridWidth) / 2), area.y() + std::max(0, (area.height() - gridHeight) / 2));
    return layout;
}

QRect GridCanvas::Layout::slotRect(int slot) const
{
    return QRect(origin.x() + (slot % cols) * (cellSize.width() + kGap), origin.y() + (slot / cols) * (cellSize.height() + kGap),
        cellSize.width(), cellSize.height());
}

int GridCanvas::Layout::slotAt(QPoint point) const
{
    const QPoint local = point - origin;
    if (local.x() < 0 || local.y() < 0)
        return -1;
    const int col = local.x() / (cellSize.width() + kGap);
    const int slot = local.y() / (cellSize.height() + kGap) * cols + col;
    return col < cols && slot < slots && slotRect(slot).contains(point) ? slot : -1;
}

QSize GridCanvas::minimumSizeHint() const
{
    const int cols = std::max(1, m_model.cols());
    const int rows = std::max(1, m_model.rows());
    const double aspect = imageAspect(m_model);
    const QSize cell(kMinCellSide, std::max(1, int(kMinCellSide / aspect)));
    return {std::max(160, 2 * kMargin + cols * cell.width() + (cols - 1) * kGap),
        std::max(120, 2 * kMargin + rows * cell.height() + (rows - 1) * kGap)};
}

QRect GridCanvas::cellRect(CellIndex index) const
{
    const int slot = m_model.displaySlot(index);
    return slot < 0 ? QRect() : layout().slotRect(slot);
}

std::optional<CellIndex> GridCanvas::cellAt(QPoint point) const
{
    const int slot = layout().slotAt(point);
    if (slot < 0)
        return std::nullopt;
    return m_model.displayOrder()[slot];
}

void GridCanvas::paintCell(QPainter& painter, const QRect& rect, CellIndex index) const
{
    const BrowserCell* cell = m_model.cellAt(index);
    if (!cell)
        return;
    const CellState state = cell->cell.state;
    painter.save();
    QPainterPath clip;
    clip.addRoundedRect(rect, 4, 4);
    painter.setClipPath(clip);
    if (cell->hasImage()) {
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawImage(rect, m_model.cellImage(index, std::max(rect.width(), rect.height())));
        if (state == CellState::Rejected || state == CellState::Queued || state == CellState::Generating)
            painter.fillRect(rect, QColor(0, 0, 0, 120)); // an image on its way out
    } else {
        painter.fillRect(rect, palette().color(QPalette::Base).darker(115));
        painter.setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine));
        painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    }
    if (m_model.isSelected(index))
        painter.fillRect(rect, QColor(kSelectionColor.red(), kSelectionColor.green(), kSelectionColor.blue(), 50));
    painter.restore();

    if (rect.width() < kMinLabelledCellSide) {
        // A cell of a big grid is too small for words: its state is a coloured strip along the
        // bottom; the details line under the grid names the current cell, its state and versions.
        const QRect strip(rect.left(), rect.bottom() - 4, rect.width(), 5);
        if (state != CellState::Done)
            painter.fillRect(strip, stateColor(state));
        else if (cell->outOfDate)
            painter.fillRect(strip, kOutOfDateColor);
    } else {
        QFont small = font();
        small.setPointSizeF(std::max(7.0, small.pointSizeF() * 0.85));
        painter.setFont(small);
        const int inset = 5;
        const QPoint bottomLeft(rect.left() + inset, rect.bottom() - inset - QFontMetrics(small).height() - 2);
        if (state != CellState::Done)
            paintBadge(painter, bottomLeft, stateLabel(state), stateColor(state), false);
        else if (cell->outOfDate)
            paintBadge(painter, bottomLeft, tr("out of date"), kOutOfDateColor, false);
        // Which version shows, of how many: "v1/2" after going back to the first image.
        if (cell->versionCount > 1)
            paintBadge(painter, QPoint(rect.left() + inset, rect.top() + inset),
                tr("v%1/%2").arg(cell->activeVersionNumber).arg(cell->versionCount), QColor(0, 0, 0, 150), false);
        if (cell->isSuspect())
            paintBadge(painter, QPoint(rect.right() - inset, rect.top() + inset), tr("\u26a0 %1").arg(*cell->coherence, 0, 'f', 1),
                kSuspectColor.darker(130), true);
        // The coordinates in white on a dark shadow, readable on light and dark images alike.
        const QString coordinates = tr("%1,%2").arg(index.row).arg(index.col);
        painter.setPen(QColor(0, 0, 0, 200));
        painter.drawText(rect.adjusted(0, 0, -inset + 1, -inset + 1), Qt::AlignRight | Qt::AlignBottom, coordinates);
        painter.setPen(QColor(255, 255, 255, 220));
        painter.drawText(rect.adjusted(0, 0, -inset, -inset), Qt::AlignRight | Qt::AlignBottom, coordinates);
    }

    painter.setBrush(Qt::NoBrush);
    if (cell->isSuspect()) {
        painter.setPen(QPen(kSuspectColor, 2.5));
        painter.drawRoundedRect(QRectF(rect).adjusted(1, 1, -1, -1), 4, 4);
    }
    if (m_model.isSelected(index)) {
        painter.setPen(QPen(kSelectionColor, 2));
        painter.drawRoundedRect(QRectF(rect).adjusted(-2, -2, 2, 2), 5, 5);
    }
    if (index == m_model.current() && hasFocus()) {
        painter.setPen(QPen(Qt::white, 1.5, Qt::DotLine));
        painter.drawRoundedRect(QRectF(rect).adjusted(-4, -4, 4, 4), 6, 6);
    }
}

void GridCanvas::paintEvent(QPaintEvent* event)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().color(QPalette::Window).darker(120));
    const QVector<CellIndex>& order = m_model.displayOrder();
    if (order.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("Select a segment to see its grid"));
        return;
    }
    // Only the rows in the exposed area: a 100x100 grid shows a few hundred cells at a time.
    const Layout grid = layout();
    const int rowPitch = grid.cellSize.height() + kGap;
    const QRect exposed = event->rect();
    const int firstRow = std::max(0, (exposed.top() - grid.origin.y() - 6) / rowPitch);
    const int lastRow = (exposed.bottom() - grid.origin.y() + 6) / rowPitch;
    for (int slot = firstRow * grid.cols; slot < order.size() && slot < (lastRow + 1) * grid.cols; ++slot) {
        const QRect cell = grid.slotRect(slot);
        if (cell.adjusted(-6, -6, 6, 6).intersects(exposed))
            paintCell(painter, cell, order[slot]);
    }
    // Similarity lives on the edges of the grid's own layout, where neighbours touch; drawn after
    // the cells, since a badge straddles two of them.
    if (m_model.showsSimilarity() && m_model.layout() == GridBrowserModel::Layout::Grid) {
        for (int slot = firstRow * grid.cols; slot < order.size() && slot < (lastRow + 1) * grid.cols; ++slot) {
            const QRect cell = grid.slotRect(slot);
            if (cell.adjusted(-6, -6, 6, 6).intersects(exposed))
                paintSimilarity(painter, cell, order[slot]);
        }
    }
}

void GridCanvas::paintSimilarity(QPainter& painter, const QRect& rect, CellIndex index) const
{
    const bool labelled = rect.width() >= kMinLabelledCellSide;
    QFont small = font();
    small.setPointSizeF(std::max(7.0, small.pointSizeF() * 0.8));
    painter.setFont(small);
    const QFontMetrics metrics(small);
    for (const bool right : {true, false}) {
        const CellIndex next = right ? CellIndex{index.row, index.col + 1} : CellIndex{index.row + 1, index.col};
        const std::optional<double> ssim = m_model.similarity(index, next);
        if (!ssim)
            continue;
        const QColor colour = similarityColor(*ssim);
        // The gap between the two cells, and its middle.
        const QRect gap = right ? QRect(rect.right() + 1, rect.top(), kGap, rect.height())
                                : QRect(rect.left(), rect.bottom() + 1, rect.width(), kGap);
        if (!labelled) { // small cells: the gap itself takes the colour
            painter.fillRect(gap, colour);
            continue;
        }
        const QString text = QString::number(*ssim, 'f', 2);
        const QSize size(metrics.horizontalAdvance(text) + 8, metrics.height() + 2);
        QRect badge(QPoint(0, 0), size);
        badge.moveCenter(gap.center());
        painter.setPen(QPen(QColor(0, 0, 0, 160), 1));
        painter.setBrush(colour);
        painter.drawRoundedRect(badge, size.height() / 2.0, size.height() / 2.0);
        painter.setPen(Qt::white);
        painter.drawText(badge, Qt::AlignCenter, text);
    }
}

void GridCanvas::mousePressEvent(QMouseEvent* event)
{
    setFocus(Qt::MouseFocusReason);
    const auto index = cellAt(event->position().toPoint());
    if (!index)
        return;
    auto mode = GridBrowserModel::Select::Replace;
    if (event->modifiers() & Qt::ControlModifier)
        mode = GridBrowserModel::Select::Toggle;
    else if (event->modifiers() & Qt::ShiftModifier)
        mode = GridBrowserModel::Select::Extend;
    m_model.setCurrent(*index, mode);
}

VersionStrip::VersionStrip(GridBrowserModel& model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setFixedHeight(84);
    connect(&m_model, &GridBrowserModel::changed, this, qOverload<>(&QWidget::update));
    connect(&m_model, &GridBrowserModel::selectionChanged, this, qOverload<>(&QWidget::update));
    connect(&m_model, &GridBrowserModel::compareChanged, this, qOverload<>(&QWidget::update));
}

QRect VersionStrip::slotRect(int i) const
{
    const int side = height() - 2 * kMargin - 14;
    return QRect(kMargin + i * (side + kGap), kMargin, side, side);
}

void VersionStrip::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.fillRect(rect(), palette().color(QPalette::Window).darker(110));
    const BrowserCell* cell = m_model.cellAt(m_model.current());
    const QVector<Version> versions = m_model.currentVersions();
    if (!cell || versions.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No versions yet"));
        return;
    }
    QFont small = font();
    small.setPointSizeF(std::max(7.0, small.pointSizeF() * 0.85));
    painter.setFont(small);
    for (int i = 0; i < versions.size(); ++i) {
        const QRect slot = slotRect(i);
        const QImage image = m_model.versionPreview(versions[i].id);
        painter.drawImage(fitted(slot, image.isNull() ? 1.0 : double(image.width()) / image.height()), image);
        const bool active = versions[i].id == cell->cell.activeVersionId;
        const bool compared = m_model.compare() == GridBrowserModel::Compare::Version && m_model.compareVersion() == versions[i].id;
        painter.setBrush(Qt::NoBrush);
        if (active) {
            painter.setPen(QPen(kSelectionColor, 2.5));
            painter.drawRoundedRect(QRectF(slot).adjusted(-1.5, -1.5, 1.5, 1.5), 3, 3);
        } else if (compared) {
            painter.setPen(QPen(kSuspectColor, 1.5, Qt::DashLine));
            painter.drawRoundedRect(QRectF(slot).adjusted(-1.5, -1.5, 1.5, 1.5), 3, 3);
        }
        painter.setPen(active ? palette().color(QPalette::WindowText) : palette().color(QPalette::PlaceholderText));
        painter.drawText(QRect(slot.left() - 4, slot.bottom() + 2, slot.width() + 8, 14), Qt::AlignCenter,
            active ? tr("v%1 \u2022 active").arg(i + 1) : tr("v%1").arg(i + 1));
    }
}

void VersionStrip::mousePressEvent(QMouseEvent* event)
{
    const QVector<Version> versions = m_model.currentVersions();
    for (int i = 0; i < versions.size(); ++i) {
        if (!slotRect(i).contains(event->position().toPoint()))
            continue;
        if (event->modifiers() & Qt::ControlModifier)
            m_model.setCompare(GridBrowserModel::Compare::Version, versions[i].id);
        else
            m_model.makeVersionActive(versions[i].id);
        return;
    }
}

bool VersionStrip::event(QEvent* event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    auto* help = static_cast<QHelpEvent*>(event);
    const QVector<Version> versions = m_model.currentVersions();
    for (int i = 0; i < versions.size(); ++i) {
        if (slotRect(i).contains(help->pos())) {
            const QJsonObject& recipe = versions[i].recipe;
            QToolTip::showText(help->globalPos(),
                tr("Version %1: seed %2, %3 steps, %4 ms\nClick: make active \u00b7 Ctrl+click: compare")
                    .arg(i + 1)
                    .arg(recipe.value(recipe::kSeed).toInteger())
                    .arg(recipe.value(recipe::kSteps).toInt())
                    .arg(versions[i].generationMs),
                this);
            return true;
        }
    }
    QToolTip::hideText();
    event->ignore();
    return true;
}

ComparePane::ComparePane(GridBrowserModel& model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
{
    setMinimumHeight(120);
    connect(&m_model, &GridBrowserModel::changed, this, qOverload<>(&QWidget::update));
    connect(&m_model, &GridBrowserModel::compareChanged, this, qOverload<>(&QWidget::update));
    connect(&m_model, &GridBrowserModel::selectionChanged, this, qOverload<>(&QWidget::update));
}

void ComparePane::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.fillRect(rect(), palette().color(QPalette::Window).darker(120));
    const GridBrowserModel::ComparePair pair = m_model.comparePair();
    if (pair.a.isNull() || pair.b.isNull()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("Nothing to compare with"));
        return;
    }
    const int labelHeight = fontMetrics().height() + 4;
    const int half = (width() - 3 * kMargin) / 2;
    const QRect left(kMargin, kMargin + labelHeight, half, height() - 2 * kMargin - labelHeight);
    const QRect right(left.right() + kMargin + 1, left.top(), half, left.height());
    const double aspect = double(pair.a.width()) / std::max(1, pair.a.height());
    painter.drawImage(fitted(left, aspect), pair.a);
    painter.drawImage(fitted(right, aspect), pair.b); // the same scale: differences, not sizes, show
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRect(left.left(), kMargin, half, labelHeight), Qt::AlignCenter, pair.labelA);
    painter.drawText(QRect(right.left(), kMargin, half, labelHeight), Qt::AlignCenter, pair.labelB);
}

} // namespace tessera
