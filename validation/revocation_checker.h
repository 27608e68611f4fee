// Revocation checking (RFC 5280 6.3 for CRLs, RFC 6960 for OCSP) as path validation calls it:
// "what was the status of this certificate at this time, by which data, and why". The path
// validator decides what a status means for the outcome (policy: which roles need revocation
// data, freshness); the checker only finds, verifies and reads revocation data.
//
// This header is the seam between path processing (validation/path_*) and revocation
// (validation/revocation/*). Keep it narrow.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/digest.h"
#include "engine/finding.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"
#include "validation/trust_anchor.h"

namespace assay::validation {

enum class RevocationState { kGood, kRevoked, kUnknown, kNotChecked };

// What the checker found for one certificate; the evidence the JSON "revocation" object shows.
struct RevocationEvidence {
  RevocationState status = RevocationState::kNotChecked;
  std::string source;                       // "crl", "ocsp", "crl+delta", or "" when none used
  std::optional<engine::Sha256> sha256;     // of the CRL / OCSP response used (base CRL if delta)
  std::optional<engine::Sha256> delta_sha256;
  std::optional<engine::UtcTime> this_update;
  std::optional<engine::UtcTime> next_update;
  std::optional<engine::UtcTime> produced_at;      // OCSP only
  std::optional<engine::UtcTime> revocation_time;  // when revoked (or on hold)
  std::string reason;                       // CRLReason name ("keyCompromise", "certificateHold"...)
  engine::CertificatePtr signer;            // who signed the CRL / OCSP response used
  engine::Findings findings;                // why data was rejected or the status is unknown
};

// Validates the certificate path of a CRL issuer or OCSP responder (RFC 5280 6.3.3 (f),
// RFC 6960 4.2.2.2): builds a path from `signer` (with `extra` as candidate intermediates) to the
// same anchors as the certificate being checked, at time `at`, with revocation checking of that
// path one level deeper (`depth`+1; the path validator refuses beyond a fixed bound). Returns
// true when the path validates; `why` gets a sentence when it does not.
using SignerPathValidator = std::function<bool(const engine::CertificatePtr& signer,
                                               std::span<const engine::CertificatePtr> extra,
                                               engine::UtcTime at, int depth, std::string* why)>;

struct RevocationQuery {
  const engine::Certificate& certificate;       // whose status is asked
  // Its issuer in the path being validated: a certificate, or (when the issuer is a name+key
  // trust anchor) null with `issuer_anchor` set.
  const engine::Certificate* issuer = nullptr;
  const TrustAnchor* issuer_anchor = nullptr;
  engine::UtcTime at{};                          // the validation time
  int depth = 0;                                 // 0 for the main path
  // Every certificate known to this validation (supplied, embedded, from lists): candidates
  // for CRL issuers and delegated OCSP responders.
  std::span<const engine::CertificatePtr> known_certificates;
  // The issuer's working public key (RFC 5280 6.1.4 (f)) when it differs from the issuer
  // certificate's own SubjectPublicKeyInfo: a DSA key whose parameters are inherited from the
  // CA above it. Empty otherwise. Signatures by the issuer are checked with this key.
  std::string issuer_working_spki;
};

// Holds the revocation data of one validation (CRLs and OCSP responses given or embedded, and
// what an OnlineSource fetches). Implementations are immutable once built and thread-safe.
class RevocationChecker {
 public:
  virtual ~RevocationChecker() = default;
  virtual RevocationEvidence check(const RevocationQuery& query,
                                   const SignerPathValidator& validate_signer) const = 0;
};

}  // namespace assay::validation
