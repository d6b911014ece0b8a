#pragma once

// Single-file Stable Diffusion checkpoints (the .safetensors model sites offer) use the original
// CompVis "ldm" parameter names (SDXL: Stability's "sgm" names, the same UNet and VAE names with
// the two text encoders under conditioner.embedders.*). This maps them to the diffusers names the
// engine's networks use (our own mapping, checked key by key against diffusers' conversion for
// SD 1.5 and SDXL base, against the SD 2.1 manifest, and by loading files diffusers' own
// conversion scripts wrote), and back (to name a missing parameter by its LDM key).

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tessera {

//! The layout facts the names depend on. The defaults are SD 1.x / 2.x: 2 resnets per UNet level,
//! 4 VAE levels, attention in up levels 1-3, 23 OpenCLIP text layers kept.
struct LdmLayout
{
    int unetLayersPerBlock = 2;
    int vaeLevels = 4;
    //! The diffusers up_blocks that have attentions: their upsampler is the LDM output block's
    //! third module (".2.conv"), else its second (".1.conv"). Only the inverse map needs it.
    std::set<int> unetUpLevelsWithAttention{1, 2, 3};
    //! OpenCLIP resblocks at or past this index are dropped: SD 2.x conditions on the penultimate
    //! of OpenCLIP's 24 layers, so diffusers' text encoder keeps 23 (num_hidden_layers).
    //! (SDXL's second encoder, conditioner.embedders.1.model.*, keeps all its layers: SDXL takes
    //! hidden_states[-2] itself, so a resblock its config lacks is an unexpected parameter.)
    int textEncoderLayers = 23;
};

struct UNetConfig;
struct VaeConfig;
struct TextEncoderConfig;

//! The layout of a family's configs; throws DiffusionError "<source>: ..." when the UNet's levels
//! differ in layers_per_block (the LDM numbering assumes one count).
LdmLayout ldmLayoutOf(const UNetConfig& unet, const VaeConfig& vae, const TextEncoderConfig& text,
                      const std::string& source);

//! One diffusers parameter an LDM tensor becomes.
struct DiffusersName
{
    std::string name;        //!< "unet/...", "vae/...", "text_encoder/..." or "text_encoder_2/..."
    bool squeezeToLinear = false; //!< an LDM 1x1 conv [C, C, 1, 1] that diffusers keeps as Linear [C, C]
    //! OpenCLIP applies text_projection as x @ P ([C, proj]); diffusers' Linear holds P transposed.
    bool transpose = false;
    //! With parts > 1 the parameter is slice `part` of `parts` equal slices along dim 0
    //! (OpenCLIP's fused attention in_proj holds q, k and v).
    int part = 0;
    int parts = 1;
};

//! The diffusers parameters an LDM checkpoint key holds: one for most keys, three (q, k, v) for
//! OpenCLIP's in_proj_weight/bias; empty for keys that are no network parameter we know. SDXL's
//! conditioner.embedders.0.transformer.* is text_encoder, conditioner.embedders.1.model.*
//! text_encoder_2 (its text_projection included), model.diffusion_model.label_emb.0.{0,2} the
//! UNet's add_embedding.linear_{1,2}.
std::vector<DiffusersName> diffusersNamesOfLdmKey(const std::string& ldmKey, const LdmLayout& layout = {});

//! Keys a loader skips without complaint: the DDPM schedule buffers (top-level names such as
//! betas, alphas_cumprod; SGM's denoiser.*), model_ema.*, position_ids, first_stage_model.loss.*,
//! OpenCLIP's logit_scale, SD 2.x's text_projection (CLIP's contrastive head, unused by SD 2.x) and
//! SD 2.x's OpenCLIP resblocks at or past layout.textEncoderLayers.
bool isIgnoredLdmKey(const std::string& ldmKey, const LdmLayout& layout = {});

//! How a checkpoint names its text encoder.
enum class LdmTextEncoder {
    ClipTransformers, //!< SD 1.x: cond_stage_model.transformer.text_model.* (transformers' names)
    OpenClip,         //!< SD 2.x: cond_stage_model.model.* (OpenCLIP's names, fused q/k/v)
    //! SDXL: conditioner.embedders.0.transformer.text_model.* (transformers' names) and
    //! conditioner.embedders.1.model.* (OpenCLIP's names, text_encoder_2)
    Sdxl,
};

//! Where a diffusers parameter lives in an LDM checkpoint: the inverse of diffusersNamesOfLdmKey.
struct LdmSource
{
    std::string key;
    bool squeezeToLinear = false; //!< the LDM tensor is the parameter with two trailing 1-dims
    bool transpose = false;       //!< the LDM tensor is the parameter transposed
    int part = 0;                 //!< slice `part` of `parts` along dim 0
    int parts = 1;
};

//! The LDM key of a diffusers name ("unet/...", "vae/...", "text_encoder/...", SDXL's
//! "text_encoder_2/..."), or nullopt.
std::optional<LdmSource> ldmSourceOfDiffusersName(const std::string& diffusersName, const LdmLayout& layout,
                                                  LdmTextEncoder textEncoder);

} // namespace tessera
