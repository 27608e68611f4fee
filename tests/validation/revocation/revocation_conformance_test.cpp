// The revocation sections of NIST PKITS (4.4 CRLs, 4.14 distribution points, 4.15 delta CRLs),
// validated with validate_certificate
// (path validation) and StandardRevocationChecker on the cases' own revocation data, algorithm
// expiry off. Rule: valid -> PASSED; invalid -> not PASSED; revoked -> not PASSED with a
// REVOKED* sub-indication (or TRY_LATER for a certificate on hold). Prints a per-section table. The full PKITS run through the CLI is
// tests/validation/pkits_conformance_test.cpp; the OCSP cases are in
// tests/validation/ocsp_conformance_test.cpp (both share tests/validation/revocation/conformance_case.h).
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "engine/time.h"
#include "tests/support/corpus.h"
#include "validation/certificate_validator.h"
#include "validation/explicit_anchors.h"
#include "validation/revocation/standard_revocation_checker.h"
#include "tests/validation/revocation/conformance_case.h"

namespace assay::validation {
namespace {

using namespace conformance;

TEST(RevocationConformance, PkitsRevocationSections) {
  ASSAY_REQUIRE_SHARED();
  const auto dir = testing::shared_dir() / "validation-conformance" / "pkits";
  std::ifstream index(dir / "cases.tsv");
  ASSERT_TRUE(index.good());
  const auto anchor = load(dir / "certs" / "TrustAnchorRootCertificate.crt");
  const std::string anchor_crl = testing::read_bytes(dir / "crls" / "TrustAnchorRootCRL.crl");
  const auto at = *engine::parse_utc_time("2020-06-01T00:00:00Z");
  std::map<std::string, std::pair<int, int>> table;  // section -> (agreed, cases)
  for (std::string line; std::getline(index, line);) {
    if (line.empty() || line[0] == '#' || line.starts_with("id\t")) continue;
    const auto f = split(line, '\t');
    ASSERT_GE(f.size(), 5u) << line;
    const std::string section = "4." + std::to_string(std::stoi(f[0].substr(1, 2)));
    if (section != "4.4" && section != "4.14" && section != "4.15") continue;
    std::vector<engine::CertificatePtr> certs{load(dir / "certs" / f[1])};
    if (f[2] != "-") {
      for (const auto& n : split(f[2], ',')) certs.push_back(load(dir / "certs" / n));
    }
    std::vector<std::string> crls{anchor_crl};
    if (f[3] != "-") {
      for (const auto& n : split(f[3], ',')) crls.push_back(testing::read_bytes(dir / "crls" / n));
    }
    const auto outcome = run_case(certs, anchor, crls, {}, at, f[4]);
    auto& row = table[section];
    ++row.second;
    if (outcome.ok) ++row.first;
    EXPECT_TRUE(outcome.ok) << f[0] << " expected " << f[4] << ", got " << outcome.detail;
  }
  std::cout << "PKITS revocation sections (validate_certificate + StandardRevocationChecker):\n";
  for (const auto& [section, row] : table) std::cout << "  " << section << ": " << row.first << "/" << row.second << "\n";
  EXPECT_EQ(table.size(), 3u);
}

}  // namespace
}  // namespace assay::validation
