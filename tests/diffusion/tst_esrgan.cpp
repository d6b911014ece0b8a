// The ESRGAN upscaler (UpscalerJS's esrgan-slim, -medium and -thick models, TF.js layers format,
// run in libtorch) against the TF.js runtime's own outputs in data/esrgan (see its README) within
// 1e-4 on the 0..1 scale (to float32 rounding on the 0..255 scale), tiled against
// untiled, and its refusals of broken model folders. The models come from the npm packages run.sh
// installs (TESSERA_ESRGAN_PACKAGES_DIR): without them these tests fail, they do not skip.

#include "TestData.h"

#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/EsrganUpscaler.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <functional>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

using namespace tessera;
using namespace tessera::test;
namespace fs = std::filesystem;

namespace {

// Images are compared as the project compares float images (RgbImage::floatPixels, the diffusion
// references): on the 0..1 scale, the upscaler's 0..255 samples divided by 255.
constexpr double kTolerance = 1e-4;
// On the 0..255 scale TF.js's own float32 rounding alone is about 4e-4 (the engine run in float64
// is as far from it as in float32): a bound this tight shows the two agree to float32 rounding.
constexpr double kTfjsRoundingBound255 = 1e-3;

fs::path modelsDir() { return TESSERA_ESRGAN_MODELS_DIR; }
// the models/ folder of @upscalerjs/esrgan-NAME
fs::path networkModels(const std::string& name) { return EsrganUpscaler::networkModelsDir(TESSERA_ESRGAN_PACKAGES_DIR, name); }

#define ASSERT_MODELS_INSTALLED()                                                                                    \
    for (const std::string& network : EsrganUpscaler::networks())                                                    \
    ASSERT_TRUE(fs::exists(networkModels(network) / "x4" / "model.json"))                                            \
        << "no ESRGAN models in " << networkModels(network) << ": run ./run.sh test (or demo/bench), whose npm "     \
        << "step installs @upscalerjs/esrgan-" << network << " there, or configure with "                            \
        << "-DTESSERA_ESRGAN_PACKAGES_DIR=.../node_modules/@upscalerjs"

std::vector<float> readFloats(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const std::string data = bytes.str();
    std::vector<float> values(data.size() / sizeof(float));
    std::memcpy(values.data(), data.data(), values.size() * sizeof(float));
    return values;
}

// A deterministic image with smooth areas, edges and fine texture everywhere, so that a seam
// anywhere would show.
RgbFloatImage texturedImage(int width, int height)
{
    RgbFloatImage image{width, height, {}};
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < 3; ++c)
                image.pixels.push_back(static_cast<float>(std::round(
                    127.5 + 100.0 * std::sin(0.37 * x * (c + 1) + 0.23 * y) * std::cos(0.11 * x * y / (c + 2.0))
                    + ((x / 5 + y / 7) % 2 ? 20.0 : -20.0))));
    return image;
}

void copyFolder(const fs::path& from, const fs::path& to)
{
    fs::create_directories(to);
    for (const auto& entry : fs::directory_iterator(from))
        fs::copy_file(entry.path(), to / entry.path().filename());
}

std::string errorOf(const fs::path& model)
{
    try {
        EsrganUpscaler upscaler(model);
    } catch (const DiffusionError& e) {
        return e.what();
    }
    return "(no error)";
}

nlohmann::json readJson(const fs::path& path)
{
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

//! Writes the model with one layer changed into `folder` and gives the error loading it makes.
std::string errorWithLayerEdited(const fs::path& folder, const nlohmann::json& original, const std::string& layerName,
    const std::function<void(nlohmann::json& layer)>& change)
{
    nlohmann::json model = original;
    for (auto& layer : model["modelTopology"]["model_config"]["config"]["layers"])
        if (layer["name"] == layerName)
            change(layer);
    writeFile(folder / "model.json", model.dump());
    return errorOf(folder);
}

} // namespace

TEST(Esrgan, matchesTfjsOnEveryReferenceImage)
{
    ASSERT_MODELS_INSTALLED();
    // given the reference cases TF.js computed (x2, x3, x4, x8; synthetic images and photo crops;
    // esrgan-medium, esrgan-thick with its custom layers and 0..1 range, esrgan-slim)
    const fs::path dir = dataDir() / "esrgan";
    std::ifstream manifestFile(dir / "cases.json");
    const nlohmann::json manifest = nlohmann::json::parse(manifestFile);
    ASSERT_GE(manifest["cases"].size(), 12u);
    std::map<std::string, int> casesOf;
    double worst = 0.0;
    for (const auto& c : manifest["cases"]) {
        const int scale = c["scale"];
        const std::string package = c["package"];
        ++casesOf[package];
        SCOPED_TRACE(c["output"].get<std::string>());
        // when our libtorch port of that model upscales the same input
        ASSERT_EQ(package.rfind("esrgan-", 0), 0u) << package;
        const EsrganUpscaler upscaler(EsrganUpscaler::modelFolder(networkModels(package.substr(7)), scale));
        ASSERT_EQ(upscaler.scale(), scale);
        // (UpscalerJS's range for the model, which the engine infers from its layers)
        EXPECT_EQ(upscaler.networkRange(), c["range"].get<float>());
        RgbFloatImage input{c["width"], c["height"], readFloats(dir / c["input"].get<std::string>())};
        ASSERT_EQ(input.pixels.size(), static_cast<std::size_t>(input.width * input.height * 3));
        const RgbFloatImage output = upscaler.upscale(input);
        // then it is the TF.js runtime's output, to 1e-4 on the 0..1 scale and to float32 rounding on 0..255
        EXPECT_EQ(output.width, input.width * scale);
        EXPECT_EQ(output.height, input.height * scale);
        const std::vector<float> expected = readFloats(dir / c["output"].get<std::string>());
        const double diff = maxAbsDiff(output.pixels, expected);
        std::cout << "[ esrgan   ] " << c["output"].get<std::string>() << ": max abs difference from TF.js "
                  << diff / 255.0 << " on 0..1 (" << diff << " on 0..255)" << std::endl;
        EXPECT_LE(diff / 255.0, kTolerance);
        EXPECT_LE(diff, kTfjsRoundingBound255);
        worst = std::max(worst, diff);
    }
    // (every network is covered, the thick one at every scale: each has its own PixelShuffle<N>x)
    EXPECT_GE(casesOf["esrgan-medium"], 6);
    EXPECT_GE(casesOf["esrgan-thick"], 4);
    EXPECT_GE(casesOf["esrgan-slim"], 1);
    std::cout << "[ esrgan   ] largest max abs difference from TF.js over all cases: " << worst / 255.0
              << " on 0..1 (" << worst << " on 0..255)" << std::endl;
}

TEST(Esrgan, tiledEqualsUntiledAndOverlapIsWhatHidesTheSeams)
{
    ASSERT_MODELS_INSTALLED();
    // given the x4 model and a textured 44x38 image
    const EsrganUpscaler upscaler(EsrganUpscaler::modelFolder(modelsDir(), 4));
    const RgbFloatImage input = texturedImage(44, 38);
    UpscaleOptions whole;
    whole.tileSize = 1000;
    const RgbFloatImage untiled = upscaler.upscale(input, whole);
    // when it is upscaled in 16 px tiles (3x3 tiles, the last ones partial) with the default overlap
    UpscaleOptions tiles;
    tiles.tileSize = 16;
    const RgbFloatImage tiled = upscaler.upscale(input, tiles);
    // then the result is the untiled one
    ASSERT_EQ(tiled.width, 176);
    ASSERT_EQ(tiled.height, 152);
    const double diff = maxAbsDiff(tiled.pixels, untiled.pixels);
    std::cout << "[ esrgan   ] tiled (16 px tiles, overlap " << upscaler.receptiveRadius()
              << ") vs untiled: max abs difference " << diff / 255.0 << " on 0..1 (" << diff << " on 0..255)" << std::endl;
    EXPECT_LE(diff / 255.0, kTolerance);
    EXPECT_LE(diff, kTfjsRoundingBound255);
    // and without overlap the tile edges do show (so the comparison above can tell)
    tiles.tileOverlap = 0;
    EXPECT_GT(maxAbsDiff(upscaler.upscale(input, tiles).pixels, untiled.pixels) / 255.0, 100 * kTolerance);
}

TEST(Esrgan, truncatedOrMissingShardIsAnErrorNamingIt)
{
    ASSERT_MODELS_INSTALLED();
    // given a copy of the x2 model whose shard lost its last float
    TempDir dir;
    copyFolder(EsrganUpscaler::modelFolder(modelsDir(), 2), dir.path());
    const fs::path shard = dir.path() / "group1-shard1of1.bin";
    ASSERT_TRUE(fs::exists(shard));
    fs::resize_file(shard, fs::file_size(shard) - 4);
    // then loading it names the shard and says it is truncated
    std::string message = errorOf(dir.path());
    EXPECT_NE(message.find(shard.string()), std::string::npos) << message;
    EXPECT_NE(message.find("truncated"), std::string::npos) << message;
    // and a missing shard is named too
    fs::remove(shard);
    message = errorOf(dir.path());
    EXPECT_NE(message.find(shard.string()), std::string::npos) << message;
    // and so is a missing model.json
    fs::remove(dir.path() / "model.json");
    message = errorOf(dir.path());
    EXPECT_NE(message.find((dir.path() / "model.json").string()), std::string::npos) << message;
}

TEST(Esrgan, unknownLayerOrSettingIsAnErrorNamingTheFileAndTheLayer)
{
    ASSERT_MODELS_INSTALLED();
    TempDir dir;
    copyFolder(EsrganUpscaler::modelFolder(modelsDir(), 2), dir.path());
    const fs::path modelJson = dir.path() / "model.json";
    const nlohmann::json original = readJson(modelJson);
    auto edited = [&](const std::function<void(nlohmann::json& layer)>& change, const std::string& layerName) {
        return errorWithLayerEdited(dir.path(), original, layerName, change);
    };
    // given the model with one ReLU activation turned into a layer type the engine does not have
    std::string message = edited([](nlohmann::json& layer) { layer["class_name"] = "LeakyReLU"; }, "UPN1_Relu");
    // then the error names model.json, the layer and its type
    EXPECT_NE(message.find(modelJson.string()), std::string::npos) << message;
    EXPECT_NE(message.find("'UPN1_Relu'"), std::string::npos) << message;
    EXPECT_NE(message.find("LeakyReLU"), std::string::npos) << message;
    // and so does a known layer with a setting it would run wrongly (bilinear upsampling, strides)
    message = edited([](nlohmann::json& layer) { layer["config"]["interpolation"] = "bilinear"; }, "UPsample");
    EXPECT_NE(message.find(modelJson.string()), std::string::npos) << message;
    EXPECT_NE(message.find("'UPsample'"), std::string::npos) << message;
    EXPECT_NE(message.find("bilinear"), std::string::npos) << message;
    message = edited([](nlohmann::json& layer) { layer["config"]["strides"] = {2, 2}; }, "F_0");
    EXPECT_NE(message.find("'F_0'"), std::string::npos) << message;
    EXPECT_NE(message.find("strides"), std::string::npos) << message;
    // and a model.json that is not JSON
    writeFile(modelJson, "{\"modelTopology\": ");
    message = errorOf(dir.path());
    EXPECT_NE(message.find(modelJson.string()), std::string::npos) << message;
}

TEST(Esrgan, rrdnLayerSettingsUpscalerJsDoesNotRunAreRefused)
{
    ASSERT_MODELS_INSTALLED();
    // given a copy of esrgan-thick's x2 model (MultiplyBeta, PixelShuffle2x)
    TempDir dir;
    copyFolder(EsrganUpscaler::modelFolder(networkModels("thick"), 2), dir.path());
    const fs::path modelJson = dir.path() / "model.json";
    const nlohmann::json original = readJson(modelJson);
    auto edited = [&](const std::function<void(nlohmann::json& layer)>& change, const std::string& layerName) {
        return errorWithLayerEdited(dir.path(), original, layerName, change);
    };
    // as shipped it loads, as a 0..1 network of scale 2
    writeFile(modelJson, original.dump());
    const EsrganUpscaler upscaler(dir.path());
    EXPECT_EQ(upscaler.scale(), 2);
    EXPECT_EQ(upscaler.networkRange(), 1.0F);
    // a beta other than the 0.2 UpscalerJS multiplies by whatever the config says is refused, naming the layer
    std::string message = edited([](nlohmann::json& layer) { layer["config"]["beta"] = 0.5; }, "multiply_beta");
    EXPECT_NE(message.find(modelJson.string()), std::string::npos) << message;
    EXPECT_NE(message.find("'multiply_beta'"), std::string::npos) << message;
    EXPECT_NE(message.find("0.5"), std::string::npos) << message;
    // and so is a pixel shuffle whose config scale is not its class name's
    message = edited([](nlohmann::json& layer) { layer["config"]["scale"] = 3; }, "pixel_shuffle");
    EXPECT_NE(message.find("'pixel_shuffle'"), std::string::npos) << message;
    EXPECT_NE(message.find("PixelShuffle2x"), std::string::npos) << message;
}
