#pragma once

// Single-file Stable Diffusion checkpoints (the .safetensors model sites offer) use the original
// CompVis "ldm" parameter names. This maps them to the diffusers names the engine's networks use
// (our own mapping, checked key by key against diffusers' conversion for SD 1.5 in the tests).

#include <optional>
#include <string>

namespace tessera {

//! The layout facts the names depend on (SD 1.x / 2.x: 2 resnets per UNet level, 4 VAE levels).
struct LdmLayout
{
    int unetLayersPerBlock = 2;
    int vaeLevels = 4;
};

struct DiffusersName
{
    std::string name;        //!< "unet/...", "vae/..." or "text_encoder/..."
    bool squeezeToLinear = false; //!< an LDM 1x1 conv [C, C, 1, 1] that diffusers keeps as Linear [C, C]
};

//! The diffusers name of an LDM checkpoint key, or nullopt for keys a loader ignores (betas,
//! alphas_cumprod, model_ema.*, position_ids, first_stage_model.loss.*, ...).
std::optional<DiffusersName> diffusersNameOfLdmKey(const std::string& ldmKey, const LdmLayout& layout = {});

} // namespace tessera
