#pragma once

#include <QString>

namespace tessera {

//! A SHA-256 identity of a model folder's files (relative paths, sizes and contents; for files
//! over 16 MiB the first and last 4 MiB), as lowercase hex; a single-file checkpoint counts as a
//! folder holding it. Throws GenerationError when a file cannot be read.
QString modelFolderHash(const QString& folder);

} // namespace tessera
