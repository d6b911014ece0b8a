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
std::vector<WeightedText> parsePromptWeights(const std::string& prompt);

} // namespace tessera
