// RFC 5280 6.1 basic path validation of one candidate path: signatures (with DSA parameter
// inheritance), validity at the validation time, name chaining, basic constraints and path
// length, key usage, name constraints, the valid policy tree and unknown critical extensions.
// Revocation (6.1.3 (a)(3)) is left to the caller, which asks the RevocationChecker for each
// certificate of a path that passed here. Pure function of its inputs; thread-safe.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "engine/finding.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"
#include "validation/trust_anchor.h"
#include "validation/validation_policy.h"

namespace assay::validation {

// What failed, in the terms the EN 319 102-1 outcome needs.
enum class PathFailure {
  kNone,
  kStructure,    // signature, names, basic constraints, key usage, critical extensions
  kConstraints,  // policy tree or name constraints (relying-party chain constraints)
  kValidity,     // a certificate outside its validity period at the validation time
};

struct PathValidationResult {
  PathFailure failure = PathFailure::kNone;
  int failed_index = -1;  // index into the path (0 = end entity) of the first failing certificate
  engine::Findings findings;  // errors decide; warnings (when constraints are not enforced) inform
  std::vector<std::string> policies;  // authorities-constrained policies at the end (6.1.6)
  bool expired_only_end_entity = false;  // the only failure is the end entity's validity
  // For each certificate (same index as the path), the SubjectPublicKeyInfo its signature was
  // checked with: its issuer's working key, DSA parameters inherited (6.1.4 (f)).
  std::vector<std::string> issuer_keys;
};

// Validates `path` (end entity first; the anchor's own certificate excluded) under `anchor` at
// `at`. Certificates are processed from the one below the anchor down, as RFC 5280 numbers them.
PathValidationResult validate_path(std::span<const engine::CertificatePtr> path, const TrustAnchor& anchor,
                                   engine::UtcTime at, const PathSettings& settings);

}  // namespace assay::validation
