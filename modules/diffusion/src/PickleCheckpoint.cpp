#include "tessera/diffusion/PickleCheckpoint.h"

#include "tessera/diffusion/DiffusionError.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace tessera {

namespace {

constexpr const char* pickleExtensions[] = {".ckpt", ".bin", ".pt", ".pth"};

} // namespace

bool isPickleCheckpointPath(const std::string& path)
{
    auto extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::any_of(std::begin(pickleExtensions), std::end(pickleExtensions),
                       [&](const char* e) { return extension == e; });
}

void refusePickleCheckpoint(const std::string& path)
{
    if (isPickleCheckpointPath(path))
        throw DiffusionError(path, "is a PyTorch pickle checkpoint and is not loaded: unpickling can run arbitrary "
                                   "code hidden in the file. Use the model's .safetensors weights (or convert "
                                   "the checkpoint to safetensors in a sandbox you trust)");
}

void refusePickleCheckpointIn(const std::string& folder, const std::string& stem)
{
    for (const char* extension : pickleExtensions) {
        for (const auto& name : {stem + extension, stem + ".fp16" + extension}) {
            const auto candidate = std::filesystem::path(folder) / name;
            if (std::filesystem::exists(candidate))
                refusePickleCheckpoint(candidate.string());
        }
    }
}

} // namespace tessera
