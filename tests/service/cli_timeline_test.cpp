// `assay diff`, `assay timeline` and `assay history` as a user runs them on real lists.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>

#include <unistd.h>

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

// From the store, only what assay authenticated: in the 2026 set HR is signed by a key its LOTL
// pointer does not announce, so it has no history, no timeline and no diff; AT's list is read as
// it was in force at --as-of.
TEST(CliTimeline, StoreModesUseOnlyAuthenticatedVersions) {
  ASSAY_REQUIRE_SHARED();
  namespace fs = std::filesystem;
  const auto store = fs::temp_directory_path() / ("assay-cli-timeline-store-" + std::to_string(::getpid()));
  fs::remove_all(store);
  const auto corpus = testing::shared_dir() / "corpus";
  auto refresh = run_assay("refresh --mirror " + (corpus / "eu-2026-08/urls.tsv").string() + " --oj " +
                           (corpus / "oj-2019").string() + " --trust-time 2026-08-21T00:00:00Z --store " + store.string());
  ASSERT_EQ(refresh.exit_code, 0) << refresh.out;
  const std::string s = " --store " + store.string();

  auto at = run_assay("timeline --territory AT --tsp A-Trust" + s);
  EXPECT_EQ(at.exit_code, 0) << at.out;
  EXPECT_THAT(at.out, HasSubstr("AT  sequence 72, issued 2026-03-11T15:17:42Z"));
  auto all = run_assay("timeline --json" + s);
  ASSERT_EQ(all.exit_code, 0) << all.out;
  EXPECT_EQ(boost::json::parse(all.out).as_array().size(), 28u) << "every list in force, HR not among them";
  auto then = run_assay("timeline --territory AT --as-of 2026-04-01" + s);
  EXPECT_EQ(then.exit_code, 0);
  EXPECT_THAT(then.out, HasSubstr("AT  sequence 72"));
  auto before = run_assay("timeline --territory AT --as-of 2020-01-01" + s);
  EXPECT_EQ(before.exit_code, 1);
  EXPECT_THAT(before.out, HasSubstr("no version in force at 2020-01-01T00:00:00Z"));

  auto hr = run_assay("timeline --territory HR" + s);
  EXPECT_EQ(hr.exit_code, 1);
  EXPECT_THAT(hr.out, HasSubstr("no list of HR in force"));
  auto history = run_assay("history --json --territory HR" + s);
  EXPECT_EQ(history.exit_code, 1);
  const auto h = boost::json::parse(history.out).as_object();
  EXPECT_TRUE(h.at("versions").as_array().empty());
  ASSERT_EQ(h.at("findings").as_array().size(), 1u);
  EXPECT_EQ(h.at("findings").at(0).at("id"), "tsl.history.unauthenticated_version");
  EXPECT_THAT(std::string(h.at("findings").at(0).at("message").as_string()), HasSubstr("signer_not_trusted"));
  auto diff = run_assay("diff HR@52 HR@52" + s);
  EXPECT_EQ(diff.exit_code, 2);
  EXPECT_THAT(diff.out, HasSubstr("HR@52"));
  EXPECT_THAT(diff.out, HasSubstr("rejected by authentication (signer_not_trusted)"));
  EXPECT_EQ(run_assay("diff AT@72 AT@72" + s).exit_code, 0);
  // A sequence past 2^64 is refused by name, not wrapped into another sequence number.
  auto huge = run_assay("diff AT@99999999999999999999 AT@72" + s);
  EXPECT_EQ(huge.exit_code, 2);
  EXPECT_THAT(huge.out, HasSubstr("AT@99999999999999999999"));

  EXPECT_EQ(run_assay("history --territory AT " + history_file("AT-seq72.xml") + s).exit_code, 2) << "files or store";
  EXPECT_EQ(run_assay("timeline --as-of 2026-01-01 " + history_file("AT-seq72.xml")).exit_code, 2);
  fs::remove_all(store);
}

}  // namespace
}  // namespace assay::service
