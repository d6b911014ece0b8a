#include "internal/TemporaryOutput.h"

#include "tessera/export/ExportError.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tessera::exporting {

namespace {

QString errnoText(int code)
{
    return QString::fromLocal8Bit(std::strerror(code));
}

QString folderProblem(const QString& folder, int code)
{
    switch (code) {
    case ENOENT:
        return QStringLiteral("the folder %1 does not exist").arg(folder);
    case ENOTDIR:
        return QStringLiteral("%1 is not a folder").arg(folder);
    case EACCES:
    case EPERM:
    case EROFS:
        return QStringLiteral("cannot write in the folder %1 (%2)").arg(folder, errnoText(code));
    case ENOSPC:
    case EDQUOT:
        return QStringLiteral("disk full, cannot create the video in %1 (%2)").arg(folder, errnoText(code));
    default:
        return QStringLiteral("cannot create a file in %1 (%2)").arg(folder, errnoText(code));
    }
}

QString temporaryName(const QFileInfo& target)
{
    const QString suffix = target.suffix().isEmpty() ? QString() : QLatin1Char('.') + target.suffix();
    return QStringLiteral(".%1.partial-%2-%3%4")
        .arg(target.completeBaseName())
        .arg(::getpid())
        .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'))
        .arg(suffix);
}

//! fsync through a fresh descriptor: it flushes the file's (or folder's) data, whoever wrote it.
int syncPath(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    const int rc = ::fsync(fd) == 0 ? 0 : errno;
    ::close(fd);
    return rc;
}

bool holdsOnlyFramesOf(const QDir& folder)
{
    const QRegularExpression framePattern(
        QStringLiteral("^%1_\\d{6,}\\.png$")
            .arg(QRegularExpression::escape(QFileInfo(folder.path()).fileName())));
    const QStringList entries
        = folder.entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QString& name : entries) {
        if (!framePattern.match(name).hasMatch())
            return false;
    }
    return true;
}

} // namespace

TemporaryOutput::TemporaryOutput(const QString& targetPath, Kind kind)
    : m_targetPath(targetPath)
    , m_kind(kind)
{
    const QFileInfo target(targetPath);
    const QString folder = target.absolutePath();
    if (target.fileName().isEmpty())
        throw ExportError(targetPath, QStringLiteral("no file name given"));
    if (kind == Kind::File && target.isDir())
        throw ExportError(targetPath, QStringLiteral("is a folder, not a video file"));
    if (kind == Kind::Folder && target.exists() && !target.isDir())
        throw ExportError(targetPath, QStringLiteral("is a file; a frame sequence needs a folder"));
    if (kind == Kind::Folder && target.isDir() && !holdsOnlyFramesOf(QDir(targetPath)))
        throw ExportError(
            targetPath, QStringLiteral("the folder holds other files; choose an empty or new folder"));

    // O_EXCL on a random name: never reuse another export's temporary, retry on the rare clash.
    for (int attempt = 0; attempt < 16; ++attempt) {
        const QString candidate = folder + QLatin1Char('/') + temporaryName(target);
        const QByteArray encoded = QFile::encodeName(candidate);
        int rc = 0;
        if (kind == Kind::File) {
            const int fd = ::open(encoded.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
            rc = fd < 0 ? errno : 0;
            if (fd >= 0)
                ::close(fd);
        } else {
            rc = ::mkdir(encoded.constData(), 0777) == 0 ? 0 : errno;
        }
        if (rc == 0) {
            m_tempPath = candidate;
            return;
        }
        if (rc != EEXIST)
            throw ExportError(targetPath, folderProblem(folder, rc));
    }
    throw ExportError(targetPath, QStringLiteral("cannot find a free temporary name in %1").arg(folder));
}

TemporaryOutput::~TemporaryOutput()
{
    if (m_committed || m_tempPath.isEmpty())
        return;
    if (m_kind == Kind::File)
        QFile::remove(m_tempPath);
    else
        QDir(m_tempPath).removeRecursively();
}

void TemporaryOutput::syncContents() const
{
    QStringList paths;
    if (m_kind == Kind::Folder) {
        const QDir folder(m_tempPath);
        for (const QString& name : folder.entryList(QDir::Files | QDir::Hidden))
            paths << folder.filePath(name);
    }
    paths << m_tempPath;
    for (const QString& path : paths) {
        if (const int rc = syncPath(path); rc != 0) {
            const QString what = rc == ENOSPC || rc == EDQUOT
                ? QStringLiteral("disk full while saving the video")
                : QStringLiteral("cannot save the video to disk");
            throw ExportError(m_targetPath, QStringLiteral("%1 (%2)").arg(what, errnoText(rc)));
        }
    }
}

void TemporaryOutput::replaceFolder()
{
    const QByteArray temp = QFile::encodeName(m_tempPath);
    const QByteArray target = QFile::encodeName(m_targetPath);
    if (::rename(temp.constData(), target.constData()) == 0)
        return;
    if (errno != ENOTEMPTY && errno != EEXIST)
        throw ExportError(
            m_targetPath, QStringLiteral("cannot move the frames into place (%1)").arg(errnoText(errno)));
    // rename(2) cannot replace a non-empty folder: swap the two atomically, then remove the old
    // frames (now under the temporary name). The constructor made sure it held only frames.
    if (::renameat2(AT_FDCWD, temp.constData(), AT_FDCWD, target.constData(), RENAME_EXCHANGE) != 0)
        throw ExportError(
            m_targetPath, QStringLiteral("cannot replace the old frames (%1)").arg(errnoText(errno)));
    QDir(m_tempPath).removeRecursively();
}

void TemporaryOutput::commit()
{
    syncContents();
    if (m_kind == Kind::File) {
        if (::rename(QFile::encodeName(m_tempPath).constData(), QFile::encodeName(m_targetPath).constData())
            != 0)
            throw ExportError(
                m_targetPath, QStringLiteral("cannot move the video into place (%1)").arg(errnoText(errno)));
    } else {
        replaceFolder();
    }
    m_committed = true;
    // The rename itself is durable only once the folder is synced; the video is complete either way.
    syncPath(QFileInfo(m_targetPath).absolutePath());
}

} // namespace tessera::exporting
