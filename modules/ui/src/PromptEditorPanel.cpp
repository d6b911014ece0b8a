#include "tessera/ui/PromptEditorPanel.h"

#include "tessera/core/TimeFormat.h"
#include "tessera/timeline/SegmentDefaults.h"
#include "tessera/ui/AxisEditor.h"
#include "tessera/ui/CameraEditor.h"
#include "tessera/ui/AxisPlot.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QSpinBox>
#include <QTextBlock>
#include <QToolButton>
#include <QVBoxLayout>

namespace tessera {

namespace {

QPlainTextEdit* promptBox(QWidget* parent, int lines, const QString& placeholder)
{
    auto* edit = new QPlainTextEdit(parent);
    edit->setTabChangesFocus(true);
    edit->setPlaceholderText(placeholder);
    const int lineHeight = edit->fontMetrics().lineSpacing();
    edit->setFixedHeight(lineHeight * lines + 2 * int(edit->document()->documentMargin()) + 6);
    return edit;
}

QLabel* errorLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #e5484d;"));
    label->setVisible(false);
    return label;
}

// Underlines the offending text in place (wavy red, as a spell checker does) and explains it below.
void showSyntaxErrors(QPlainTextEdit* edit, QLabel* label, const QVector<PromptSyntaxError>& errors)
{
    QList<QTextEdit::ExtraSelection> selections;
    QStringList messages;
    for (const PromptSyntaxError& error : errors) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(edit->document());
        selection.cursor.setPosition(error.position);
        selection.cursor.setPosition(std::min(error.position + error.length, edit->document()->characterCount() - 1),
            QTextCursor::KeepAnchor);
        selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        selection.format.setUnderlineColor(QColor(0xe5, 0x48, 0x4d));
        selection.format.setBackground(QColor(0xe5, 0x48, 0x4d, 40));
        selections.append(selection);
        messages.append(QObject::tr("Column %1: %2").arg(error.position + 1).arg(error.message));
    }
    edit->setExtraSelections(selections);
    if (!messages.isEmpty())
        messages.append(QObject::tr("Not saved until fixed."));
    label->setText(messages.join(QLatin1Char('\n')));
    label->setVisible(!errors.isEmpty());
}

void setTextKeepingCursor(QPlainTextEdit* edit, const QString& text)
{
    if (edit->toPlainText() != text)
        edit->setPlainText(text);
}

QString parameterLabel(const AxisDefinition& axis, double value)
{
    switch (axis.variation) {
    case AxisVariation::TermWeight:
        return axis.term.isEmpty() ? QString() : QStringLiteral("%1 %2").arg(axis.term.left(10)).arg(value, 0, 'f', 2);
    case AxisVariation::PromptBlend:
        return QObject::tr("blend %1").arg(value, 0, 'f', 2);
    case AxisVariation::Guidance:
        return QObject::tr("cfg %1").arg(value, 0, 'f', 1);
    case AxisVariation::SeedWalk:
        return QObject::tr("walk %1").arg(value, 0, 'f', 2);
    case AxisVariation::LoraStrength:
        return QStringLiteral("%1 %2").arg(axis.term.section(QLatin1Char('/'), -1).left(10)).arg(value, 0, 'f', 2);
    }
    return {};
}

} // namespace

PromptEditorPanel::PromptEditorPanel(PromptEditorModel& model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
{
    m_body = new QWidget(this);
    m_title = new QLabel(m_body);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_lyric = new QLabel(m_body);
    m_lyric->setWordWrap(true);
    m_lyric->setStyleSheet(QStringLiteral("color: palette(placeholder-text); font-style: italic;"));

    m_prompt = promptBox(m_body, 3, tr("The image prompt; empty uses the lyric. (word:1.3) weights a word"));
    m_fromLyric = new QToolButton(m_body);
    m_fromLyric->setText(tr("From lyric"));
    m_fromLyric->setToolTip(tr("Start the prompt again from the segment's lyric"));
    m_promptError = errorLabel(m_body);
    m_style = promptBox(m_body, 2, tr("Appended to every segment's prompt, e.g. cinematic, 35mm, teal and orange"));
    m_styleError = errorLabel(m_body);
    m_negative = promptBox(m_body, 2, tr("What no image should show, e.g. text, watermark, blurry"));
    m_negativeError = errorLabel(m_body);

    m_seed = new QLineEdit(m_body);
    m_seed->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{1,10}")), m_seed));
    m_seed->setToolTip(tr("The noise seed every cell shares, so neighbouring cells look alike"));
    m_seed->setMaximumWidth(m_seed->fontMetrics().horizontalAdvance(QStringLiteral("0000000000")) + 24);
    m_newSeed = new QToolButton(m_body);
    m_newSeed->setText(tr("New seed"));
    m_newSeed->setToolTip(tr("Pick a random seed: a new look for the whole grid"));
    m_rows = new QSpinBox(m_body);
    m_cols = new QSpinBox(m_body);
    for (QSpinBox* box : {m_rows, m_cols}) {
        box->setRange(1, GridGeometry::kMaxSide);
        box->setKeyboardTracking(false);
    }
    m_rows->setToolTip(tr("Rows: the steps of the Y axis"));
    m_cols->setToolTip(tr("Columns: the steps of the X axis"));
    m_cellCount = new QLabel(m_body);
    m_cellCount->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    m_cellBlend = new QComboBox(m_body);
    m_cellBlend->addItem(tr("Morph"), int(CellBlend::Morph));
    m_cellBlend->addItem(tr("Dissolve"), int(CellBlend::Dissolve));
    m_cellBlend->setToolTip(tr("How neighbouring cells give way to each other as the axes move. Morph moves each cell's "
                               "content along the optical flow toward the next, so a subject that moved between cells "
                               "moves; where no motion explains the change it dissolves. Dissolve mixes them in place."));

    m_axisX = new AxisEditor(tr("X axis (columns)"), m_body);
    m_axisY = new AxisEditor(tr("Y axis (rows)"), m_body);
    m_camera = new CameraEditor(m_body);

    auto* promptRow = new QHBoxLayout;
    promptRow->addWidget(m_prompt, 1);
    promptRow->addWidget(m_fromLyric, 0, Qt::AlignTop);
    auto* promptColumn = new QVBoxLayout;
    promptColumn->setSpacing(2);
    promptColumn->addLayout(promptRow);
    promptColumn->addWidget(m_promptError);
    auto* styleColumn = new QVBoxLayout;
    styleColumn->setSpacing(2);
    styleColumn->addWidget(m_style);
    styleColumn->addWidget(m_styleError);
    auto* negativeColumn = new QVBoxLayout;
    negativeColumn->setSpacing(2);
    negativeColumn->addWidget(m_negative);
    negativeColumn->addWidget(m_negativeError);
    auto* seedRow = new QHBoxLayout;
    seedRow->addWidget(m_seed);
    seedRow->addWidget(m_newSeed);
    seedRow->addSpacing(16);
    seedRow->addWidget(new QLabel(tr("Grid"), m_body));
    seedRow->addWidget(m_rows);
    seedRow->addWidget(new QLabel(QStringLiteral("×"), m_body));
    seedRow->addWidget(m_cols);
    seedRow->addWidget(m_cellCount);
    seedRow->addSpacing(16);
    seedRow->addWidget(new QLabel(tr("Between cells"), m_body));
    seedRow->addWidget(m_cellBlend);
    seedRow->addStretch(1);

    auto* form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Prompt"), promptColumn);
    form->addRow(tr("Style"), styleColumn);
    form->addRow(tr("Negative"), negativeColumn);
    form->addRow(tr("Seed"), seedRow);

    auto* bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->addWidget(m_title);
    bodyLayout->addWidget(m_lyric);
    bodyLayout->addLayout(form);
    bodyLayout->addWidget(m_axisX);
    bodyLayout->addWidget(m_axisY);
    bodyLayout->addWidget(m_camera);
    bodyLayout->addStretch(1);

    m_empty = new QLabel(tr("Select a segment in the timeline to edit its prompt, seed, grid and axes."), this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_empty);
    layout->addWidget(scroll);
    connect(&m_model, &PromptEditorModel::changed, scroll, [this, scroll] {
        scroll->setVisible(m_model.hasSegment());
        m_empty->setVisible(!m_model.hasSegment());
    });

    // Every keystroke is offered to the model: a valid prompt is written (keystrokes merge into
    // one undo step), an invalid one is underlined and not written.
    connect(m_prompt, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_showing)
            m_model.setPrompt(m_prompt->toPlainText());
    });
    connect(m_style, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_showing)
            m_model.setStylePrompt(m_style->toPlainText());
    });
    connect(m_negative, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_showing)
            m_model.setNegativePrompt(m_negative->toPlainText());
    });
    connect(m_fromLyric, &QToolButton::clicked, this, [this] { m_prompt->setPlainText(promptFromLyric(m_model.segment().lyric)); });
    connect(m_seed, &QLineEdit::editingFinished, this, [this] {
        bool ok = false;
        const qulonglong seed = m_seed->text().toULongLong(&ok);
        if (ok && seed <= 0xffffffffULL)
            m_model.setSeed(quint32(seed));
        else
            showModel(); // out of range: back to the stored seed
    });
    connect(m_newSeed, &QToolButton::clicked, &m_model, &PromptEditorModel::newSeed);
    connect(m_camera, &CameraEditor::edited, this, [this](const CameraMove& move) {
        if (!m_model.setCameraMove(move))
            showModel();
    });
    connect(m_camera, &CameraEditor::kindChanged, this, &PromptEditorPanel::showPlots);
    connect(m_cellBlend, &QComboBox::activated, this, [this] {
        if (!m_showing)
            m_model.setCellBlend(CellBlend(m_cellBlend->currentData().toInt()));
    });
    for (QSpinBox* box : {m_rows, m_cols})
        connect(box, &QSpinBox::valueChanged, this, [this] {
            if (!m_showing && !m_model.setGrid(m_rows->value(), m_cols->value()))
                showModel(); // refused (it would delete generated cells): show the stored grid
        });
    connect(m_axisX, &AxisEditor::edited, this, [this](const AxisDefinition& axis) {
        if (!m_model.setAxis(GridAxis::X, axis))
            showModel();
    });
    connect(m_axisY, &AxisEditor::edited, this, [this](const AxisDefinition& axis) {
        if (!m_model.setAxis(GridAxis::Y, axis))
            showModel();
    });

    connect(&m_model, &PromptEditorModel::changed, this, &PromptEditorPanel::showModel);
    connect(&m_model, &PromptEditorModel::syntaxErrorsChanged, this, &PromptEditorPanel::showErrors);
    connect(&m_model, &PromptEditorModel::plotsChanged, this, &PromptEditorPanel::showPlots);
    showModel();
    scroll->setVisible(m_model.hasSegment());
    m_empty->setVisible(!m_model.hasSegment());
}

void PromptEditorPanel::setSegment(qint64 segmentId)
{
    m_model.setSegment(segmentId);
}

void PromptEditorPanel::showModel()
{
    m_showing = true;
    const Segment& segment = m_model.segment();
    m_title->setText(m_model.hasSegment()
            ? tr("Segment %1  ·  %2 – %3")
                  .arg(m_model.segmentNumber())
                  .arg(formatSongTime(segment.range.startMs), formatSongTime(segment.range.endMs))
            : QString());
    m_lyric->setText(segment.isInstrumental() ? tr("Instrumental") : tr("“%1”").arg(segment.lyric.simplified()));
    // While the artist fixes a syntax error the text differs from the stored one: keep it.
    if (m_model.syntaxErrors(PromptEditorModel::PromptField::Segment).isEmpty())
        setTextKeepingCursor(m_prompt, segment.prompt);
    if (m_model.syntaxErrors(PromptEditorModel::PromptField::Style).isEmpty())
        setTextKeepingCursor(m_style, m_model.stylePrompt());
    if (m_model.syntaxErrors(PromptEditorModel::PromptField::Negative).isEmpty())
        setTextKeepingCursor(m_negative, m_model.negativePrompt());
    m_fromLyric->setEnabled(!segment.isInstrumental() && segment.prompt != promptFromLyric(segment.lyric));
    m_seed->setText(QString::number(segment.seed));
    m_rows->setValue(segment.grid.rows());
    m_cols->setValue(segment.grid.cols());
    m_cellBlend->setCurrentIndex(m_cellBlend->findData(int(segment.transition.cellBlend)));
    m_cellCount->setText(tr("%1 cells").arg(segment.grid.cellCount()));
    const QStringList stems = m_model.stemNames();
    m_axisX->setAxis(segment.axisX, stems);
    m_axisY->setAxis(segment.axisY, stems);
    m_camera->setCamera(segment.camera, stems);
    m_showing = false;
    showPlots();
}

void PromptEditorPanel::showErrors()
{
    showSyntaxErrors(m_prompt, m_promptError, m_model.syntaxErrors(PromptEditorModel::PromptField::Segment));
    showSyntaxErrors(m_style, m_styleError, m_model.syntaxErrors(PromptEditorModel::PromptField::Style));
    showSyntaxErrors(m_negative, m_negativeError, m_model.syntaxErrors(PromptEditorModel::PromptField::Negative));
}

void PromptEditorPanel::showPlots()
{
    const Segment& segment = m_model.segment();
    m_axisX->plot()->setPlot(m_model.axisPlot(GridAxis::X), parameterLabel(segment.axisX, segment.axisX.from),
        parameterLabel(segment.axisX, segment.axisX.to));
    m_axisY->plot()->setPlot(m_model.axisPlot(GridAxis::Y), parameterLabel(segment.axisY, segment.axisY.from),
        parameterLabel(segment.axisY, segment.axisY.to));
    const CameraMoveKind kind = m_camera->currentKind();
    const CameraMove* move = segment.camera.move(kind);
    // A move not set yet still shows how its feature would drive it.
    m_camera->moveEditor(kind)->plot()->setPlot(move ? m_model.cameraPlot(kind) : m_model.plotOf(m_camera->moveEditor(kind)->axis()),
        move ? QString::number(move->axis.from) : QString(), move ? QString::number(move->axis.to) : QString());
}

} // namespace tessera
