#include "tessera/audio/AudioError.h"

namespace tessera {

AudioCancelled::AudioCancelled(const QString& path)
    : AudioError(path, QStringLiteral("cancelled"))
{
}

} // namespace tessera
