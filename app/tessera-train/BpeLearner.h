#pragma once

// Learns a small CLIP-style byte-level BPE vocabulary from the training captions and writes it in
// CLIP's file format (vocab.json + merges.txt + tokenizer_config.json + special_tokens_map.json),
// so that the engine's ClipTokenizer reads it like any Stable Diffusion tokenizer.

#include <string>
#include <utility>
#include <vector>

namespace tessera::train {

//! Tokens in id order (256 byte symbols, the same with "</w>", the merged tokens, then
//! <|startoftext|> and <|endoftext|>), and the merges in rank order.
struct BpeVocabulary
{
    std::vector<std::string> tokens;
    std::vector<std::pair<std::string, std::string>> merges;
};

//! Learns merges (most frequent adjacent pair first, ties by text) until the vocabulary has
//! `vocabSize` tokens or no pair occurs twice. Words are split exactly as ClipTokenizer splits
//! them (it is used as the pre-tokenizer), so the learned merges apply as learned.
BpeVocabulary learnBpe(const std::vector<std::string>& texts, int vocabSize);

//! Writes the four tokenizer files into `folder` (created), with a context of `maxLength` tokens.
//! Throws DiffusionError when a file cannot be written.
void writeTokenizerFolder(const BpeVocabulary& vocabulary, const std::string& folder, int maxLength);

} // namespace tessera::train
