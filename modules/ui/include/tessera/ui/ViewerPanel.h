#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;

namespace tessera {

class Catalog;
class CellViewer;
class ViewerModel;

//! The viewer panel: picks a generated cell (and optionally a second one to compare), and
//! offers display, view, exposure, gamma, clipping and compare controls around the CellViewer.
class ViewerPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ViewerPanel(ViewerModel& model, QWidget* parent = nullptr);

    //! Lists the project's generated cells; shows the first one. Null clears the panel.
    void setCatalog(const Catalog* catalog);
    //! Shows the cell with this id as A (or as B, to compare).
    bool showCell(qint64 cellId, bool asB = false);
    //! Makes the cell A (its picker follows); false when it has no image yet.
    bool selectCell(qint64 cellId);
    //! Re-lists the generated cells and re-shows A and B with their current grades, keeping the
    //! selection (after an edit, an undo, or cells generated meanwhile).
    void reload();
    //! Shows one version (any of cell A's takes) as B, to compare takes of a cell.
    bool showVersion(qint64 versionId);
    QComboBox* comparePicker() const { return m_cellB; }
    CellViewer* viewer() const { return m_viewer; }
    ViewerModel& model() const { return m_model; }
    QComboBox* cellPicker() const { return m_cellA; }
    QDoubleSpinBox* exposureBox() const { return m_exposure; }

private:
    void listCells();
    void refillDisplays();
    void listVersionsOfA();
    void syncFromModel();

    ViewerModel& m_model;
    const Catalog* m_catalog = nullptr;
    CellViewer* m_viewer = nullptr;
    QComboBox* m_cellA = nullptr;
    QComboBox* m_cellB = nullptr;
    QComboBox* m_display = nullptr;
    QComboBox* m_view = nullptr;
    QDoubleSpinBox* m_exposure = nullptr;
    QDoubleSpinBox* m_gamma = nullptr;
    QCheckBox* m_clipping = nullptr;
    QComboBox* m_compare = nullptr;
};

} // namespace tessera
