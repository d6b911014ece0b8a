#include "tessera/ui/ExportDialog.h"

#include "tessera/core/TimeFormat.h"
#include "tessera/core/TimeRange.h"
#include "tessera/studio/ExportJob.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>

namespace tessera {

namespace {

enum RangeMode { WholeSong, SelectedSegment, Custom };

QDoubleSpinBox* secondsBox(QWidget* parent, double maximum)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setDecimals(2);
    box->setRange(0.0, maximum);
    box->setSuffix(ExportDialog::tr(" s"));
    box->setSingleStep(0.5);
    return box;
}

} // namespace

ExportDialog::ExportDialog(const QString& projectPath, double songSeconds, QSize projectSize, const FrameRate& projectRate,
    std::pair<double, double> selection, QWidget* parent)
    : QDialog(parent)
    , m_projectPath(projectPath)
    , m_songSeconds(songSeconds)
    , m_projectSize(projectSize)
    , m_projectRate(projectRate)
    , m_selection(selection)
    , m_preset(new QComboBox(this))
    , m_width(new QSpinBox(this))
    , m_height(new QSpinBox(this))
    , m_fps(new QComboBox(this))
    , m_rangeMode(new QComboBox(this))
    , m_start(secondsBox(this, songSeconds))
    , m_end(secondsBox(this, songSeconds))
    , m_captions(new QCheckBox(tr("Burn in the lyrics (the sung word highlighted)"), this))
    , m_upscale(new QComboBox(this))
    , m_output(new QLineEdit(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(this))
{
    setWindowTitle(tr("Export Video"));
    for (const ExportPreset& preset : exportPresets())
        m_preset->addItem(preset.name);
    for (QSpinBox* box : {m_width, m_height}) {
        box->setRange(16, 3840);
        box->setSingleStep(2);
    }
    m_fps->addItem(tr("Project (%1 fps)").arg(projectRate.toString()), projectRate.toString());
    for (const char* rate : {"24", "25", "30000/1001", "30", "60"})
        m_fps->addItem(QString::fromLatin1(rate), QString::fromLatin1(rate));
    m_rangeMode->addItem(tr("Whole song (%1)").arg(formatSongTime(millisecondsFromSeconds(songSeconds))));
    m_rangeMode->addItem(tr("Selected segment"));
    m_rangeMode->addItem(tr("Custom"));
    if (selection.second <= selection.first)
        m_rangeMode->setItemData(SelectedSegment, 0, Qt::UserRole - 1); // disabled without a selection
    m_captions->setChecked(true);
    m_upscale->setObjectName(QStringLiteral("upscale"));
    m_upscale->addItem(tr("None (smooth scaling)"), QString());
    m_upscale->addItem(tr("ESRGAN slim (fastest)"), QStringLiteral("slim"));
    m_upscale->addItem(tr("ESRGAN medium"), QStringLiteral("medium"));
    m_upscale->addItem(tr("ESRGAN thick (sharpest, slowest)"), QStringLiteral("thick"));
    m_upscale->setToolTip(tr("Cells smaller than the frame are enlarged by a super-resolution network first, once per "
                             "image: the project keeps the upscales, later exports reuse them and the preview shows them"));
    setUpscale(QString(), {});
    m_output->setObjectName(QStringLiteral("outputPath"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_progress->setFormat(QString());
    m_status->setWordWrap(true);

    auto* sizeRow = new QWidget(this);
    auto* sizeLayout = new QHBoxLayout(sizeRow);
    sizeLayout->setContentsMargins(0, 0, 0, 0);
    sizeLayout->addWidget(m_width);
    sizeLayout->addWidget(new QLabel(QStringLiteral("x"), sizeRow));
    sizeLayout->addWidget(m_height);
    sizeLayout->addStretch();
    auto* rangeRow = new QWidget(this);
    auto* rangeLayout = new QHBoxLayout(rangeRow);
    rangeLayout->setContentsMargins(0, 0, 0, 0);
    rangeLayout->addWidget(m_rangeMode);
    rangeLayout->addWidget(m_start);
    rangeLayout->addWidget(new QLabel(QStringLiteral("-"), rangeRow));
    rangeLayout->addWidget(m_end);
    auto* outputRow = new QWidget(this);
    auto* outputLayout = new QHBoxLayout(outputRow);
    outputLayout->setContentsMargins(0, 0, 0, 0);
    outputLayout->addWidget(m_output, 1);
    auto* browse = new QPushButton(tr("Browse..."), outputRow);
    outputLayout->addWidget(browse);

    m_exportButton = m_buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_cancelButton = m_buttons->addButton(tr("Cancel Export"), QDialogButtonBox::ActionRole);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_revealButton = m_buttons->addButton(tr("Show in Folder"), QDialogButtonBox::ActionRole);
    m_buttons->addButton(QDialogButtonBox::Close);

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Preset:"), m_preset);
    form->addRow(tr("&Size:"), sizeRow);
    form->addRow(tr("&Frame rate:"), m_fps);
    form->addRow(tr("&Range:"), rangeRow);
    form->addRow(QString(), m_captions);
    form->addRow(tr("&Upscale cells:"), m_upscale);
    form->addRow(tr("&Output:"), outputRow);
    form->addRow(m_progress);
    form->addRow(m_status);
    form->addRow(m_buttons);

    connect(m_preset, &QComboBox::currentIndexChanged, this, &ExportDialog::presetChosen);
    connect(m_rangeMode, &QComboBox::currentIndexChanged, this, &ExportDialog::rangeModeChosen);
    connect(m_exportButton, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_cancelButton, &QPushButton::clicked, this, &ExportDialog::cancelExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    connect(m_revealButton, &QPushButton::clicked, this, [this] {
        const QFileInfo output(m_lastOutput);
        QDesktopServices::openUrl(QUrl::fromLocalFile(output.isDir() ? output.absoluteFilePath() : output.absolutePath()));
    });
    connect(browse, &QPushButton::clicked, this, [this] {
        const ExportPreset preset = exportPresets().value(m_preset->currentIndex());
        const QString path = preset.format == ExportFormat::PngSequence
            ? QFileDialog::getExistingDirectory(this, tr("Folder for the PNG frames"), QFileInfo(m_output->text()).absolutePath())
            : QFileDialog::getSaveFileName(this, tr("Export Video"), m_output->text());
        if (!path.isEmpty())
            m_output->setText(path);
    });

    // Beside the project, named after it.
    const QFileInfo project(projectPath);
    m_output->setText(QDir(project.absolutePath()).filePath(project.completeBaseName() + QStringLiteral(".mp4")));
    presetChosen(0);
    rangeModeChosen(WholeSong);
    setBusy(false);
    m_revealButton->setEnabled(false);
    resize(620, sizeHint().height());
}

ExportDialog::~ExportDialog() = default;

void ExportDialog::presetChosen(int index)
{
    const ExportPreset preset = exportPresets().value(index);
    setSize(preset.width > 0 ? preset.width : m_projectSize.width(), preset.height > 0 ? preset.height : m_projectSize.height());
    // Keep the artist's file name, change only what the format dictates.
    const QFileInfo output(m_output->text());
    const QString base = QDir(output.absolutePath()).filePath(output.completeBaseName());
    m_output->setText(base + preset.suffix);
}

void ExportDialog::rangeModeChosen(int index)
{
    const bool custom = index == Custom;
    m_start->setEnabled(custom);
    m_end->setEnabled(custom);
    if (index == WholeSong) {
        m_start->setValue(0.0);
        m_end->setValue(m_songSeconds);
    } else if (index == SelectedSegment) {
        m_start->setValue(m_selection.first);
        m_end->setValue(m_selection.second);
    }
}

void ExportDialog::setOutputPath(const QString& path) { m_output->setText(path); }

void ExportDialog::setRange(double startSeconds, double endSeconds)
{
    m_rangeMode->setCurrentIndex(Custom);
    m_start->setValue(startSeconds);
    m_end->setValue(endSeconds);
}

void ExportDialog::setPreset(int index) { m_preset->setCurrentIndex(index); }

void ExportDialog::setSize(int width, int height)
{
    m_width->setValue(width);
    m_height->setValue(height);
}

void ExportDialog::setUpscale(const QString& network, const CellUpscaler& upscaler)
{
    m_upscaler = upscaler;
    const int at = m_upscale->findData(upscaler ? network : QString());
    m_upscale->setCurrentIndex(std::max(0, at));
    m_upscale->setEnabled(bool(upscaler));
    if (!upscaler)
        m_upscale->setToolTip(tr("This build of Tessera has no upscaler (it is built without libtorch)"));
}

bool ExportDialog::isExporting() const { return m_job && m_job->isRunning(); }

ProjectExportRequest ExportDialog::request() const
{
    const ExportPreset preset = exportPresets().value(m_preset->currentIndex());
    ProjectExportRequest request;
    request.projectPath = m_projectPath;
    request.outputPath = m_output->text().trimmed();
    request.format = preset.format;
    request.width = m_width->value() & ~1;   // the encoders need even sizes
    request.height = m_height->value() & ~1;
    request.frameRate = FrameRate::fromString(m_fps->currentData().toString());
    request.crf = preset.crf;
    request.x264Preset = preset.x264Preset;
    request.rangeStart = m_start->value();
    request.rangeEnd = m_end->value();
    request.captions = m_captions->isChecked();
    request.upscale = m_upscale->currentData().toString();
    request.upscaler = m_upscaler;
    return request;
}

void ExportDialog::setBusy(bool busy)
{
    for (QWidget* field : std::initializer_list<QWidget*>{m_preset, m_width, m_height, m_fps, m_rangeMode, m_captions, m_output})
        field->setEnabled(!busy);
    m_upscale->setEnabled(!busy && m_upscaler);
    if (!busy)
        rangeModeChosen(m_rangeMode->currentIndex());
    else {
        m_start->setEnabled(false);
        m_end->setEnabled(false);
    }
    m_exportButton->setEnabled(!busy);
    m_cancelButton->setEnabled(busy);
}

void ExportDialog::startExport()
{
    const ProjectExportRequest request = this->request();
    if (request.outputPath.isEmpty()) {
        m_status->setText(tr("Choose where the video goes."));
        return;
    }
    m_job = std::make_unique<ExportJob>(request);
    connect(m_job.get(), &ExportJob::progressed, this,
        [this](qint64 done, qint64 count, double fps, double eta) {
            m_progress->setValue(count > 0 ? int(done * 1000 / count) : 0);
            m_progress->setFormat(tr("frame %1 of %2").arg(done).arg(count));
            m_status->setText(
                tr("%1 fps, %2 left").arg(fps, 0, 'f', 1).arg(formatSongTime(millisecondsFromSeconds(eta))));
        });
    connect(m_job.get(), &ExportJob::finished, this, [this](const QString& path, double elapsed, double fps) {
        setBusy(false);
        m_lastOutput = path;
        m_progress->setValue(1000);
        m_status->setText(tr("Exported %1 in %2 s (%3 fps).").arg(path).arg(elapsed, 0, 'f', 1).arg(fps, 0, 'f', 1));
        m_revealButton->setEnabled(true);
        Q_EMIT exported(path);
    });
    connect(m_job.get(), &ExportJob::failed, this, [this](const QString& message, bool cancelled) {
        setBusy(false);
        m_progress->setValue(0);
        m_progress->setFormat(QString());
        m_status->setText(cancelled ? tr("Cancelled: nothing was written.") : message);
        Q_EMIT exportFailed(message, cancelled);
    });
    setBusy(true);
    m_revealButton->setEnabled(false);
    m_status->setText(tr("Composing the first frames..."));
    m_job->start();
}

void ExportDialog::cancelExport()
{
    if (m_job)
        m_job->cancel();
}

void ExportDialog::reject()
{
    if (isExporting()) {
        cancelExport(); // the dialog stays until the worker has removed what it wrote
        return;
    }
    QDialog::reject();
}

} // namespace tessera
