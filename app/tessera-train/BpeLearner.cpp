#include "BpeLearner.h"

#include "tessera/diffusion/ClipTokenizer.h"
#include "tessera/diffusion/DiffusionError.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <unordered_map>

namespace tessera::train {

namespace {

const std::string kEndOfWord = "</w>";

std::string utf8(char32_t cp)
{
    std::string out;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

// GPT-2/CLIP's bytes_to_unicode(): printable bytes stand for themselves, the others are shifted
// to U+0100 and up, so that every byte is one visible symbol.
std::vector<std::string> byteSymbols()
{
    std::vector<std::string> symbols(256);
    char32_t next = 256;
    for (int b = 0; b < 256; ++b) {
        const bool printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
        symbols[static_cast<std::size_t>(b)] = utf8(printable ? static_cast<char32_t>(b) : next++);
    }
    return symbols;
}

std::string vocabJson(const std::vector<std::string>& tokens)
{
    nlohmann::ordered_json vocab = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < tokens.size(); ++i)
        vocab[tokens[i]] = i;
    return vocab.dump();
}

std::string mergesText(const std::vector<std::pair<std::string, std::string>>& merges)
{
    std::string text = "#version: 0.2\n";
    for (const auto& [a, b] : merges)
        text += a + ' ' + b + '\n';
    return text;
}

void writeFile(const std::filesystem::path& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out)
        throw DiffusionError(path.string(), "cannot write the file");
}

} // namespace

// Hand-written: the packaged BPE trainers (sentencepiece) learn their own piece format, not CLIP's
// byte-level symbols with "</w>" word ends that the engine's tokenizer (and SD's files) use; the
// algorithm is the textbook one and the corpus is ~2,000 short captions.
BpeVocabulary learnBpe(const std::vector<std::string>& texts, int vocabSize)
{
    BpeVocabulary vocabulary;
    for (const auto& symbol : byteSymbols())
        vocabulary.tokens.push_back(symbol);
    for (const auto& symbol : byteSymbols())
        vocabulary.tokens.push_back(symbol + kEndOfWord);
    std::map<std::string, bool> known;
    for (const auto& token : vocabulary.tokens)
        known[token] = true;

    // The engine's tokenizer with no merges yields each word's byte symbols, the last one marked
    // "</w>": exactly BPE's starting point, with CLIP's clean-up, lower-casing and word split.
    auto splitterTokens = vocabulary.tokens;
    splitterTokens.push_back("<|startoftext|>");
    splitterTokens.push_back("<|endoftext|>");
    const ClipTokenizer splitter(vocabJson(splitterTokens), "#version: 0.2\n", {}, "bpe-learner");
    std::map<std::vector<std::string>, long> words;
    for (const auto& text : texts) {
        std::vector<std::string> word;
        for (auto& symbol : splitter.tokens(text)) {
            const bool end = symbol.size() >= kEndOfWord.size()
                && symbol.compare(symbol.size() - kEndOfWord.size(), kEndOfWord.size(), kEndOfWord) == 0;
            word.push_back(std::move(symbol));
            if (end) {
                ++words[word];
                word.clear();
            }
        }
    }
    std::vector<std::pair<std::vector<std::string>, long>> corpus(words.begin(), words.end());

    const int room = vocabSize - 2; // the two special tokens come last
    while (static_cast<int>(vocabulary.tokens.size()) < room) {
        std::unordered_map<std::string, long> counts;
        for (const auto& [word, count] : corpus)
            for (std::size_t i = 0; i + 1 < word.size(); ++i)
                counts[word[i] + ' ' + word[i + 1]] += count;
        const std::string* best = nullptr;
        long bestCount = 1;
        for (const auto& [pair, count] : counts) {
            if (count > bestCount || (count == bestCount && best && pair < *best)) {
                best = &pair;
                bestCount = count;
            }
        }
        if (!best)
            break; // no pair occurs twice: more merges would only memorise single words
        const auto space = best->find(' ');
        const auto left = best->substr(0, space);
        const auto right = best->substr(space + 1);
        const auto merged = left + right;
        vocabulary.merges.emplace_back(left, right);
        if (!known[merged]) {
            known[merged] = true;
            vocabulary.tokens.push_back(merged);
        }
        for (auto& [word, count] : corpus) {
            (void)count;
            std::vector<std::string> next;
            next.reserve(word.size());
            for (std::size_t i = 0; i < word.size(); ++i) {
                if (i + 1 < word.size() && word[i] == left && word[i + 1] == right) {
                    next.push_back(merged);
                    ++i;
                } else {
                    next.push_back(word[i]);
                }
            }
            word.swap(next);
        }
    }
    vocabulary.tokens.push_back("<|startoftext|>");
    vocabulary.tokens.push_back("<|endoftext|>");
    return vocabulary;
}

void writeTokenizerFolder(const BpeVocabulary& vocabulary, const std::string& folder, int maxLength)
{
    const std::filesystem::path dir(folder);
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error)
        throw DiffusionError(folder, "cannot create the folder: " + error.message());
    writeFile(dir / "vocab.json", vocabJson(vocabulary.tokens));
    writeFile(dir / "merges.txt", mergesText(vocabulary.merges));
    const nlohmann::ordered_json config = {
        {"tokenizer_class", "CLIPTokenizer"},
        {"model_max_length", maxLength},
        {"bos_token", "<|startoftext|>"},
        {"eos_token", "<|endoftext|>"},
        {"pad_token", "<|endoftext|>"},
        {"unk_token", "<|endoftext|>"},
        {"do_lower_case", true},
        {"errors", "replace"},
        {"add_prefix_space", false},
        {"clean_up_tokenization_spaces", true},
    };
    writeFile(dir / "tokenizer_config.json", config.dump(2) + '\n');
    const nlohmann::ordered_json specials = {
        {"bos_token", "<|startoftext|>"},
        {"eos_token", "<|endoftext|>"},
        {"pad_token", "<|endoftext|>"},
        {"unk_token", "<|endoftext|>"},
    };
    writeFile(dir / "special_tokens_map.json", specials.dump(2) + '\n');
}

} // namespace tessera::train
