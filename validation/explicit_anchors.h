// Trust anchors given explicitly (`--anchor FILE`, PKITS, private PKIs, tests): every
// certificate is an anchor at any time (RFC 5280 6.1.1 (d) takes an anchor's validity as out of
// scope; a relying party that gives an anchor trusts it). Immutable after construction;
// thread-safe.
#pragma once

#include <filesystem>
#include <span>
#include <vector>

#include "engine/error.h"
#include "validation/trust_anchor.h"

namespace assay::validation {

class ExplicitTrustAnchors final : public TrustAnchorProvider {
 public:
  explicit ExplicitTrustAnchors(std::vector<engine::CertificatePtr> certificates);

  // Reads PEM (one or more certificates) or DER files. kNotFound / kMalformed naming the file.
  static engine::Result<ExplicitTrustAnchors> from_files(std::span<const std::filesystem::path> files);

  std::vector<TrustAnchor> anchors_for(const engine::Certificate& child, engine::UtcTime at) const override;
  // The anchor that is `certificate` itself (same certificate, or same subject and key).
  std::vector<TrustAnchor> anchors_for_certificate(const engine::Certificate& certificate,
                                                   engine::UtcTime at) const override;

  const std::vector<TrustAnchor>& anchors() const { return anchors_; }

 private:
  std::vector<TrustAnchor> anchors_;
};

}  // namespace assay::validation
