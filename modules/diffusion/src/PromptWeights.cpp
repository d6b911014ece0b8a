#include "tessera/diffusion/PromptWeights.h"

#include <cstdlib>

namespace tessera {

namespace {

constexpr double roundUp = 1.1;

struct Open
{
    char bracket;
    std::size_t firstRun; // index into runs where this group starts
};

// A weight suffix ":1.3" right before the closing bracket at `close`; returns true and sets it.
bool trailingWeight(const std::string& text, double& weight, std::size_t& colon)
{
    colon = text.rfind(':');
    if (colon == std::string::npos || colon + 1 >= text.size())
        return false;
    const std::string number = text.substr(colon + 1);
    char* end = nullptr;
    const double value = std::strtod(number.c_str(), &end);
    while (end && *end == ' ')
        ++end;
    if (!end || *end != '\0' || number.find_first_not_of(" 0123456789.+-eE") != std::string::npos)
        return false;
    weight = value;
    return true;
}

} // namespace

std::vector<WeightedText> parsePromptWeights(const std::string& prompt)
{
    std::vector<WeightedText> runs; // one run per character block, weights as multiplied so far
    std::vector<Open> stack;
    std::string current;
    const auto flush = [&] {
        if (!current.empty())
            runs.push_back({current, 1.0});
        current.clear();
    };
    const auto multiplyFrom = [&](std::size_t first, double factor) {
        for (std::size_t i = first; i < runs.size(); ++i)
            runs[i].weight *= factor;
    };
    for (std::size_t i = 0; i < prompt.size(); ++i) {
        const char c = prompt[i];
        if (c == '\\' && i + 1 < prompt.size() && std::string("()[]\\").find(prompt[i + 1]) != std::string::npos) {
            current += prompt[++i];
            continue;
        }
        if (c == '(' || c == '[') {
            flush();
            stack.push_back({c, runs.size()});
            continue;
        }
        if ((c == ')' || c == ']') && !stack.empty() && stack.back().bracket == (c == ')' ? '(' : '[')) {
            flush();
            const auto open = stack.back();
            stack.pop_back();
            if (c == ']') {
                multiplyFrom(open.firstRun, 1.0 / roundUp);
                continue;
            }
            // "(text:1.3)": the weight is the suffix of the group's last run
            double weight = 0;
            std::size_t colon = 0;
            if (runs.size() > open.firstRun && trailingWeight(runs.back().text, weight, colon)) {
                runs.back().text.erase(colon);
                if (runs.back().text.empty())
                    runs.pop_back();
                multiplyFrom(open.firstRun, weight);
            } else {
                multiplyFrom(open.firstRun, roundUp);
            }
            continue;
        }
        current += c;
    }
    flush();
    // unclosed groups apply to the rest
    for (auto it = stack.rbegin(); it != stack.rend(); ++it)
        multiplyFrom(it->firstRun, it->bracket == '(' ? roundUp : 1.0 / roundUp);

    std::vector<WeightedText> merged;
    for (auto& run : runs) {
        if (!merged.empty() && merged.back().weight == run.weight)
            merged.back().text += run.text;
        else
            merged.push_back(std::move(run));
    }
    return merged;
}

} // namespace tessera
