// ../shared/validation-conformance/ocsp (19 cases, OpenSSL's OCSP test data): each end entity is
// validated with validate_certificate at the case's time with its anchor, intermediates and ONLY
// its OCSP responses as revocation data (algorithm expiry off). valid -> PASSED; invalid -> not
// PASSED. Broken responses (signature, responder id, issuer name/key hash, responder
// certificate) must never make a certificate valid.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>

#include "engine/time.h"
#include "tests/support/corpus.h"
#include "tests/validation/revocation/conformance_case.h"

namespace assay::validation {
namespace {

using namespace conformance;

TEST(OcspConformance, EveryCase) {
  ASSAY_REQUIRE_SHARED();
  const auto dir = testing::shared_dir() / "validation-conformance" / "ocsp";
  std::ifstream index(dir / "cases.tsv");
  ASSERT_TRUE(index.good());
  int cases = 0, agreed = 0;
  for (std::string line; std::getline(index, line);) {
    if (line.empty() || line[0] == '#' || line.starts_with("id\t")) continue;
    const auto f = split(line, '\t');
    ASSERT_GE(f.size(), 7u) << line;
    ++cases;
    std::vector<engine::CertificatePtr> certs{load(dir / f[3])};
    if (f[2] != "-") {
      for (const auto& n : split(f[2], ',')) certs.push_back(load(dir / n));
    }
    std::vector<std::string> responses;
    for (const auto& n : split(f[4], ',')) responses.push_back(testing::read_bytes(dir / n));
    const auto outcome = run_case(certs, load(dir / f[1]), {}, responses, *engine::parse_utc_time(f[5]), f[6]);
    if (outcome.ok) ++agreed;
    EXPECT_TRUE(outcome.ok) << f[0] << " expected " << f[6] << " (" << f[7] << "), got " << outcome.detail;
  }
  std::cout << "OCSP cases (validate_certificate + StandardRevocationChecker): " << agreed << "/" << cases << "\n";
  EXPECT_EQ(cases, 19);
}

}  // namespace
}  // namespace assay::validation
