#pragma once

#include "tessera/core/Error.h"

namespace tessera {

//! Any failure to export a video: bad settings, an unwritable folder, a full disk, an unreadable
//! song. what() reads "<file>: <problem>", naming the output (or the song when the song is at fault).
class ExportError : public Error
{
public:
    using Error::Error;
};

//! Thrown when the progress callback asked the export to stop; what() reads "<file>: cancelled".
//! Nothing is left at the output path (an existing file there is untouched).
class ExportCancelled : public ExportError
{
public:
    explicit ExportCancelled(const QString& path);
};

} // namespace tessera
