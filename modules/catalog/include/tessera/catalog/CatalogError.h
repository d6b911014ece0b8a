#pragma once

#include "tessera/core/Error.h"

namespace tessera {

//! Any failure to read or write a catalog. what() reads "<file>: <problem>", ready for the user.
class CatalogError : public Error
{
public:
    using Error::Error;
};

} // namespace tessera
