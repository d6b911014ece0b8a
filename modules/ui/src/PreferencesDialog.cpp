#include "tessera/ui/PreferencesDialog.h"

#include "tessera/generation/CellRecipe.h"
#include "tessera/ui/StudioLanguage.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

namespace tessera {

PreferencesDialog::PreferencesDialog(const StudioPreferences& preferences, QWidget* parent)
    : QDialog(parent)
    , m_folders(new QListWidget(this))
    , m_ocio(new QLineEdit(this))
    , m_threads(new QSpinBox(this))
    , m_cache(new QSpinBox(this))
    , m_precision(new QComboBox(this))
    , m_language(new QComboBox(this))
{
    setWindowTitle(tr("Preferences"));
    m_folders->addItems(preferences.modelFolders);
    m_folders->setToolTip(tr("Folders holding diffusers-layout models (a model_index.json in each model's folder)"));
    auto* addFolder = new QPushButton(tr("Add..."), this);
    auto* removeFolder = new QPushButton(tr("Remove"), this);
    connect(addFolder, &QPushButton::clicked, this, &PreferencesDialog::addModelFolder);
    connect(removeFolder, &QPushButton::clicked, this, [this] { delete m_folders->currentItem(); });
    auto* folderButtons = new QVBoxLayout;
    folderButtons->addWidget(addFolder);
    folderButtons->addWidget(removeFolder);
    folderButtons->addStretch(1);
    auto* folders = new QHBoxLayout;
    folders->addWidget(m_folders, 1);
    folders->addLayout(folderButtons);

    m_ocio->setText(preferences.ocioConfig);
    m_ocio->setPlaceholderText(tr("$OCIO, else the bundled config"));
    m_ocio->setToolTip(tr("The OpenColorIO config for projects that name none of their own"));
    auto* browseOcio = new QPushButton(tr("Browse..."), this);
    connect(browseOcio, &QPushButton::clicked, this, &PreferencesDialog::chooseOcioConfig);
    auto* ocio = new QHBoxLayout;
    ocio->addWidget(m_ocio, 1);
    ocio->addWidget(browseOcio);

    m_threads->setRange(0, 256);
    m_threads->setSpecialValueText(tr("One per core (%1)").arg(QThread::idealThreadCount()));
    m_threads->setValue(preferences.computeThreads);
    m_threads->setToolTip(tr("Threads the diffusion model computes with; applies to projects opened from now on"));
    m_cache->setRange(16, 65536);
    m_cache->setSingleStep(64);
    m_cache->setSuffix(tr(" MB"));
    m_cache->setValue(preferences.cacheMegabytes);
    m_cache->setToolTip(tr("Memory for decoded, graded cells the preview keeps; more makes scrubbing smoother"));

    // What "auto" will use here, said in the picker itself rather than left to the artist to know.
    const bool nativeBf16 = GenerationOptions::autoPrecisionOnThisCpu() == QLatin1String("bf16");
    m_precision->addItem(tr("Float32 (exact)"), QStringLiteral("fp32"));
    m_precision->addItem(nativeBf16 ? tr("Automatic: bf16 on this CPU (faster)")
                                    : tr("Automatic: float32 on this CPU (no bf16 instructions)"),
        QStringLiteral("auto"));
    m_precision->addItem(nativeBf16 ? tr("bf16 (faster on this CPU)") : tr("bf16 (emulated on this CPU: slower)"), QStringLiteral("bf16"));
    m_precision->setCurrentIndex(std::max(0, m_precision->findData(preferences.precision)));
    m_precision->setToolTip(tr("The number type the diffusion model computes new cells in; it is part of each cell's recipe. "
                               "bf16 images differ slightly from float32 ones (as diffusers' do)."));

    m_language->addItem(tr("System language"), QString());
    for (const QString& language : availableLanguages()) // each in its own language, as artists look for it
        m_language->addItem(nativeLanguageName(language), language);
    m_language->setCurrentIndex(std::max(0, m_language->findData(preferences.language)));

    auto* form = new QFormLayout;
    form->addRow(tr("Model folders"), folders);
    form->addRow(tr("Colour config"), ocio);
    form->addRow(tr("Generation threads"), m_threads);
    form->addRow(tr("Generation precision"), m_precision);
    form->addRow(tr("Preview cache"), m_cache);
    form->addRow(tr("Language"), m_language);
    auto* restartNote = new QLabel(tr("A new language shows after the studio is restarted."), this);
    restartNote->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(restartNote);
    layout->addWidget(buttons);
    resize(640, 420);
}

StudioPreferences PreferencesDialog::preferences() const
{
    StudioPreferences preferences;
    for (int i = 0; i < m_folders->count(); ++i)
        preferences.modelFolders << m_folders->item(i)->text();
    preferences.ocioConfig = m_ocio->text().trimmed();
    preferences.computeThreads = m_threads->value();
    preferences.cacheMegabytes = m_cache->value();
    preferences.language = m_language->currentData().toString();
    preferences.precision = m_precision->currentData().toString();
    return preferences;
}

void PreferencesDialog::addModelFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Add Model Folder"));
    if (!folder.isEmpty() && m_folders->findItems(folder, Qt::MatchExactly).isEmpty())
        m_folders->addItem(folder);
}

void PreferencesDialog::chooseOcioConfig()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Colour Config"), QString(), tr("OpenColorIO configs (*.ocio)"));
    if (!path.isEmpty())
        m_ocio->setText(path);
}

} // namespace tessera
