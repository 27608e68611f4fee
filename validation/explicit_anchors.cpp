#include "validation/explicit_anchors.h"

#include <algorithm>

#include "engine/file.h"

namespace assay::validation {

namespace {
constexpr std::size_t kMaxAnchorFileBytes = 16 * 1024 * 1024;
}

ExplicitTrustAnchors::ExplicitTrustAnchors(std::vector<engine::CertificatePtr> certificates) {
  for (auto& c : certificates) {
    if (!c) continue;
    TrustAnchor a;
    a.subject = c->subject();
    a.spki_der = c->public_key().der;
    a.certificate = std::move(c);
    a.source = AnchorSource::kExplicit;
    anchors_.push_back(std::move(a));
  }
}

engine::Result<ExplicitTrustAnchors> ExplicitTrustAnchors::from_files(std::span<const std::filesystem::path> files) {
  std::vector<engine::CertificatePtr> all;
  for (const auto& f : files) {
    auto bytes = engine::read_file(f, kMaxAnchorFileBytes);
    if (!bytes) return std::unexpected(std::move(bytes.error()).with_context("trust anchor " + f.string()));
    auto certs = engine::Certificate::parse_pem_chain(*bytes);
    if (!certs) return std::unexpected(std::move(certs.error()).with_context("trust anchor " + f.string()));
    all.insert(all.end(), certs->begin(), certs->end());
  }
  return ExplicitTrustAnchors(std::move(all));
}

std::vector<TrustAnchor> ExplicitTrustAnchors::anchors_for(const engine::Certificate& child, engine::UtcTime) const {
  std::vector<TrustAnchor> out;
  for (const auto& a : anchors_) {
    if (engine::equivalent_names(a.subject, child.issuer())) out.push_back(a);
  }
  // RFC 5280 4.2.1.1: prefer the anchor whose key identifier the child names.
  const auto& aki = child.authority_key_id();
  std::stable_partition(out.begin(), out.end(), [&](const TrustAnchor& a) {
    return aki && a.certificate && a.certificate->subject_key_id() == aki;
  });
  return out;
}

std::vector<TrustAnchor> ExplicitTrustAnchors::anchors_for_certificate(const engine::Certificate& certificate,
                                                                       engine::UtcTime) const {
  std::vector<TrustAnchor> out;
  for (const auto& a : anchors_) {
    if (a.spki_der == certificate.public_key().der && engine::equivalent_names(a.subject, certificate.subject())) {
      out.push_back(a);
    }
  }
  return out;
}

}  // namespace assay::validation
