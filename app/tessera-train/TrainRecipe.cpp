#include "TrainRecipe.h"

#include "tessera/diffusion/DiffusionError.h"

#include <nlohmann/json.hpp>

namespace tessera::train {

void TrainRecipe::makeTiny()
{
    channels = {16, 32};
    attention = {false, true};
    attentionHeads = 2;
    normGroups = 4;
    textWidth = 32;
    textHeads = 2;
    contextLength = 16;
    vocabSize = 600;
    batchSize = 8;
    warmupSteps = 5;
}

std::string TrainRecipe::toJson() const
{
    const nlohmann::ordered_json j = {
        {"seed", seed}, {"image_size", imageSize}, {"image_limit", imageLimit}, {"channels", channels}, {"attention", attention},
        {"layers_per_block", layersPerBlock}, {"attention_heads", attentionHeads}, {"norm_groups", normGroups},
        {"text_width", textWidth}, {"text_layers", textLayers}, {"text_heads", textHeads},
        {"context_length", contextLength}, {"vocab_size", vocabSize}, {"batch_size", batchSize},
        {"total_steps", totalSteps}, {"learning_rate", learningRate}, {"warmup_steps", warmupSteps},
        {"weight_decay", weightDecay}, {"ema_decay", emaDecay}, {"grad_clip", gradClip},
        {"caption_dropout", captionDropout}, {"min_snr_gamma", minSnrGamma}};
    return j.dump(2);
}

TrainRecipe TrainRecipe::fromJson(const std::string& json, const std::string& source)
{
    TrainRecipe r;
    try {
        const auto j = nlohmann::json::parse(json);
        r.seed = j.at("seed").get<std::uint64_t>();
        r.imageSize = j.at("image_size").get<int>();
        r.imageLimit = j.at("image_limit").get<int>();
        r.channels = j.at("channels").get<std::vector<int>>();
        r.attention = j.at("attention").get<std::vector<bool>>();
        r.layersPerBlock = j.at("layers_per_block").get<int>();
        r.attentionHeads = j.at("attention_heads").get<int>();
        r.normGroups = j.at("norm_groups").get<int>();
        r.textWidth = j.at("text_width").get<int>();
        r.textLayers = j.at("text_layers").get<int>();
        r.textHeads = j.at("text_heads").get<int>();
        r.contextLength = j.at("context_length").get<int>();
        r.vocabSize = j.at("vocab_size").get<int>();
        r.batchSize = j.at("batch_size").get<int>();
        r.totalSteps = j.at("total_steps").get<int>();
        r.learningRate = j.at("learning_rate").get<double>();
        r.warmupSteps = j.at("warmup_steps").get<int>();
        r.weightDecay = j.at("weight_decay").get<double>();
        r.emaDecay = j.at("ema_decay").get<double>();
        r.gradClip = j.at("grad_clip").get<double>();
        r.captionDropout = j.at("caption_dropout").get<double>();
        r.minSnrGamma = j.at("min_snr_gamma").get<double>();
    } catch (const nlohmann::json::exception& e) {
        throw DiffusionError(source, std::string("bad training recipe: ") + e.what());
    }
    if (r.channels.empty() || r.channels.size() != r.attention.size())
        throw DiffusionError(source, "bad training recipe: channels and attention differ in length");
    return r;
}

} // namespace tessera::train
