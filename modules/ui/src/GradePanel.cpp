#include "tessera/ui/GradePanel.h"

#include "tessera/core/Grade.h"
#include "tessera/studio/GradeModel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>

namespace tessera {

namespace {

QDoubleSpinBox* makeBox(QWidget* parent, double low, double high, double step, const QString& suffix, const QString& tip)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(low, high);
    box->setSingleStep(step);
    box->setDecimals(2);
    box->setSuffix(suffix);
    box->setToolTip(tip);
    // One undo step per committed value, not one per typed digit.
    box->setKeyboardTracking(false);
    return box;
}

} // namespace

GradePanel::GradePanel(GradeModel& model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_scope(new QComboBox(this))
    , m_reset(new QPushButton(tr("Reset"), this))
    , m_match(new QPushButton(tr("Match Exposure"), this))
    , m_target(new QLabel(this))
    , m_effective(new QLabel(this))
{
    m_scope->addItem(tr("Project"), int(GradeScope::Project));
    m_scope->addItem(tr("Segment"), int(GradeScope::Segment));
    m_scope->addItem(tr("Cell"), int(GradeScope::Cell));
    m_scope->setToolTip(tr("What the grade applies to: scopes combine (exposures add, gammas and saturations multiply)"));
    m_exposure = makeBox(this, -8.0, 8.0, 1.0 / 3.0, tr(" stops"), tr("Stored exposure in stops: +1 doubles the scene-linear light"));
    m_gamma = makeBox(this, 0.2, 5.0, 0.05, QString(), tr("Stored gamma around middle grey (1 leaves values alone)"));
    m_saturation = makeBox(this, 0.0, 3.0, 0.05, QString(), tr("Stored saturation (1 leaves colours alone, 0 is grey)"));
    m_reset->setToolTip(tr("Back to no grade at this scope"));
    m_match->setToolTip(tr("Bring every generated cell of the selected segment to the grid's median brightness"));
    m_scope->setObjectName(QStringLiteral("gradeScope"));
    m_exposure->setObjectName(QStringLiteral("gradeExposure"));
    m_match->setObjectName(QStringLiteral("matchExposure"));
    m_effective->setObjectName(QStringLiteral("effectiveGrade"));

    auto* title = new QLabel(tr("<b>Grade</b>"), this);
    auto* header = new QHBoxLayout;
    header->addWidget(title);
    header->addWidget(m_scope);
    header->addWidget(m_target, 1);
    auto* values = new QGridLayout;
    values->addWidget(new QLabel(tr("Exposure"), this), 0, 0);
    values->addWidget(m_exposure, 0, 1);
    values->addWidget(new QLabel(tr("Gamma"), this), 0, 2);
    values->addWidget(m_gamma, 0, 3);
    values->addWidget(new QLabel(tr("Saturation"), this), 0, 4);
    values->addWidget(m_saturation, 0, 5);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_effective, 1);
    actions->addWidget(m_reset);
    actions->addWidget(m_match);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(header);
    layout->addLayout(values);
    layout->addLayout(actions);

    connect(m_scope, &QComboBox::currentIndexChanged, this,
        [this] { m_model.setScope(GradeScope(m_scope->currentData().toInt())); });
    connect(m_exposure, &QDoubleSpinBox::valueChanged, &m_model, &GradeModel::setExposureStops);
    connect(m_gamma, &QDoubleSpinBox::valueChanged, &m_model, &GradeModel::setGamma);
    connect(m_saturation, &QDoubleSpinBox::valueChanged, &m_model, &GradeModel::setSaturation);
    connect(m_reset, &QPushButton::clicked, &m_model, &GradeModel::resetGrade);
    connect(m_match, &QPushButton::clicked, &m_model, &GradeModel::matchExposure);
    connect(&m_model, &GradeModel::changed, this, &GradePanel::syncFromModel);
    syncFromModel();
}

void GradePanel::syncFromModel()
{
    // The controls follow the model (an undo, another selection) without echoing edits back.
    const QSignalBlocker blockScope(m_scope);
    const QSignalBlocker blockExposure(m_exposure);
    const QSignalBlocker blockGamma(m_gamma);
    const QSignalBlocker blockSaturation(m_saturation);
    m_scope->setCurrentIndex(m_scope->findData(int(m_model.scope())));
    m_target->setText(m_model.scopeLabel());
    const bool editable = m_model.canEdit();
    const Grade grade = m_model.grade();
    m_exposure->setValue(grade.exposureStops);
    m_gamma->setValue(grade.gamma);
    m_saturation->setValue(grade.saturation);
    for (QWidget* widget : {static_cast<QWidget*>(m_exposure), static_cast<QWidget*>(m_gamma),
             static_cast<QWidget*>(m_saturation), static_cast<QWidget*>(m_reset)})
        widget->setEnabled(editable);
    m_match->setEnabled(m_model.segmentId() != 0);
    if (m_model.cellId() != 0) {
        const Grade effective = m_model.effectiveGrade();
        m_effective->setText(tr("Cell shown with %1 stops, gamma %2, saturation %3")
                                 .arg(formatStops(effective.exposureStops))
                                 .arg(effective.gamma, 0, 'f', 2)
                                 .arg(effective.saturation, 0, 'f', 2));
    } else {
        m_effective->clear();
    }
}

} // namespace tessera
