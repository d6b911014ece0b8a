#pragma once

#include <QString>

namespace tessera::internal {

//! "1:23.4" (minutes, seconds, tenths): how error messages say how far decoding got.
QString formatClockTime(double seconds);

} // namespace tessera::internal
