// Locating the shared real-data folder (`../shared` beside the checkout, or $ASSAY_CORPUS).
//
// Tests that need it call ASSAY_REQUIRE_SHARED(); it skips with a clear message when the folder
// is absent, except under ASSAY_REQUIRE_CORPUS=1, where a missing corpus is a failure.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace assay::testing {

// The shared folder (holding corpus/ and conformance/), or empty when it is not there.
std::filesystem::path shared_dir();
// Why the shared folder was not found (which paths were tried).
std::string shared_missing_reason();
bool corpus_required();
// Reads a whole file (test helper: fails the test on error).
std::string read_bytes(const std::filesystem::path& path);

}  // namespace assay::testing

#define ASSAY_REQUIRE_SHARED()                                                                 \
  do {                                                                                         \
    if (::assay::testing::shared_dir().empty()) {                                              \
      if (::assay::testing::corpus_required()) {                                               \
        FAIL() << "ASSAY_REQUIRE_CORPUS=1 but " << ::assay::testing::shared_missing_reason();  \
      }                                                                                        \
      GTEST_SKIP() << "real-data test skipped: " << ::assay::testing::shared_missing_reason(); \
    }                                                                                          \
  } while (false)
