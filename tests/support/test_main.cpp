// Test entry point: one LibraryScope for the whole binary, as in main().
#include <gtest/gtest.h>

#include "engine/library_scope.h"

int main(int argc, char** argv) {
  assay::engine::LibraryScope libraries;
  if (!libraries.ok()) {
    fprintf(stderr, "library initialisation failed: %s\n", libraries.error().c_str());
    return 1;
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
