#include "tessera/project/ProjectError.h"

namespace tessera {

ProjectError::ProjectError(const QString& path, const QString& problem)
    : std::runtime_error((path.isEmpty() ? problem : path + QStringLiteral(": ") + problem).toStdString())
{
}

} // namespace tessera
