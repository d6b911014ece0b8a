#pragma once

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace tessera {

class GradeModel;

//! The grading controls under the viewer: which scope is graded (project, selected segment,
//! selected cell), its exposure in stops, gamma and saturation, a reset, and match exposure for
//! the selected segment's grid. It presents and forwards; GradeModel stores through the undo history.
class GradePanel : public QWidget
{
    Q_OBJECT
public:
    explicit GradePanel(GradeModel& model, QWidget* parent = nullptr);

    QComboBox* scopePicker() const { return m_scope; }
    QDoubleSpinBox* exposureBox() const { return m_exposure; }
    QPushButton* matchExposureButton() const { return m_match; }

private:
    void syncFromModel();

    GradeModel& m_model;
    QComboBox* m_scope = nullptr;
    QDoubleSpinBox* m_exposure = nullptr;
    QDoubleSpinBox* m_gamma = nullptr;
    QDoubleSpinBox* m_saturation = nullptr;
    QPushButton* m_reset = nullptr;
    QPushButton* m_match = nullptr;
    QLabel* m_target = nullptr;
    QLabel* m_effective = nullptr;
};

} // namespace tessera
