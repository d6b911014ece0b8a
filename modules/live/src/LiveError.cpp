// Anchors LiveError's type information in this module's library.
#include "tessera/live/LiveError.h"
