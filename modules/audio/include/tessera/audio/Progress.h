#pragma once

#include <functional>

namespace tessera {

//! Reports how far long work got, as a fraction in [0, 1]; return false to cancel it (the work
//! then throws AudioCancelled). It may be called from worker threads, never two calls at once,
//! so a GUI should forward the value with a queued signal.
using ProgressCallback = std::function<bool(double fraction)>;

} // namespace tessera
