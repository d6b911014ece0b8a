#pragma once

#include "tessera/core/Error.h"

namespace tessera {

//! A lyrics file that cannot be read or written at all (missing, wrong encoding, nothing
//! usable in it). Malformed lines are not errors: they are LyricsWarnings on the document.
class LyricsError : public Error
{
public:
    using Error::Error;
};

} // namespace tessera
