// Trust anchors from the trusted lists (TS 119 615 4.3, EN 319 102-1 5.2.6): a TrustAnchorProvider
// over a tsl::TrustSnapshot. A certificate listed in a service's digital identity is an anchor
// at time T when the state of that service in force at T has an accepting status —
//   post-eIDAS (state starting on or after 2016-06-30T22:00Z): granted, recognisedatnationallevel,
//     setbynationallaw;
//   pre-eIDAS: undersupervision, supervisionincessation, accredited —
// and a service type the options accept (CA types by default). A CA whose service was withdrawn
// in 2024 is therefore no anchor for a validation at 2025 but is one for 2023; each anchor
// carries the list version (territory, sequence, SHA-256), provider, service, type and the
// state in force as evidence.
//
// Which certificates a state vouches for: the certificates its own ServiceDigitalIdentity lists;
// a state that lists none (history instances often give only an SKI or a subject name) vouches
// for every certificate the same service lists in any state (TS 119 612 5.5.3: a service keeps
// its identity across its history). A service that lists no certificate at all (ds:KeyValue
// only) gives no anchor (a finding says so): no list of the EU set does that.
//
// Every certificate of every list is also offered as a candidate intermediate
// (intermediates_for), whatever its service's status: building through it is harmless, since
// the path still has to end at an anchor.
//
// Thread safety: immutable after build(); certificates are parsed on first use behind a
// once_flag each, so any number of threads may query concurrently. Holds the snapshot alive.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/finding.h"
#include "engine/flat_hash_map.h"
#include "tsl/trust_snapshot.h"
#include "validation/trust_anchor.h"

namespace assay::validation {

// Stable finding ids of this module.
namespace anchor_findings {
// A certificate listed in a service identity could not be read; it is neither anchor nor
// intermediate.
inline constexpr std::string_view kBadCertificate = "validation.anchor.bad_certificate";
// A service state identifies its key only by ds:KeyValue, which is not turned into an anchor.
inline constexpr std::string_view kKeyValueOnly = "validation.anchor.key_value_identity_unsupported";
}  // namespace anchor_findings

enum class AnchorServiceTypes {
  kCertificateAuthorities,  // CA/QC, CA/PKC, NationalRootCA-QC (what issues certificates)
  kAll,                     // every service type (e.g. to anchor TSA or OCSP certificates directly)
};

struct TrustedListAnchorOptions {
  AnchorServiceTypes types = AnchorServiceTypes::kCertificateAuthorities;
};

// True when a service state with `status_uri` starting at `start` makes its identities anchors:
// an accepting status of the regime the state belongs to (a pre-eIDAS status on a post-eIDAS
// period, or the reverse, is inconsistent and does not count; TRUSTED-LISTS.md).
bool status_allows_anchor(std::string_view status_uri, engine::UtcTime start);

class TrustedListAnchors final : public TrustAnchorProvider {
 public:
  // Indexes every listed certificate of the snapshot's authenticated lists by subject name (only
  // its subject, SPKI and SKI are read here; a full parse happens on first use). Never fails:
  // unreadable certificates are findings.
  static std::shared_ptr<const TrustedListAnchors> build(tsl::TrustSnapshotPtr snapshot,
                                                         TrustedListAnchorOptions options = {});
  ~TrustedListAnchors() override;

  std::vector<TrustAnchor> anchors_for(const engine::Certificate& child, engine::UtcTime at) const override;
  std::vector<TrustAnchor> anchors_at_other_times(const engine::Certificate& child,
                                                  engine::UtcTime at) const override;
  std::vector<engine::CertificatePtr> intermediates_for(const engine::DistinguishedName& issuer_name) const override;

  // The anchors whose certificate is `certificate` itself (same DER, or same subject and key) at
  // `at`: for a target that is itself listed (a CA certificate, or a TSA certificate with kAll).
  std::vector<TrustAnchor> anchors_for_certificate(const engine::Certificate& certificate,
                                                   engine::UtcTime at) const override;

  const tsl::TrustSnapshot& snapshot() const { return *snapshot_; }
  const engine::Findings& findings() const { return findings_; }
  std::size_t certificate_count() const { return certificates_.size(); }

 private:
  TrustedListAnchors() = default;
  friend struct AnchorIndexBuilder;

  struct Listed;  // one distinct listed certificate (lazily parsed)
  // A period in which one service's state vouches for one listed certificate.
  struct Period {
    std::uint32_t certificate = 0;  // into certificates_
    std::uint32_t service = 0;      // into snapshot_->services()
    std::uint32_t state = 0;        // into that timeline's states
    bool allows = false;            // accepting status and accepted type
  };

  enum class When { kAt, kOtherTimes };
  std::vector<TrustAnchor> collect(const engine::Certificate& child, engine::UtcTime at, When when) const;
  // Periods of the certificates named `name` (RFC 5280 7.1), AKI/SKI matches first.
  std::vector<std::uint32_t> certificates_named(const engine::DistinguishedName& name,
                                                const engine::Certificate* child) const;
  engine::CertificatePtr certificate(std::uint32_t index) const;
  TrustAnchor make_anchor(const Period& period, const engine::CertificatePtr& cert, engine::UtcTime at) const;

  tsl::TrustSnapshotPtr snapshot_;
  TrustedListAnchorOptions options_;
  std::vector<std::unique_ptr<Listed>> certificates_;
  std::vector<Period> periods_;                             // grouped by certificate
  std::vector<std::pair<std::uint32_t, std::uint32_t>> periods_of_;  // certificate -> [begin, end)
  // SPKI DER -> certificates with that key (for anchors_for_certificate).
  engine::FlatHashMap<std::string_view, std::vector<std::uint32_t>> by_spki_;
  engine::FlatHashMap<std::string, std::vector<std::uint32_t>> by_name_;  // name key -> certificates
  struct ShaHash {
    std::size_t operator()(const engine::Sha256& h) const noexcept;
  };
  engine::FlatHashMap<engine::Sha256, std::uint32_t, ShaHash> by_hash_;  // DER SHA-256 -> certificate
  engine::Findings findings_;
};

}  // namespace assay::validation
