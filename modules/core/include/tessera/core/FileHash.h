#pragma once

#include <QString>
#include <optional>

namespace tessera {

//! The SHA-256 of a file's contents as lowercase hex, read in chunks so big songs are fine.
//! Keys the analysis cache and finds moved media. std::nullopt (with *error set) when the file
//! cannot be read.
std::optional<QString> sha256OfFile(const QString& path, QString* error = nullptr);

} // namespace tessera
