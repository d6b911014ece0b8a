#include "TestData.h"

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

} // namespace tessera::test
