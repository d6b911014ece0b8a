#include "GzipFile.h"

#include "tessera/diffusion/DiffusionError.h"

#include <zlib.h>

#include <memory>

namespace tessera::detail {

std::string readGzipFile(const std::string& path, std::size_t maxBytes)
{
    const std::unique_ptr<gzFile_s, int (*)(gzFile)> file(gzopen(path.c_str(), "rb"), gzclose);
    if (!file)
        throw DiffusionError(path, "cannot be opened");
    std::string out;
    char buffer[1 << 16];
    for (;;) {
        const int n = gzread(file.get(), buffer, sizeof buffer);
        if (n < 0) {
            int code = 0;
            throw DiffusionError(path, std::string("is not a readable gzip file (") + gzerror(file.get(), &code) + ")");
        }
        if (n == 0)
            break;
        out.append(buffer, static_cast<std::size_t>(n));
        if (out.size() > maxBytes)
            throw DiffusionError(path, "decompresses to more than " + std::to_string(maxBytes) + " bytes");
    }
    return out;
}

} // namespace tessera::detail
