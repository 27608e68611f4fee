// `assay diff`, `assay timeline` and `assay history` as a user runs them on real lists.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>

#include "tests/support/corpus.h"
#include "tests/support/run_assay.h"

namespace assay::service {
namespace {

using ::testing::HasSubstr;

testing::RunResult run_assay(const std::string& args) {
  return testing::run_assay(ASSAY_BINARY, args, testing::Stderr::kMerge);
}

std::string history_file(const std::string& name) {
  return (testing::shared_dir() / "corpus/tl-history" / name).string();
}

TEST(CliTimeline, DiffOfTwoBelgianVersionsIsAGroupedHumanReport) {
  ASSAY_REQUIRE_SHARED();
  auto r = run_assay("diff " + history_file("BE-seq67.xml") + " " + history_file("BE-seq81.xml"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("BE sequence 67 (issued 2023-11-10T13:00:59Z)  ->  BE sequence 81"));
  EXPECT_THAT(r.out, HasSubstr("Summary: 2 TSPs added, 1 removed; 34 services added, 0 removed; 23 status changes"));
  EXPECT_THAT(r.out, HasSubstr("\nServices added (34)\n"));
  EXPECT_THAT(r.out, HasSubstr("\nStatus changes (23)\n"));
  EXPECT_THAT(r.out, HasSubstr("      granted -> withdrawn since 2024-04-13T00:00:42Z\n"));
  EXPECT_THAT(r.out, HasSubstr("tsp name \"CONNECTIVE\" -> \"Nitro Software Belgium\""));
}

TEST(CliTimeline, DiffJsonHasTheDocumentedKeys) {
  ASSAY_REQUIRE_SHARED();
  auto r = run_assay("diff --json " + history_file("FI-seq45.xml") + " " + history_file("FI-seq54.xml"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto doc = boost::json::parse(r.out).as_object();
  for (const char* key : {"added_services", "removed_services", "status_changes", "identity_changes",
                          "qualifier_changes", "tsps_added", "tsps_removed"}) {
    EXPECT_TRUE(doc.contains(key)) << key;
  }
  const auto& changes = doc.at("status_changes").as_array();
  ASSERT_EQ(changes.size(), 5u);
  for (const auto& c : changes) {
    EXPECT_TRUE(c.as_object().contains("since"));
    EXPECT_TRUE(c.as_object().at("service").as_object().contains("id"));
  }
}

TEST(CliTimeline, TimelineMarksTheStateInForceAndWritesSvg) {
  ASSAY_REQUIRE_SHARED();
  const auto svg = std::filesystem::temp_directory_path() / ("assay-timeline-" + std::to_string(::getpid()) + ".svg");
  auto r = run_assay("timeline " + history_file("AT-seq72.xml") + " --service 'TrustSign-Sig-01 (key no. 1)' --at 2017-01-01 --svg " +
                     svg.string());
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("    * 2016-06-30T22:00:00Z .. 2017-10-04T22:00:00Z  granted\n"));
  EXPECT_THAT(r.out, HasSubstr("      2017-10-04T22:00:00Z .. (open)                withdrawn\n"));
  EXPECT_TRUE(std::filesystem::file_size(svg) > 1000);
  std::filesystem::remove(svg);
  EXPECT_EQ(run_assay("timeline " + history_file("AT-seq72.xml") + " --tsp 'no such provider'").exit_code, 1);
}

TEST(CliTimeline, HistoryOrdersTheVersionsOfOneTerritory) {
  ASSAY_REQUIRE_SHARED();
  auto r = run_assay("history --json --territory SE " + history_file("SE-seq62.xml") + " " + history_file("AT-seq72.xml") +
                     " " + history_file("SE-seq49.xml") + " " + history_file("SE-seq53.xml"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto versions = boost::json::parse(r.out).as_object().at("versions").as_array();
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[0].as_object().at("sequence").as_int64(), 49);
  EXPECT_EQ(versions[2].as_object().at("sequence").as_int64(), 62);
  EXPECT_EQ(versions[0].as_object().at("in_force_to"), versions[1].as_object().at("in_force_from"));
  EXPECT_TRUE(versions[2].as_object().at("in_force_to").is_null());
}

}  // namespace
}  // namespace assay::service
