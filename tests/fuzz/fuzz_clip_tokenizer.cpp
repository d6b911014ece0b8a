// libFuzzer target: a CLIP tokenizer folder's files and a prompt, from one input split at NUL
// bytes: vocab.json \0 merges.txt \0 tokenizer_config.json \0 prompt (missing parts are empty).
// Building the tokenizer must work or throw DiffusionError; tokenizing any prompt with a built one
// must not fail, and encode() must give exactly maxLength() ids that the vocabulary knows.
#include "tessera/diffusion/ClipTokenizer.h"
#include "tessera/diffusion/DiffusionError.h"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string input(reinterpret_cast<const char*>(data), size);
    std::array<std::string, 4> parts; // vocab, merges, config, prompt
    std::size_t start = 0;
    for (std::size_t part = 0; part < parts.size() && start <= input.size(); ++part) {
        const auto end = part + 1 < parts.size() ? input.find('\0', start) : std::string::npos;
        parts[part] = input.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    try {
        const tessera::ClipTokenizer tokenizer(parts[0], parts[1], parts[2], "tokenizer");
        const auto ids = tokenizer.encode(parts[3]);
        if (static_cast<int>(ids.size()) != tokenizer.maxLength())
            std::abort();
        for (int id : ids) {
            if (id < 0 || id >= tokenizer.vocabSize())
                std::abort();
            (void)tokenizer.token(id);
        }
        (void)tokenizer.encodeUnpadded(parts[3]);
    } catch (const tessera::DiffusionError&) {
    }
    return 0;
}
