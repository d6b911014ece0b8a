#pragma once

#include "tessera/core/Error.h"

namespace tessera {

//! Any failure to plan or run a generation: no back-end plugin, a model that does not load, an
//! axis set-up that cannot be generated. what() reads "<file>: <problem>", ready for the user.
class GenerationError : public Error
{
public:
    using Error::Error;
};

//! Thrown by a back-end (and the grid job) when a generation stops because it was cancelled.
class GeneratorCancelled : public GenerationError
{
public:
    GeneratorCancelled()
        : GenerationError({}, QStringLiteral("generation cancelled"))
    {
    }
};

} // namespace tessera
