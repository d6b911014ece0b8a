#include "UnicodeText.h"

#include <algorithm>
#include <iterator>

namespace tessera::detail {

namespace {

struct CodePointRange
{
    char32_t first;
    char32_t last;
};

struct CodePointMapping
{
    char32_t from;
    char32_t to;
};

#include "UnicodeTables.inc"

template<std::size_t N>
bool inRanges(const CodePointRange (&ranges)[N], char32_t c)
{
    const auto* it = std::upper_bound(std::begin(ranges), std::end(ranges), c,
                                      [](char32_t v, const CodePointRange& r) { return v < r.first; });
    return it != std::begin(ranges) && c <= std::prev(it)->last;
}

} // namespace

std::u32string decodeUtf8(const std::string& text)
{
    std::u32string out;
    out.reserve(text.size());
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char b = s[i];
        int extra = 0;
        char32_t c = 0;
        char32_t min = 0;
        if (b < 0x80) {
            out.push_back(b);
            ++i;
            continue;
        } else if ((b & 0xE0) == 0xC0) {
            extra = 1; c = b & 0x1F; min = 0x80;
        } else if ((b & 0xF0) == 0xE0) {
            extra = 2; c = b & 0x0F; min = 0x800;
        } else if ((b & 0xF8) == 0xF0) {
            extra = 3; c = b & 0x07; min = 0x10000;
        } else {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        bool ok = i + static_cast<std::size_t>(extra) < n;
        std::size_t j = i + 1;
        for (int k = 0; ok && k < extra; ++k, ++j) {
            if ((s[j] & 0xC0) != 0x80)
                ok = false;
            else
                c = (c << 6) | (s[j] & 0x3F);
        }
        if (!ok || c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        out.push_back(c);
        i = j;
    }
    return out;
}

std::string encodeUtf8(char32_t c)
{
    std::string out;
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
    return out;
}

std::string encodeUtf8(const std::u32string& text)
{
    std::string out;
    out.reserve(text.size());
    for (char32_t c : text)
        out += encodeUtf8(c);
    return out;
}

bool isLetter(char32_t c) { return inRanges(letterRanges, c); }
bool isNumber(char32_t c) { return inRanges(numberRanges, c); }
bool isWhiteSpace(char32_t c) { return inRanges(whiteSpaceRanges, c); }
bool isControl(char32_t c) { return inRanges(controlRanges, c); }
bool isSpaceLike(char32_t c) { return inRanges(spaceSeparatorRanges, c); }

bool isCjk(char32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
        || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF)
        || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

std::u32string toLower(const std::u32string& text)
{
    std::u32string out;
    out.reserve(text.size());
    for (char32_t c : text) {
        if (c < 0x80) {
            out.push_back(c >= 'A' && c <= 'Z' ? c + 32 : c);
            continue;
        }
        if (c == 0x130) { // SpecialCasing: LATIN CAPITAL LETTER I WITH DOT ABOVE -> i + COMBINING DOT ABOVE
            out.push_back(0x69);
            out.push_back(0x307);
            continue;
        }
        const auto* it = std::lower_bound(std::begin(lowercaseMappings), std::end(lowercaseMappings), c,
                                          [](const CodePointMapping& m, char32_t v) { return m.from < v; });
        out.push_back(it != std::end(lowercaseMappings) && it->from == c ? it->to : c);
    }
    return out;
}

} // namespace tessera::detail
