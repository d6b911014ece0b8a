#include "tessera/audio/AudioHash.h"

#include "tessera/audio/AudioError.h"
#include "tessera/core/FileHash.h"

#include <QFileInfo>

namespace tessera {

QString audioContentHash(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        throw AudioError(path, QStringLiteral("no such file"));
    if (info.isDir())
        throw AudioError(path, QStringLiteral("is a directory, not an audio file"));
    QString error;
    const auto hash = sha256OfFile(path, &error);
    if (!hash)
        throw AudioError(path, QStringLiteral("cannot read: ") + error);
    return *hash;
}

} // namespace tessera
