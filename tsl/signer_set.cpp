#include "tsl/signer_set.h"

#include <cctype>

#include "engine/digest.h"

namespace assay::tsl {

SignerSet SignerSet::from_der(const std::vector<std::string>& certificates_der) {
  SignerSet set;
  for (const auto& der : certificates_der) {
    auto cert = engine::Certificate::parse_der(der);
    if (cert) {
      set.add_certificate(*cert);
    } else {
      set.fingerprints_.insert(engine::sha256_hex(der));
      ++set.unreadable_;
    }
  }
  return set;
}

engine::Result<void> SignerSet::add_fingerprint(std::string_view hex) {
  std::string clean;
  for (const char c : hex) {
    if (c == ':' || c == ' ') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) {
      return engine::fail(engine::Code::kInvalidArgument, "not a SHA-256 fingerprint: '" + std::string(hex) + "'");
    }
    clean.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (clean.size() != 64) {
    return engine::fail(engine::Code::kInvalidArgument,
                        "a SHA-256 fingerprint has 64 hex digits, got " + std::to_string(clean.size()));
  }
  fingerprints_.insert(std::move(clean));
  return {};
}

void SignerSet::add_certificate(const engine::CertificatePtr& certificate) {
  if (fingerprints_.insert(certificate->fingerprint_hex()).second) certificates_.push_back(certificate);
}

std::optional<std::string> SignerSet::match(const engine::Certificate& signer) const {
  const std::string fp = signer.fingerprint_hex();
  if (fingerprints_.contains(fp)) return "certificate " + fp;
  for (const auto& c : certificates_) {
    if (c->matches_subject_and_key(signer)) return "subject and public key of " + c->fingerprint_hex();
  }
  return std::nullopt;
}

}  // namespace assay::tsl
