// X.509 certificate validation per ETSI EN 319 102-1 5.2.6 (the "X.509 certificate validation"
// building block): builds a path from the certificate to a trust anchor, runs RFC 5280 6.1 path
// processing and RFC 5280 6.3 / RFC 6960 revocation checking at one validation time, and answers
// PASSED / INDETERMINATE / FAILED with the standard sub-indication and its evidence (the path with
// each certificate's revocation evidence, the anchor and where it came from, every path tried and
// why it was rejected, findings with stable ids from validation/validation_findings.h).
//
// Thread safety: validate_certificate reads its inputs only; several validations may run in
// parallel on the same providers and checker (they are immutable by contract).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/finding.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"
#include "validation/online_source.h"
#include "validation/revocation_checker.h"
#include "validation/trust_anchor.h"
#include "validation/validation_policy.h"

namespace assay::validation {

// EN 319 102-1 5.1.3 main indications for a building block.
enum class Indication { kPassed, kIndeterminate, kFailed };

// EN 319 102-1 table 5/6 sub-indications this block can give (kNone when passed).
enum class SubIndication {
  kNone,
  kNoCertificateChainFound,
  kNoCertificateChainFoundNoPoe,
  kOutOfBoundsNoPoe,
  kOutOfBoundsNotRevoked,
  kRevokedNoPoe,
  kRevokedCaNoPoe,
  kRevoked,
  kTryLater,
  kCertificateChainGeneralFailure,
  kChainConstraintsFailure,
  kCryptoConstraintsFailureNoPoe,
  kRevocationOutOfBoundsNoPoe,  // the revocation data's issuer is outside its validity (v1.3+)
};

// "PASSED", "INDETERMINATE", "FAILED".
std::string_view indication_name(Indication indication) noexcept;
// "NO_CERTIFICATE_CHAIN_FOUND", ...; "" for kNone.
std::string_view subindication_name(SubIndication sub) noexcept;

// One certificate of the validated path and what revocation checking found for it.
struct PathElement {
  engine::CertificatePtr certificate;
  RevocationEvidence revocation;  // kNotChecked for certificates revocation is not asked for
};

// One candidate path that path building produced, and why it was not the answer.
struct TriedPath {
  std::vector<std::string> certificates;  // SHA-256 hex, end entity first, anchor excluded
  std::string anchor_sha256;              // SHA-256 of the anchor certificate, or of its SPKI
  std::string rejected_by;                // finding id, "" for the path that was accepted
  std::string reason;                     // one sentence
};

// The answer. `path` is the chosen path (end entity first, the anchor's own certificate not
// included); when no path reached an anchor it holds the longest chain built. The times are
// those EN 319 102-1 hands to later processes for proof-of-existence reasoning.
struct CertificateValidationReport {
  Indication indication = Indication::kIndeterminate;
  SubIndication subindication = SubIndication::kNoCertificateChainFound;
  engine::UtcTime validation_time{};
  std::vector<PathElement> path;
  std::optional<TrustAnchor> anchor;
  std::vector<TriedPath> paths_tried;
  engine::Findings findings;
  // REVOKED*: the revocation time of the (first) revoked certificate of the path.
  std::optional<engine::UtcTime> revocation_time;
  // TRY_LATER because a certificate of the path is on hold: the (earliest) suspension time.
  std::optional<engine::UtcTime> suspension_time;
  // OUT_OF_BOUNDS_*: the end entity's notAfter (or notBefore when not yet valid).
  std::optional<engine::UtcTime> out_of_bounds_time;
  // CRYPTO_CONSTRAINTS_FAILURE_NO_POE: the earliest expiry date of an algorithm that failed.
  std::optional<engine::UtcTime> crypto_expiry;
};

// What to validate: `certificates` holds the certificate (first) and optionally candidate
// intermediates in any order (a chain given end entity first works as is).
struct CertificateValidationRequest {
  std::vector<engine::CertificatePtr> certificates;
  engine::UtcTime at{};
};

// With what: anchor sources (tried in order; at least one), revocation data (null: nothing is
// checked and policies requiring revocation make the answer INDETERMINATE), the network (null =
// offline) and the policy (null = default_validation_policy()). Pointers are borrowed for the call.
struct CertificateValidationContext {
  std::vector<const TrustAnchorProvider*> anchors;
  const RevocationChecker* revocation = nullptr;
  const OnlineSource* online = nullptr;
  const ValidationPolicy* policy = nullptr;
};

// Validates request.certificates[0] at request.at. An Error (kInvalidArgument) only when the
// request is unusable (no certificate, no anchor source); every validation outcome, however
// negative, is a report. Never throws.
engine::Result<CertificateValidationReport> validate_certificate(const CertificateValidationRequest& request,
                                                          const CertificateValidationContext& context);

}  // namespace assay::validation
