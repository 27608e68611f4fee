// Signed hand-written lists for authentication unit tests: a signer (key + self-signed
// certificate) and helpers that sign fixture lists with it.
#pragma once

#include <string>

#include "engine/crypto/private_key.h"
#include "engine/x509/certificate.h"
#include "engine/xmldsig/signer.h"

namespace assay::testing {

struct TestSigner {
  engine::PrivateKey key;
  engine::CertificatePtr certificate;
};

// A fresh EC P-256 signer named `common_name`, valid 2020-01-01 .. 2030-01-01 (cached per name:
// the same name gives the same signer within one test binary).
const TestSigner& test_signer(const std::string& common_name);
// A second certificate for the same name and key (another serial): "re-issued".
engine::CertificatePtr reissued_certificate(const TestSigner& signer);

// Signs `xml` with `signer` (signing time 2026-01-02T00:00:00Z unless given).
std::string sign_xml(const std::string& xml, const TestSigner& signer,
                     engine::xmldsig::SignOptions options = {});

}  // namespace assay::testing
