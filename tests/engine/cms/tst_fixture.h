// A small TSA for the time-stamp tests: root CA + TSA unit certificate (EKU timeStamping,
// critical) with EC P-256 keys, pinned times. Test-only.
#pragma once

#include <string>

#include "engine/cms/timestamp_builder.h"
#include "engine/crypto/private_key.h"
#include "engine/x509/certificate_builder.h"

namespace assay::engine::testing_cms {

inline UtcTime at(std::string_view text) { return *parse_utc_time(text); }

inline constexpr std::string_view kTimeStamping = "1.3.6.1.5.5.7.3.8";

struct TsaFixture {
  PrivateKey root_key;
  PrivateKey tsa_key;
  CertificatePtr root;
  CertificatePtr tsa;

  explicit TsaFixture(KeyAlgorithm tsa_algorithm = KeyAlgorithm::kEcP256, bool time_stamping_eku = true)
      : root_key(*PrivateKey::generate(KeyAlgorithm::kEcP256)), tsa_key(*PrivateKey::generate(tsa_algorithm)) {
    CertificateSpec r;
    r.subject = {{"C", "LU"}, {"O", "Assay Test TSP"}, {"CN", "Test Root"}};
    r.not_before = at("2020-01-01T00:00:00Z");
    r.not_after = at("2035-01-01T00:00:00Z");
    r.ca = true;
    r.key_usage = key_usage_bits({KeyUsageBit::kKeyCertSign, KeyUsageBit::kCrlSign});
    root = *build_self_signed(r, root_key);
    CertificateSpec t;
    t.subject = {{"C", "LU"}, {"O", "Assay Test TSP"}, {"CN", "Test TSA unit"}};
    t.serial_hex = "1234";
    t.not_before = at("2024-01-01T00:00:00Z");
    t.not_after = at("2030-01-01T00:00:00Z");
    t.key_usage = key_usage_bits({KeyUsageBit::kDigitalSignature});
    if (time_stamping_eku) {
      // RFC 3161 2.3 wants the EKU critical; the builder writes it non-critical, so inject it raw.
      t.raw_extensions.push_back({"2.5.29.37", true, std::string("\x30\x0a\x06\x08\x2b\x06\x01\x05\x05\x07\x03\x08", 12)});
    } else {
      t.extended_key_usages = {"1.3.6.1.5.5.7.3.4"};  // emailProtection
    }
    tsa = *build_certificate(t, tsa_key.public_key_der(), *root, root_key);
  }

  cms::TimestampTokenSpec spec(std::string covered) const {
    cms::TimestampTokenSpec s;
    s.covered_bytes = std::move(covered);
    s.gen_time = at("2025-06-01T12:00:00Z");
    return s;
  }
};

}  // namespace assay::engine::testing_cms
