// Shared fixtures for the x509 tests: keys are generated once per binary (RSA generation is
// slow), times are pinned.
#pragma once

#include <gtest/gtest.h>

#include "engine/crypto/private_key.h"
#include "engine/time.h"
#include "engine/x509/certificate_builder.h"

namespace assay::engine::testing_x509 {

inline UtcTime at(std::string_view text) { return *parse_utc_time(text); }

inline const PrivateKey& rsa_key(int index) {
  static const std::vector<PrivateKey> keys = [] {
    std::vector<PrivateKey> k;
    for (int i = 0; i < 3; ++i) k.push_back(*PrivateKey::generate(KeyAlgorithm::kRsa2048));
    return k;
  }();
  return keys.at(static_cast<std::size_t>(index));
}

inline const PrivateKey& ec_key() {
  static const PrivateKey key = *PrivateKey::generate(KeyAlgorithm::kEcP256);
  return key;
}

inline CertificateSpec ca_spec(std::string cn) {
  CertificateSpec s;
  s.subject = {{"C", "LU"}, {"O", "Test TSP"}, {"CN", std::move(cn)}};
  s.serial_hex = "01";
  s.not_before = at("2020-01-01T00:00:00Z");
  s.not_after = at("2035-01-01T00:00:00Z");
  s.ca = true;
  s.key_usage = key_usage_bits({KeyUsageBit::kKeyCertSign, KeyUsageBit::kCrlSign});
  return s;
}

// A root CA (rsa_key(0)), built once.
inline const CertificatePtr& root_ca() {
  static const CertificatePtr root = *build_self_signed(ca_spec("Test Root"), rsa_key(0));
  return root;
}

}  // namespace assay::engine::testing_x509
