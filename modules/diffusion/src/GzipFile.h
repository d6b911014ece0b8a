#pragma once

// Whole-file reading of gzip-compressed text (openai/CLIP ships its BPE merges as .txt.gz).

#include <string>

namespace tessera::detail {

//! The decompressed contents of a gzip file (a plain file is returned as it is, as zlib's
//! gzread does); throws DiffusionError "<path>: <problem>". Stops at `maxBytes` to bound memory.
std::string readGzipFile(const std::string& path, std::size_t maxBytes = 64u << 20);

} // namespace tessera::detail
