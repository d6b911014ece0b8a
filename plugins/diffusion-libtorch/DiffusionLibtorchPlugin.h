#pragma once

// The plugin's entry point. Only Qt and Tessera headers here: libtorch stays behind the
// diffusion module's torch-free public API.
#include "tessera/generation/GeneratorBackend.h"

#include <QObject>

namespace tessera {

//! Makes DiffusionBackend instances: diffusers model folders run by the libtorch engine.
class DiffusionLibtorchPlugin : public QObject, public GeneratorPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID TesseraGeneratorPlugin_iid FILE "diffusion-libtorch.json")
    Q_INTERFACES(tessera::GeneratorPlugin)

public:
    QString backendName() const override;
    std::unique_ptr<GeneratorBackend> createBackend() const override;
};

} // namespace tessera
