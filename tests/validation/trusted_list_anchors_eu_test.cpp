// Trusted-list anchors for the EU qualification cases (../shared/conformance/eu-qualification):
// is the issuer of the chain's top certificate an anchor at the case's time, an anchor only at
// other times (sunset), or no anchor? The expectations are hand-written from each scenario's description, not computed.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "tests/tsl/qualification/federation_snapshot.h"
#include "tests/validation/anchor_verdict.h"
#include "validation/certificate_validator.h"
#include "validation/trusted_list_anchors.h"

namespace assay::validation {
namespace {

using namespace tsl::testing_support;
using testing_support::anchor_verdict;

TEST(TrustedListAnchorsFederation, EuQualificationCasesReachTheirAnchorsAtTheirTimes) {
  ASSAY_REQUIRE_SHARED();
  const fs::path dir = testing::shared_dir() / "conformance/eu-qualification";
  const auto snapshot = federation_snapshot(dir / "lists/urls.tsv", dir / "lists/LOTL-3-signer.pem",
                                            "https://eidas.ec.europa.eu/efda/api/v2/validation-tests/testcase/tl/LOTL-3.xml",
                                            *engine::parse_utc_time("2025-11-01T00:00:00Z"));
  ASSERT_NE(snapshot, nullptr);
  const auto anchors = TrustedListAnchors::build(snapshot);
  // Every case anchors except these, read from the cases' scenario column.
  const std::map<std::string, std::string> exceptions = {
      {"3.1.1", "none"},    // trusted certificate not present in tl
      // service withdrawn: TL-3-LU lists it only as withdrawn since 2016-06-30, with no
      // accepting period at any time, so it never was an anchor (not even a sunset one).
      {"3.1.4", "none"},
      {"3.1.5", "sunset"},  // supervision ceased before eIDAS
      {"3.1.6", "sunset"},  // accreditation revoked before eIDAS
  };
  int rows = 0;
  int mismatches = 0;
  for (const auto& row : read_tsv(dir / "cases.tsv", false)) {
    const auto chain = read_chain(dir / row[1]);
    ASSERT_FALSE(chain.empty()) << row[0];
    const auto at = *engine::parse_utc_time(row[2]);
    std::string evidence;
    const std::string got = anchor_verdict(*anchors, chain, at, &evidence);
    const auto e = exceptions.find(row[0]);
    const std::string want = e == exceptions.end() ? "anchor" : e->second;
    ++rows;
    if (got != want) ++mismatches;
    std::printf("%-6s %-7s %-50s %s%s\n", row[0].c_str(), got.c_str(), row[4].c_str(), evidence.c_str(),
                got == want ? "" : ("   <-- expected " + want).c_str());
    EXPECT_EQ(got, want) << row[0] << " " << row[4];
  }
  std::printf("%d/%d EU cases as expected\n", rows - mismatches, rows);
}

// The cases' chains validate (RFC 5280 path + anchor) against the trusted lists at the cases'
// times: PASSED where the issuer is an anchor then, NO_CERTIFICATE_CHAIN_FOUND_NO_POE where it
// is one only at other times, NO_CERTIFICATE_CHAIN_FOUND otherwise. The cases carry no
// revocation data, so the policy here asks for none (path and anchor are what is tested).
TEST(TrustedListAnchorsFederation, EuQualificationChainsValidateAtTheirTimes) {
  ASSAY_REQUIRE_SHARED();
  const fs::path dir = testing::shared_dir() / "conformance/eu-qualification";
  const auto snapshot = federation_snapshot(dir / "lists/urls.tsv", dir / "lists/LOTL-3-signer.pem",
                                            "https://eidas.ec.europa.eu/efda/api/v2/validation-tests/testcase/tl/LOTL-3.xml",
                                            *engine::parse_utc_time("2025-11-01T00:00:00Z"));
  ASSERT_NE(snapshot, nullptr);
  const auto anchors = TrustedListAnchors::build(snapshot);
  ValidationPolicy policy = default_validation_policy();
  policy.revocation.end_entity = RevocationRequirement::kNone;
  policy.revocation.ca = RevocationRequirement::kNone;
  const std::map<std::string, std::string> expected_sub = {
      {"anchor", "-"}, {"sunset", "NO_CERTIFICATE_CHAIN_FOUND_NO_POE"}, {"none", "NO_CERTIFICATE_CHAIN_FOUND"}};
  int rows = 0;
  int mismatches = 0;
  for (const auto& row : read_tsv(dir / "cases.tsv", false)) {
    const auto chain = read_chain(dir / row[1]);
    ASSERT_FALSE(chain.empty()) << row[0];
    const auto at = *engine::parse_utc_time(row[2]);
    std::string evidence;
    const std::string verdict = anchor_verdict(*anchors, chain, at, &evidence);
    CertificateValidationContext context;
    context.anchors.push_back(anchors.get());
    context.policy = &policy;
    auto report = validate_certificate({chain, at}, context);
    ASSERT_TRUE(report.has_value()) << row[0] << ": " << report.error().message();
    const std::string got = report->subindication == SubIndication::kNone
                                ? "-"
                                : std::string(subindication_name(report->subindication));
    const std::string& want = expected_sub.at(verdict);
    ++rows;
    if (got != want) ++mismatches;
    std::printf("%-6s %-14s %-36s %s\n", row[0].c_str(), std::string(indication_name(report->indication)).c_str(),
                got.c_str(), got == want ? "" : ("   <-- expected " + want).c_str());
    if (got != want) {
      for (const auto& f : report->findings) std::printf("         %s: %s\n", f.id.c_str(), f.message.c_str());
    }
    EXPECT_EQ(got, want) << row[0] << " " << row[4];
  }
  std::printf("%d/%d EU chains validate as expected\n", rows - mismatches, rows);
}

}  // namespace
}  // namespace assay::validation
