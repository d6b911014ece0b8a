// The CLIP tokenizer against transformers' CLIPTokenizer outputs (reference/tokenizer.json: 40
// strings with punctuation, digits, accents, CJK, emoji, HTML entities, special tokens, truncation).

#include "TestData.h"

#include "tessera/diffusion/ClipTokenizer.h"
#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/ModelConfig.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

using namespace tessera;
using namespace tessera::test;

namespace {

nlohmann::json referenceCases()
{
    return nlohmann::json::parse(readTextFile((dataDir() / "reference/tokenizer.json").string()))["cases"];
}

} // namespace

TEST(Tokenizer, matchesTransformersOnEveryReferenceString)
{
    // given both tiny tokenizers (SD 1.x pads with <|endoftext|>, SD 2.x with "!")
    const auto sd = ClipTokenizer::fromFolder((dataDir() / "tiny-sd/tokenizer").string());
    const auto sd2 = ClipTokenizer::fromFolder((dataDir() / "tiny-sd2/tokenizer").string());
    EXPECT_EQ(sd.bosId(), 998);
    EXPECT_EQ(sd.eosId(), 999);
    EXPECT_EQ(sd.padId(), 999);
    EXPECT_EQ(sd2.padId(), 0);
    EXPECT_EQ(sd.maxLength(), 77);

    const auto cases = referenceCases();
    ASSERT_EQ(cases.size(), 40u);
    for (const auto& c : cases) {
        const auto text = c["text"].get<std::string>();
        // when tokenized
        auto tokens = sd.tokens(text);
        tokens.insert(tokens.begin(), "<|startoftext|>");
        tokens.push_back("<|endoftext|>");
        // then tokens, ids, and the padded/truncated context match exactly
        EXPECT_EQ(tokens, c["tokens_unpadded"].get<std::vector<std::string>>()) << text;
        EXPECT_EQ(sd.encodeUnpadded(text), c["ids_unpadded"].get<std::vector<int>>()) << text;
        EXPECT_EQ(sd.encode(text), c["input_ids_sd1"].get<std::vector<int>>()) << text;
        EXPECT_EQ(sd2.encode(text), c["input_ids_sd2"].get<std::vector<int>>()) << text;
    }
}

TEST(Tokenizer, handMadeVocabularyMergesAndSplitsDigits)
{
    // given a vocabulary with the merges "a b" then "ab c</w>"
    const std::string vocab = R"({"a":0,"b":1,"c":2,"ab":3,"abc</w>":4,"1</w>":5,"2</w>":6,"c</w>":7,)"
                              R"("<|startoftext|>":8,"<|endoftext|>":9,"!</w>":10})";
    const std::string merges = "#version: 0.2\na b\nab c</w>\n";
    ClipTokenizer tokenizer(vocab, merges, "", "hand");

    // when / then: merges apply by rank, digits are single tokens, unknown tokens map to unk (eos)
    EXPECT_EQ(tokenizer.ids("ABC 12 c!"), (std::vector<int>{4, 5, 6, 7, 10}));
    EXPECT_EQ(tokenizer.ids("abd"), (std::vector<int>{3, 9}));
    EXPECT_EQ(tokenizer.encode("abc").size(), 77u);
    EXPECT_EQ(tokenizer.encode("abc")[2], 9);
    EXPECT_EQ(tokenizer.token(4), "abc</w>");
}

TEST(Tokenizer, badFilesAreClearErrors)
{
    EXPECT_THROW(ClipTokenizer("[1]", "#v\n", "", "t"), DiffusionError);
    EXPECT_THROW(ClipTokenizer(R"({"a":-1})", "#v\n", "", "t"), DiffusionError);
    EXPECT_THROW(ClipTokenizer(R"({"a":0,"<|startoftext|>":1,"<|endoftext|>":2})", "#v\nbad\n", "", "t"),
                 DiffusionError);
    try {
        ClipTokenizer(R"({"a":0})", "#v\n", "", "tok");
        FAIL();
    } catch (const DiffusionError& e) {
        EXPECT_NE(std::string(e.what()).find("tok: bos token '<|startoftext|>' is not in the vocabulary"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_THROW(ClipTokenizer::fromFolder("/nonexistent"), DiffusionError);
}

TEST(Tokenizer, realClipVocabularyMatchesTransformersOnFiftyStrings)
{
    // given the shipped openai/CLIP merges file (resources/clip-vocab)
    const auto clip = ClipTokenizer::fromClipMergesFile(TESSERA_CLIP_VOCAB_DIR "/bpe_simple_vocab_16e6.txt.gz");
    const auto reference = nlohmann::json::parse(
        readTextFile((dataDir() / "clip-vocab/tokenizer_clip_vit_l14.json").string()));
    EXPECT_EQ(clip.vocabSize(), 49408);
    EXPECT_EQ(clip.bosId(), 49406);
    EXPECT_EQ(clip.eosId(), 49407);
    EXPECT_EQ(clip.padId(), 49407);
    EXPECT_EQ(clip.encodeUnpadded("a photo of a cat"), (std::vector<int>{49406, 320, 1125, 539, 320, 2368, 49407}));

    // when each reference string is tokenized, then the ids match transformers' exactly
    const auto& cases = reference["cases"];
    ASSERT_EQ(cases.size(), 50u);
    for (const auto& c : cases) {
        const auto text = c["text"].get<std::string>();
        EXPECT_EQ(clip.encodeUnpadded(text), c["ids_unpadded"].get<std::vector<int>>()) << text;
        EXPECT_EQ(clip.encode(text), c["input_ids_sd1"].get<std::vector<int>>()) << text;
    }
}

TEST(Tokenizer, clipMergesFileErrorsNameTheFile)
{
    TempDir dir;
    const auto bad = dir.path() / "merges.txt";
    writeFile(bad, "#version: 0.2\ni n\nnot a pair here\n");
    try {
        (void)ClipTokenizer::fromClipMergesFile(bad.string());
        FAIL() << "a bad merges line was accepted";
    } catch (const DiffusionError& e) {
        EXPECT_NE(std::string(e.what()).find(bad.string() + ": line 3"), std::string::npos) << e.what();
    }
    EXPECT_THROW((void)ClipTokenizer::fromClipMergesFile((dir.path() / "missing.txt.gz").string()), DiffusionError);
}
