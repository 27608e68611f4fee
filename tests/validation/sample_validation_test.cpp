// samples/federation/expected-validation.tsv through validate_certificate: every row (certificate,
// instant, revocation data) must get the expected EN 319 102-1 indication and sub-indication,
// with the sample federation's trusted lists as the only anchors (trust time 2026-01-15), the
// default policy, offline. The table is hand-written (samples/internal/validation_samples.cpp).
#include <gtest/gtest.h>

#include <cstdio>

#include "tests/tsl/qualification/federation_snapshot.h"
#include "validation/certificate_validator.h"
#include "validation/revocation/standard_revocation_checker.h"
#include "validation/trusted_list_anchors.h"

namespace assay::validation {
namespace {

using namespace tsl::testing_support;

fs::path federation_dir() { return fs::path(ASSAY_SOURCE_DIR) / "samples/federation"; }

tsl::TrustSnapshotPtr sample_snapshot() {
  static const tsl::TrustSnapshotPtr snapshot =
      federation_snapshot(federation_dir() / "urls.tsv", federation_dir() / "oj/old-anchor.pem",
                          "https://federation.assay.invalid/lotl.xml", *engine::parse_utc_time("2026-01-15T00:00:00Z"));
  return snapshot;
}

TEST(SampleValidation, ExpectedValidationTsvPassesEntirely) {
  const auto snapshot = sample_snapshot();
  ASSERT_NE(snapshot, nullptr);
  const auto anchors = TrustedListAnchors::build(snapshot);
  const auto rows = read_tsv(federation_dir() / "expected-validation.tsv", true);
  ASSERT_GE(rows.size(), 10u);
  int passed = 0;
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 6u);
    const auto chain = read_chain(federation_dir() / "validation" / (row[0] + ".pem"));
    ASSERT_EQ(chain.size(), 2u) << row[0];
    std::vector<std::string> crls, ocsp;
    if (row[2] == "crl") {
      // The CRL distribution point names the file: .../revocation/<issuer>.crl.
      const std::string& dp = chain[0]->crl_distribution_points().at(0);
      crls.push_back(slurp(federation_dir() / "revocation" / dp.substr(dp.rfind('/') + 1)));
    } else if (row[2] == "ocsp") {
      ocsp.push_back(slurp(federation_dir() / "revocation" / (row[0] + ".ocsp")));
    }
    auto checker = StandardRevocationChecker::from_der(crls, ocsp);
    ASSERT_TRUE(checker.has_value()) << checker.error().message();
    CertificateValidationContext context;
    context.anchors.push_back(anchors.get());
    context.revocation = checker->get();
    const auto at = *engine::parse_utc_time(row[1]);
    auto report = validate_certificate({chain, at}, context);
    ASSERT_TRUE(report.has_value()) << report.error().message();
    const std::string got_indication(indication_name(report->indication));
    const std::string got_sub = report->subindication == SubIndication::kNone
                                    ? "-"
                                    : std::string(subindication_name(report->subindication));
    const bool ok = got_indication == row[3] && got_sub == row[4];
    passed += ok;
    std::printf("%-20s %s %-5s %-14s %-36s %s\n", row[0].c_str(), row[1].c_str(), row[2].c_str(), got_indication.c_str(),
                got_sub.c_str(), ok ? "" : ("<-- expected " + row[3] + " / " + row[4]).c_str());
    if (!ok) {
      for (const auto& f : report->findings) std::printf("      %s: %s\n", f.id.c_str(), f.message.c_str());
    }
    EXPECT_EQ(got_indication, row[3]) << row[0] << " at " << row[1] << " with " << row[2] << " (" << row[5] << ")";
    EXPECT_EQ(got_sub, row[4]) << row[0] << " at " << row[1] << " with " << row[2] << " (" << row[5] << ")";
    if (ok && report->indication == Indication::kPassed) {
      ASSERT_TRUE(report->anchor.has_value());
      EXPECT_EQ(report->anchor->source, AnchorSource::kTrustedList);
      ASSERT_TRUE(report->anchor->list.has_value());
      EXPECT_EQ(report->anchor->list->territory, "XA");
    }
  }
  std::printf("%d/%zu validation rows as expected\n", passed, rows.size());
}

}  // namespace
}  // namespace assay::validation
