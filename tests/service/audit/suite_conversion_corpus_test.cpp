// Issue 17: every conformance set of ../shared converted into a suite and run against assay
// in-process. The findings that remain are the ones docs/audit.md "Converted suites" explains;
// this test pins their number per set, so a change of assay's answers or of the conversion shows.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>

#include "service/audit/campaign.h"
#include "service/audit/suite.h"
#include "service/audit/suite_conversion.h"
#include "service/audit/target.h"
#include "tests/support/corpus.h"

namespace assay::service::audit {
namespace {

namespace fs = std::filesystem;

struct SetCase {
  const char* folder;
  ConversionKind kind;
  std::size_t min_cases;
  std::size_t expected_findings;  // docs/audit.md "Converted suites"
};

class ConvertedSuites : public ::testing::TestWithParam<SetCase> {};

TEST_P(ConvertedSuites, ACampaignAgainstAssayHasOnlyTheExplainedFindings) {
  ASSAY_REQUIRE_SHARED();
  const SetCase& set = GetParam();
  const fs::path from = testing::shared_dir() / set.folder;
  if (!fs::exists(from / "cases.tsv")) GTEST_SKIP() << "no conformance set at " << from;
  auto kind = detect_conversion_kind(from);
  ASSERT_TRUE(kind) << kind.error().message();
  EXPECT_EQ(*kind, set.kind);
  const fs::path out = fs::temp_directory_path() / ("assay-converted-" + std::to_string(std::random_device{}()));
  // "now" for the sets that say so (dss-signatures), pinned as assay's own DSS-set tests pin it.
  auto converted = convert_suite(from, out, std::nullopt, engine::parse_utc_time("2026-12-01T00:00:00Z").value());
  ASSERT_TRUE(converted) << converted.error().message();
  auto suite = read_suite(out);
  ASSERT_TRUE(suite) << suite.error().message();
  EXPECT_GE(suite->cases.size(), set.min_cases);
  auto target = make_target("assay", *suite, {});
  ASSERT_TRUE(target) << target.error().message();
  CampaignOptions options;
  options.concurrency = 2;
  const CampaignResult r = run_campaign(*suite, **target, {}, options);
  std::size_t findings = 0;
  for (const auto& f : r.findings) {
    if (f.classification == Classification::kConforming) continue;
    ++findings;
    std::printf("  %-22s %-50s %s\n", std::string(classification_name(f.classification)).c_str(), f.case_id.c_str(),
                f.explanation.c_str());
  }
  std::printf("%s: %zu cases, %zu findings\n", set.folder, r.findings.size(), findings);
  EXPECT_EQ(findings, set.expected_findings) << set.folder;
  fs::remove_all(out);
}

INSTANTIATE_TEST_SUITE_P(Sets, ConvertedSuites,
                         ::testing::Values(SetCase{"validation-conformance/pkits", ConversionKind::kPkits, 100, 0},
                                           SetCase{"validation-conformance/ocsp", ConversionKind::kOcsp, 10, 0},
                                           SetCase{"validation-conformance/dss-signatures", ConversionKind::kDssSignatures, 20, 0},
                                           SetCase{"conformance/eu-qualification", ConversionKind::kEuQualification, 20, 0}),
                         [](const auto& info) {
                           std::string name(conversion_kind_name(info.param.kind));
                           for (auto& c : name) c = c == '-' ? '_' : c;
                           return name;
                         });

}  // namespace
}  // namespace assay::service::audit
