// Textual-inversion embeddings: learned token vectors appended to the text encoders' token
// embedding, with a token (or one per vector) added to the tokenizers, as diffusers'
// load_textual_inversion does.

#include "DiffusionPipelinePrivate.h"

#include "tessera/diffusion/PickleCheckpoint.h"

#include <c10/core/InferenceMode.h>

#include <filesystem>

namespace tessera {

using namespace detail;

namespace {

//! The vectors of an embedding file per encoder: "" for a one-encoder file (A1111's "emb_params",
//! or diffusers' single-key form), "clip_l" / "clip_g" for SDXL's first / second encoder.
std::map<std::string, at::Tensor> readEmbeddingVectors(const std::string& path)
{
    refusePickleCheckpoint(path);
    std::map<std::string, at::Tensor> tensors;
    try {
        tensors = Weights::loadRaw(path);
    } catch (const DiffusionError& error) {
        throw DiffusionError(path, "not a readable textual-inversion .safetensors file: " + error.problem());
    }
    const auto asRows = [&path](const std::string& key, const at::Tensor& tensor) {
        if (!tensor.is_floating_point() || tensor.dim() < 1 || tensor.dim() > 2 || tensor.numel() == 0)
            throw DiffusionError(path, "'" + key + "' is not a [vectors, width] embedding");
        return tensor.to(at::kFloat).reshape({-1, tensor.size(-1)});
    };
    std::map<std::string, at::Tensor> vectors;
    if (tensors.count("clip_l") || tensors.count("clip_g")) {
        for (const char* key : {"clip_l", "clip_g"}) {
            if (tensors.count(key))
                vectors[key] = asRows(key, tensors.at(key));
        }
    } else if (tensors.count("emb_params")) {
        vectors[""] = asRows("emb_params", tensors.at("emb_params"));
    } else if (tensors.size() == 1) {
        vectors[""] = asRows(tensors.begin()->first, tensors.begin()->second);
    } else {
        throw DiffusionError(path, "not a textual-inversion embedding: expected 'emb_params', 'clip_l'/'clip_g' or "
                                   "a single tensor, found "
                                       + std::to_string(tensors.size()) + " tensors");
    }
    return vectors;
}

} // namespace

void DiffusionPipeline::addTextualInversion(const std::string& path, const std::string& token)
{
    c10::InferenceMode guard;
    const auto name = token.empty() ? std::filesystem::path(path).stem().string() : token;
    const auto vectors = readEmbeddingVectors(path);
    const bool sdxl = d->textEncoder2 != nullptr;
    const auto pick = [&](const char* sdxlKey) -> at::Tensor {
        if (vectors.count(""))
            return vectors.at("");
        if (!sdxl && std::string(sdxlKey) == "clip_l")
            throw DiffusionError(path, "is an SDXL embedding (clip_l/clip_g); this model is not SDXL");
        if (!vectors.count(sdxlKey))
            throw DiffusionError(path, std::string("has no '") + sdxlKey + "' vectors for this SDXL model");
        return vectors.at(sdxlKey);
    };
    // check every encoder before changing any, so that a refused file leaves the model as it was
    struct Target
    {
        ClipTokenizer* tokenizer;
        ClipTextModel* encoder;
        std::map<int, std::vector<int>>* expansions;
        at::Tensor rows;
    };
    std::vector<Target> targets{{d->tokenizer.get(), d->textEncoder.get(), &d->tokenExpansions, pick("clip_l")}};
    if (sdxl) {
        if (vectors.count(""))
            throw DiffusionError(path, "has one set of vectors; an SDXL model needs 'clip_l' and 'clip_g'");
        targets.push_back({d->tokenizer2.get(), d->textEncoder2.get(), &d->tokenExpansions2, pick("clip_g")});
    }
    for (const auto& target : targets) {
        const auto width = target.encoder->config().hiddenSize;
        if (target.rows.size(1) != width)
            throw DiffusionError(path, "holds vectors " + std::to_string(target.rows.size(1))
                                           + " wide; this model's text encoder is " + std::to_string(width)
                                           + " wide: the embedding was made for another model family");
        if (target.tokenizer->vocabSize() != target.encoder->config().vocabSize)
            throw DiffusionError(path, "cannot add tokens: the tokenizer's vocabulary ("
                                           + std::to_string(target.tokenizer->vocabSize())
                                           + ") and the text encoder's ("
                                           + std::to_string(target.encoder->config().vocabSize) + ") differ");
        for (int64_t i = 0; i < target.rows.size(0); ++i) {
            const auto text = i == 0 ? name : name + "_" + std::to_string(i);
            if (target.tokenizer->hasToken(text))
                throw DiffusionError(path, "the token '" + text + "' is already in use; give another token");
        }
    }
    for (auto& target : targets) {
        std::vector<int> ids;
        for (int64_t i = 0; i < target.rows.size(0); ++i)
            ids.push_back(target.tokenizer->addToken(i == 0 ? name : name + "_" + std::to_string(i)));
        target.encoder->appendTokenEmbeddings(target.rows);
        // as diffusers' maybe_convert_prompt: the token stands for all its vectors
        (*target.expansions)[ids.front()] = ids;
    }
}

} // namespace tessera
