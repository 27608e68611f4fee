// A set of certificates allowed to sign a list: Official Journal anchors, or the certificates a
// LOTL pointer (or a pivot's own LOTL pointer) announces.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/x509/certificate.h"

namespace assay::tsl {

// Immutable after construction; safe to share between threads.
class SignerSet {
 public:
  SignerSet() = default;

  // Certificates given as DER. Unparsable entries are kept by fingerprint only (they can still
  // match a signer byte for byte) and counted in `unreadable()`.
  static SignerSet from_der(const std::vector<std::string>& certificates_der);
  // Adds anchors given as SHA-256 fingerprints (64 hex digits, case-insensitive, ':' allowed).
  // kInvalidArgument for anything else.
  engine::Result<void> add_fingerprint(std::string_view hex);
  void add_certificate(const engine::CertificatePtr& certificate);

  // How `signer` is in the set: "certificate <sha256>" (the same certificate) or "subject and
  // public key of <sha256>" (a re-issued certificate for the same name and key, TS 119 615
  // allows either). nullopt when it is not.
  std::optional<std::string> match(const engine::Certificate& signer) const;

  bool empty() const { return fingerprints_.empty(); }
  std::size_t size() const { return fingerprints_.size(); }
  std::size_t unreadable() const { return unreadable_; }
  // SHA-256 fingerprints of every member, sorted.
  std::vector<std::string> fingerprints() const { return {fingerprints_.begin(), fingerprints_.end()}; }

 private:
  std::vector<engine::CertificatePtr> certificates_;
  std::set<std::string> fingerprints_;
  std::size_t unreadable_ = 0;
};

}  // namespace assay::tsl
