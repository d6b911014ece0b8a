#pragma once

// A single-file checkpoint in the original (ldm, or SDXL's sgm) naming, read as the engine's
// per-network Weights under diffusers names: each key mapped (LdmCheckpointNames), fused OpenCLIP
// q/k/v split, SDXL's text_projection transposed, the VAE attention's 1x1 convs squeezed to
// Linear, through the same memory-mapped safetensors reader and
// float32 conversion as a diffusers folder. Errors name the checkpoint file and the LDM key.

#include "TensorLoader.h"

#include "tessera/diffusion/LdmCheckpointFamily.h"
#include "tessera/diffusion/LdmCheckpointNames.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace tessera::detail {

class LdmCheckpoint
{
public:
    //! Opens and validates the file (header only; tensors are read per network).
    explicit LdmCheckpoint(const std::string& path);

    const std::string& path() const { return m_path; }
    const std::map<std::string, std::vector<std::int64_t>>& shapes() const { return m_shapes; }
    LdmTextEncoder textEncoder() const { return m_textEncoder; }

    //! Throws DiffusionError "<file>: unexpected parameter '<key>'" for a key that is no
    //! parameter of this layout and not one loaders skip (isIgnoredLdmKey), or whose network is
    //! not among `networks` (the ones the family's configs build: an SDXL file given an SD 1.x
    //! family has a text_encoder_2 nobody would load).
    void checkKeys(const LdmLayout& layout, const std::set<std::string>& networks) const;
    //! The parameters of one network ("unet", "vae", "text_encoder" or SDXL's "text_encoder_2"),
    //! float32 on `device`,
    //! named as in diffusers; their errors name the LDM key. The file is mapped for this call only,
    //! so the pages read for one network are let go before the next (peak memory as a folder's).
    Weights weights(const std::string& network, const LdmLayout& layout, const at::Device& device,
                    bool keepHalfPrecision = false) const;
    //! Throws for a parameter of `weights` that the network did not take, naming its LDM key.
    void checkAllTaken(const Weights& weights) const;

private:
    std::string m_path;
    std::map<std::string, std::vector<std::int64_t>> m_shapes;
    LdmTextEncoder m_textEncoder = LdmTextEncoder::ClipTransformers;
};

} // namespace tessera::detail
