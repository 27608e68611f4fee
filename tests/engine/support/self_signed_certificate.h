// Test-only: a minimal self-signed certificate for signing tests. (The full certificate factory
// lives in engine/x509; this exists so the xmldsig tests do not depend on it.)
#pragma once

#include <string>
#include <string_view>

#include "engine/crypto/private_key.h"
#include "engine/time.h"

namespace assay::testing {

struct TestCertificateOptions {
  std::string common_name = "Test Signer";
  engine::UtcTime not_before{};
  engine::UtcTime not_after{};
  long serial = 1;
};

// A self-signed X.509 v3 certificate for `key` (SHA-256), as DER. Aborts the test on failure.
std::string make_self_signed_certificate(const engine::PrivateKey& key, const TestCertificateOptions& options);
// PEM text for a DER certificate.
std::string certificate_pem(std::string_view der);

}  // namespace assay::testing
