#pragma once

#include "tessera/core/CameraMotion.h"

#include <QGroupBox>

class QComboBox;

namespace tessera {

class AxisEditor;

//! The segment's camera: pick a move (zoom, shake, rotation, pan across or down) and set how far
//! it goes and which audio feature drives it, with the same controls and plot as a grid axis.
//! Edits come out as a whole CameraMove; the model decides whether they are written.
class CameraEditor : public QGroupBox
{
    Q_OBJECT
public:
    explicit CameraEditor(QWidget* parent = nullptr);

    //! Shows a camera without emitting edited(); stems are the sources the project offers.
    void setCamera(const CameraMotion& camera, const QStringList& stems);
    CameraMoveKind currentKind() const;
    QComboBox* kindBox() const { return m_kind; }
    AxisEditor* moveEditor(CameraMoveKind kind) const;

Q_SIGNALS:
    void edited(const tessera::CameraMove& move);
    //! The move shown changed: its plot needs drawing.
    void kindChanged(tessera::CameraMoveKind kind);

private:
    void showKind();

    QComboBox* m_kind = nullptr;
    QVector<AxisEditor*> m_editors; //!< one per kind, in kCameraMoveKinds' order; one shown
    CameraMotion m_camera;
};

} // namespace tessera
