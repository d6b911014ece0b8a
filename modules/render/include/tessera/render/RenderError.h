#pragma once

#include "tessera/core/Error.h"

namespace tessera {

//! A frame that cannot be composed (an unreadable cell image, a colour transform that fails).
//! what() reads "<file>: <problem>".
class RenderError : public Error
{
public:
    using Error::Error;
};

} // namespace tessera
