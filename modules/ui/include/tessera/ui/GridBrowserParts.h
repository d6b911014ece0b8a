#pragma once

// The painted parts of the grid browser: the grid of cells, the
// version strip and the compare pane. They draw what the GridBrowserModel holds and turn mouse
// clicks into its calls; keys are handled by the GridBrowser around them.

#include "tessera/core/GridGeometry.h"

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

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    //! Top-left of the grid and the size of one cell, fitted to the widget at the images' aspect.
    QRect layoutRect(int slot, int slots) const;
    void paintCell(QPainter& painter, const QRect& rect, CellIndex index) const;

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
