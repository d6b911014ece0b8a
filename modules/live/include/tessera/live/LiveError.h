#pragma once

#include "tessera/core/Error.h"

namespace tessera {

//! A live show's input that cannot be used: an audio device, an OSC port, a MIDI system.
//! what() reads "<device or port>: <problem>".
class LiveError : public Error
{
public:
    using Error::Error;
};

} // namespace tessera
