#pragma once

// Code point classes and case mapping for the CLIP tokenizer. Hand-written on purpose: the engine
// core builds with the C++ standard library only (no ICU on the GPU machines), std::regex has no
// \p{L}/\p{N}, and the <cctype>/<cwctype> classes depend on the process locale. The tables come
// from unicode-data via tools/gen_unicode_tables.py.

#include <string>

namespace tessera::detail {

//! UTF-8 to code points; invalid sequences become U+FFFD (which the tokenizer then drops).
std::u32string decodeUtf8(const std::string& text);
std::string encodeUtf8(const std::u32string& text);
std::string encodeUtf8(char32_t c);

bool isLetter(char32_t c);       //!< \p{L}
bool isNumber(char32_t c);       //!< \p{N}
bool isWhiteSpace(char32_t c);   //!< White_Space (regex \s, str.split())
bool isControl(char32_t c);      //!< category C* except \t \n \r (BERT BasicTokenizer)
bool isSpaceLike(char32_t c);    //!< space, \t \n \r or category Zs (BERT BasicTokenizer)
bool isCjk(char32_t c);          //!< the CJK ideograph blocks BasicTokenizer pads with spaces
//! Python's str.lower() (simple mappings plus the one unconditional special case, U+0130).
std::u32string toLower(const std::u32string& text);

} // namespace tessera::detail
