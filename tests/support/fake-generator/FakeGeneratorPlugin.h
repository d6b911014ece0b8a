#pragma once

// A test double of a generator back-end for the build without libtorch (the sanitizer tree,
// TESSERA_WITH_LIBTORCH=OFF): the real plugin interface, the real model folder checks and
// configs (through the torch-free model survey), and images made from the recipe alone.
#include "tessera/generation/GeneratorBackend.h"

#include <QObject>

namespace tessera::testing {

class FakeGeneratorPlugin : public QObject, public GeneratorPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID TesseraGeneratorPlugin_iid FILE "fake-generator.json")
    Q_INTERFACES(tessera::GeneratorPlugin)

public:
    QString backendName() const override;
    std::unique_ptr<GeneratorBackend> createBackend() const override;
};

} // namespace tessera::testing
