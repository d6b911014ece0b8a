#pragma once

// A kohya-format LoRA file (what model sites distribute: `<module>.lora_down.weight`,
// `<module>.lora_up.weight`, `<module>.alpha`) read and mapped, module by module, to the diffusers /
// transformers parameter it modifies, as diffusers 0.27 + peft load it (see
// tests/diffusion/data/sd-reference-2/README.md, section C). Only the mapping and the low-rank
// factors: applying them (merged or not) is the caller's choice.

#include <ATen/ATen.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tessera::detail {

//! One LoRA module: the change `scale * up @ down` to one weight of one network.
struct LoraLayer
{
    std::string kohyaName; //!< the module as the file names it, e.g. "lora_unet_down_blocks_1_..._to_q"
    std::string network;   //!< "unet", "text_encoder" or "text_encoder_2"
    //! The parameter it changes, e.g. "down_blocks.1.attentions.0.transformer_blocks.0.attn1.to_q.weight".
    std::string weightName;
    //! float32 as stored: [r, in] and [out, r] for a Linear; [r, in, kh, kw] and [out, r, 1, 1] for a Conv2d.
    at::Tensor down, up;
    //! alpha / rank; 1 when the file has no alpha (diffusers' get_peft_kwargs then takes alpha = rank).
    double scale = 1.0;

    //! scale * up @ down in the weight's shape ([out, in] or [out, in, kh, kw]).
    at::Tensor delta() const;
    //! weight += strength x delta(), in the weight's dtype and layout (merging a LoRA; a negative
    //! strength takes it out).
    void addTo(const at::Tensor& weight, double strength) const;
};

struct KohyaLora
{
    std::string path;
    std::vector<LoraLayer> layers; //!< sorted by kohyaName
    std::map<std::string, std::string> metadata; //!< the file's __metadata__ (ss_network_dim, ...)
};

//! Reads a kohya LoRA and maps every module onto the loaded model, whose networks are given as
//! parameter name -> shape (`weightShapesByNetwork["unet"]`, ["text_encoder"], ["text_encoder_2"]).
//! `layersPerBlock` is the UNet's, to read the SGM block names of SDXL files (input_blocks_4_1 ...).
//! Throws DiffusionError "<path>: <problem>" for a file that is not a kohya LoRA, a LyCORIS
//! (LoHa/LoKr/...) file, a module that matches no layer of this model, or factors that do not fit
//! the layer: a LoRA for another model family is refused, never half applied.
KohyaLora readKohyaLora(const std::string& path,
                        const std::map<std::string, std::map<std::string, std::vector<std::int64_t>>>& weightShapesByNetwork,
                        int layersPerBlock);

} // namespace tessera::detail
