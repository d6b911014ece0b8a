#pragma once

#include "tessera/core/Error.h"

namespace tessera {

//! A timeline operation that was refused (it would leave segments overlapping, out of order,
//! outside the song or shorter than the minimum) or a timeline that cannot be built. what() is
//! one sentence for the user, e.g. "cannot split segment 3 at 1:02.50: ...". The timeline has
//! no file of its own; the caller prefixes the project's path where one is involved.
class TimelineError : public Error
{
public:
    explicit TimelineError(const QString& problem)
        : Error(QString(), problem)
    {
    }
};

} // namespace tessera
