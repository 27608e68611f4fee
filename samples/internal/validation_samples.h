// The certificate-validation part of the sample federation: end entities whose validation has a
// known EN 319 102-1 outcome (good, revoked, on hold, expired, issued by a CA whose service was
// withdrawn), each with CRL distribution point, AIA OCSP and AIA caIssuers URLs under the
// federation's base URL; the CRLs, OCSP responses and DER CA certificates those URLs serve;
// `revocation-urls.tsv` (URL -> file, for a mirror or a test server) and the hand-written
// `expected-validation.tsv`. Internal to assay_samples.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/time.h"
#include "engine/x509/revocation_builder.h"
#include "samples/internal/pki.h"

namespace assay::samples {

// One certificate of the validation scenarios.
struct ValidationCertificateSpec {
  enum class Revocation { kNone, kRevoked, kOnHold };
  std::string id;      // file stem under validation/
  std::string issuer;  // authority id
  std::string not_before;
  std::string not_after;
  Revocation revocation = Revocation::kNone;
  std::string revoked_at;  // kRevoked / kOnHold
  std::string summary;
};

// One row of expected-validation.tsv: validating `certificate` at `at` with the given revocation
// data (`crl`: the issuer's CRL file, `ocsp`: the certificate's OCSP response, `none`) against
// the trusted lists (anchor oj/old-anchor.pem, trust time = generation time), offline.
struct ValidationExpectation {
  std::string certificate;
  std::string at;
  std::string revocation_data;
  std::string indication;
  std::string subindication;  // "-" when PASSED
  std::string rule;
};

std::vector<ValidationCertificateSpec> validation_certificates();
std::vector<ValidationExpectation> validation_expectations();

using AddFile = std::function<void(const std::string& file, std::string bytes, std::string description)>;

// Issues the certificates (keys are fresh) and writes every file above through `add`, the CRL of
// every CA involved included: `other_revocations` (CA id -> entries) adds the revocations of
// certificates outside these scenarios to those CRLs.
engine::Result<void> add_validation_samples(
    const Pki& pki, engine::UtcTime now, const AddFile& add,
    const std::map<std::string, std::vector<engine::RevokedCertificate>>& other_revocations);

}  // namespace assay::samples
