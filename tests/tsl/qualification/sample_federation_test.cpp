// samples/federation/expected.tsv: every row (certificate, instant) must get the expected
// answers at issuance and at `at`, and the expected label; expected-tsa.tsv likewise for QTST.
#include <gtest/gtest.h>

#include <cstdio>

#include "tests/tsl/qualification/federation_snapshot.h"
#include "tsl/qualification/explain.h"
#include "tsl/qualification/qualification.h"

namespace assay::tsl {
namespace {

using namespace testing_support;

fs::path federation_dir() { return fs::path(ASSAY_SOURCE_DIR) / "samples/federation"; }

TrustSnapshotPtr sample_snapshot() {
  static TrustSnapshotPtr snapshot = federation_snapshot(federation_dir() / "urls.tsv", federation_dir() / "oj/old-anchor.pem",
                                                         "https://federation.assay.invalid/lotl.xml",
                                                         *engine::parse_utc_time("2026-01-15T00:00:00Z"));
  return snapshot;
}

TEST(QualificationSamples, ExpectedTsvPassesEntirely) {
  const auto snapshot = sample_snapshot();
  ASSERT_NE(snapshot, nullptr);
  ASSERT_EQ(snapshot->lists().size(), 3u);
  const auto rows = read_tsv(federation_dir() / "expected.tsv", true);
  ASSERT_GE(rows.size(), 40u);
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 10u);
    const auto chain = read_chain(federation_dir() / "certs" / (row[0] + ".pem"));
    ASSERT_FALSE(chain.empty());
    const auto r = qualify(*snapshot, chain, *engine::parse_utc_time(row[1]));
    const std::vector<std::string> got = {
        std::string(qc_status_name(r.at_issuance.answer.qc)), std::string(qc_use_name(r.at_issuance.answer.type)),
        std::string(qscd_status_name(r.at_issuance.answer.qscd)), std::string(qc_status_name(r.at_time.answer.qc)),
        std::string(qc_use_name(r.at_time.answer.type)), std::string(qscd_status_name(r.at_time.answer.qscd)), r.label};
    const std::vector<std::string> want(row.begin() + 2, row.begin() + 9);
    EXPECT_EQ(got, want) << row[0] << " at " << row[1] << " (" << row[9] << ")";
    if (got != want) {
      for (const auto& s : explain(r)) std::printf("    %s\n", s.c_str());
    }
  }
}

TEST(QualificationSamples, TimestampQualificationMatchesExpectedTsa) {
  const auto snapshot = sample_snapshot();
  ASSERT_NE(snapshot, nullptr);
  for (const auto& row : read_tsv(federation_dir() / "expected-tsa.tsv", true)) {
    const auto chain = read_chain(federation_dir() / "certs" / (row[0] + ".pem"));
    const auto r = qualify_timestamp(*snapshot, chain, *engine::parse_utc_time(row[1]));
    EXPECT_EQ(r.qualified ? "yes" : "no", row[2]) << row[0] << " at " << row[1] << ": " << r.rule.text;
  }
}

}  // namespace
}  // namespace assay::tsl
