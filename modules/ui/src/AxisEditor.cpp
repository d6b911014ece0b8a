#include "tessera/ui/AxisEditor.h"

#include "tessera/core/AxisSpec.h"
#include "tessera/ui/AxisPlot.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace tessera {

namespace {

QDoubleSpinBox* numberBox(QWidget* parent, double min, double max, double step, int decimals)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(min, max);
    box->setSingleStep(step);
    box->setDecimals(decimals);
    box->setKeyboardTracking(false); // typed digits commit once, on Enter or focus out
    box->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    return box;
}

QSpinBox* msBox(QWidget* parent, const QString& suffix)
{
    auto* box = new QSpinBox(parent);
    box->setRange(0, 10000);
    box->setSingleStep(10);
    box->setSuffix(suffix);
    box->setKeyboardTracking(false);
    return box;
}

} // namespace

AxisEditor::AxisEditor(const QString& title, QWidget* parent)
    : QGroupBox(title, parent)
    , m_variation(new QComboBox(this))
    , m_termLabel(new QLabel(this))
    , m_term(new QLineEdit(this))
    , m_from(numberBox(this, -100.0, 100.0, 0.1, 2))
    , m_to(numberBox(this, -100.0, 100.0, 0.1, 2))
    , m_feature(new QComboBox(this))
    , m_source(new QComboBox(this))
    , m_inputMin(numberBox(this, 0.0, 1.0, 0.05, 2))
    , m_inputMax(numberBox(this, 0.0, 1.0, 0.05, 2))
    , m_curve(new QComboBox(this))
    , m_attack(msBox(this, tr(" ms")))
    , m_release(msBox(this, tr(" ms")))
    , m_plot(new AxisPlot(this))
{
    m_variation->addItem(tr("Term weight"), int(AxisVariation::TermWeight));
    m_variation->addItem(tr("Prompt blend"), int(AxisVariation::PromptBlend));
    m_variation->addItem(tr("Guidance"), int(AxisVariation::Guidance));
    m_variation->addItem(tr("Seed walk"), int(AxisVariation::SeedWalk));
    m_variation->addItem(tr("LoRA strength"), int(AxisVariation::LoraStrength));
    m_variation->setToolTip(tr("What changes from the first to the last cell while the grid is generated"));
    m_feature->addItem(tr("Nothing (holds the centre)"), int(AudioFeature::None));
    m_feature->addItem(tr("Loudness (RMS)"), int(AudioFeature::Rms));
    m_feature->addItem(tr("Low band (bass)"), int(AudioFeature::LowBand));
    m_feature->addItem(tr("Mid band"), int(AudioFeature::MidBand));
    m_feature->addItem(tr("High band (hats, air)"), int(AudioFeature::HighBand));
    m_feature->addItem(tr("Onsets (hits)"), int(AudioFeature::Onset));
    m_feature->addItem(tr("Brightness (centroid)"), int(AudioFeature::Centroid));
    m_feature->setToolTip(tr("The audio feature that moves along this axis at playback"));
    m_source->setToolTip(tr("The audio the feature follows: the song's mix or one of its stems"));
    m_curve->addItem(tr("Linear"), int(ResponseCurve::Linear));
    m_curve->addItem(tr("Ease in"), int(ResponseCurve::EaseIn));
    m_curve->addItem(tr("Ease out"), int(ResponseCurve::EaseOut));
    m_curve->addItem(tr("Smoothstep"), int(ResponseCurve::SmoothStep));
    m_curve->setToolTip(tr("How the feature's value maps to the position in the grid"));
    m_inputMin->setToolTip(tr("Feature value (0..1 of its range in the song) that reaches the first cell"));
    m_inputMax->setToolTip(tr("Feature value that reaches the last cell; below the minimum inverts the axis"));
    m_attack->setToolTip(tr("Smoothing while the feature rises: shorter follows hits more closely"));
    m_release->setToolTip(tr("Smoothing while the feature falls: longer lets the image settle slowly"));
    setToolTip(axisSpecHelp());

    auto* layout = new QGridLayout(this);
    layout->setHorizontalSpacing(8);
    layout->setVerticalSpacing(4);
    int row = 0;
    auto* generates = new QHBoxLayout;
    generates->setSpacing(6);
    generates->addWidget(m_variation);
    generates->addWidget(m_termLabel);
    generates->addWidget(m_term, 1);
    generates->addWidget(new QLabel(tr("from"), this));
    generates->addWidget(m_from);
    generates->addWidget(new QLabel(tr("to"), this));
    generates->addWidget(m_to);
    m_unit = new QLabel(this);
    m_unit->setVisible(false);
    generates->addWidget(m_unit);
    generates->addStretch(0); // takes the room of the term field when guidance hides it
    m_variesLabel = new QLabel(tr("Varies"), this);
    layout->addWidget(m_variesLabel, row, 0);
    layout->addLayout(generates, row++, 1);
    auto* drives = new QHBoxLayout;
    drives->setSpacing(6);
    drives->addWidget(m_feature, 1);
    drives->addWidget(new QLabel(tr("of", "the audio source the feature follows"), this));
    drives->addWidget(m_source);
    drives->addWidget(new QLabel(tr("range"), this));
    drives->addWidget(m_inputMin);
    drives->addWidget(new QLabel(QStringLiteral("–"), this));
    drives->addWidget(m_inputMax);
    layout->addWidget(new QLabel(tr("Driven by"), this), row, 0);
    layout->addLayout(drives, row++, 1);
    auto* response = new QHBoxLayout;
    response->setSpacing(6);
    response->addWidget(m_curve);
    response->addWidget(new QLabel(tr("attack"), this));
    response->addWidget(m_attack);
    response->addWidget(new QLabel(tr("release"), this));
    response->addWidget(m_release);
    response->addStretch(1);
    layout->addWidget(new QLabel(tr("Response"), this), row, 0);
    layout->addLayout(response, row++, 1);
    layout->addWidget(m_plot, row++, 0, 1, 2);
    layout->setColumnStretch(1, 1);

    connect(m_variation, &QComboBox::currentIndexChanged, this, [this] {
        adaptToVariation();
        emitEdited();
    });
    connect(m_term, &QLineEdit::editingFinished, this, &AxisEditor::emitEdited);
    for (QDoubleSpinBox* box : {m_from, m_to, m_inputMin, m_inputMax})
        connect(box, &QDoubleSpinBox::valueChanged, this, &AxisEditor::emitEdited);
    for (QSpinBox* box : {m_attack, m_release})
        connect(box, &QSpinBox::valueChanged, this, &AxisEditor::emitEdited);
    for (QComboBox* box : {m_feature, m_source, m_curve})
        connect(box, &QComboBox::currentIndexChanged, this, &AxisEditor::emitEdited);
    adaptToVariation();
}

void AxisEditor::setAxis(const AxisDefinition& axis, const QStringList& stems)
{
    m_showing = true;
    m_variation->setCurrentIndex(m_variation->findData(int(axis.variation)));
    adaptToVariation();
    if (m_term->text() != axis.term)
        m_term->setText(axis.term);
    m_from->setValue(axis.from);
    m_to->setValue(axis.to);
    m_feature->setCurrentIndex(m_feature->findData(int(axis.feature)));
    m_source->clear();
    m_source->addItem(tr("the mix"), QString());
    for (const QString& stem : stems)
        m_source->addItem(stem, stem);
    if (!axis.source.isEmpty() && m_source->findData(axis.source) < 0)
        m_source->addItem(tr("%1 (missing)").arg(axis.source), axis.source);
    m_source->setCurrentIndex(m_source->findData(axis.source));
    m_inputMin->setValue(axis.inputMin);
    m_inputMax->setValue(axis.inputMax);
    m_curve->setCurrentIndex(m_curve->findData(int(axis.curve)));
    m_attack->setValue(int(std::lround(axis.attackMs)));
    m_release->setValue(int(std::lround(axis.releaseMs)));
    const bool driven = axis.feature != AudioFeature::None;
    for (QWidget* widget : {static_cast<QWidget*>(m_source), static_cast<QWidget*>(m_inputMin),
             static_cast<QWidget*>(m_inputMax), static_cast<QWidget*>(m_curve), static_cast<QWidget*>(m_attack),
             static_cast<QWidget*>(m_release)})
        widget->setEnabled(driven);
    m_showing = false;
}

void AxisEditor::setCameraMode(const QString& unit, double limit, int decimals)
{
    m_camera = true;
    m_variesLabel->setText(tr("Amount"));
    m_variation->setVisible(false);
    m_term->setVisible(false);
    m_termLabel->setVisible(false);
    m_unit->setText(unit);
    m_unit->setVisible(true);
    for (QDoubleSpinBox* box : {m_from, m_to}) {
        box->setRange(-limit, limit);
        box->setDecimals(decimals);
        box->setSingleStep(decimals > 1 ? 0.01 : 1.0);
    }
    m_from->setToolTip(tr("The move's amount where the feature is at the bottom of its range"));
    m_to->setToolTip(tr("The move's amount where the feature is at the top of its range"));
    m_feature->setToolTip(tr("The audio feature that drives this camera move"));
    m_feature->setItemText(m_feature->findData(int(AudioFeature::None)), tr("Nothing (holds halfway)"));
}

AxisDefinition AxisEditor::axis() const
{
    AxisDefinition axis;
    axis.variation = m_camera ? AxisVariation::TermWeight : static_cast<AxisVariation>(m_variation->currentData().toInt());
    axis.term = m_camera || axis.variation == AxisVariation::Guidance ? QString() : m_term->text().trimmed();
    axis.from = m_from->value();
    axis.to = m_to->value();
    axis.feature = static_cast<AudioFeature>(m_feature->currentData().toInt());
    axis.source = m_source->currentData().toString();
    axis.inputMin = m_inputMin->value();
    axis.inputMax = m_inputMax->value();
    axis.curve = static_cast<ResponseCurve>(m_curve->currentData().toInt());
    axis.attackMs = m_attack->value();
    axis.releaseMs = m_release->value();
    return axis;
}

void AxisEditor::emitEdited()
{
    if (!m_showing)
        Q_EMIT edited(axis());
}

void AxisEditor::adaptToVariation()
{
    if (m_camera)
        return;
    const auto variation = static_cast<AxisVariation>(m_variation->currentData().toInt());
    m_term->setVisible(variation != AxisVariation::Guidance);
    m_termLabel->setVisible(variation != AxisVariation::Guidance);
    switch (variation) {
    case AxisVariation::TermWeight:
        m_termLabel->setText(tr("of", "the prompt term whose weight varies"));
        m_term->setPlaceholderText(tr("term (empty: varies nothing)"));
        break;
    case AxisVariation::PromptBlend:
        m_termLabel->setText(tr("towards"));
        m_term->setPlaceholderText(tr("the prompt to blend towards"));
        break;
    case AxisVariation::SeedWalk:
        m_termLabel->setText(tr("towards seed"));
        m_term->setPlaceholderText(tr("empty: this seed + 1"));
        break;
    case AxisVariation::LoraStrength:
        m_termLabel->setText(tr("of", "the LoRA whose strength varies"));
        m_term->setPlaceholderText(tr("a project LoRA's name, or a LoRA file"));
        break;
    case AxisVariation::Guidance:
        break;
    }
}

} // namespace tessera
