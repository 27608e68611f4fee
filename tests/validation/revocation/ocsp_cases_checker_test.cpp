// The ../shared/validation-conformance/ocsp cases run against the revocation checker alone: the
// path of each case is given (end entity, intermediates, anchor), so every certificate below the
// anchor is checked with only the case's OCSP responses. valid = every status is good; invalid =
// some status is not. (The full validation of these cases, through the path validator and the
// CLI, lives in tests/validation/ocsp_conformance_test.cpp.)
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "engine/time.h"
#include "tests/support/corpus.h"
#include "validation/revocation/standard_revocation_checker.h"

namespace assay::validation {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, sep);) out.push_back(part);
  return out;
}

engine::CertificatePtr load(const std::filesystem::path& p) {
  auto certs = engine::Certificate::parse_pem_chain(testing::read_bytes(p));
  EXPECT_TRUE(certs.has_value() && certs->size() == 1) << p;
  return certs && !certs->empty() ? certs->front() : nullptr;
}

TEST(OcspCasesChecker, EveryCaseGetsItsExpectedOutcome) {
  ASSAY_REQUIRE_SHARED();
  const auto dir = testing::shared_dir() / "validation-conformance" / "ocsp";
  std::ifstream index(dir / "cases.tsv");
  ASSERT_TRUE(index.good()) << "no cases.tsv in " << dir;
  int cases = 0;
  int agreed = 0;
  for (std::string line; std::getline(index, line);) {
    if (line.empty() || line[0] == '#' || line.starts_with("id\t")) continue;
    const auto f = split(line, '\t');
    ASSERT_GE(f.size(), 7u) << line;
    ++cases;
    std::vector<engine::CertificatePtr> path{load(dir / f[3])};
    if (f[2] != "-") {
      for (const auto& name : split(f[2], ',')) path.push_back(load(dir / name));
    }
    path.push_back(load(dir / f[1]));  // the anchor
    std::vector<std::string> responses;
    for (const auto& name : split(f[4], ',')) responses.push_back(testing::read_bytes(dir / name));
    auto checker = StandardRevocationChecker::from_der({}, responses);
    ASSERT_TRUE(checker.has_value()) << f[0] << ": " << checker.error().message();
    const auto at = engine::parse_utc_time(f[5]);
    ASSERT_TRUE(at.has_value());
    // A delegated responder's path: issued by a certificate of this path, valid at the time.
    SignerPathValidator signer_ok = [&](const engine::CertificatePtr& signer, std::span<const engine::CertificatePtr>,
                                        engine::UtcTime t, int, std::string* why) {
      if (!signer->is_valid_at(t)) {
        *why = "responder certificate not valid at the time";
        return false;
      }
      for (const auto& c : path) {
        if (signer->issued_by_name(*c) && signer->verify_signed_by(*c).value_or(false)) return true;
      }
      *why = "responder certificate not issued by a certificate of the path";
      return false;
    };
    bool all_good = true;
    std::string detail;
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
      RevocationQuery q{*path[i], path[i + 1].get(), nullptr, *at, 0, path};
      auto e = (*checker)->check(q, signer_ok);
      if (e.status != RevocationState::kGood) {
        all_good = false;
        for (const auto& finding : e.findings) detail += "  " + finding.id + ": " + finding.message + "\n";
      }
    }
    const bool expected_valid = f[6] == "valid";
    EXPECT_EQ(all_good, expected_valid) << f[0] << " (" << (f.size() > 7 ? f[7] : "") << ")\n" << detail;
    if (all_good == expected_valid) ++agreed;
  }
  EXPECT_EQ(cases, 19);
  std::cout << "OCSP cases (revocation checker): " << agreed << "/" << cases << " as expected\n";
}

}  // namespace
}  // namespace assay::validation
