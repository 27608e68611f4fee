// OCSP responses (RFC 6960 4.2), parsed once into an immutable value: the response status and,
// for id-pkix-ocsp-basic, the responder id (by name or key hash), producedAt, the single
// responses (CertID, certStatus, thisUpdate, nextUpdate), the certificates carried, the nonce,
// and whether any critical extension is one this reader does not know. Also builds the DER of
// an OCSPRequest (RFC 6960 4.1) for online checking.
//
// Parsing is a strict DER walk with limits; broken input is an Error, never a crash. Signatures
// are checked on request. Thread safety: an OcspResponse is immutable and may be shared.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/crypto/private_key.h"
#include "engine/digest.h"
#include "engine/error.h"
#include "engine/finding.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"
#include "engine/x509/signature_memo.h"
#include "engine/x509/crl.h"
#include "engine/x509/distinguished_name.h"

namespace assay::engine {

// OCSPResponseStatus (RFC 6960 4.2.1).
enum class OcspResponseStatus {
  kSuccessful = 0,
  kMalformedRequest = 1,
  kInternalError = 2,
  kTryLater = 3,
  kSigRequired = 5,
  kUnauthorized = 6,
};
std::string_view ocsp_response_status_name(OcspResponseStatus status) noexcept;

enum class OcspCertStatus { kGood, kRevoked, kUnknown };

// How a CertID compares with a certificate and its issuer.
enum class CertIdMatch { kMatch, kSerialDiffers, kIssuerNameHashDiffers, kIssuerKeyHashDiffers, kUnsupportedHash };

// CertID (RFC 6960 4.1.1).
struct OcspCertId {
  std::string hash_algorithm_oid;  // dotted
  std::string issuer_name_hash;
  std::string issuer_key_hash;
  std::string serial;              // INTEGER contents, byte-exact

  // Compares with the certificate whose serial (INTEGER contents) is `serial`, issued by the
  // entity with Name DER `issuer_name_der` and SubjectPublicKeyInfo DER `issuer_spki_der`; the
  // hashes are recomputed with this CertID's algorithm (SHA-1, SHA-2).
  CertIdMatch match(std::string_view serial, std::string_view issuer_name_der, std::string_view issuer_spki_der) const;
};

// One SingleResponse (RFC 6960 4.2.1).
struct OcspSingle {
  OcspCertId cert_id;
  OcspCertStatus status = OcspCertStatus::kUnknown;
  std::optional<UtcTime> revocation_time;
  std::optional<CrlReason> reason;
  UtcTime this_update{};
  std::optional<UtcTime> next_update;
  bool unknown_critical_extension = false;
};

struct OcspLimits {
  std::size_t max_bytes = 4u << 20;
  std::size_t max_responses = 10'000;
  std::size_t max_certificates = 64;
};

class OcspResponse;
using OcspResponsePtr = std::shared_ptr<const OcspResponse>;

class OcspResponse {
 public:
  // Parses one DER OCSPResponse. kResourceExhausted over the limits; kMalformed when the bytes
  // are not an OCSP response (message names the broken part), including trailing bytes;
  // kUnsupported for a successful response whose type is not id-pkix-ocsp-basic.
  static Result<OcspResponsePtr> parse_der(std::string_view der, const OcspLimits& limits = {});

  const std::string& der() const { return der_; }
  const Sha256& sha256() const { return sha256_; }
  OcspResponseStatus response_status() const { return status_; }
  // The remaining accessors are meaningful only for a successful response.
  const std::optional<DistinguishedName>& responder_name() const { return responder_name_; }
  const std::optional<std::string>& responder_key_hash() const { return responder_key_hash_; }  // SHA-1
  UtcTime produced_at() const { return produced_at_; }
  const std::vector<OcspSingle>& responses() const { return responses_; }
  const std::vector<CertificatePtr>& certificates() const { return certificates_; }
  const std::optional<std::string>& nonce() const { return nonce_; }
  const SignatureAlgorithm& signature_algorithm() const { return signature_algorithm_; }
  // A critical response extension this reader does not process (RFC 5280 4.2 applies by RFC 6960 4.4).
  bool unknown_critical_extension() const { return unknown_critical_; }

  // True when the responder id names `subject` (Name equivalence) or the SHA-1 of the
  // subjectPublicKey bits of `spki_der` (RFC 6960 4.2.2.3).
  bool responder_matches(const DistinguishedName& subject, std::string_view spki_der) const;
  bool responder_matches(const Certificate& c) const { return responder_matches(c.subject(), c.public_key().der); }

  // True when `signer`'s key verifies tbsResponseData; false when not; an Error when it
  // cannot be checked.
  Result<bool> verify_signed_by(const Certificate& signer) const;
  Result<bool> verify_signed_by_key(std::string_view spki_der) const;

 private:
  OcspResponse() = default;
  friend struct OcspParser;
  SignatureMemo memo_;  // verdicts of verify_signed_by* per key

  std::string der_;
  Sha256 sha256_{};
  OcspResponseStatus status_ = OcspResponseStatus::kInternalError;
  std::string tbs_;
  SignatureAlgorithm signature_algorithm_;
  std::string signature_;
  std::optional<DistinguishedName> responder_name_;
  std::optional<std::string> responder_key_hash_;
  UtcTime produced_at_{};
  std::vector<OcspSingle> responses_;
  std::vector<CertificatePtr> certificates_;
  std::optional<std::string> nonce_;
  bool unknown_critical_ = false;
};

// DER OCSPRequest (RFC 6960 4.1.1) asking for `certificate` issued by the entity with Name DER
// `issuer_name_der` and SubjectPublicKeyInfo DER `issuer_spki_der`; with a nonce extension
// (RFC 8954) when `nonce` is given. Unsigned. kInvalidArgument when the issuer key is not an SPKI.
Result<std::string> build_ocsp_request(const Certificate& certificate, std::string_view issuer_name_der,
                                       std::string_view issuer_spki_der,
                                       DigestAlgorithm cert_id_digest = DigestAlgorithm::kSha1,
                                       const std::optional<std::string>& nonce = std::nullopt);

// The CertIDs an OCSPRequest asks about (RFC 6960 4.1.1), in order; the rest of the request
// (version, requestor, extensions such as the nonce) is not interpreted. kMalformed when the
// bytes are not a DER OCSPRequest, kResourceExhausted past `max_requests` CertIDs. What a
// responder answering pre-produced responses (RFC 5019 2.2) matches its responses by.
Result<std::vector<OcspCertId>> parse_ocsp_request_cert_ids(std::string_view der, std::size_t max_requests = 64);

// The subjectPublicKey BIT STRING contents of an SPKI (without the unused-bits octet);
// nullopt when malformed. What key hashes (CertID, ResponderID byKey) are computed over.
std::optional<std::string> subject_public_key_bits(std::string_view spki_der);

// The hash of `data` with the digest algorithm named by dotted OID (SHA-1, SHA-224/256/384/512);
// nullopt for other algorithms.
std::optional<std::string> digest_by_oid(std::string_view oid, std::string_view data);

}  // namespace assay::engine
