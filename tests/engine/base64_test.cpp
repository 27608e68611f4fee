#include "engine/base64.h"

#include <gtest/gtest.h>

namespace assay::engine {
namespace {

TEST(Base64, RoundTripsEveryTailLength) {
  std::string bytes;
  for (int len = 0; len < 40; ++len) {
    EXPECT_EQ(base64_decode(base64_encode(bytes)), bytes) << len;
    bytes.push_back(static_cast<char>(len * 37 + 1));
  }
}

TEST(Base64, SkipsXmlWhiteSpace) {
  EXPECT_EQ(base64_decode(" TW\nFu\r\n\tTWE=\n "), "ManMa");
  EXPECT_EQ(base64_decode("TQ=="), "M");
  EXPECT_EQ(base64_decode("TWE="), "Ma");
}

TEST(Base64, RejectsGarbageAndBadPadding) {
  for (const char* bad : {"T", "TQ=", "TQ===", "TQ==TQ==", "T@==", "TWFu=", "====", "TQ= =x"}) {
    EXPECT_FALSE(base64_decode(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace assay::engine
