// libFuzzer target: arbitrary bytes opened as a safetensors file. Opening must either throw
// DiffusionError or give tensors whose every byte lies inside the file; the target reads each
// tensor's first and last byte and its element count, as the loaders do.
#include "TempFile.h"

#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/SafetensorsFile.h"

#include <cstddef>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::string path = tessera::fuzz::scratchPath("safetensors", ".safetensors");
    tessera::fuzz::writeFile(path, data, size);
    try {
        const tessera::SafetensorsFile file(path);
        volatile unsigned sum = 0;
        for (const auto& tensor : file.tensors()) {
            (void)tensor.numel();
            (void)tessera::safetensorsDTypeName(tensor.dtype);
            if (tensor.byteSize > 0)
                sum = sum + static_cast<unsigned>(tensor.data[0]) + static_cast<unsigned>(tensor.data[tensor.byteSize - 1]);
            if (!file.contains(tensor.name) || file.tensor(tensor.name).name != tensor.name)
                std::abort();
        }
        for (const auto& [key, value] : file.metadata())
            sum = sum + static_cast<unsigned>(key.size() + value.size());
    } catch (const tessera::DiffusionError&) {
    }
    return 0;
}
