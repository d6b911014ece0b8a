#include "TestData.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include <fstream>
#include <random>
#include <stdexcept>

namespace tessera::test {

std::filesystem::path dataDir() { return TESSERA_DIFFUSION_TESTDATA; }
std::filesystem::path resourcesDir() { return TESSERA_RESOURCES_DIR; }

TempDir::TempDir()
{
    std::random_device device;
    const auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = base / ("tst_diffusion-" + std::to_string(device()));
        if (std::filesystem::create_directory(candidate)) {
            m_path = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir()
{
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

void writeFile(const std::filesystem::path& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out)
        throw std::runtime_error("cannot write " + path.string());
}

std::string safetensorsBytes(const std::string& header, const std::string& data)
{
    std::string bytes(8, '\0');
    auto n = static_cast<std::uint64_t>(header.size());
    for (int i = 0; i < 8; ++i)
        bytes[i] = static_cast<char>((n >> (8 * i)) & 0xff);
    return bytes + header + data;
}

GenerationRequest foxRequest(double guidance, const std::string& negativePrompt)
{
    GenerationRequest request;
    request.prompt = "a red fox in the snow";
    request.negativePrompt = negativePrompt;
    request.guidance = guidance;
    request.steps = 4;
    request.width = 64;
    request.height = 64;
    request.seed = 0;
    request.keepFloat = true;
    return request;
}

double maxAbsDiff(const std::vector<float>& a, const std::vector<float>& b)
{
    EXPECT_EQ(a.size(), b.size());
    double diff = 0;
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        diff = std::max(diff, static_cast<double>(std::abs(a[i] - b[i])));
    return diff;
}

} // namespace tessera::test
