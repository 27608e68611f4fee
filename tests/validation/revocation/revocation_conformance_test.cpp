// The revocation sections of NIST PKITS (4.4 CRLs, 4.14 distribution points, 4.15 delta CRLs)
// and the OCSP cases of ../shared/validation-conformance, validated with validate_certificate
// (path validation) and StandardRevocationChecker on the cases' own revocation data, algorithm
// expiry off. Rule: valid -> PASSED; invalid -> not PASSED; revoked -> not PASSED with a
// REVOKED* sub-indication (or TRY_LATER for a certificate on hold). Prints a per-section table. The full PKITS run through the CLI is
// tests/validation/pkits_conformance_test.cpp.
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
#include "validation/validation_findings.h"

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
  EXPECT_TRUE(certs.has_value() && !certs->empty()) << p;
  return certs && !certs->empty() ? certs->front() : nullptr;
}

bool revoked_subindication(SubIndication s) {
  return s == SubIndication::kRevoked || s == SubIndication::kRevokedNoPoe || s == SubIndication::kRevokedCaNoPoe;
}

struct Outcome {
  bool ok = false;
  std::string detail;
};

Outcome run_case(const std::vector<engine::CertificatePtr>& certificates, const engine::CertificatePtr& anchor,
                 std::vector<std::string> crls, std::vector<std::string> ocsp, engine::UtcTime at,
                 const std::string& expected) {
  Outcome out;
  auto checker = StandardRevocationChecker::from_der(crls, ocsp);
  if (!checker) {
    out.detail = "revocation data does not parse: " + checker.error().message();
    return out;
  }
  ExplicitTrustAnchors anchors({anchor});
  ValidationPolicy policy = default_validation_policy();
  policy.crypto.apply_expiry = false;
  CertificateValidationRequest request{certificates, at};
  CertificateValidationContext context;
  context.anchors = {&anchors};
  context.revocation = checker->get();
  context.policy = &policy;
  auto report = validate_certificate(request, context);
  if (!report) {
    out.detail = "error: " + report.error().message();
    return out;
  }
  const bool passed = report->indication == Indication::kPassed;
  if (expected == "valid") out.ok = passed;
  else if (expected == "revoked") {
    // A suspended (on hold) certificate is INDETERMINATE / TRY_LATER in EN 319 102-1 (it may come
    // back); PKITS counts it as revoked (4.14.16). Both are revocation outcomes.
    bool on_hold = false;
    for (const auto& f : report->findings) on_hold = on_hold || f.id == findings::kOnHold;
    out.ok = !passed && (revoked_subindication(report->subindication) ||
                         (report->subindication == SubIndication::kTryLater && on_hold));
  }
  else out.ok = !passed;
  out.detail = std::string(indication_name(report->indication)) + " " + std::string(subindication_name(report->subindication));
  for (const auto& f : report->findings) {
    if (f.severity == engine::Severity::kError) out.detail += "\n    " + f.id + ": " + f.message;
  }
  for (const auto& e : report->path) {
    for (const auto& f : e.revocation.findings) out.detail += "\n    [rev] " + f.id + ": " + f.message;
  }
  return out;
}

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

TEST(RevocationConformance, OcspCases) {
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
