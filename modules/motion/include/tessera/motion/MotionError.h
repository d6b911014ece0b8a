#pragma once

#include "tessera/core/Error.h"

namespace tessera {

//! A flow that cannot be read or estimated. what() reads "<file>: <problem>".
class MotionError : public Error
{
public:
    using Error::Error;
};

} // namespace tessera
