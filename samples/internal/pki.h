// The sample PKI: a fresh key and certificate for every authority (CAs, TSA unit, OCSP
// responder, list signers, LOTL anchors) and every end-entity scenario. Keys are the only
// randomness of the federation. Internal to assay_samples.
#pragma once

#include <map>
#include <string>

#include "engine/crypto/private_key.h"
#include "engine/error.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"

namespace assay::samples {

struct KeyAndCertificate {
  engine::PrivateKey key;
  engine::CertificatePtr certificate;
};

struct Pki {
  std::map<std::string, KeyAndCertificate> authorities;   // by AuthoritySpec::id
  std::map<std::string, KeyAndCertificate> end_entities;  // by CertificateScenario::id
};

// Parses a literal time of the scenario table. kInternal when the table is broken.
engine::Result<engine::UtcTime> table_time(const std::string& text);

// Generates keys and issues every certificate of the scenario table.
engine::Result<Pki> build_pki();

// "-----BEGIN CERTIFICATE-----" PEM of `certificate`.
std::string to_pem(const engine::Certificate& certificate);

}  // namespace assay::samples
