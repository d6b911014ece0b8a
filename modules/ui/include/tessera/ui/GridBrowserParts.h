#pragma once

// The painted parts of the grid browser: the grid of cells, the
// version strip and the compare pane. They draw what the GridBrowserModel holds and turn mouse
// clicks into its calls; keys are handled by the GridBrowser around them.

#include "tessera/core/GridGeometry.h"
#include "tessera/core/Version.h"

#include <QWidget>

#include <optional>

namespace tessera {

class GridBrowserModel;

//! The cells as thumbnails in the model's display order, cols() per row.
class GridCanvas : public QWidget
{
    Q_OBJECT
public:
    explicit GridCanvas(GridBrowserModel& model, QWidget* parent = nullptr);

    //! Where a cell is drawn (empty when not shown), and the cell under a point.
    QRect cellRect(CellIndex index) const;
    std::optional<CellIndex> cellAt(QPoint point) const;
    QSize sizeHint() const override { return {420, 320}; }
    //! A cell state's name as the cells' badges and the details line show it.
    static QString stateLabel(CellState state);
    //! The whole grid at the smallest readable cell size; the browser scrolls a bigger grid.
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    //! Where the slots of the display order lie: cells fitted to the widget at the images'
    //! aspect, cols per row; arithmetic, so a 10,000-cell grid is hit-tested and clipped in O(1).
    struct Layout
    {
        QPoint origin;
        QSize cellSize;
        int cols = 1;
        int slots = 0;
        QRect slotRect(int slot) const;
        int slotAt(QPoint point) const; //!< -1 between cells and outside
    };
    Layout layout() const;
    void paintCell(QPainter& painter, const QRect& rect, CellIndex index) const;
    //! The similarity of the cell to its right and lower neighbours, on the edges between them.
    void paintSimilarity(QPainter& painter, const QRect& rect, CellIndex index) const;

    GridBrowserModel& m_model;
};

//! The current cell's versions, oldest first, the active one marked. Click: make it active;
//! Ctrl+click: compare it with the active one.
class VersionStrip : public QWidget
{
    Q_OBJECT
public:
    explicit VersionStrip(GridBrowserModel& model, QWidget* parent = nullptr);

    //! Where the version at position i (oldest first) is drawn.
    QRect slotRect(int i) const;
    QSize sizeHint() const override { return {420, 84}; }
    QSize minimumSizeHint() const override { return {120, 84}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override; //!< tool tips with each version's seed and steps

private:
    GridBrowserModel& m_model;
};

//! Two images side by side at the same scale with their labels.
class ComparePane : public QWidget
{
    Q_OBJECT
public:
    explicit ComparePane(GridBrowserModel& model, QWidget* parent = nullptr);
    QSize sizeHint() const override { return {420, 200}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    GridBrowserModel& m_model;
};

} // namespace tessera
