#pragma once

// For fuzz targets whose parser reads a path (SafetensorsFile maps the file, Catalog opens it with
// SQLite): one scratch file per process, rewritten with each input. In /dev/shm when there is one,
// so the fuzzer measures the parser rather than the disk.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <unistd.h>

namespace tessera::fuzz {

inline std::string scratchDirectory()
{
    if (access("/dev/shm", W_OK) == 0)
        return "/dev/shm";
    const char* tmp = std::getenv("TMPDIR");
    return tmp && *tmp ? tmp : "/tmp";
}

//! "<dir>/tessera-fuzz-<name>-<pid><suffix>", the same for the life of the process.
inline std::string scratchPath(const char* name, const char* suffix)
{
    return scratchDirectory() + "/tessera-fuzz-" + name + "-" + std::to_string(getpid()) + suffix;
}

//! Replaces the file's content with the bytes; aborts when it cannot (a broken harness, not a finding).
inline void writeFile(const std::string& path, const std::uint8_t* data, std::size_t size)
{
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (!file || (size > 0 && std::fwrite(data, 1, size, file) != size) || std::fclose(file) != 0) {
        std::perror(path.c_str());
        std::abort();
    }
}

} // namespace tessera::fuzz
