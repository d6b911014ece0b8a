// The safetensors reader against hand-made good and bad files: every header check is exercised,
// every bad file is a DiffusionError "<file>: <problem>", never a crash.

#include "TestData.h"

#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/SafetensorsFile.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace tessera;
using namespace tessera::test;

namespace {

std::string floats(std::initializer_list<float> values)
{
    std::string bytes(values.size() * 4, '\0');
    std::memcpy(bytes.data(), values.begin(), bytes.size());
    return bytes;
}

} // namespace

TEST(Safetensors, readsAGoodFileWithMetadataAndSeveralDtypes)
{
    // given a file with an F32 [2,2], an F16 [3] and a BF16 [1] tensor, listed out of offset order
    TempDir dir;
    const auto path = dir.path() / "good.safetensors";
    const std::string header = R"({"b":{"dtype":"F16","shape":[3],"data_offsets":[16,22]},)"
                               R"("__metadata__":{"format":"pt","note":"x"},)"
                               R"("a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},)"
                               R"("c":{"dtype":"BF16","shape":[1],"data_offsets":[22,24]}})";
    std::string data = floats({1.f, 2.f, 3.f, -4.5f});
    data += std::string("\x00\x3c\x00\x40\x00\xc0", 6); // 1, 2, -2 in half precision
    data += std::string("\x80\x3f", 2);                  // 1.0 in bfloat16
    writeFile(path, safetensorsBytes(header, data));

    // when it is opened
    SafetensorsFile file(path.string());

    // then every tensor, its dtype, shape, bytes and the metadata are as written, in offset order
    ASSERT_EQ(file.tensors().size(), 3u);
    EXPECT_EQ(file.tensors()[0].name, "a");
    EXPECT_EQ(file.tensors()[1].name, "b");
    EXPECT_EQ(file.tensors()[2].name, "c");
    const auto& a = file.tensor("a");
    EXPECT_EQ(a.dtype, SafetensorsDType::F32);
    EXPECT_EQ(a.shape, (std::vector<std::int64_t>{2, 2}));
    EXPECT_EQ(a.numel(), 4);
    ASSERT_EQ(a.byteSize, 16u);
    float values[4];
    std::memcpy(values, a.data, 16);
    EXPECT_EQ(values[3], -4.5f);
    EXPECT_EQ(file.tensor("b").dtype, SafetensorsDType::F16);
    EXPECT_EQ(std::memcmp(file.tensor("b").data, "\x00\x3c\x00\x40\x00\xc0", 6), 0);
    EXPECT_EQ(file.tensor("c").dtype, SafetensorsDType::BF16);
    EXPECT_EQ(file.metadata().at("format"), "pt");
    EXPECT_EQ(file.metadata().at("note"), "x");
    EXPECT_TRUE(file.contains("a"));
    EXPECT_FALSE(file.contains("__metadata__"));
}

TEST(Safetensors, acceptsAnEmptyFileAndZeroSizedTensors)
{
    // given a header with no tensors, and one with a [0,3] tensor
    TempDir dir;
    writeFile(dir.path() / "empty.safetensors", safetensorsBytes("{}", ""));
    writeFile(dir.path() / "zero.safetensors",
              safetensorsBytes(R"({"z":{"dtype":"F32","shape":[0,3],"data_offsets":[0,0]}})", ""));

    // when / then
    EXPECT_TRUE(SafetensorsFile((dir.path() / "empty.safetensors").string()).tensors().empty());
    SafetensorsFile zero((dir.path() / "zero.safetensors").string());
    EXPECT_EQ(zero.tensor("z").numel(), 0);
}

TEST(Safetensors, readsTheReferenceModelFiles)
{
    // given the tiny diffusers models written by the reference tool (F32 and F16)
    SafetensorsFile unet((dataDir() / "tiny-sd/unet/diffusion_pytorch_model.safetensors").string());
    SafetensorsFile vae((dataDir() / "tiny-sd/vae/diffusion_pytorch_model.safetensors").string());

    // then the diffusers parameter names and dtypes are there
    const auto& q = unet.tensor("down_blocks.1.attentions.0.transformer_blocks.0.attn1.to_q.weight");
    EXPECT_EQ(q.dtype, SafetensorsDType::F32);
    EXPECT_EQ(q.shape, (std::vector<std::int64_t>{64, 64}));
    EXPECT_EQ(vae.tensor("decoder.conv_in.weight").dtype, SafetensorsDType::F16);
}

struct BadCase
{
    const char* name;
    std::string bytes;
    const char* expected; // a phrase the message must contain
};

class SafetensorsBadFile : public testing::TestWithParam<BadCase>
{
};

TEST_P(SafetensorsBadFile, isAClearErrorNamingTheFile)
{
    // given a malformed file
    TempDir dir;
    const auto path = dir.path() / (std::string(GetParam().name) + ".safetensors");
    writeFile(path, GetParam().bytes);

    // when it is opened, then a DiffusionError names the file and the problem
    try {
        SafetensorsFile file(path.string());
        FAIL() << "opened a bad file: " << GetParam().name;
    } catch (const DiffusionError& e) {
        const std::string message = e.what();
        EXPECT_EQ(message.rfind(path.string() + ": ", 0), 0u) << message;
        EXPECT_NE(message.find(GetParam().expected), std::string::npos) << message;
        EXPECT_EQ(e.path(), path.string());
    }
}

namespace {

std::string lengthOnly(std::uint64_t n)
{
    std::string bytes(8, '\0');
    for (int i = 0; i < 8; ++i)
        bytes[i] = static_cast<char>((n >> (8 * i)) & 0xff);
    return bytes;
}

const std::string eightFloats(32, '\0');

} // namespace

INSTANTIATE_TEST_SUITE_P(
    EveryCheck, SafetensorsBadFile,
    testing::Values(
        BadCase{"empty", "", "too short"},
        BadCase{"short", "\x02\x00\x00", "too short"},
        BadCase{"headerPastEnd", lengthOnly(100) + "{}", "past the end"},
        BadCase{"headerTooLarge", lengthOnly(200'000'000) + "{}", "100 MB"},
        BadCase{"notJson", safetensorsBytes("{\"a\":", ""), "not valid JSON"},
        BadCase{"notObject", safetensorsBytes("[1,2]", ""), "not a JSON object"},
        BadCase{"entryNotObject", safetensorsBytes(R"({"a":5})", ""), "not an object"},
        BadCase{"noDtype", safetensorsBytes(R"({"a":{"shape":[1],"data_offsets":[0,4]}})", eightFloats.substr(0, 4)), "dtype"},
        BadCase{"unknownDtype", safetensorsBytes(R"({"a":{"dtype":"F31","shape":[1],"data_offsets":[0,4]}})", eightFloats.substr(0, 4)), "unknown dtype"},
        BadCase{"noShape", safetensorsBytes(R"({"a":{"dtype":"F32","data_offsets":[0,4]}})", eightFloats.substr(0, 4)), "shape"},
        BadCase{"negativeDim", safetensorsBytes(R"({"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})", eightFloats.substr(0, 4)), "non-negative"},
        BadCase{"fractionalDim", safetensorsBytes(R"({"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}})", eightFloats.substr(0, 4)), "non-negative"},
        BadCase{"hugeShape", safetensorsBytes(R"({"a":{"dtype":"F64","shape":[4294967296,4294967296],"data_offsets":[0,4]}})", eightFloats.substr(0, 4)), "too large"},
        // an element count past int64 before a zero dimension (found with the fuzz target: numel()
        // overflowed although the byte size, 0, was fine)
        BadCase{"elementCountOverflowBeforeZero", safetensorsBytes(R"({"a":{"dtype":"U8","shape":[4294967296,4294967295,0],"data_offsets":[0,0]}})", ""), "too large"},
        BadCase{"noOffsets", safetensorsBytes(R"({"a":{"dtype":"F32","shape":[1]}})", eightFloats.substr(0, 4)), "data_offsets"},
        BadCase{"threeOffsets", safetensorsBytes(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}})", eightFloats.substr(0, 4)), "two non-negative"},
        BadCase{"endBeforeBegin", safetensorsBytes(R"({"a":{"dtype":"F32","shape":[0],"data_offsets":[4,0]}})", eightFloats.substr(0, 4)), "before begin"},
        BadCase{"endPastData", safetensorsBytes(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})", eightFloats.substr(0, 8)), "past the data"},
        BadCase{"sizeMismatch", safetensorsBytes(R"({"a":{"dtype":"F16","shape":[4],"data_offsets":[0,16]}})", eightFloats.substr(0, 16)), "shape x dtype size"},
        BadCase{"overlap", safetensorsBytes(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})", eightFloats.substr(0, 12)), "overlap"},
        BadCase{"gap", safetensorsBytes(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}})", eightFloats.substr(0, 12)), "gap"},
        BadCase{"notFromZero", safetensorsBytes(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", eightFloats.substr(0, 8)), "gap"},
        BadCase{"trailingBytes", safetensorsBytes(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})", eightFloats.substr(0, 8)), "cover 4 of the 8"},
        BadCase{"metadataNotObject", safetensorsBytes(R"({"__metadata__":[1]})", ""), "__metadata__ is not an object"},
        BadCase{"metadataNotString", safetensorsBytes(R"({"__metadata__":{"k":1}})", ""), "not a string"},
        BadCase{"emptyName", safetensorsBytes(R"({"":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})", eightFloats.substr(0, 4)), "empty name"}),
    [](const testing::TestParamInfo<BadCase>& param) { return std::string(param.param.name); });

TEST(Safetensors, missingFileAndMissingTensorAreErrors)
{
    // given a path that does not exist, and a good file
    TempDir dir;
    const auto missing = (dir.path() / "absent.safetensors").string();
    writeFile(dir.path() / "one.safetensors",
              safetensorsBytes(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})", std::string(4, '\0')));
    SafetensorsFile one((dir.path() / "one.safetensors").string());

    // when / then
    EXPECT_THROW(SafetensorsFile{missing}, DiffusionError);
    try {
        one.tensor("b");
        FAIL();
    } catch (const DiffusionError& e) {
        EXPECT_NE(std::string(e.what()).find("no tensor named 'b'"), std::string::npos);
    }
    EXPECT_THROW(SafetensorsFile{dir.path().string()}, DiffusionError); // a directory
}
