// Path building (RFC 4158 in spirit): from the certificate up through candidate issuers —
// supplied intermediates and certificates the anchor providers know — to a trust anchor.
// Several issuers per name (cross-certificates, key rollover, self-issued certificates) are
// tried depth-first, best first: AKI/SKI match, then a verifying signature, then validity at the
// validation time. Loops, depth, candidates per step and total work are bounded (BuildLimits);
// hitting a bound is a finding, never a hang. Not thread-safe (one builder per validation).
#pragma once

#include <functional>
#include <span>
#include <vector>

#include "engine/finding.h"
#include "engine/x509/certificate.h"
#include "validation/trust_anchor.h"
#include "validation/validation_policy.h"

namespace assay::validation {

struct CandidatePath {
  std::vector<engine::CertificatePtr> certificates;  // end entity first, anchor's certificate excluded
  TrustAnchor anchor;
};

class PathBuilder {
 public:
  PathBuilder(engine::CertificatePtr target, std::span<const engine::CertificatePtr> intermediates,
              std::span<const TrustAnchorProvider* const> providers, engine::UtcTime at, const BuildLimits& limits);

  // Offers each complete path to `visit`, best first, until it returns true (accepted) or the
  // candidates or limits run out. Returns whether a path was accepted.
  bool build(const std::function<bool(const CandidatePath&)>& visit);

  // Work spent so far (signature checks and paths offered); callers add their own.
  void spend(int units) { work_ += units; }
  bool exhausted() const { return work_ >= limits_.max_total_work; }
  // Findings about the search itself (limits hit, loops, no issuer).
  const engine::Findings& findings() const { return findings_; }
  // The longest chain built from the target (for the answer when no anchor was reached).
  const std::vector<engine::CertificatePtr>& longest() const { return longest_; }

 private:
  bool extend(std::vector<engine::CertificatePtr>& path, const std::function<bool(const CandidatePath&)>& visit);
  std::vector<engine::CertificatePtr> issuers_of(const engine::Certificate& child,
                                                 const std::vector<engine::CertificatePtr>& path);
  void note(std::string_view id, std::string message);

  engine::CertificatePtr target_;
  std::vector<engine::CertificatePtr> intermediates_;
  std::span<const TrustAnchorProvider* const> providers_;
  engine::UtcTime at_;
  BuildLimits limits_;
  int work_ = 0;
  engine::Findings findings_;
  std::vector<engine::CertificatePtr> longest_;
};

}  // namespace assay::validation
