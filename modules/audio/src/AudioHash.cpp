#include "tessera/audio/AudioHash.h"
#include "tessera/core/FileCheck.h"

#include "tessera/audio/AudioError.h"
#include "tessera/core/FileHash.h"

#include <QFileInfo>

namespace tessera {

QString audioContentHash(const QString& path)
{
    if (const QString problem = fileProblem(path, QStringLiteral("an audio file")); !problem.isEmpty())
        throw AudioError(path, problem);
    QString error;
    const auto hash = sha256OfFile(path, &error);
    if (!hash)
        throw AudioError(path, QStringLiteral("cannot read: ") + error);
    return *hash;
}

} // namespace tessera
