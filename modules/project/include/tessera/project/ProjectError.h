#pragma once

#include "tessera/core/Error.h"

namespace tessera {

//! A project-level failure (a song that cannot be found, lyrics that would replace curated
//! cells). what() reads "<file>: <problem>", like every Tessera error.
class ProjectError : public Error
{
public:
    using Error::Error;
};

} // namespace tessera
