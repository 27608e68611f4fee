// Engine-private: the few facts the signer and verifier need from an X.509 certificate.
// (The full certificate model lives in engine/x509; this stays minimal on purpose.)
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/time.h"

struct x509_st;
struct evp_pkey_st;

namespace assay::engine::xmldsig::internal {

class CertificateFacts {
 public:
  // Parses DER; nullopt when it is not exactly one certificate (trailing bytes rejected).
  static std::optional<CertificateFacts> parse(std::string_view der);

  // The subject public key, owned by the certificate.
  evp_pkey_st* public_key() const;
  std::optional<UtcTime> not_before() const;
  std::optional<UtcTime> not_after() const;
  // Issuer DN as RFC 2253 text and serial number in decimal (XAdES v1 IssuerSerial).
  std::string issuer_rfc2253() const;
  std::string serial_decimal() const;

 private:
  explicit CertificateFacts(std::shared_ptr<x509_st> cert) : cert_(std::move(cert)) {}
  std::shared_ptr<x509_st> cert_;
};

}  // namespace assay::engine::xmldsig::internal
