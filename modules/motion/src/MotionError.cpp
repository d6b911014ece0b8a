#include "tessera/motion/MotionError.h"
