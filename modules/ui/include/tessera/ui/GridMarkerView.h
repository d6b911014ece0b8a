#pragma once

#include <QWidget>

namespace tessera {

//! The segment on screen as a grid of its cells, the cells that make the frame shaded by their
//! share and the axes' position marked: where in the grid the music is now.
class GridMarkerView : public QWidget
{
    Q_OBJECT
public:
    explicit GridMarkerView(QWidget* parent = nullptr);

    //! rows x cols, the position as column and row (continuous, 0-based); rows 0 hides the grid.
    void setGrid(int rows, int cols, double column, double row);

    QSize sizeHint() const override { return {200, 150}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    int m_rows = 0;
    int m_cols = 0;
    double m_column = 0.0;
    double m_row = 0.0;
};

} // namespace tessera
