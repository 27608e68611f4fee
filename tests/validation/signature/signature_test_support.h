// Hand-built SignatureUnderValidation values and a scripted time-stamp validator for the
// EN 319 102-1 process tests (until the XAdES reader and the RFC 3161 validator land). Test-only.
#pragma once

#include <map>
#include <string>

#include "tests/validation/validation_test_pki.h"
#include "validation/signature/internal/blocks.h"
#include "validation/signature/signature_validator.h"

namespace assay::validation::testing {

// A signature the reader would hand over for a good XAdES-BASELINE-B: one data reference, the
// SignedProperties reference, a verifying value, a signing time and a matching certificate
// reference.
inline SignatureUnderValidation good_signature(const TestPki& pki) {
  SignatureUnderValidation s;
  s.id = "S-1";
  s.level = "XAdES-BASELINE-B";
  s.signing_certificate = pki.ee;
  s.certificates = {pki.ee, pki.ca};
  s.references.push_back(SignedReference{"r-data", "", "", "SHA-256", true, true, ""});
  s.references.push_back(SignedReference{"r-sp", "#xades-S-1", std::string(signature_internal::kSignedPropertiesType),
                                         "SHA-256", true, true, ""});
  s.signature_value_checked = true;
  s.signature_value_valid = true;
  s.signature_algorithm = "ECDSA-SHA256";
  s.digest_algorithm = "SHA-256";
  s.attributes.signing_time = day(2024, 5, 1);
  s.attributes.signing_certificate_reference_present = true;
  s.attributes.signing_certificate_digest_matches = true;
  s.attributes.signing_certificate_digest_algorithm = "SHA-256";
  s.scope.push_back(ScopeEntry{"the whole document", "full", "The whole XML document, except its signature.", std::nullopt});
  return s;
}

// Time-stamp tokens are names ("tst-ok-2024-02-01") whose report the test scripts.
struct ScriptedTimestamps {
  std::map<std::string, TimestampValidationReport> reports;
  mutable int calls = 0;

  void pass(const std::string& token, engine::UtcTime gen_time) {
    TimestampValidationReport r;
    r.indication = Indication::kPassed;
    r.gen_time = gen_time;
    r.imprint_matches = true;
    r.signature_valid = true;
    reports[token] = r;
  }
  void fail(const std::string& token, engine::UtcTime gen_time, std::string sub) {
    TimestampValidationReport r;
    r.indication = Indication::kFailed;
    r.subindication = std::move(sub);
    r.gen_time = gen_time;
    reports[token] = r;
  }
  TimestampValidator validator() const {
    return [this](std::string_view token, std::string_view, const TimestampValidationContext&) {
      ++calls;
      auto it = reports.find(std::string(token));
      if (it != reports.end()) return it->second;
      TimestampValidationReport r;
      r.indication = Indication::kIndeterminate;
      r.subindication = "FORMAT_FAILURE";
      return r;
    };
  }
};

inline EmbeddedTimestamp timestamp(EmbeddedTimestamp::Kind kind, std::string token) {
  EmbeddedTimestamp t;
  t.kind = kind;
  t.id = token;
  t.token_der = std::move(token);
  t.covered_bytes = "signature value";
  return t;
}

}  // namespace assay::validation::testing
