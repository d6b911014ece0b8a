#include "tessera/core/FileCheck.h"

#include <QFileInfo>

namespace tessera {

QString fileProblem(const QString& path, const QString& what, FileCheck check)
{
    const QFileInfo info(path);
    if (path.isEmpty() || !info.exists())
        return QStringLiteral("no such file");
    if (info.isDir())
        return QStringLiteral("is a directory, not %1").arg(what);
    if (!info.isReadable())
        return QStringLiteral("cannot read the file (permission denied)");
    if (check == FileCheck::ReadableNonEmpty && info.size() == 0)
        return QStringLiteral("is an empty file, not %1").arg(what);
    return {};
}

} // namespace tessera
