#pragma once

#include <string>
#include <vector>

namespace tessera {

//! A run of prompt text with its emphasis weight.
struct WeightedText
{
    std::string text;
    double weight = 1.0;

    bool operator==(const WeightedText& other) const { return text == other.text && weight == other.weight; }
};

//! Splits a prompt written in the common emphasis syntax into weighted runs:
//! "(word:1.3)" sets a weight, "(word)" multiplies by 1.1, "[word]" divides by 1.1, nesting
//! multiplies, "\(" "\)" "\[" "\]" are literal brackets, an unmatched ")" or "]" is literal and an
//! unclosed "(" or "[" applies to the rest. Adjacent runs of equal weight are merged.
//! A weight suffix must be a finite number ("(word:1e999)" stays text, a BadWeight), and every
//! run's weight is kept within +-maxPromptWeight however deeply groups nest, so the engine's
//! float arithmetic on the weighted embedding stays finite.
std::vector<WeightedText> parsePromptWeights(const std::string& prompt);

//! The largest weight magnitude a run gets; larger products of nested weights are clamped to it.
constexpr double maxPromptWeight = 1000.0;

//! What is likely a typing mistake in a prompt: the parser above still reads it (leniently, as
//! other tools do), but the artist probably meant something else.
enum class PromptSyntaxProblem {
    UnclosedBracket,  //!< "(" or "[" never closed: its emphasis runs to the end of the prompt
    UnmatchedBracket, //!< ")" or "]" with no opening bracket: kept as a literal character
    BadWeight,        //!< "(word:1.3x)" or "(word:)": the suffix is not a number, so it stays text
};

//! One problem and where it is, in bytes of the UTF-8 prompt.
struct PromptSyntaxIssue
{
    PromptSyntaxProblem problem = PromptSyntaxProblem::UnclosedBracket;
    std::size_t position = 0; //!< first byte of the offending text
    std::size_t length = 1;   //!< its length in bytes

    bool operator==(const PromptSyntaxIssue& other) const
    {
        return problem == other.problem && position == other.position && length == other.length;
    }
};

//! The problems of a prompt in the syntax parsePromptWeights reads, in order of position; empty
//! when it reads as written. Uses the same scan as the parser, so the two never disagree.
//! Std-only (target Tessera::promptweights, no libtorch), so the studio can check as you type.
std::vector<PromptSyntaxIssue> checkPromptSyntax(const std::string& prompt);

} // namespace tessera
