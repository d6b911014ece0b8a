#include "DiffusionLibtorchPlugin.h"

#include "DiffusionBackend.h"

namespace tessera {

QString DiffusionLibtorchPlugin::backendName() const
{
    return QStringLiteral("diffusion-libtorch");
}

std::unique_ptr<GeneratorBackend> DiffusionLibtorchPlugin::createBackend() const
{
    return std::make_unique<DiffusionBackend>();
}

} // namespace tessera
