// Trusted-list anchors on the sample federation: for every row of samples/federation/expected.tsv,
// is the issuer of the chain's top certificate an anchor at the row's time, an anchor only at
// other times (sunset), or no anchor? The expectations are hand-written from each scenario's
// description in samples/scenarios.cpp (withdrawn services, identities without a certificate),
// not computed.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "tests/tsl/qualification/federation_snapshot.h"
#include "tests/validation/anchor_verdict.h"
#include "validation/trusted_list_anchors.h"

namespace assay::validation {
namespace {

using namespace tsl::testing_support;
using testing_support::anchor_verdict;

TEST(TrustedListAnchorsFederation, SampleFederationChainsReachTheirAnchorsAtTheirTimes) {
  const fs::path dir = fs::path(ASSAY_SOURCE_DIR) / "samples/federation";
  const auto snapshot = federation_snapshot(dir / "urls.tsv", dir / "oj/old-anchor.pem",
                                            "https://federation.assay.invalid/lotl.xml",
                                            *engine::parse_utc_time("2026-01-15T00:00:00Z"));
  ASSERT_NE(snapshot, nullptr);
  const auto anchors = TrustedListAnchors::build(snapshot, {.types = AnchorServiceTypes::kCertificateAuthorities});
  // Every row anchors except these (certificate@at -> verdict), read from samples/scenarios.cpp.
  const std::map<std::string, std::string> exceptions = {
      // xa-qc-withdrawn: granted 2019-01-01, withdrawn 2025-03-01.
      {"withdrawn-after-issuance@2025-06-01T00:00:00Z", "sunset"},
      {"issued-after-withdrawal@2025-06-01T00:00:00Z", "sunset"},
      // The service names its CA by SKI only: no key is listed, so nothing to anchor on.
      {"identity-by-ski@2025-06-01T00:00:00Z", "none"},
  };
  int rows = 0;
  int mismatches = 0;
  for (const auto& row : read_tsv(dir / "expected.tsv", true)) {
    const auto chain = read_chain(dir / "certs" / (row[0] + ".pem"));
    ASSERT_FALSE(chain.empty()) << row[0];
    const auto at = *engine::parse_utc_time(row[1]);
    std::string evidence;
    const std::string got = anchor_verdict(*anchors, chain, at, &evidence);
    const auto e = exceptions.find(row[0] + "@" + row[1]);
    const std::string want = e == exceptions.end() ? "anchor" : e->second;
    ++rows;
    if (got != want) ++mismatches;
    std::printf("%-45s %s %-7s %s%s\n", row[0].c_str(), row[1].c_str(), got.c_str(), evidence.c_str(),
                got == want ? "" : ("   <-- expected " + want).c_str());
    EXPECT_EQ(got, want) << row[0] << " at " << row[1];
  }
  std::printf("%d/%d sample rows as expected\n", rows - mismatches, rows);
}

}  // namespace
}  // namespace assay::validation
