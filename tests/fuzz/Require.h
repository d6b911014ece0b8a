#pragma once

// FUZZ_REQUIRE(condition): a rule what a parser hands out must keep. A broken one is a finding like
// a crash: the target prints the rule and aborts, so libFuzzer saves the input.

#include <cstdio>
#include <cstdlib>

#define FUZZ_REQUIRE(condition)                                                                   \
    do {                                                                                          \
        if (!(condition)) {                                                                       \
            std::fprintf(stderr, "%s:%d: broken rule: %s\n", __FILE__, __LINE__, #condition);     \
            std::abort();                                                                         \
        }                                                                                         \
    } while (false)
