#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace tessera::test {

//! tests/diffusion/data (the sd-reference subset).
std::filesystem::path dataDir();
//! The source tree's resources/ (laid out as share/tessera: model-families/, clip-vocab/).
std::filesystem::path resourcesDir();
//! A fresh empty directory removed when the object goes out of scope.
class TempDir
{
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

void writeFile(const std::filesystem::path& path, const std::string& bytes);
//! A safetensors file from a header JSON text and a data section, the length prefix in LE.
std::string safetensorsBytes(const std::string& header, const std::string& data);

} // namespace tessera::test
