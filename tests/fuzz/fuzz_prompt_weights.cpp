// libFuzzer target: arbitrary text as a prompt in the emphasis syntax. The parser and the syntax
// check share one scan: both must accept anything, every weight must be finite and within
// +-maxPromptWeight (the engine scales float embeddings by it), every issue must lie inside the prompt, and
// the runs' text must be the prompt's text less the syntax (never longer than the prompt).
#include "tessera/diffusion/PromptWeights.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string prompt(reinterpret_cast<const char*>(data), size);
    std::size_t textLength = 0;
    for (const auto& run : tessera::parsePromptWeights(prompt)) {
        if (!std::isfinite(run.weight) || std::abs(run.weight) > tessera::maxPromptWeight)
            std::abort();
        textLength += run.text.size();
    }
    if (textLength > prompt.size())
        std::abort();
    for (const auto& issue : tessera::checkPromptSyntax(prompt)) {
        if (issue.position > prompt.size() || issue.length > prompt.size() - issue.position)
            std::abort();
    }
    return 0;
}
