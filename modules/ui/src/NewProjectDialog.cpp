#include "tessera/ui/NewProjectDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace tessera {

namespace {

// A line edit with a Browse button; `open` picks an existing file, otherwise a file to save.
QWidget* fileRow(QWidget* parent, QLineEdit* edit, const QString& filter, bool open)
{
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    auto* browse = new QPushButton(NewProjectDialog::tr("Browse..."), row);
    layout->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, parent, [parent, edit, filter, open] {
        const QString path = open ? QFileDialog::getOpenFileName(parent, QString(), edit->text(), filter)
                                  : QFileDialog::getSaveFileName(parent, QString(), edit->text(), filter);
        if (!path.isEmpty())
            edit->setText(path);
    });
    return row;
}

} // namespace

NewProjectDialog::NewProjectDialog(QWidget* parent)
    : QDialog(parent)
    , m_song(new QLineEdit(this))
    , m_lyrics(new QLineEdit(this))
    , m_project(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_fps(new QComboBox(this))
    , m_size(new QComboBox(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("New Project"));
    m_song->setObjectName(QStringLiteral("song"));
    m_lyrics->setObjectName(QStringLiteral("lyrics"));
    m_project->setObjectName(QStringLiteral("projectFile"));
    m_song->setPlaceholderText(tr("WAV, FLAC, MP3, Ogg... anything FFmpeg reads"));
    m_lyrics->setPlaceholderText(tr("Optional: LRC, SRT or plain text; without it the song is one segment"));
    m_fps->addItem(tr("24 fps"), QStringLiteral("24"));
    m_fps->addItem(tr("25 fps"), QStringLiteral("25"));
    m_fps->addItem(tr("29.97 fps"), QStringLiteral("30000/1001"));
    m_fps->addItem(tr("30 fps"), QStringLiteral("30"));
    m_fps->addItem(tr("60 fps"), QStringLiteral("60"));
    m_fps->setCurrentIndex(3);
    m_size->addItem(tr("1920 x 1080 (HD)"), QSize(1920, 1080));
    m_size->addItem(tr("1280 x 720"), QSize(1280, 720));
    m_size->addItem(tr("3840 x 2160 (4K UHD)"), QSize(3840, 2160));
    m_size->addItem(tr("1080 x 1920 (vertical)"), QSize(1080, 1920));
    m_size->addItem(tr("1080 x 1080 (square)"), QSize(1080, 1080));

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Song:"), fileRow(this, m_song, tr("Audio (*.wav *.flac *.mp3 *.ogg *.opus *.m4a *.aac *.aif *.aiff);;All files (*)"), true));
    form->addRow(tr("&Lyrics:"), fileRow(this, m_lyrics, tr("Lyrics (*.lrc *.srt *.txt);;All files (*)"), true));
    form->addRow(tr("&Project file:"), fileRow(this, m_project, tr("Tessera projects (*.tessera)"), false));
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Frame rate:"), m_fps);
    form->addRow(tr("Output &size:"), m_size);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #e5534b;"));
    m_problem->hide();
    form->addRow(m_problem);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_song, &QLineEdit::textChanged, this, &NewProjectDialog::songChosen);
    connect(m_song, &QLineEdit::textChanged, this, &NewProjectDialog::updateAcceptable);
    connect(m_project, &QLineEdit::textChanged, this, &NewProjectDialog::updateAcceptable);
    updateAcceptable();
    resize(640, sizeHint().height());
}

void NewProjectDialog::songChosen()
{
    const QFileInfo song(m_song->text().trimmed());
    if (song.completeBaseName().isEmpty())
        return;
    // Beside the song, named after it: what an artist would type anyway. Followed as the song's
    // path is typed, until the artist edits either field.
    const QString project = QDir(song.absolutePath()).filePath(song.completeBaseName() + QStringLiteral(".tessera"));
    if (m_project->text().isEmpty() || m_project->text() == m_suggestedProject) {
        m_project->setText(project);
        m_suggestedProject = project;
    }
    if (m_name->text().isEmpty() || m_name->text() == m_suggestedName) {
        m_name->setText(song.completeBaseName());
        m_suggestedName = song.completeBaseName();
    }
}

void NewProjectDialog::setRequest(const NewProjectRequest& request)
{
    m_song->setText(request.songPath);
    m_lyrics->setText(request.lyricsPath);
    m_project->setText(request.path);
    m_name->setText(request.settings.name);
    // The file and name still follow the song where they are what it suggested: a retyped song
    // after a failure must not leave the project named after the one that failed.
    const QFileInfo song(request.songPath);
    const QString suggestedProject = QDir(song.absolutePath()).filePath(song.completeBaseName() + QStringLiteral(".tessera"));
    m_suggestedProject = request.path == suggestedProject ? suggestedProject : QString();
    m_suggestedName = request.settings.name == song.completeBaseName() ? request.settings.name : QString();
    for (int i = 0; i < m_fps->count(); ++i) {
        if (FrameRate::fromString(m_fps->itemData(i).toString()) == request.settings.frameRate)
            m_fps->setCurrentIndex(i);
    }
    for (int i = 0; i < m_size->count(); ++i) {
        if (m_size->itemData(i).toSize() == QSize(request.settings.width, request.settings.height))
            m_size->setCurrentIndex(i);
    }
}

QString NewProjectDialog::problem() const
{
    const NewProjectRequest wanted = request();
    const QFileInfo song(wanted.songPath);
    if (!song.isFile())
        return tr("%1: no such song file").arg(QDir::toNativeSeparators(wanted.songPath));
    if (!song.isReadable())
        return tr("%1: the song cannot be read (permissions)").arg(QDir::toNativeSeparators(wanted.songPath));
    if (!wanted.lyricsPath.isEmpty() && !QFileInfo(wanted.lyricsPath).isFile())
        return tr("%1: no such lyrics file").arg(QDir::toNativeSeparators(wanted.lyricsPath));
    const QFileInfo project(wanted.path);
    if (project.exists())
        return tr("%1: a file of that name exists already").arg(QDir::toNativeSeparators(wanted.path));
    if (!project.absoluteDir().exists())
        return tr("%1: the folder does not exist").arg(QDir::toNativeSeparators(project.absolutePath()));
    return {};
}

void NewProjectDialog::showProblem(const QString& message)
{
    m_problem->setText(message);
    m_problem->setVisible(!message.isEmpty());
}

QString NewProjectDialog::shownProblem() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void NewProjectDialog::accept()
{
    const QString message = problem();
    if (!message.isEmpty()) {
        // Said here, with everything entered kept, rather than in a box after the dialog closed.
        m_problem->setText(message);
        m_problem->show();
        return;
    }
    m_problem->hide();
    QDialog::accept();
}

void NewProjectDialog::updateAcceptable()
{
    m_problem->hide();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_song->text().trimmed().isEmpty()
                                                        && !m_project->text().trimmed().isEmpty());
}

NewProjectRequest NewProjectDialog::request() const
{
    NewProjectRequest request;
    request.path = m_project->text().trimmed();
    if (!request.path.endsWith(QLatin1String(".tessera")))
        request.path += QLatin1String(".tessera");
    request.songPath = m_song->text().trimmed();
    request.lyricsPath = m_lyrics->text().trimmed();
    request.settings.name = m_name->text().trimmed().isEmpty() ? QFileInfo(request.path).completeBaseName()
                                                               : m_name->text().trimmed();
    request.settings.frameRate = FrameRate::fromString(m_fps->currentData().toString()).value_or(FrameRate{30, 1});
    const QSize size = m_size->currentData().toSize();
    request.settings.width = size.width();
    request.settings.height = size.height();
    return request;
}

} // namespace tessera
