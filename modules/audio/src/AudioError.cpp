#include "tessera/audio/AudioError.h"

namespace tessera {

AudioError::AudioError(const QString& path, const QString& problem)
    : std::runtime_error((path.isEmpty() ? problem : path + QStringLiteral(": ") + problem).toStdString())
    , m_path(path)
    , m_problem(problem)
{
}

AudioCancelled::AudioCancelled(const QString& path)
    : AudioError(path, QStringLiteral("cancelled"))
{
}

} // namespace tessera
