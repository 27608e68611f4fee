// RFC 3161 time-stamp tokens: a CMS SignedData (signed_data.h) whose encapsulated content is a
// TSTInfo (RFC 3161 2.4.2), signed by exactly one TSA with a signing-certificate (RFC 2634 5.4,
// ESSCertID) or signing-certificate-v2 (RFC 5035 / RFC 5816, ESSCertIDv2) signed attribute.
//
// This reader checks structure only (strict DER, the RFC 3161 2.4 constraints on the token);
// validation/signature/timestamp_validation.h decides whether a token is acceptable. Immutable
// once parsed; safe to share across threads. Never throws.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/cms/signed_data.h"
#include "engine/error.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"

namespace assay::engine::cms {

// Accuracy (RFC 3161 2.4.2); absent fields are zero.
struct Accuracy {
  std::int64_t seconds = 0;
  int millis = 0;  // 1..999 when present
  int micros = 0;  // 1..999 when present
  std::chrono::microseconds total() const {
    return std::chrono::seconds(seconds) + std::chrono::milliseconds(millis) + std::chrono::microseconds(micros);
  }
};

// TSTInfo (RFC 3161 2.4.2).
struct TstInfo {
  int version = 1;
  std::string policy_oid;
  std::string imprint_algorithm_oid;
  std::string imprint_algorithm;  // "SHA-256"; "" when unknown
  std::string hashed_message;
  std::string serial;             // INTEGER contents, byte-exact
  std::string serial_hex;         // lower-case hex of the contents
  UtcTime gen_time{};             // genTime, whole seconds
  std::string gen_time_fraction;  // the fractional digits as written ("" when none)
  std::optional<Accuracy> accuracy;
  bool ordering = false;
  std::optional<std::string> nonce;  // INTEGER contents
  std::optional<std::string> tsa_der;  // the [0] GeneralName TLV
  std::vector<std::string> extension_oids;
  bool unknown_critical_extension = false;
};

// Parses TSTInfo DER strictly (X.690 DER, RFC 3161 2.4.2 field rules: version 1, genTime
// GeneralizedTime ending in Z without trailing fractional zeros, accuracy ranges, ordering
// DEFAULT FALSE not written). kMalformed with the broken field named.
Result<TstInfo> parse_tst_info(std::string_view der);

// ESSCertID (RFC 2634 5.4.1, SHA-1 hash) or ESSCertIDv2 (RFC 5035 3, hash algorithm default SHA-256).
struct EssCertId {
  std::string hash_algorithm_oid;  // "1.3.14.3.2.26" for v1
  std::string hash;
  bool has_issuer_serial = false;
  std::vector<std::string> issuer_names_der;  // directoryName Names of IssuerSerial.issuer
  std::string serial;                         // INTEGER contents

  // How this reference compares with a certificate.
  enum class Match { kMatch, kHashDiffers, kIssuerSerialDiffers, kUnsupportedHash };
  Match match(const Certificate& certificate) const;
};

// SigningCertificate / SigningCertificateV2: the ESSCertIDs in order (the first is the signer's).
struct SigningCertificateRef {
  int version = 2;  // 1 = signing-certificate, 2 = signing-certificate-v2
  std::vector<EssCertId> certs;
};

// Decodes the attribute value of signing-certificate (`version` 1) or -v2 (`version` 2).
Result<SigningCertificateRef> parse_signing_certificate(std::string_view attribute_value_der, int version);

class TimestampToken;
using TimestampTokenPtr = std::shared_ptr<const TimestampToken>;

// A parsed TimeStampToken: the SignedData, its only SignerInfo and the TSTInfo.
class TimestampToken {
 public:
  // kMalformed unless the bytes are a strict DER ContentInfo/SignedData with eContentType
  // id-ct-TSTInfo, the TSTInfo encapsulated, exactly one SignerInfo (RFC 3161 2.4.1) and signed
  // attributes; kUnsupported for other content types; kResourceExhausted over the limits.
  static Result<TimestampTokenPtr> parse_der(std::string_view der, const CmsLimits& limits = {});

  const SignedData& signed_data() const { return *signed_data_; }
  const SignedDataPtr& signed_data_ptr() const { return signed_data_; }
  const SignerInfo& signer() const { return signed_data_->signer_infos().front(); }
  const TstInfo& tst_info() const { return tst_info_; }
  // The signing-certificate(-v2) reference; v2 preferred when both are present. nullopt when
  // neither is, or when it does not decode (`signing_certificate_error` says why).
  const std::optional<SigningCertificateRef>& signing_certificate() const { return signing_certificate_; }
  const std::string& signing_certificate_error() const { return signing_certificate_error_; }

 private:
  TimestampToken() = default;
  SignedDataPtr signed_data_;
  TstInfo tst_info_;
  std::optional<SigningCertificateRef> signing_certificate_;
  std::string signing_certificate_error_;
};

}  // namespace assay::engine::cms
