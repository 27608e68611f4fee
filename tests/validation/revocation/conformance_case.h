// One conformance case run through validate_certificate with explicit anchors and the
// StandardRevocationChecker on the case's own CRLs / OCSP responses (algorithm expiry off), and
// the expected-outcome rule of ../shared/validation-conformance. Shared by the PKITS revocation
// and OCSP conformance tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/corpus.h"
#include "validation/certificate_validator.h"
#include "validation/explicit_anchors.h"
#include "validation/revocation/standard_revocation_checker.h"
#include "validation/validation_findings.h"

namespace assay::validation::conformance {

inline std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, sep);) out.push_back(part);
  return out;
}

inline engine::CertificatePtr load(const std::filesystem::path& p) {
  auto certs = engine::Certificate::parse_pem_chain(testing::read_bytes(p));
  EXPECT_TRUE(certs.has_value() && !certs->empty()) << p;
  return certs && !certs->empty() ? certs->front() : nullptr;
}

inline bool revoked_subindication(SubIndication s) {
  return s == SubIndication::kRevoked || s == SubIndication::kRevokedNoPoe || s == SubIndication::kRevokedCaNoPoe;
}

struct Outcome {
  bool ok = false;
  std::string detail;
};

inline Outcome run_case(const std::vector<engine::CertificatePtr>& certificates, const engine::CertificatePtr& anchor,
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

}  // namespace assay::validation::conformance
