#pragma once

// The bundled model families (resources/model-families, installed to share/tessera/model-families):
// the diffusers configs and tokenizer settings of SD 1.5, SD 2.1, SD-Turbo, SDXL base and
// SDXL-Turbo, which a single-file checkpoint lacks. The engine is Qt-free, so it finds share/tessera as core's locateBundledData
// does, in the same order, with one override for builds and tests that run uninstalled.

#include <string>
#include <vector>

namespace tessera {

//! The bundled family names, in the order the documentation lists them.
const std::vector<std::string>& bundledModelFamilies();

//! The absolute path of share/tessera/<relative>, searched in $TESSERA_DATA_DIR (one folder laid
//! out like share/tessera, e.g. the source tree's resources/), <executable>/../share/tessera, then
//! $XDG_DATA_HOME (~/.local/share) and $XDG_DATA_DIRS (/usr/local/share:/usr/share) + /tessera;
//! empty when none has it.
std::string locateTesseraData(const std::string& relative);

//! The configuration folder of a family: `family` is a bundled family name (see
//! bundledModelFamilies) or a folder in the diffusers layout (model_index.json, unet/, vae/,
//! text_encoder/, scheduler/ and tokenizer/ configs; weights in it are not read). Throws
//! DiffusionError when neither.
std::string locateModelFamily(const std::string& family);

//! The CLIP vocabulary (merges) file shipped in share/tessera/clip-vocab, for family folders whose
//! tokenizer/ has only its tokenizer_config.json; throws DiffusionError when it is not installed.
std::string bundledClipVocabFile();

} // namespace tessera
