#include "tessera/core/BundledData.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace tessera {

QString locateBundledData(const QString& relative, const QStringList& first)
{
    QStringList candidates;
    for (const QString& folder : first)
        candidates.append(QDir(folder).filePath(relative));
    if (QCoreApplication::instance())
        candidates.append(QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../share/tessera/") + relative));
    for (const QString& dataDir : QStandardPaths::standardLocations(QStandardPaths::GenericDataLocation))
        candidates.append(QDir(dataDir).filePath(QStringLiteral("tessera/") + relative));
    for (const QString& candidate : candidates) {
        if (QFileInfo::exists(candidate))
            return QDir::cleanPath(QFileInfo(candidate).absoluteFilePath());
    }
    return {};
}

} // namespace tessera
