#pragma once

#include <QByteArray>
#include <QString>

namespace tessera {

//! The SHA-256 of a file's bytes as 64 lowercase hex digits, read in a stream (constant memory).
//! The catalog keys cached analyses by it and re-links moved files with it. Throws AudioError.
QString audioContentHash(const QString& path);

} // namespace tessera
