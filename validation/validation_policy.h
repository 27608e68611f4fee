// The validation policy: which checks decide the outcome of certificate validation and with
// which limits. A plain value: the shipped default (DSS-like "QES AES/QC AES TL based" spirit,
// strict on path logic), loaded from a TOML file by service/config/validation_policy_toml.h,
// documented in docs/validation-policy.md. Immutable once built; safe to share across threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/time.h"

namespace assay::validation {

// RFC 5280 6.1.1 (c), (e), (f), (g): the path-processing inputs a relying party chooses.
struct PathSettings {
  std::vector<std::string> user_initial_policy_set{"2.5.29.32.0"};  // anyPolicy
  bool initial_explicit_policy = false;
  bool initial_policy_mapping_inhibit = false;
  bool initial_any_policy_inhibit = false;
  // A path whose valid policy tree ends empty while a policy is required, or that violates a
  // name constraint, is rejected (true) or only reported as a warning (false, DSS's default).
  bool enforce_policy_tree = true;
  bool enforce_name_constraints = true;
};

// Whether revocation status is needed for certificates of a role (EN 319 102-1 5.2.6 via the
// policy's RevocationDataAvailable constraint).
enum class RevocationRequirement {
  kRequired,     // no acceptable revocation data: INDETERMINATE / CERTIFICATE_CHAIN_GENERAL_FAILURE
  kIfAvailable,  // checked when data is there; missing data is a warning
  kNone,         // not asked for
};

struct RevocationSettings {
  RevocationRequirement end_entity = RevocationRequirement::kRequired;
  RevocationRequirement ca = RevocationRequirement::kRequired;
  // EN 319 102-1 5.2.5 (Revocation Freshness Checker): the data must have been issued no earlier
  // than validation time - max_age. nullopt: nextUpdate must not be before the validation time.
  std::optional<std::chrono::seconds> max_age;
};

// One accepted algorithm (TS 119 312 / SOG-IS): a digest ("SHA-256") or a key type ("RSA",
// "DSA", "EC", "Ed25519", "Ed448") with its minimum size, trusted until `expires` (exclusive).
struct AlgorithmConstraint {
  std::string name;
  int min_bits = 0;                      // key types only
  std::optional<engine::UtcTime> expires;
};

struct CryptoSettings {
  // false: expiry dates are not applied (PKITS, the OCSP cases; `--no-algorithm-expiry`);
  // unknown or unlisted algorithms are still reported, as warnings.
  bool apply_expiry = true;
  std::vector<AlgorithmConstraint> digests;
  std::vector<AlgorithmConstraint> keys;
};

// Bounds on path building (hostile inputs: 1,000 issuers with one name, cross-certificate loops).
struct BuildLimits {
  int max_depth = 12;                 // certificates in a path, anchor excluded
  int max_candidates_per_step = 16;   // issuers tried for one certificate
  int max_total_work = 2000;          // signature checks + path attempts in one validation
  int max_revocation_depth = 2;       // nesting of CRL-issuer / OCSP-responder path validations
};

struct ValidationPolicy {
  std::string name = "assay default";
  PathSettings path;
  RevocationSettings revocation;
  CryptoSettings crypto;
  BuildLimits limits;
};

// The shipped default policy: PKIX path logic enforced, revocation required for every
// certificate below the anchor, algorithm expiry dates per ETSI TS 119 312 (2024) / SOG-IS
// Agreed Cryptographic Mechanisms v1.3.
const ValidationPolicy& default_validation_policy();

}  // namespace assay::validation
