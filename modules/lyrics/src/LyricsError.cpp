#include "tessera/lyrics/LyricsError.h"

namespace tessera {

LyricsError::LyricsError(const QString& path, const QString& problem)
    : std::runtime_error((path.isEmpty() ? problem : path + QStringLiteral(": ") + problem).toStdString())
    , m_path(path)
    , m_problem(problem)
{
}

} // namespace tessera
