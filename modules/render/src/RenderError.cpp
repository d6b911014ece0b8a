#include "tessera/render/RenderError.h"
