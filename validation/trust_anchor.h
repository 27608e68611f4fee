// Trust anchors for certificate path validation (RFC 5280 6.1.1 (d)): a name and a public key,
// usually carried by a certificate, and where the anchor came from. Two sources exist: anchors
// given explicitly (files on the command line, private PKIs, PKITS) and anchors taken from the
// trusted lists (a CA service whose status allowed it at the time in question, TS 119 615).
//
// This header is the seam between path building (validation/path_*) and the anchor sources
// (validation/explicit_anchors.h, validation/trusted_list_anchors.h). Keep it narrow.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/time.h"
#include "engine/x509/certificate.h"
#include "engine/x509/distinguished_name.h"

namespace assay::validation {

enum class AnchorSource { kExplicit, kTrustedList };

// Which list version, provider, service and state made a trusted-list anchor an anchor.
struct TrustedListAnchorEvidence {
  std::string territory;          // "AT"
  std::int64_t sequence = 0;      // TSLSequenceNumber of the list version used
  std::string list_sha256;        // lower-case hex SHA-256 of that list document
  std::string provider;           // TSP name (first/English name)
  std::string service_name;       // service name (first/English name)
  std::string service_type;       // service type URI
  std::string status;             // status URI of the state in force at the time asked
  engine::UtcTime status_start{}; // start of that state
  std::optional<engine::UtcTime> status_end;  // end of that state (next history entry), if any
};

// One anchor. `certificate` is set when the anchor is a certificate (always for explicit
// anchors); a list identity given only as subject name + public key has `certificate` null and
// the name and SubjectPublicKeyInfo filled.
struct TrustAnchor {
  engine::DistinguishedName subject;
  std::string spki_der;                   // SubjectPublicKeyInfo TLV
  engine::CertificatePtr certificate;     // may be null (name + key only)
  AnchorSource source = AnchorSource::kExplicit;
  std::optional<TrustedListAnchorEvidence> list;  // set for kTrustedList
};

// Where path building finds anchors (and, optionally, extra CA certificates to build through).
// Implementations are immutable after construction and safe to call from several threads.
class TrustAnchorProvider {
 public:
  virtual ~TrustAnchorProvider() = default;

  // Anchors that may have issued `child` (subject equivalent to child's issuer Name per
  // RFC 5280 7.1; implementations may also use the AKI) and that are anchors at time `at`
  // (a trusted-list anchor only for the periods its service status allowed it). Order: best
  // candidates first (AKI/SKI match). Does not verify signatures.
  virtual std::vector<TrustAnchor> anchors_for(const engine::Certificate& child,
                                               engine::UtcTime at) const = 0;

  // Anchors that may have issued `child` (as anchors_for) and that are anchors at some time, but
  // not at `at`: a trusted-list CA whose service was withdrawn before `at` (its "sunset") or
  // granted only after it. Lets path validation answer NO_CERTIFICATE_CHAIN_FOUND_NO_POE
  // (EN 319 102-1 5.2.6) instead of NO_CERTIFICATE_CHAIN_FOUND; the evidence shows the state in
  // force at `at` (or the first allowing state when the service did not exist yet).
  // Default: none (explicit anchors have no periods).
  virtual std::vector<TrustAnchor> anchors_at_other_times(const engine::Certificate& child,
                                                          engine::UtcTime at) const {
    (void)child;
    (void)at;
    return {};
  }

  // Anchors that are `certificate` itself (the same certificate, or the same subject and public
  // key) at time `at`: EN 319 102-1 5.2.6 (ProspectiveCertificateChain) accepts a chain whose
  // certificate is itself trusted, e.g. a trusted list's signer given as the anchor. Default: none.
  virtual std::vector<TrustAnchor> anchors_for_certificate(const engine::Certificate& certificate,
                                                           engine::UtcTime at) const {
    (void)certificate;
    (void)at;
    return {};
  }

  // CA certificates this source knows that are not anchors but may serve as intermediates
  // whose subject is equivalent to `issuer_name` (e.g. certificates listed in trusted lists).
  // Default: none.
  virtual std::vector<engine::CertificatePtr> intermediates_for(
      const engine::DistinguishedName& issuer_name) const {
    (void)issuer_name;
    return {};
  }
};

}  // namespace assay::validation
