// A small PKI built in memory for validation tests: EC P-256 keys (fast), fixed times, and a
// scriptable revocation checker. Test-only.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "engine/x509/certificate_builder.h"
#include "validation/certificate_validator.h"
#include "validation/explicit_anchors.h"

namespace assay::validation::testing {

inline engine::UtcTime day(int y, unsigned m, unsigned d) {
  return engine::UtcTime(std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d)));
}

inline const engine::PrivateKey& test_key(int n) {
  static std::map<int, engine::PrivateKey> keys;  // tests run on one thread
  auto it = keys.find(n);
  if (it == keys.end()) it = keys.emplace(n, *engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256)).first;
  return it->second;
}

inline engine::CertificateSpec ca_spec(const std::string& cn, std::string serial = "01") {
  engine::CertificateSpec s;
  s.subject = {{"C", "LU"}, {"O", "Assay Test"}, {"CN", cn}};
  s.serial_hex = std::move(serial);
  s.not_before = day(2020, 1, 1);
  s.not_after = day(2035, 1, 1);
  s.ca = true;
  s.key_usage = engine::key_usage_bits({engine::KeyUsageBit::kKeyCertSign, engine::KeyUsageBit::kCrlSign});
  return s;
}

inline engine::CertificateSpec ee_spec(const std::string& cn) {
  engine::CertificateSpec s;
  s.subject = {{"C", "LU"}, {"O", "Assay Test"}, {"CN", cn}};
  s.serial_hex = "0a";
  s.not_before = day(2021, 1, 1);
  s.not_after = day(2027, 1, 1);
  s.key_usage = engine::key_usage_bits({engine::KeyUsageBit::kDigitalSignature});
  return s;
}

// Answers from a table keyed by certificate SHA-256 hex; kGood for anything else.
class ScriptedChecker final : public RevocationChecker {
 public:
  std::map<std::string, RevocationEvidence> answers;
  mutable int calls = 0;
  RevocationEvidence check(const RevocationQuery& q, const SignerPathValidator&) const override {
    ++calls;
    auto it = answers.find(q.certificate.fingerprint_hex());
    if (it != answers.end()) return it->second;
    RevocationEvidence good;
    good.status = RevocationState::kGood;
    good.source = "crl";
    good.this_update = q.at - std::chrono::hours(1);
    good.next_update = q.at + std::chrono::hours(24);
    return good;
  }
};

struct TestPki {
  engine::CertificatePtr root, ca, ee;
  TestPki() {
    root = *engine::build_self_signed(ca_spec("Root"), test_key(1));
    ca = *engine::build_certificate(ca_spec("Issuing CA", "02"), test_key(2).public_key_der(), *root, test_key(1));
    ee = *engine::build_certificate(ee_spec("Alice"), test_key(3).public_key_der(), *ca, test_key(2));
  }
};

}  // namespace assay::validation::testing
