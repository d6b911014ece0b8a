#pragma once

#include "tessera/generation/GeneratorBackend.h"

#include <QStringList>

namespace tessera {

class Catalog;

//! Where back-end plugins are looked for, in order: $TESSERA_PLUGIN_PATH (':'-separated), then
//! next to the executable (<exe dir>/plugins, and <exe dir>/../plugins as in the build tree where
//! executables sit in bin/ and tests/), then the install prefix (<exe dir>/../lib/tessera/plugins
//! and the configured prefix's lib/tessera/plugins). Only existing folders are listed.
QStringList generatorPluginPaths();

//! The names of the back-ends found (GeneratorPlugin::backendName()).
QStringList availableGenerators();

//! Creates a back-end from the plugin named name (empty: the first found). Throws GenerationError
//! naming the folders searched when none is found. The plugin library stays loaded.
std::unique_ptr<GeneratorBackend> createGenerator(const QString& name = {});

//! The folder name of the bundled default model (trained by tessera-train on emoji, 32x32).
inline constexpr char kBundledModelName[] = "tessera-emoji-32";

//! The bundled default model's folder: a folder of that name under $TESSERA_MODEL_PATH's
//! (':'-separated) folders, else share/tessera/models/ as locateBundledData looks for it.
//! Empty when none exists.
QString bundledModelFolder();

//! The model the project names (ProjectSettings::model, a folder or .safetensors file, relative to
//! the project file when relative), else the bundled default model; empty when neither.
QString projectModelPath(const Catalog& catalog);

} // namespace tessera
