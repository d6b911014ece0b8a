#include "tessera/ui/CameraEditor.h"

#include "tessera/ui/AxisEditor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace tessera {

namespace {

struct KindText
{
    QString title;
    QString unit;
    double limit;
    int decimals;
};

KindText textOf(CameraMoveKind kind)
{
    switch (kind) {
    case CameraMoveKind::Zoom:
        return {CameraEditor::tr("Zoom"), CameraEditor::tr("× closer (0.15 = 15%)"), 4.0, 2};
    case CameraMoveKind::Shake:
        return {CameraEditor::tr("Shake"), CameraEditor::tr("of the width"), 0.5, 3};
    case CameraMoveKind::Rotate:
        return {CameraEditor::tr("Rotation"), CameraEditor::tr("degrees"), 360.0, 1};
    case CameraMoveKind::PanX:
        return {CameraEditor::tr("Pan across"), CameraEditor::tr("of the width"), 1.0, 3};
    case CameraMoveKind::PanY:
        return {CameraEditor::tr("Pan down"), CameraEditor::tr("of the height"), 1.0, 3};
    }
    return {};
}

//! An inactive move of a kind: nothing moves until the artist sets an amount.
CameraMove stillMove(CameraMoveKind kind)
{
    CameraMove move{kind, AxisDefinition{}};
    move.axis.to = 0.0;
    move.axis.feature = AudioFeature::Onset;
    move.axis.attackMs = 0.0;
    move.axis.releaseMs = 150.0;
    return move;
}

} // namespace

CameraEditor::CameraEditor(QWidget* parent)
    : QGroupBox(tr("Camera"), parent)
    , m_kind(new QComboBox(this))
{
    setToolTip(tr("Camera moves the music drives, applied to the segment's frames in the preview and the export"));
    auto* layout = new QVBoxLayout(this);
    auto* kindRow = new QHBoxLayout;
    kindRow->addWidget(new QLabel(tr("Move"), this));
    kindRow->addWidget(m_kind);
    kindRow->addStretch(1);
    layout->addLayout(kindRow);
    for (const CameraMoveKind kind : kCameraMoveKinds) {
        const KindText text = textOf(kind);
        m_kind->addItem(text.title, int(kind));
        auto* editor = new AxisEditor(QString(), this);
        editor->setFlat(true);
        editor->setCameraMode(text.unit, text.limit, text.decimals);
        editor->setVisible(false);
        layout->addWidget(editor);
        m_editors.append(editor);
        editor->setAxis(stillMove(kind).axis, {});
        connect(editor, &AxisEditor::edited, this, [this, kind](const AxisDefinition& axis) {
            CameraMove move{kind, axis};
            m_camera.setMove(move);
            showKind(); // the kind's marker in the list
            Q_EMIT edited(move);
        });
    }
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        showKind();
        Q_EMIT kindChanged(currentKind());
    });
    showKind();
}

CameraMoveKind CameraEditor::currentKind() const
{
    return CameraMoveKind(m_kind->currentData().toInt());
}

AxisEditor* CameraEditor::moveEditor(CameraMoveKind kind) const
{
    return m_editors.value(int(kind));
}

void CameraEditor::setCamera(const CameraMotion& camera, const QStringList& stems)
{
    m_camera = camera;
    for (const CameraMoveKind kind : kCameraMoveKinds) {
        const CameraMove* move = camera.move(kind);
        // A kind without a move keeps what the artist chose for it (feature, response) at no
        // amount: picking the feature before the amount must not lose the feature.
        AxisDefinition axis = move ? move->axis : m_editors[int(kind)]->axis();
        if (!move) {
            axis.from = 0.0;
            axis.to = 0.0;
        }
        m_editors[int(kind)]->setAxis(axis, stems);
    }
    showKind();
}

void CameraEditor::showKind()
{
    // The moves in use are marked in the list, so a glance shows what the camera does.
    for (const CameraMoveKind kind : kCameraMoveKinds) {
        const CameraMove* move = m_camera.move(kind);
        m_kind->setItemText(int(kind), move && move->isActive() ? tr("%1 •").arg(textOf(kind).title) : textOf(kind).title);
        m_editors[int(kind)]->setVisible(kind == currentKind());
    }
}

} // namespace tessera
