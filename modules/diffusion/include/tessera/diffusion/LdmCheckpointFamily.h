#pragma once

// Which bundled model family (resources/model-families) a single-file checkpoint belongs to, told
// from its safetensors header alone (names and shapes, no tensor data read).

#include "tessera/diffusion/LdmCheckpointNames.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tessera {

struct LdmCheckpointKind
{
    //! "sd15", "sd21", "sd-turbo", "sdxl" or "sdxl-turbo": the bundled configs the checkpoint is
    //! loaded with.
    std::string family;
    LdmTextEncoder textEncoder = LdmTextEncoder::ClipTransformers;
};

//! The family of an LDM checkpoint from its tensor names and shapes; `path` names errors, and its
//! file name decides the SD 2.x and SDXL cases. The rule:
//! - a CLIP text encoder in transformers' names (cond_stage_model.transformer.*) with a 768-wide
//!   context: SD 1.x, "sd15";
//! - an OpenCLIP one (cond_stage_model.model.*) with a 1024-wide context: SD 2.x. The weights of
//!   SD 2.1 (768 px, v-prediction), SD-Turbo (512 px, 1-4 steps, no guidance) and SD 2.x base
//!   (512 px, epsilon) have the same names and shapes, so the file name decides: one containing
//!   "turbo" (any case) is "sd-turbo", any other "sd21"; callers override it (DiffusionPipeline's
//!   family argument) for the others.
//! - SGM names with both of SDXL base's text encoders, CLIP ViT-L in transformers' names
//!   (conditioner.embedders.0.transformer.*, 768 wide) and OpenCLIP ViT-bigG
//!   (conditioner.embedders.1.model.*, 1280 wide), and a 2048-wide UNet context: SDXL. SDXL base
//!   (1024 px, Euler, guidance 5) and SDXL-Turbo (512 px, 1-4 steps, no guidance) have the same
//!   names and shapes, so again the file name decides: "turbo" (any case) gives "sdxl-turbo", any
//!   other name "sdxl".
//! Anything else (an SGM file with one text encoder, such as the SDXL refiner; an inpainting
//! UNet's 9 input channels; a UNet whose cross-attention width differs from its text encoders';
//! no text encoder) throws DiffusionError.
LdmCheckpointKind detectLdmCheckpointKind(const std::map<std::string, std::vector<std::int64_t>>& shapes,
                                          const std::string& path);

//! The text encoder naming of a checkpoint (SDXL's when any conditioner.embedders.* key exists, else
//! OpenCLIP when any cond_stage_model.model.* key exists).
LdmTextEncoder ldmTextEncoderOf(const std::map<std::string, std::vector<std::int64_t>>& shapes);

} // namespace tessera
