#pragma once

#include "tessera/diffusion/DiffusionPipeline.h"

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

//! The reference README's txt2img arguments ("a red fox in the snow", 4 steps, 64x64, seed 0),
//! keeping the float image for exact comparison.
GenerationRequest foxRequest(double guidance = 7.5, const std::string& negativePrompt = {});
//! The largest absolute difference of two float images (a size mismatch fails the test).
double maxAbsDiff(const std::vector<float>& a, const std::vector<float>& b);

} // namespace tessera::test
