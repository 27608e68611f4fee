// CHECK aborts on programmer errors (broken invariants), never on bad input.
#pragma once

#include <cstdio>
#include <cstdlib>

#define ASSAY_CHECK(cond)                                                                   \
  do {                                                                                      \
    if (!(cond)) {                                                                          \
      std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);         \
      std::abort();                                                                         \
    }                                                                                       \
  } while (false)
