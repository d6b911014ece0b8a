#pragma once

#include <QString>

namespace tessera {

//! What a file to read must be beyond existing: the one check every reader runs before opening a
//! file, so that "no such file", a directory, an unreadable or an empty file read the same
//! wherever a user meets them.
enum class FileCheck {
    Readable,         //!< exists, is not a directory, can be read
    ReadableNonEmpty, //!< and has at least one byte
};

//! Why path cannot be read as `what` (e.g. "an audio file"), or an empty string when it can:
//! "no such file", "is a directory, not an audio file", "cannot read the file (permission
//! denied)", "is an empty file, not an audio file". Callers throw their module's error with it.
QString fileProblem(const QString& path, const QString& what, FileCheck check = FileCheck::Readable);

} // namespace tessera
