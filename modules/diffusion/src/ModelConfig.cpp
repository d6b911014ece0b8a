#include "tessera/diffusion/ModelConfig.h"

#include "JsonHelpers.h"

#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>

namespace tessera {

using detail::JsonReader;

namespace detail {

// Python's json writes NaN, Infinity and -Infinity (diffusers' DPM-Solver configs hold
// "lambda_min_clipped": -Infinity); strict JSON parsers refuse them, so outside strings they become
// null and +-DBL_MAX.
std::string pythonJsonToJson(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < text.size())
                out += text[++i];
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
            out += c;
        } else if (text.compare(i, 9, "-Infinity") == 0) {
            out += "-1.7976931348623157e308";
            i += 8;
        } else if (text.compare(i, 8, "Infinity") == 0) {
            out += "1.7976931348623157e308";
            i += 7;
        } else if (text.compare(i, 3, "NaN") == 0) {
            out += "null";
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

nlohmann::json parseJson(const std::string& text, const std::string& path)
{
    try {
        return nlohmann::json::parse(pythonJsonToJson(text));
    } catch (const nlohmann::json::exception& e) {
        throw DiffusionError(path, std::string("not valid JSON: ") + e.what());
    }
}

JsonReader::JsonReader(const nlohmann::json& json, std::string path)
    : m_json(json)
    , m_path(std::move(path))
{
    if (!m_json.is_object())
        throw DiffusionError(m_path, "expected a JSON object");
}

const nlohmann::json* JsonReader::value(const char* key) const
{
    const auto it = m_json.find(key);
    if (it == m_json.end() || it->is_null())
        return nullptr;
    return &*it;
}

bool JsonReader::has(const char* key) const { return value(key) != nullptr; }

void JsonReader::fail(const char* key, const std::string& problem) const
{
    throw DiffusionError(m_path, std::string(key) + ": " + problem);
}

namespace {

// An int from a JSON number: an integer in int's range, or a float with an integral value in it
// (Python writes 1.0 for some counts). Checked before any conversion: casting 1e61 to int, or
// narrowing 2^32 + 8 to 8, would read a config as something it does not say.
std::optional<int> toInt(const nlohmann::json& v)
{
    if (v.is_number_unsigned()) {
        const auto n = v.get<std::uint64_t>();
        if (n > static_cast<std::uint64_t>(std::numeric_limits<int>::max()))
            return std::nullopt;
        return static_cast<int>(n);
    }
    if (v.is_number_integer()) {
        const auto n = v.get<std::int64_t>();
        if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max())
            return std::nullopt;
        return static_cast<int>(n);
    }
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (!(d >= std::numeric_limits<int>::min() && d <= std::numeric_limits<int>::max()) || d != std::trunc(d))
            return std::nullopt;
        return static_cast<int>(d);
    }
    return std::nullopt;
}

} // namespace

void JsonReader::read(const char* key, int& out) const
{
    if (const auto* v = value(key)) {
        const auto n = toInt(*v);
        if (!n)
            fail(key, "expected an integer");
        out = *n;
    }
}

void JsonReader::read(const char* key, double& out) const
{
    if (const auto* v = value(key)) {
        if (!v->is_number())
            fail(key, "expected a number");
        out = v->get<double>();
    }
}

void JsonReader::read(const char* key, bool& out) const
{
    if (const auto* v = value(key)) {
        if (!v->is_boolean())
            fail(key, "expected true or false");
        out = v->get<bool>();
    }
}

void JsonReader::read(const char* key, std::string& out) const
{
    if (const auto* v = value(key)) {
        if (!v->is_string())
            fail(key, "expected a string");
        out = v->get<std::string>();
    }
}

void JsonReader::read(const char* key, std::vector<std::string>& out) const
{
    if (const auto* v = value(key)) {
        if (!v->is_array())
            fail(key, "expected a list of strings");
        out.clear();
        for (const auto& item : *v) {
            if (!item.is_string())
                fail(key, "expected a list of strings");
            out.push_back(item.get<std::string>());
        }
    }
}

void JsonReader::read(const char* key, std::vector<double>& out) const
{
    if (const auto* v = value(key)) {
        if (!v->is_array())
            fail(key, "expected a list of numbers");
        out.clear();
        for (const auto& item : *v) {
            if (!item.is_number())
                fail(key, "expected a list of numbers");
            out.push_back(item.get<double>());
        }
    }
}

void JsonReader::readPerBlock(const char* key, std::vector<int>& out, std::size_t count) const
{
    const auto* v = value(key);
    if (!v)
        return;
    if (v->is_number_integer()) {
        const auto n = toInt(*v);
        if (!n)
            fail(key, "expected an integer or a list of integers");
        out.assign(count, *n);
        return;
    }
    if (!v->is_array())
        fail(key, "expected an integer or a list of integers");
    out.clear();
    for (const auto& item : *v) {
        const auto n = item.is_number_integer() ? toInt(item) : std::nullopt;
        if (!n)
            fail(key, "expected an integer or a list of integers");
        out.push_back(*n);
    }
    if (out.size() != count)
        fail(key, "has " + std::to_string(out.size()) + " entries for " + std::to_string(count) + " blocks");
}

} // namespace detail

std::string readTextFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw DiffusionError(path, "cannot read the file");
    std::ostringstream out;
    out << in.rdbuf();
    if (in.bad())
        throw DiffusionError(path, "cannot read the file");
    return out.str();
}

bool ModelIndex::has(const std::string& component) const
{
    const auto it = components.find(component);
    return it != components.end() && !it->second.second.empty();
}

ModelIndex parseModelIndex(const std::string& jsonText, const std::string& path)
{
    const auto json = detail::parseJson(jsonText, path);
    JsonReader reader(json, path);
    ModelIndex index;
    reader.read("_class_name", index.className);
    if (json.contains("_tessera_guidance")) {
        double guidance = 0;
        reader.read("_tessera_guidance", guidance);
        if (!std::isfinite(guidance) || guidance < 0)
            reader.fail("_tessera_guidance", "must be a number of 0 or more");
        index.recommendedGuidance = guidance;
    }
    reader.read("force_zeros_for_empty_prompt", index.forceZerosForEmptyPrompt);
    for (const auto& [key, value] : json.items()) {
        if (key.empty() || key[0] == '_' || !value.is_array())
            continue;
        if (value.size() != 2)
            reader.fail(key.c_str(), "expected [library, class]");
        std::pair<std::string, std::string> entry;
        if (value[0].is_string())
            entry.first = value[0].get<std::string>();
        if (value[1].is_string())
            entry.second = value[1].get<std::string>();
        index.components[key] = entry;
    }
    return index;
}

std::string samplerClassName(SamplerKind kind)
{
    switch (kind) {
    case SamplerKind::Ddim: return "DDIMScheduler";
    case SamplerKind::Pndm: return "PNDMScheduler";
    case SamplerKind::Euler: return "EulerDiscreteScheduler";
    case SamplerKind::EulerAncestral: return "EulerAncestralDiscreteScheduler";
    case SamplerKind::DpmSolverMultistep: return "DPMSolverMultistepScheduler";
    case SamplerKind::Lcm: return "LCMScheduler";
    }
    return {};
}

SamplerKind samplerKindFromClassName(const std::string& className)
{
    for (auto kind : {SamplerKind::Ddim, SamplerKind::Pndm, SamplerKind::Euler, SamplerKind::EulerAncestral,
                      SamplerKind::DpmSolverMultistep, SamplerKind::Lcm}) {
        if (samplerClassName(kind) == className)
            return kind;
    }
    throw DiffusionError({}, "unsupported scheduler class '" + className + "'");
}

SamplerKind samplerKindFromShortName(const std::string& name, bool* karras)
{
    if (karras)
        *karras = false;
    if (name == "ddim")
        return SamplerKind::Ddim;
    if (name == "pndm" || name == "plms")
        return SamplerKind::Pndm;
    if (name == "euler")
        return SamplerKind::Euler;
    if (name == "euler_a")
        return SamplerKind::EulerAncestral;
    if (name == "dpmpp_2m")
        return SamplerKind::DpmSolverMultistep;
    if (name == "dpmpp_2m_karras") {
        if (karras)
            *karras = true;
        return SamplerKind::DpmSolverMultistep;
    }
    if (name == "lcm")
        return SamplerKind::Lcm;
    throw DiffusionError({}, "unknown sampler '" + name
                                 + "' (expected ddim, pndm, euler, euler_a, dpmpp_2m, dpmpp_2m_karras or lcm)");
}

SchedulerConfig parseSchedulerConfig(const std::string& jsonText, const std::string& path,
                                     std::optional<SamplerKind> kind)
{
    const auto json = detail::parseJson(jsonText, path);
    JsonReader r(json, path);
    SchedulerConfig c;
    if (kind) {
        c.kind = *kind;
    } else {
        std::string className;
        r.read("_class_name", className);
        if (className.empty())
            throw DiffusionError(path, "_class_name is missing");
        try {
            c.kind = samplerKindFromClassName(className);
        } catch (const DiffusionError& e) {
            throw DiffusionError(path, e.problem());
        }
    }
    // the class's own defaults (diffusers 0.27 __init__ signatures) ...
    switch (c.kind) {
    case SamplerKind::Pndm:
        c.setAlphaToOne = false;
        break;
    case SamplerKind::Euler:
    case SamplerKind::EulerAncestral:
    case SamplerKind::DpmSolverMultistep:
        c.timestepSpacing = "linspace";
        break;
    case SamplerKind::Lcm:
        c.betaStart = 0.00085;
        c.betaEnd = 0.012;
        c.betaSchedule = "scaled_linear";
        c.clipSample = false;
        break;
    case SamplerKind::Ddim:
        break;
    }
    // ... then what the file says
    r.read("num_train_timesteps", c.numTrainTimesteps);
    r.read("beta_start", c.betaStart);
    r.read("beta_end", c.betaEnd);
    r.read("beta_schedule", c.betaSchedule);
    r.read("trained_betas", c.trainedBetas);
    r.read("prediction_type", c.predictionType);
    r.read("timestep_spacing", c.timestepSpacing);
    r.read("steps_offset", c.stepsOffset);
    r.read("set_alpha_to_one", c.setAlphaToOne);
    r.read("clip_sample", c.clipSample);
    r.read("clip_sample_range", c.clipSampleRange);
    r.read("skip_prk_steps", c.skipPrkSteps);
    r.read("rescale_betas_zero_snr", c.rescaleBetasZeroSnr);
    r.read("use_karras_sigmas", c.useKarrasSigmas);
    r.read("interpolation_type", c.interpolationType);
    r.read("algorithm_type", c.algorithmType);
    r.read("solver_type", c.solverType);
    r.read("solver_order", c.solverOrder);
    r.read("lower_order_final", c.lowerOrderFinal);
    r.read("euler_at_final", c.eulerAtFinal);
    r.read("final_sigmas_type", c.finalSigmasType);
    r.read("original_inference_steps", c.originalInferenceSteps);
    r.read("timestep_scaling", c.timestepScaling);

    if (c.numTrainTimesteps < 2)
        r.fail("num_train_timesteps", "must be at least 2");
    if (c.betaSchedule != "linear" && c.betaSchedule != "scaled_linear" && c.betaSchedule != "squaredcos_cap_v2")
        r.fail("beta_schedule", "unsupported schedule '" + c.betaSchedule + "'");
    if (!c.trainedBetas.empty() && static_cast<int>(c.trainedBetas.size()) != c.numTrainTimesteps)
        r.fail("trained_betas", "length differs from num_train_timesteps");
    if (c.predictionType != "epsilon" && c.predictionType != "v_prediction" && c.predictionType != "sample")
        r.fail("prediction_type", "unsupported prediction type '" + c.predictionType + "'");
    if (c.timestepSpacing != "leading" && c.timestepSpacing != "trailing" && c.timestepSpacing != "linspace")
        r.fail("timestep_spacing", "unsupported spacing '" + c.timestepSpacing + "'");
    if (c.kind == SamplerKind::DpmSolverMultistep) {
        if (c.algorithmType != "dpmsolver++")
            r.fail("algorithm_type", "only dpmsolver++ is supported");
        if (c.solverOrder < 1 || c.solverOrder > 2)
            r.fail("solver_order", "only orders 1 and 2 are supported");
        if (c.solverType != "midpoint" && c.solverType != "heun")
            r.fail("solver_type", "unsupported solver type '" + c.solverType + "'");
        if (c.finalSigmasType != "zero" && c.finalSigmasType != "sigma_min")
            r.fail("final_sigmas_type", "unsupported value '" + c.finalSigmasType + "'");
    }
    if (c.kind == SamplerKind::Lcm && (c.originalInferenceSteps < 1 || c.originalInferenceSteps > c.numTrainTimesteps))
        r.fail("original_inference_steps", "must be between 1 and num_train_timesteps");
    if (c.kind == SamplerKind::Pndm && !c.skipPrkSteps)
        r.fail("skip_prk_steps", "only PLMS (skip_prk_steps true) is supported");
    return c;
}

UNetConfig parseUNetConfig(const std::string& jsonText, const std::string& path)
{
    const auto json = detail::parseJson(jsonText, path);
    JsonReader r(json, path);
    UNetConfig c;
    c.downBlockTypes = {"CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"};
    c.upBlockTypes = {"UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"};
    c.blockOutChannels = {320, 640, 1280, 1280};
    r.read("in_channels", c.inChannels);
    r.read("out_channels", c.outChannels);
    if (r.has("sample_size")) {
        int s = 0;
        r.read("sample_size", s);
        c.sampleSize = s;
    }
    r.read("center_input_sample", c.centerInputSample);
    r.read("flip_sin_to_cos", c.flipSinToCos);
    r.read("freq_shift", c.freqShift);
    r.read("down_block_types", c.downBlockTypes);
    r.read("mid_block_type", c.midBlockType);
    r.read("up_block_types", c.upBlockTypes);
    if (r.has("block_out_channels"))
        r.readPerBlock("block_out_channels", c.blockOutChannels, c.downBlockTypes.size());
    const auto blocks = c.blockOutChannels.size();
    if (blocks == 0 || c.downBlockTypes.size() != blocks || c.upBlockTypes.size() != blocks)
        r.fail("block_out_channels", "down_block_types, up_block_types and block_out_channels differ in length");
    c.layersPerBlock.assign(blocks, 2);
    r.readPerBlock("layers_per_block", c.layersPerBlock, blocks);
    r.read("downsample_padding", c.downsamplePadding);
    r.read("mid_block_scale_factor", c.midBlockScaleFactor);
    r.read("norm_num_groups", c.normNumGroups);
    r.read("norm_eps", c.normEps);
    if (r.has("cross_attention_dim") && r.json()["cross_attention_dim"].is_array())
        r.fail("cross_attention_dim", "per-block cross-attention dimensions are not supported");
    r.read("cross_attention_dim", c.crossAttentionDim);
    c.transformerLayersPerBlock.assign(blocks, 1);
    r.readPerBlock("transformer_layers_per_block", c.transformerLayersPerBlock, blocks);
    // diffusers' naming quirk: attention_head_dim is the number of heads unless num_attention_heads is set
    c.attentionHeads.assign(blocks, 8);
    r.readPerBlock("attention_head_dim", c.attentionHeads, blocks);
    r.readPerBlock("num_attention_heads", c.attentionHeads, blocks);
    r.read("use_linear_projection", c.useLinearProjection);
    r.read("upcast_attention", c.upcastAttention);
    r.read("only_cross_attention", c.onlyCrossAttention);
    r.read("conv_in_kernel", c.convInKernel);
    r.read("conv_out_kernel", c.convOutKernel);

    if (r.has("time_cond_proj_dim")) {
        int dim = 0;
        r.read("time_cond_proj_dim", dim);
        if (dim < 1 || dim > 65536)
            r.fail("time_cond_proj_dim", "must be between 1 and 65536");
        c.timeCondProjDim = dim;
    }
    if (r.has("addition_embed_type")) {
        std::string type;
        r.read("addition_embed_type", type);
        if (type != "text_time")
            r.fail("addition_embed_type", "only text_time (SDXL) is supported");
        c.textTimeEmbedding = true;
        r.read("addition_time_embed_dim", c.additionTimeEmbedDim);
        r.read("projection_class_embeddings_input_dim", c.projectionClassEmbeddingsInputDim);
        if (c.additionTimeEmbedDim < 2 || c.additionTimeEmbedDim % 2 != 0)
            r.fail("addition_time_embed_dim", "must be an even number of at least 2");
        if (c.projectionClassEmbeddingsInputDim <= 6 * c.additionTimeEmbedDim)
            r.fail("projection_class_embeddings_input_dim",
                   "must exceed 6 x addition_time_embed_dim (it holds the pooled text embedding too)");
    }
    for (const char* unsupported : {"class_embed_type", "encoder_hid_dim", "num_class_embeds"}) {
        if (r.has(unsupported))
            r.fail(unsupported, "is not supported by this engine");
    }
    const auto expectOnly = [&r](const char* key, const std::string& supported) {
        std::string value = supported;
        r.read(key, value);
        if (value != supported)
            r.fail(key, "only " + supported + " is supported");
    };
    expectOnly("act_fn", "silu");
    expectOnly("time_embedding_type", "positional");
    expectOnly("resnet_time_scale_shift", "default");
    expectOnly("attention_type", "default");
    for (const auto& type : c.downBlockTypes) {
        if (type != "DownBlock2D" && type != "CrossAttnDownBlock2D")
            r.fail("down_block_types", "unsupported block '" + type + "'");
    }
    for (const auto& type : c.upBlockTypes) {
        if (type != "UpBlock2D" && type != "CrossAttnUpBlock2D")
            r.fail("up_block_types", "unsupported block '" + type + "'");
    }
    if (c.midBlockType != "UNetMidBlock2DCrossAttn")
        r.fail("mid_block_type", "unsupported block '" + c.midBlockType + "'");
    if (c.normNumGroups <= 0)
        r.fail("norm_num_groups", "must be positive");
    for (std::size_t i = 0; i < blocks; ++i) {
        if (c.attentionHeads[i] <= 0 || c.blockOutChannels[i] % c.attentionHeads[i] != 0)
            r.fail("attention_head_dim", "channels are not divisible by the number of heads");
        if (c.blockOutChannels[i] % c.normNumGroups != 0)
            r.fail("norm_num_groups", "channels are not divisible by the number of groups");
    }
    if (c.midBlockScaleFactor != 1.0)
        r.fail("mid_block_scale_factor", "only 1 is supported");
    if (c.convInKernel % 2 == 0 || c.convOutKernel % 2 == 0)
        r.fail("conv_in_kernel", "kernel sizes must be odd");
    return c;
}

VaeConfig parseVaeConfig(const std::string& jsonText, const std::string& path)
{
    const auto json = detail::parseJson(jsonText, path);
    JsonReader r(json, path);
    VaeConfig c;
    c.downBlockTypes = {"DownEncoderBlock2D"};
    c.upBlockTypes = {"UpDecoderBlock2D"};
    c.blockOutChannels = {64};
    r.read("in_channels", c.inChannels);
    r.read("out_channels", c.outChannels);
    r.read("latent_channels", c.latentChannels);
    r.read("down_block_types", c.downBlockTypes);
    r.read("up_block_types", c.upBlockTypes);
    if (r.has("block_out_channels"))
        r.readPerBlock("block_out_channels", c.blockOutChannels, c.upBlockTypes.size());
    r.read("layers_per_block", c.layersPerBlock);
    r.read("norm_num_groups", c.normNumGroups);
    r.read("scaling_factor", c.scalingFactor);
    if (r.has("shift_factor")) {
        double shift = 0;
        r.read("shift_factor", shift);
        c.shiftFactor = shift;
    }
    r.read("mid_block_add_attention", c.midBlockAddAttention);
    r.read("sample_size", c.sampleSize);
    r.read("force_upcast", c.forceUpcast);
    std::string act = "silu";
    r.read("act_fn", act);
    if (act != "silu")
        r.fail("act_fn", "only silu is supported");
    for (const auto& type : c.upBlockTypes) {
        if (type != "UpDecoderBlock2D")
            r.fail("up_block_types", "unsupported block '" + type + "'");
    }
    for (const auto& type : c.downBlockTypes) {
        if (type != "DownEncoderBlock2D")
            r.fail("down_block_types", "unsupported block '" + type + "'");
    }
    if (c.blockOutChannels.empty() || c.blockOutChannels.size() != c.downBlockTypes.size())
        r.fail("block_out_channels", "differs in length from the block types");
    if (c.normNumGroups <= 0)
        r.fail("norm_num_groups", "must be positive");
    for (int ch : c.blockOutChannels) {
        if (ch % c.normNumGroups != 0)
            r.fail("norm_num_groups", "channels are not divisible by the number of groups");
    }
    return c;
}

TextEncoderConfig parseTextEncoderConfig(const std::string& jsonText, const std::string& path)
{
    const auto json = detail::parseJson(jsonText, path);
    JsonReader r(json, path);
    TextEncoderConfig c;
    r.read("vocab_size", c.vocabSize);
    r.read("hidden_size", c.hiddenSize);
    r.read("intermediate_size", c.intermediateSize);
    r.read("num_hidden_layers", c.numHiddenLayers);
    r.read("num_attention_heads", c.numAttentionHeads);
    r.read("max_position_embeddings", c.maxPositionEmbeddings);
    r.read("hidden_act", c.hiddenAct);
    r.read("layer_norm_eps", c.layerNormEps);
    r.read("bos_token_id", c.bosTokenId);
    r.read("eos_token_id", c.eosTokenId);
    r.read("pad_token_id", c.padTokenId);
    r.read("projection_dim", c.projectionDim);
    if (c.projectionDim <= 0)
        r.fail("projection_dim", "must be positive");
    if (c.hiddenAct != "quick_gelu" && c.hiddenAct != "gelu")
        r.fail("hidden_act", "unsupported activation '" + c.hiddenAct + "'");
    if (c.numAttentionHeads <= 0 || c.hiddenSize % c.numAttentionHeads != 0)
        r.fail("num_attention_heads", "hidden_size is not divisible by the number of heads");
    return c;
}

} // namespace tessera
