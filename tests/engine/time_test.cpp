#include "engine/time.h"

#include <gtest/gtest.h>

namespace assay::engine {
namespace {

TEST(UtcTime, ParsesZuluAndOffsets) {
  auto z = parse_utc_time("2026-08-03T13:16:38Z");
  ASSERT_TRUE(z.has_value());
  EXPECT_EQ(format_utc_time(*z), "2026-08-03T13:16:38Z");
  auto plus = parse_utc_time("2026-08-03T15:16:38+02:00");
  ASSERT_TRUE(plus.has_value());
  EXPECT_EQ(*plus, *z);
  auto frac = parse_utc_time(" 2026-08-03T13:16:38.123Z\n");
  ASSERT_TRUE(frac.has_value());
  EXPECT_EQ(*frac, *z);
}

TEST(UtcTime, NoZoneIsAssumedUtcAndReported) {
  bool assumed = false;
  auto t = parse_utc_time("2016-06-30T22:00:00", &assumed);
  ASSERT_TRUE(t.has_value());
  EXPECT_TRUE(assumed);
  EXPECT_EQ(format_utc_time(*t), "2016-06-30T22:00:00Z");
}

TEST(UtcTime, RejectsImpossibleAndGarbage) {
  for (const char* bad : {"", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "yesterday", "2026-08-03T25:00:00Z",
                          "2026-08-03T13:16:38+2", "2026-08-03T13:16:38Zjunk"}) {
    auto t = parse_utc_time(bad);
    ASSERT_FALSE(t.has_value()) << bad;
    EXPECT_EQ(t.error().code(), Code::kMalformed) << bad;
  }
}

}  // namespace
}  // namespace assay::engine
