#include "tessera/catalog/MediaLink.h"
#include "tessera/core/FileCheck.h"

#include "tessera/catalog/CatalogError.h"
#include "tessera/core/FileHash.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

namespace tessera {

namespace {

QDir projectFolder(const QString& projectPath)
{
    return QFileInfo(projectPath).absoluteDir();
}

} // namespace

QString projectRelativePath(const QString& projectPath, const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QString relative = projectFolder(projectPath).relativeFilePath(absolute);
    // Only files beside or below the project travel with it; others keep their absolute path.
    return relative.startsWith(QLatin1String("..")) || QFileInfo(relative).isAbsolute() ? absolute : relative;
}

QString absoluteProjectPath(const QString& projectPath, const QString& storedPath)
{
    if (QFileInfo(storedPath).isAbsolute())
        return QDir::cleanPath(storedPath);
    return QDir::cleanPath(projectFolder(projectPath).absoluteFilePath(storedPath));
}

MediaLink MediaLink::make(const QString& projectPath, const QString& mediaPath)
{
    const QFileInfo media(mediaPath);
    if (const QString problem = fileProblem(mediaPath, QStringLiteral("a media file")); !problem.isEmpty())
        throw CatalogError(mediaPath, problem);
    QString error;
    const auto hash = sha256OfFile(media.absoluteFilePath(), &error);
    if (!hash)
        throw CatalogError(mediaPath, QStringLiteral("cannot read (%1)").arg(error));
    return {projectRelativePath(projectPath, media.absoluteFilePath()), *hash};
}

ResolvedMedia resolveMedia(const QString& projectPath, const MediaLink& link)
{
    ResolvedMedia resolved;
    const QString expected = absoluteProjectPath(projectPath, link.storedPath);
    if (QFileInfo(expected).isFile()) {
        resolved.absolutePath = expected;
        const auto hash = sha256OfFile(expected);
        if (link.hash.isEmpty() || hash == link.hash) {
            resolved.status = MediaStatus::Found;
            return resolved;
        }
        resolved.status = MediaStatus::Changed;
        resolved.newHash = hash.value_or(QString());
        resolved.message = QStringLiteral("%1: changed since it was linked (different contents); "
                                          "its analysis will be redone")
                               .arg(expected);
        return resolved;
    }

    const QString fileName = QFileInfo(link.storedPath).fileName();
    if (!link.hash.isEmpty()) {
        QDirIterator it(projectFolder(projectPath).absolutePath(), {fileName}, QDir::Files,
            QDirIterator::Subdirectories);
        const int baseDepth = projectFolder(projectPath).absolutePath().count(QLatin1Char('/'));
        while (it.hasNext()) {
            const QString candidate = it.next();
            if (candidate.count(QLatin1Char('/')) - baseDepth > 3)
                continue;
            if (sha256OfFile(candidate) == link.hash) {
                resolved.status = MediaStatus::Relinked;
                resolved.absolutePath = candidate;
                resolved.message = QStringLiteral("%1: moved; found the same file at %2 and relinked it")
                                       .arg(expected, candidate);
                return resolved;
            }
        }
    }
    resolved.status = MediaStatus::Missing;
    resolved.message = QStringLiteral("%1: not found (linked as \"%2\" from the project's folder); "
                                      "put it back or link its new location")
                           .arg(expected, link.storedPath);
    return resolved;
}

} // namespace tessera
