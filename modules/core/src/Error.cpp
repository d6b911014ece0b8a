#include "tessera/core/Error.h"

namespace tessera {

Error::Error(const QString& path, const QString& problem)
    : std::runtime_error((path.isEmpty() ? problem : path + QStringLiteral(": ") + problem).toStdString())
    , m_path(path)
    , m_problem(problem)
{
}

} // namespace tessera
