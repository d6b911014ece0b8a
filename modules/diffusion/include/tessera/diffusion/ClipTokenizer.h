#pragma once

#include <memory>
#include <string>
#include <vector>

namespace tessera {

//! CLIP's byte-level BPE tokenizer, as transformers' (slow) CLIPTokenizer without ftfy:
//! BasicTokenizer clean-up (control characters dropped, CJK characters spaced, lower case), the
//! CLIP pre-tokenizer pattern (digits one by one), BPE with </w> word ends, added/special tokens
//! from tokenizer_config.json matched verbatim, and a 77-token context [bos ... eos pad...].
//! Not done: NFC normalisation (inputs are expected in NFC, as typed text nearly always is).
class ClipTokenizer
{
public:
    //! Reads vocab.json, merges.txt and (when present) tokenizer_config.json from a tokenizer/ folder.
    static ClipTokenizer fromFolder(const std::string& folder);
    //! From openai/CLIP's merges file alone (bpe_simple_vocab_16e6.txt[.gz], as shipped in
    //! resources/clip-vocab): the vocabulary is built as CLIP's simple_tokenizer.py builds it
    //! (256 byte characters, their </w> forms, the first 48,894 merges, start and end tokens).
    //! configJson: an optional tokenizer_config.json text (SD 2.x pads with "!").
    static ClipTokenizer fromClipMergesFile(const std::string& path, const std::string& configJson = {});
    //! The same from the merges text; `source` names errors.
    static ClipTokenizer fromClipMerges(const std::string& merges, const std::string& source,
                                        const std::string& configJson = {});
    //! From the files' contents; configJson may be empty (CLIP's defaults). `source` names errors.
    ClipTokenizer(const std::string& vocabJson, const std::string& merges, const std::string& configJson,
                  const std::string& source);
    ~ClipTokenizer();
    ClipTokenizer(ClipTokenizer&&) noexcept;
    ClipTokenizer& operator=(ClipTokenizer&&) noexcept;

    //! The BPE tokens of a text, without start/end tokens ("a</w>", "fox</w>", ...).
    std::vector<std::string> tokens(const std::string& text) const;
    //! The ids of a text, without start/end tokens or truncation.
    std::vector<int> ids(const std::string& text) const;
    //! [bos, ids..., eos] truncated to the context and padded with the pad token to maxLength().
    std::vector<int> encode(const std::string& text) const;
    //! [bos, ids..., eos] without padding or truncation.
    std::vector<int> encodeUnpadded(const std::string& text) const;

    int bosId() const;
    int eosId() const;
    int padId() const;
    int maxLength() const;
    int vocabSize() const;
    //! The token text of an id (empty when unknown).
    std::string token(int id) const;
    //! Appends a token matched verbatim in any text (as transformers' add_tokens, for a
    //! textual-inversion embedding) and returns its id, the next after the vocabulary. Throws
    //! DiffusionError when the text is already a token.
    int addToken(const std::string& token);
    //! Whether the text is one token of the vocabulary (or an added one).
    bool hasToken(const std::string& token) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace tessera
