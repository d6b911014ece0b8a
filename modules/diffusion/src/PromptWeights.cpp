#include "tessera/diffusion/PromptWeights.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace tessera {

namespace {

constexpr double roundUp = 1.1;

struct Open
{
    char bracket;
    std::size_t firstRun; // index into runs where this group starts
    std::size_t position; // byte offset of the bracket, for syntax issues
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
    // "1e999" reads as infinity: not a weight anyone means, and it would poison the embedding
    if (!std::isfinite(value))
        return false;
    weight = value;
    return true;
}

// "(word:1.3x)", "(word:)" or "(word:-)": a colon followed by something meant as a number that is
// not one. Text such as "(time: dawn)" is left alone (a prompt may contain colons).
bool looksLikeBadWeight(const std::string& text, std::size_t& colon)
{
    colon = text.rfind(':');
    if (colon == std::string::npos)
        return false;
    const std::size_t first = text.find_first_not_of(' ', colon + 1);
    if (first == std::string::npos)
        return true; // nothing after the colon
    return std::string("0123456789.+-").find(text[first]) != std::string::npos;
}

// The one scan behind both parsePromptWeights and checkPromptSyntax.
std::vector<WeightedText> scanPrompt(const std::string& prompt, std::vector<PromptSyntaxIssue>* issues)
{
    const auto report = [issues](PromptSyntaxProblem problem, std::size_t position, std::size_t length) {
        if (issues)
            issues->push_back({problem, position, length});
    };
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
            runs[i].weight = std::clamp(runs[i].weight * factor, -maxPromptWeight, maxPromptWeight);
    };
    for (std::size_t i = 0; i < prompt.size(); ++i) {
        const char c = prompt[i];
        if (c == '\\' && i + 1 < prompt.size() && std::string("()[]\\").find(prompt[i + 1]) != std::string::npos) {
            current += prompt[++i];
            continue;
        }
        if (c == '(' || c == '[') {
            flush();
            stack.push_back({c, runs.size(), i});
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
                std::size_t badColon = 0;
                if (runs.size() > open.firstRun && looksLikeBadWeight(runs.back().text, badColon))
                    report(PromptSyntaxProblem::BadWeight, i - (runs.back().text.size() - badColon), runs.back().text.size() - badColon);
                multiplyFrom(open.firstRun, roundUp);
            }
            continue;
        }
        if (c == ')' || c == ']')
            report(PromptSyntaxProblem::UnmatchedBracket, i, 1);
        current += c;
    }
    flush();
    // unclosed groups apply to the rest
    for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
        multiplyFrom(it->firstRun, it->bracket == '(' ? roundUp : 1.0 / roundUp);
        report(PromptSyntaxProblem::UnclosedBracket, it->position, 1);
    }

    std::vector<WeightedText> merged;
    for (auto& run : runs) {
        if (!merged.empty() && merged.back().weight == run.weight)
            merged.back().text += run.text;
        else
            merged.push_back(std::move(run));
    }
    return merged;
}

} // namespace

std::vector<WeightedText> parsePromptWeights(const std::string& prompt)
{
    return scanPrompt(prompt, nullptr);
}

std::vector<PromptSyntaxIssue> checkPromptSyntax(const std::string& prompt)
{
    std::vector<PromptSyntaxIssue> issues;
    scanPrompt(prompt, &issues);
    std::sort(issues.begin(), issues.end(),
        [](const PromptSyntaxIssue& a, const PromptSyntaxIssue& b) { return a.position < b.position; });
    return issues;
}

} // namespace tessera
