#include "tessera/diffusion/ClipTokenizer.h"

#include "GzipFile.h"
#include "JsonHelpers.h"
#include "UnicodeText.h"

#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/ModelConfig.h"

#include <algorithm>
#include <climits>
#include <filesystem>
#include <map>
#include <mutex>
#include <sstream>
#include <unordered_map>

namespace tessera {

using detail::decodeUtf8;
using detail::encodeUtf8;

namespace {

// GPT-2/CLIP bytes_to_unicode: printable bytes map to themselves, the others to 256 + n.
std::vector<std::string> byteEncoder()
{
    std::vector<int> printable;
    for (int b = '!'; b <= '~'; ++b)
        printable.push_back(b);
    for (int b = 0xA1; b <= 0xAC; ++b)
        printable.push_back(b);
    for (int b = 0xAE; b <= 0xFF; ++b)
        printable.push_back(b);
    std::vector<std::string> table(256);
    int n = 0;
    for (int b = 0; b < 256; ++b) {
        const bool isPrintable = std::find(printable.begin(), printable.end(), b) != printable.end();
        table[b] = encodeUtf8(static_cast<char32_t>(isPrintable ? b : 256 + n++));
    }
    return table;
}

std::string tokenContent(const nlohmann::json& value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_object() && value.contains("content") && value["content"].is_string())
        return value["content"].get<std::string>();
    return {};
}

} // namespace

struct ClipTokenizer::Private
{
    std::string source;
    std::unordered_map<std::string, int> encoder;
    std::vector<std::string> decoder;
    std::unordered_map<std::string, int> ranks; // "first second" -> merge rank
    std::vector<std::string> bytes = byteEncoder();
    std::vector<std::pair<std::u32string, int>> addedTokens; // longest first
    int bos = 0;
    int eos = 0;
    int pad = 0;
    int unk = 0;
    int maxLength = 77;
    mutable std::mutex cacheMutex;
    mutable std::unordered_map<std::string, std::vector<std::string>> cache;

    int idOf(const std::string& token, const char* role) const
    {
        const auto it = encoder.find(token);
        if (it == encoder.end())
            throw DiffusionError(source, std::string(role) + " token '" + token + "' is not in the vocabulary");
        return it->second;
    }

    std::vector<std::string> bpe(const std::string& word) const;
    std::u32string basicClean(const std::u32string& text) const;
    void preTokenize(const std::u32string& text, std::vector<std::string>& out) const;
    void tokenize(const std::string& text, std::vector<std::string>& out) const;
};

std::vector<std::string> ClipTokenizer::Private::bpe(const std::string& word) const
{
    {
        std::lock_guard lock(cacheMutex);
        const auto it = cache.find(word);
        if (it != cache.end())
            return it->second;
    }
    // symbols: one per code point of the byte-encoded word, the last one marked as a word end
    std::vector<std::string> symbols;
    for (char32_t c : decodeUtf8(word))
        symbols.push_back(encodeUtf8(c));
    if (symbols.empty())
        return {};
    symbols.back() += "</w>";
    while (symbols.size() > 1) {
        int best = INT_MAX;
        std::size_t bestAt = 0;
        for (std::size_t i = 0; i + 1 < symbols.size(); ++i) {
            const auto it = ranks.find(symbols[i] + ' ' + symbols[i + 1]);
            if (it != ranks.end() && it->second < best) {
                best = it->second;
                bestAt = i;
            }
        }
        if (best == INT_MAX)
            break;
        const std::pair<std::string, std::string> pair{symbols[bestAt], symbols[bestAt + 1]};
        std::vector<std::string> merged;
        for (std::size_t i = 0; i < symbols.size();) {
            if (i + 1 < symbols.size() && symbols[i] == pair.first && symbols[i + 1] == pair.second) {
                merged.push_back(symbols[i] + symbols[i + 1]);
                i += 2;
            } else {
                merged.push_back(symbols[i]);
                ++i;
            }
        }
        symbols = std::move(merged);
    }
    std::lock_guard lock(cacheMutex);
    cache.emplace(word, symbols);
    return symbols;
}

// BERT's BasicTokenizer as CLIPTokenizer uses it without ftfy: drop NUL, U+FFFD and control
// characters, turn spaces into ' ', put spaces around CJK ideographs, split on white space,
// lower-case, join with single spaces.
std::u32string ClipTokenizer::Private::basicClean(const std::u32string& text) const
{
    std::u32string cleaned;
    for (char32_t c : text) {
        if (c == 0 || c == 0xFFFD || detail::isControl(c))
            continue;
        if (detail::isSpaceLike(c)) {
            cleaned.push_back(U' ');
        } else if (detail::isCjk(c)) {
            cleaned.push_back(U' ');
            cleaned.push_back(c);
            cleaned.push_back(U' ');
        } else {
            cleaned.push_back(c);
        }
    }
    std::u32string out;
    std::u32string word;
    const auto flush = [&] {
        if (word.empty())
            return;
        if (!out.empty())
            out.push_back(U' ');
        out += detail::toLower(word);
        word.clear();
    };
    for (char32_t c : cleaned) {
        if (detail::isWhiteSpace(c))
            flush();
        else
            word.push_back(c);
    }
    flush();
    return out;
}

// CLIP's pattern, tried alternative by alternative at each position as Python's regex does:
// <|startoftext|>|<|endoftext|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+
// Hand-written because std::regex has no Unicode classes (see UnicodeText.h).
void ClipTokenizer::Private::preTokenize(const std::u32string& text, std::vector<std::string>& out) const
{
    static const std::u32string literals[] = {U"<|startoftext|>", U"<|endoftext|>", U"'s", U"'t", U"'re",
                                              U"'ve", U"'m", U"'ll", U"'d"};
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        std::size_t length = 0;
        for (const auto& literal : literals) {
            if (text.compare(i, literal.size(), literal) == 0) {
                length = literal.size();
                break;
            }
        }
        const char32_t c = text[i];
        if (length == 0 && detail::isLetter(c)) {
            length = 1;
            while (i + length < n && detail::isLetter(text[i + length]))
                ++length;
        } else if (length == 0 && detail::isNumber(c)) {
            length = 1;
        } else if (length == 0 && !detail::isWhiteSpace(c)) {
            length = 1;
            while (i + length < n && !detail::isWhiteSpace(text[i + length]) && !detail::isLetter(text[i + length])
                   && !detail::isNumber(text[i + length]))
                ++length;
        }
        if (length == 0) {
            ++i;
            continue;
        }
        std::string encoded;
        for (unsigned char b : encodeUtf8(text.substr(i, length)))
            encoded += bytes[b];
        for (auto& symbol : bpe(encoded))
            out.push_back(std::move(symbol));
        i += length;
    }
}

void ClipTokenizer::Private::tokenize(const std::string& text, std::vector<std::string>& out) const
{
    // added/special tokens are matched verbatim first (transformers' trie split), longest first
    const auto codePoints = decodeUtf8(text);
    std::size_t start = 0;
    std::size_t i = 0;
    while (i < codePoints.size()) {
        const std::pair<std::u32string, int>* match = nullptr;
        for (const auto& added : addedTokens) {
            if (codePoints.compare(i, added.first.size(), added.first) == 0) {
                match = &added;
                break;
            }
        }
        if (!match) {
            ++i;
            continue;
        }
        if (i > start)
            preTokenize(basicClean(codePoints.substr(start, i - start)), out);
        out.push_back(decoder[static_cast<std::size_t>(match->second)]);
        i += match->first.size();
        start = i;
    }
    if (start < codePoints.size())
        preTokenize(basicClean(codePoints.substr(start)), out);
}

ClipTokenizer ClipTokenizer::fromFolder(const std::string& folder)
{
    const std::filesystem::path dir(folder);
    const auto configPath = dir / "tokenizer_config.json";
    std::string config;
    if (std::filesystem::exists(configPath))
        config = readTextFile(configPath.string());
    return ClipTokenizer(readTextFile((dir / "vocab.json").string()), readTextFile((dir / "merges.txt").string()),
                         config, folder);
}

ClipTokenizer ClipTokenizer::fromClipMergesFile(const std::string& path, const std::string& configJson)
{
    return fromClipMerges(detail::readGzipFile(path), path, configJson);
}

ClipTokenizer ClipTokenizer::fromClipMerges(const std::string& merges, const std::string& source,
                                            const std::string& configJson)
{
    // simple_tokenizer.py: list(bytes_to_unicode().values()) is the printable bytes in order,
    // then the others; then the same with </w>; then the merged pairs; then the special tokens
    const auto table = byteEncoder();
    std::vector<std::string> vocab;
    for (int pass = 0; pass < 2; ++pass) {
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
            if (printable == (pass == 0))
                vocab.push_back(table[static_cast<std::size_t>(b)]);
        }
    }
    for (std::size_t i = 0; i < 256; ++i)
        vocab.push_back(vocab[i] + "</w>");
    std::istringstream lines(merges);
    std::string line;
    std::getline(lines, line); // "#version: 0.2" or a comment
    int count = 0;
    while (count < 49152 - 256 - 2 && std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        const auto space = line.find(' ');
        if (space == std::string::npos || line.find(' ', space + 1) != std::string::npos)
            throw DiffusionError(source, "line " + std::to_string(count + 2) + " is not a merge pair");
        vocab.push_back(line.substr(0, space) + line.substr(space + 1));
        ++count;
    }
    vocab.push_back("<|startoftext|>");
    vocab.push_back("<|endoftext|>");
    nlohmann::json json = nlohmann::json::object();
    for (std::size_t i = 0; i < vocab.size(); ++i)
        json[vocab[i]] = static_cast<int>(i);
    return ClipTokenizer(json.dump(), merges, configJson, source);
}

ClipTokenizer::ClipTokenizer(const std::string& vocabJson, const std::string& merges, const std::string& configJson,
                             const std::string& source)
    : d(std::make_unique<Private>())
{
    d->source = source;
    const auto vocab = detail::parseJson(vocabJson, source + "/vocab.json");
    if (!vocab.is_object() || vocab.empty())
        throw DiffusionError(source + "/vocab.json", "expected a non-empty object of token ids");
    for (const auto& [token, id] : vocab.items()) {
        if (!id.is_number_integer() || id.get<long long>() < 0 || id.get<long long>() > 10'000'000)
            throw DiffusionError(source + "/vocab.json", "token '" + token + "' has no valid id");
        const auto index = id.get<int>();
        d->encoder[token] = index;
        if (static_cast<std::size_t>(index) >= d->decoder.size())
            d->decoder.resize(static_cast<std::size_t>(index) + 1);
        d->decoder[static_cast<std::size_t>(index)] = token;
    }

    // as CLIPTokenizer: the first line (#version) is skipped, at most 49152 - 256 - 2 merges are used
    std::istringstream lines(merges);
    std::string line;
    std::getline(lines, line);
    int rank = 0;
    while (std::getline(lines, line) && rank < 49152 - 256 - 2) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty())
            continue;
        const auto space = line.find(' ');
        if (space == std::string::npos || line.find(' ', space + 1) != std::string::npos)
            throw DiffusionError(source + "/merges.txt", "line " + std::to_string(rank + 2) + " is not a pair");
        d->ranks.emplace(line, rank++);
    }

    std::string bos = "<|startoftext|>";
    std::string eos = "<|endoftext|>";
    std::string pad = "<|endoftext|>";
    std::string unk = "<|endoftext|>";
    std::vector<std::string> added;
    if (!configJson.empty()) {
        const auto path = source + "/tokenizer_config.json";
        const auto config = detail::parseJson(configJson, path);
        detail::JsonReader reader(config, path);
        for (auto [key, target] : {std::pair{"bos_token", &bos}, {"eos_token", &eos}, {"pad_token", &pad},
                                   {"unk_token", &unk}}) {
            if (config.contains(key) && !config[key].is_null())
                *target = tokenContent(config[key]);
        }
        // some tokenizer configs say 1e30 ("no limit"): the context is then CLIP's 77 positions
        double maxLength = d->maxLength;
        reader.read("model_max_length", maxLength);
        d->maxLength = maxLength >= 2 && maxLength <= 1'000'000 ? static_cast<int>(maxLength) : 77;
        if (config.contains("added_tokens_decoder") && config["added_tokens_decoder"].is_object()) {
            for (const auto& [id, entry] : config["added_tokens_decoder"].items()) {
                (void)id;
                const auto content = tokenContent(entry);
                if (!content.empty())
                    added.push_back(content);
            }
        }
    }
    d->bos = d->idOf(bos, "bos");
    d->eos = d->idOf(eos, "eos");
    d->pad = d->idOf(pad, "pad");
    d->unk = d->idOf(unk, "unk");
    for (const auto& token : {bos, eos, pad, unk})
        added.push_back(token);
    for (const auto& token : added) {
        const auto codePoints = decodeUtf8(token);
        const bool known = std::any_of(d->addedTokens.begin(), d->addedTokens.end(),
                                       [&](const auto& a) { return a.first == codePoints; });
        if (!known)
            d->addedTokens.emplace_back(codePoints, d->idOf(token, "added"));
    }
    std::stable_sort(d->addedTokens.begin(), d->addedTokens.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

ClipTokenizer::~ClipTokenizer() = default;
ClipTokenizer::ClipTokenizer(ClipTokenizer&&) noexcept = default;
ClipTokenizer& ClipTokenizer::operator=(ClipTokenizer&&) noexcept = default;

std::vector<std::string> ClipTokenizer::tokens(const std::string& text) const
{
    std::vector<std::string> out;
    d->tokenize(text, out);
    return out;
}

std::vector<int> ClipTokenizer::ids(const std::string& text) const
{
    std::vector<int> out;
    for (const auto& token : tokens(text)) {
        const auto it = d->encoder.find(token);
        out.push_back(it == d->encoder.end() ? d->unk : it->second);
    }
    return out;
}

std::vector<int> ClipTokenizer::encodeUnpadded(const std::string& text) const
{
    std::vector<int> out{d->bos};
    for (int id : ids(text))
        out.push_back(id);
    out.push_back(d->eos);
    return out;
}

std::vector<int> ClipTokenizer::encode(const std::string& text) const
{
    auto body = ids(text);
    const auto room = static_cast<std::size_t>(d->maxLength - 2);
    if (body.size() > room)
        body.resize(room);
    std::vector<int> out{d->bos};
    out.insert(out.end(), body.begin(), body.end());
    out.push_back(d->eos);
    out.resize(static_cast<std::size_t>(d->maxLength), d->pad);
    return out;
}

int ClipTokenizer::bosId() const { return d->bos; }
int ClipTokenizer::eosId() const { return d->eos; }
int ClipTokenizer::padId() const { return d->pad; }
int ClipTokenizer::maxLength() const { return d->maxLength; }
int ClipTokenizer::vocabSize() const { return static_cast<int>(d->decoder.size()); }

bool ClipTokenizer::hasToken(const std::string& token) const { return d->encoder.count(token) != 0; }

int ClipTokenizer::addToken(const std::string& token)
{
    if (token.empty())
        throw DiffusionError(d->source, "an added token cannot be empty");
    if (d->encoder.count(token) != 0)
        throw DiffusionError(d->source, "'" + token + "' is already a token of the vocabulary; choose another");
    const int id = static_cast<int>(d->decoder.size());
    d->encoder.emplace(token, id);
    d->decoder.push_back(token);
    d->addedTokens.emplace_back(decodeUtf8(token), id);
    std::stable_sort(d->addedTokens.begin(), d->addedTokens.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    return id;
}

std::string ClipTokenizer::token(int id) const
{
    if (id < 0 || static_cast<std::size_t>(id) >= d->decoder.size())
        return {};
    return d->decoder[static_cast<std::size_t>(id)];
}

} // namespace tessera
