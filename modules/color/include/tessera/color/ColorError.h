#pragma once

#include "tessera/core/Error.h"

namespace tessera {

//! Any colour-management failure (unreadable or invalid config, unknown display, view or colour
//! space). what() reads "<file>: <problem>", ready for the user.
class ColorError : public Error
{
public:
    using Error::Error;
};

} // namespace tessera
