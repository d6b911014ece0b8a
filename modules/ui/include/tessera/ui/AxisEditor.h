#pragma once

#include "tessera/core/AxisDefinition.h"

#include <QGroupBox>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace tessera {

class AxisPlot;

//! The controls of one grid axis: what it varies while generating (term weight, prompt blend,
//! guidance, seed walk, LoRA strength) and its range, which audio feature drives it at playback with its input
//! range, response curve and attack/release, and the plot of its motion. Edits come out as a
//! whole AxisDefinition; the model decides whether they are written.
class AxisEditor : public QGroupBox
{
    Q_OBJECT
public:
    explicit AxisEditor(const QString& title, QWidget* parent = nullptr);

    //! For a camera move: the first row sets the move's amount from..to (in `unit`) instead of
    //! what the grid varies; the playback part is the same.
    void setCameraMode(const QString& unit, double limit, int decimals);

    //! Shows an axis without emitting edited(); stems are the sources the project offers.
    void setAxis(const AxisDefinition& axis, const QStringList& stems);
    AxisDefinition axis() const;
    AxisPlot* plot() const { return m_plot; }

    QComboBox* variationBox() const { return m_variation; }
    QLineEdit* termEdit() const { return m_term; }
    QDoubleSpinBox* fromBox() const { return m_from; }
    QDoubleSpinBox* toBox() const { return m_to; }
    QComboBox* featureBox() const { return m_feature; }
    QComboBox* curveBox() const { return m_curve; }
    QSpinBox* attackBox() const { return m_attack; }
    QSpinBox* releaseBox() const { return m_release; }

Q_SIGNALS:
    void edited(const tessera::AxisDefinition& axis);

private:
    void emitEdited();
    void adaptToVariation();

    QComboBox* m_variation = nullptr;
    QLabel* m_termLabel = nullptr;
    QLineEdit* m_term = nullptr;
    QDoubleSpinBox* m_from = nullptr;
    QDoubleSpinBox* m_to = nullptr;
    QComboBox* m_feature = nullptr;
    QComboBox* m_source = nullptr;
    QDoubleSpinBox* m_inputMin = nullptr;
    QDoubleSpinBox* m_inputMax = nullptr;
    QComboBox* m_curve = nullptr;
    QSpinBox* m_attack = nullptr;
    QSpinBox* m_release = nullptr;
    AxisPlot* m_plot = nullptr;
    QLabel* m_variesLabel = nullptr;
    QLabel* m_unit = nullptr;
    bool m_camera = false;
    bool m_showing = false; //!< setAxis() is filling the controls: no edits come out
};

} // namespace tessera
