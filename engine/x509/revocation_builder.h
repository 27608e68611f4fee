// Builds CRLs (RFC 5280 5) and OCSP responses (RFC 6960 4.2) as DER, for the sample federation
// and the tests. Times are inputs (no clock); only signature values are non-deterministic.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/crypto/private_key.h"
#include "engine/error.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"
#include "engine/x509/certificate_builder.h"
#include "engine/x509/crl.h"
#include "engine/x509/ocsp_response.h"

namespace assay::engine {

struct RevokedCertificate {
  RevokedCertificate() = default;
  RevokedCertificate(std::string serial, UtcTime time, std::optional<CrlReason> reason_code = std::nullopt)
      : serial_hex(std::move(serial)), revocation_time(time), reason(reason_code) {}

  std::string serial_hex;  // unsigned big-endian hex, as CertificateSpec::serial_hex
  UtcTime revocation_time{};
  std::optional<CrlReason> reason;  // reasonCode entry extension when set
  // certificateIssuer entry extension (indirect CRLs, RFC 5280 5.3.3): a SEQUENCE OF
  // GeneralName DER; empty = none.
  std::string certificate_issuer_der;
  std::vector<RawExtension> extensions;  // further entry extensions, written as given
};

struct CrlSpec {
  UtcTime this_update{};
  std::optional<UtcTime> next_update;
  std::vector<RevokedCertificate> revoked;  // written in this order
  std::optional<std::int64_t> crl_number;   // cRLNumber extension when set
  std::optional<std::int64_t> delta_base;   // deltaCRLIndicator (critical) when set: a delta CRL
  // issuingDistributionPoint extnValue (written critical, RFC 5280 5.2.5); empty = none.
  std::string issuing_distribution_point_der;
  std::vector<RawExtension> extensions;     // further CRL extensions, written as given
  DigestAlgorithm digest = DigestAlgorithm::kSha256;
};

// A v2 CRL issued by `issuer` (issuer Name, AKI from its SKI) signed by `signing_key`.
// kInvalidArgument on a bad serial.
Result<std::string> build_crl(const CrlSpec& spec, const Certificate& issuer, const PrivateKey& signing_key);

struct OcspSingleResponse {
  const Certificate* subject = nullptr;  // the certificate asked about
  const Certificate* issuer = nullptr;   // its issuer (CertID hashes its name and key)
  OcspCertStatus status = OcspCertStatus::kGood;
  UtcTime revocation_time{};             // kRevoked only
  std::optional<CrlReason> reason;       // kRevoked only
  UtcTime this_update{};
  std::optional<UtcTime> next_update;
};

enum class OcspResponderId { kByName, kByKey };

struct OcspResponseSpec {
  UtcTime produced_at{};
  std::vector<OcspSingleResponse> responses;
  OcspResponderId responder_id = OcspResponderId::kByName;
  bool include_responder_certificate = true;  // certs [0] carries the responder certificate
  DigestAlgorithm digest = DigestAlgorithm::kSha256;
  DigestAlgorithm cert_id_digest = DigestAlgorithm::kSha1;  // CertID hashAlgorithm
  std::optional<std::string> nonce;  // id-pkix-ocsp-nonce response extension when set
};

// A complete OCSPResponse (status successful, id-pkix-ocsp-basic) signed by `responder_key`
// for `responder` (a delegated responder or the CA itself). kInvalidArgument when a single
// response lacks its subject or issuer.
Result<std::string> build_ocsp_response(const OcspResponseSpec& spec, const Certificate& responder,
                                        const PrivateKey& responder_key);

}  // namespace assay::engine
