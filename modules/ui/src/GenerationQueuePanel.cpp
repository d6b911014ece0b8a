#include "tessera/ui/GenerationQueuePanel.h"

#include "tessera/studio/GenerationQueue.h"
#include "tessera/studio/ModelPickerModel.h"
#include "tessera/ui/GenerationJobRow.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace tessera {

namespace {
//! Marks the picker's LoRA and embedding items (their data is the file, like a model's).
constexpr int kAddOnRole = Qt::UserRole + 1;
} // namespace

GenerationQueuePanel::GenerationQueuePanel(GenerationQueue& queue, QWidget* parent)
    : QWidget(parent)
    , m_queue(queue)
    , m_model(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_generateSegment(new QPushButton(tr("Generate Segment"), this))
    , m_generateAll(new QPushButton(tr("Generate All"), this))
    , m_pauseAll(new QPushButton(tr("Pause All"), this))
    , m_cancelAll(new QPushButton(tr("Cancel All"), this))
{
    m_pauseAll->setObjectName(QStringLiteral("pauseAll"));
    m_cancelAll->setObjectName(QStringLiteral("cancelAll"));
    m_pauseAll->setToolTip(tr("Pause every waiting and running job (Resume continues each)"));
    m_cancelAll->setToolTip(tr("Cancel every unfinished job (the cells already made are kept)"));
    m_generateSegment->setToolTip(tr("Queue the selected segment's missing and rejected cells, and those out of date with its prompt"));
    m_generateAll->setToolTip(tr("Queue every segment that has missing or rejected cells"));
    m_model->setForegroundRole(QPalette::PlaceholderText);
    m_model->setTextFormat(Qt::PlainText);
    m_model->setObjectName(QStringLiteral("modelLine"));
    m_summary->setForegroundRole(QPalette::PlaceholderText);

    // Texts that change with the queue never widen the dock (it pushed the preview down to
    // 160 px): they take the width they are given and elide or wrap.
    m_model->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_generateSegment);
    buttons->addWidget(m_generateAll);
    buttons->addWidget(m_pauseAll);
    buttons->addWidget(m_cancelAll);
    buttons->addStretch(1);

    auto* list = new QWidget;
    m_rowLayout = new QVBoxLayout(list);
    m_rowLayout->setContentsMargins(0, 0, 0, 0);
    m_rowLayout->setSpacing(1);
    m_empty = new QLabel(tr("No generation jobs yet. Select a segment and press Generate Segment."), list);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setWordWrap(true);
    m_rowLayout->addWidget(m_empty);
    m_rowLayout->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(list);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // rows shrink their titles instead
    scroll->setFrameShape(QFrame::StyledPanel);
    scroll->setObjectName(QStringLiteral("jobList"));
    // At least three job rows show without dragging the dock's splitter (one row did before).
    scroll->setMinimumHeight(3 * GenerationJobRow().sizeHint().height() + 2 * scroll->frameWidth() + 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_model); // the model picker goes above it (setModelPicker)
    layout->addLayout(buttons);
    layout->addWidget(m_summary);
    layout->addWidget(scroll, 1);

    // Rows alternate a shade so long queues stay readable.
    setStyleSheet(QStringLiteral("#generationJobRow { background: palette(base); border-radius: 3px; }"));

    connect(m_generateSegment, &QPushButton::clicked, this, [this] {
        if (m_segmentId != 0)
            m_queue.enqueueSegment(m_segmentId);
    });
    connect(m_generateAll, &QPushButton::clicked, &m_queue, &GenerationQueue::enqueueAll);
    connect(m_pauseAll, &QPushButton::clicked, &m_queue, &GenerationQueue::pauseAll);
    connect(m_cancelAll, &QPushButton::clicked, &m_queue, &GenerationQueue::cancelAll);
    connect(&m_queue, &GenerationQueue::jobsChanged, this, &GenerationQueuePanel::syncRows);
    connect(&m_queue, &GenerationQueue::jobProgress, this, [this](qint64 jobId) { updateRow(jobId); });
    connect(&m_queue, &GenerationQueue::modelReady, this, &GenerationQueuePanel::updateHeader);
    connect(&m_queue, &GenerationQueue::errorOccurred, this, &GenerationQueuePanel::updateHeader);
    connect(&m_queue, &GenerationQueue::optionsChanged, this, &GenerationQueuePanel::updateHeader);
    setSegment(0);
    updateHeader();
    syncRows();
}

void GenerationQueuePanel::setSegment(qint64 segmentId, int segmentNumber)
{
    m_segmentId = segmentId;
    m_segmentNumber = segmentNumber;
    m_generateSegment->setEnabled(segmentId != 0);
    m_generateSegment->setText(segmentNumber > 0 ? tr("Generate Segment %1").arg(segmentNumber) : tr("Generate Segment"));
}

void GenerationQueuePanel::updateHeader()
{
    const QString model = QFileInfo(m_queue.modelFolder()).fileName();
    if (!m_queue.problem().isEmpty())
        m_model->setText(tr("Cannot generate: %1").arg(m_queue.problem()));
    else if (m_queue.isModelReady())
        m_model->setText(tr("Model: %1, computing in %2").arg(model, computedPrecision()));
    else
        m_model->setText(tr("Model: %1 (loading\u2026)").arg(model));
    m_model->setToolTip(tr("%1\nNew jobs compute in %2 (Preferences: Generation precision)")
                            .arg(QDir::toNativeSeparators(m_queue.modelFolder()), computedPrecision()));
}

QString GenerationQueuePanel::computedPrecision() const
{
    // what the queue's precision means on this machine: "auto" resolved as the engine resolves it
    QString precision = m_queue.options().precision;
    if (precision == QLatin1String("auto"))
        precision = GenerationOptions::autoPrecisionOnThisCpu();
    return precision == QLatin1String("bf16") ? QStringLiteral("bf16") : tr("float32");
}

void GenerationQueuePanel::setModelPicker(ModelPickerModel* picker)
{
    if (m_picker || !picker)
        return;
    m_pickerModel = picker;
    m_picker = new QComboBox(this);
    m_picker->setObjectName(QStringLiteral("modelPicker"));
    m_picker->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_picker->setMinimumContentsLength(16);
    m_picker->setToolTip(tr("The project's model: an undoable setting; the queue loads it when no job waits"));
    static_cast<QVBoxLayout*>(layout())->insertWidget(0, m_picker);
    connect(m_picker, &QComboBox::activated, this, &GenerationQueuePanel::pickerActivated);
    connect(picker, &ModelPickerModel::modelsChanged, this, &GenerationQueuePanel::syncPicker);
    connect(&m_queue, &GenerationQueue::modelReady, this, &GenerationQueuePanel::syncPicker);
    syncPicker();
}

void GenerationQueuePanel::syncPicker()
{
    if (!m_picker)
        return;
    const QSignalBlocker blocker(m_picker);
    m_picker->clear();
    for (const ModelSummary& model : m_pickerModel->models()) {
        if (model.isUsable()) {
            m_picker->addItem(tr("%1 \u2014 %2, %3 px").arg(model.name, model.family).arg(model.resolution), model.path);
            m_picker->setItemData(m_picker->count() - 1,
                tr("%1\n%2, %3 px, %4, %5, %6")
                    .arg(QDir::toNativeSeparators(model.path), model.family)
                    .arg(model.resolution)
                    .arg(model.prediction, model.precision, QLocale().formattedDataSize(model.bytes)),
                Qt::ToolTipRole);
        } else {
            // Listed so the artist sees why a file in a model folder is not offered.
            m_picker->addItem(tr("%1 (refused)").arg(model.name), model.path);
            m_picker->setItemData(m_picker->count() - 1, model.problem, Qt::ToolTipRole);
            if (auto* items = qobject_cast<QStandardItemModel*>(m_picker->model()))
                items->item(m_picker->count() - 1)->setEnabled(false);
        }
    }
    // LoRAs and embeddings beside the models: picking one adds it to the project or takes it out
    const QSet<QString> inProject = m_pickerModel->addOnsInProject();
    for (const AddOnSummary& addOn : m_pickerModel->addOns()) {
        const bool used = inProject.contains(QDir::cleanPath(addOn.path));
        const QString kind = addOn.kind == QLatin1String("lora") ? tr("LoRA") : tr("embedding");
        m_picker->addItem(tr("%1 %2 \u2014 %3 for %4").arg(used ? QStringLiteral("\u2611") : QStringLiteral("\u2610"),
                              addOn.name, kind, addOn.family),
            addOn.path);
        const int item = m_picker->count() - 1;
        m_picker->setItemData(item, true, kAddOnRole);
        m_picker->setItemData(item,
            addOn.problem.isEmpty()
                ? (used ? tr("%1\n%2 for %3 models (text width %4). Click to take it out of the project.")
                        : tr("%1\n%2 for %3 models (text width %4). Click to add it to the project."))
                      .arg(QDir::toNativeSeparators(addOn.path), kind, addOn.family)
                      .arg(addOn.contextWidth)
                : addOn.problem,
            Qt::ToolTipRole);
        if (!addOn.problem.isEmpty()) {
            if (auto* items = qobject_cast<QStandardItemModel*>(m_picker->model()))
                items->item(item)->setEnabled(false);
        }
    }
    m_picker->addItem(tr("Browse\u2026")); // no data: opens the file dialog
    m_picker->setItemData(m_picker->count() - 1, tr("A model folder's model_index.json or a .safetensors checkpoint"),
        Qt::ToolTipRole);
    m_picker->setCurrentIndex(m_pickerModel->currentIndex());
}

void GenerationQueuePanel::pickerActivated(int index)
{
    QString path = m_picker->itemData(index).toString();
    if (m_picker->itemData(index, kAddOnRole).toBool()) {
        m_pickerModel->toggleAddOn(path); // errors reach the user through the model's errorOccurred
        syncPicker();
        return;
    }
    if (path.isEmpty()) {
        path = QFileDialog::getOpenFileName(this, tr("Choose a Model"), QFileInfo(m_queue.modelFolder()).absolutePath(),
            tr("Models (model_index.json *.safetensors)"));
    }
    if (!path.isEmpty())
        m_pickerModel->choose(path); // errors reach the user through the model's errorOccurred
    syncPicker();
}

void GenerationQueuePanel::syncRows()
{
    QHash<qint64, GenerationJobRow*> kept;
    int open = 0;
    int openHere = 0; // of those, run by this studio (not a farm)
    qint64 cellsLeft = 0;
    int index = 0;
    for (const QueuedJob& job : m_queue.jobs()) {
        GenerationJobRow* row = m_rows.take(job.jobId);
        if (!row) {
            row = new GenerationJobRow;
            connect(row, &GenerationJobRow::pauseRequested, &m_queue, &GenerationQueue::pause);
            connect(row, &GenerationJobRow::resumeRequested, &m_queue, &GenerationQueue::resume);
            connect(row, &GenerationJobRow::cancelRequested, &m_queue, &GenerationQueue::cancel);
        }
        row->setJob(job);
        m_rowLayout->insertWidget(index++, row); // moves an existing row to its place
        kept.insert(job.jobId, row);
        if (!job.isFinished()) {
            ++open;
            cellsLeft += job.cellsTotal - job.cellsDone;
            if (!job.farm)
                ++openHere;
        }
    }
    qDeleteAll(m_rows); // jobs no longer in the catalog
    m_rows = kept;
    m_empty->setVisible(m_rows.isEmpty());
    // A farm is paused or cancelled on its cluster, not by these.
    m_pauseAll->setEnabled(openHere > 0);
    m_cancelAll->setEnabled(openHere > 0);
    m_summary->setText(open > 0 ? tr("%n job(s) waiting or running", nullptr, open) + QStringLiteral(" \u00b7 ")
                                      + tr("%n cell(s) to go", nullptr, int(cellsLeft))
                                : tr("Queue idle"));
    updateHeader();
}

void GenerationQueuePanel::updateRow(qint64 jobId)
{
    GenerationJobRow* row = m_rows.value(jobId);
    const auto job = m_queue.job(jobId);
    if (row && job)
        row->setJob(*job);
}

} // namespace tessera
