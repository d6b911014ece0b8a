#pragma once

#include "tessera/studio/PromptEditorModel.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QToolButton;

namespace tessera {

class AxisEditor;
class CameraEditor;

//! The prompt editor for the selected segment: its prompt (from its lyric), the project's style
//! and negative prompts, seed, grid size, how its cells blend and the two axes with their motion plots. Presents the
//! model and forwards edits to it; syntax errors are underlined in place and explained below.
class PromptEditorPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PromptEditorPanel(PromptEditorModel& model, QWidget* parent = nullptr);

    PromptEditorModel& model() const { return m_model; }
    QPlainTextEdit* promptEdit() const { return m_prompt; }
    QPlainTextEdit* styleEdit() const { return m_style; }
    QPlainTextEdit* negativeEdit() const { return m_negative; }
    QLabel* promptErrorLabel() const { return m_promptError; }
    QLineEdit* seedEdit() const { return m_seed; }
    QToolButton* newSeedButton() const { return m_newSeed; }
    QSpinBox* rowsBox() const { return m_rows; }
    QSpinBox* colsBox() const { return m_cols; }
    QComboBox* cellBlendBox() const { return m_cellBlend; }
    CameraEditor* cameraEditor() const { return m_camera; }
    AxisEditor* axisEditor(GridAxis axis) const { return axis == GridAxis::X ? m_axisX : m_axisY; }

public Q_SLOTS:
    //! Shows the segment with this catalog id (the timeline's selection); 0 clears.
    void setSegment(qint64 segmentId);

private:
    void showModel();
    void showErrors();
    void showPlots();

    PromptEditorModel& m_model;
    QLabel* m_title = nullptr;
    QLabel* m_lyric = nullptr;
    QPlainTextEdit* m_prompt = nullptr;
    QToolButton* m_fromLyric = nullptr;
    QLabel* m_promptError = nullptr;
    QPlainTextEdit* m_style = nullptr;
    QLabel* m_styleError = nullptr;
    QPlainTextEdit* m_negative = nullptr;
    QLabel* m_negativeError = nullptr;
    QLineEdit* m_seed = nullptr;
    QToolButton* m_newSeed = nullptr;
    QSpinBox* m_rows = nullptr;
    QSpinBox* m_cols = nullptr;
    QLabel* m_cellCount = nullptr;
    QComboBox* m_cellBlend = nullptr;
    CameraEditor* m_camera = nullptr;
    AxisEditor* m_axisX = nullptr;
    AxisEditor* m_axisY = nullptr;
    QWidget* m_body = nullptr;
    QLabel* m_empty = nullptr;
    bool m_showing = false; //!< showModel() is filling the widgets: no edits come out
};

} // namespace tessera
