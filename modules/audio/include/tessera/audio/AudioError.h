#pragma once

#include "tessera/core/Error.h"

namespace tessera {

//! Any failure to read, decode or analyse audio. what() reads "<file>: <problem>", ready for the user.
class AudioError : public Error
{
public:
    using Error::Error;
};

//! Thrown when a progress callback asked long work to stop; what() reads "<file>: cancelled".
class AudioCancelled : public AudioError
{
public:
    explicit AudioCancelled(const QString& path);
};

} // namespace tessera
