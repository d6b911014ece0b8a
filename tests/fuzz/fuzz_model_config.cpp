// libFuzzer target: arbitrary text read as each diffusers/transformers config a model folder holds
// (model_index.json, unet/, vae/, text_encoder/ and scheduler/ configs). Each parser must return a
// config or throw DiffusionError; the seeds are real configs, so mutations reach the checks past
// the JSON syntax.
#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/ModelConfig.h"

#include <cstdint>
#include <string>

namespace {

template <typename Parse>
void expectConfigOrDiffusionError(Parse parse)
{
    try {
        parse();
    } catch (const tessera::DiffusionError&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace tessera;
    const std::string text(reinterpret_cast<const char*>(data), size);
    expectConfigOrDiffusionError([&] { parseModelIndex(text, "model_index.json"); });
    expectConfigOrDiffusionError([&] { parseUNetConfig(text, "unet/config.json"); });
    expectConfigOrDiffusionError([&] { parseVaeConfig(text, "vae/config.json"); });
    expectConfigOrDiffusionError([&] { parseTextEncoderConfig(text, "text_encoder/config.json"); });
    expectConfigOrDiffusionError([&] { parseSchedulerConfig(text, "scheduler/scheduler_config.json"); });
    // switching samplers overlays the file on another class's defaults
    for (const auto kind : {SamplerKind::Pndm, SamplerKind::EulerAncestral, SamplerKind::DpmSolverMultistep})
        expectConfigOrDiffusionError([&] { parseSchedulerConfig(text, "scheduler/scheduler_config.json", kind); });
    return 0;
}
