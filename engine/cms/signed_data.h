// CMS SignedData (RFC 5652 5), read strictly: ContentInfo, version, digestAlgorithms, the
// encapsulated content, certificates, crls and every SignerInfo (sid by issuerAndSerialNumber or
// subjectKeyIdentifier, signed attributes kept byte-exact for the signature and checked for their
// DER re-encoding, unsigned attributes). Verification of one SignerInfo with a given certificate
// checks content-type and message-digest (RFC 5652 5.4, 11.1, 11.2) and the signature value.
//
// Built for RFC 3161 time-stamp tokens first and CAdES later: nothing here is time-stamp
// specific. Parsing is a DER walk with limits: indefinite (BER) lengths, truncation and trailing
// bytes are errors everywhere; the full X.690 DER rules (minimal lengths and INTEGERs, canonical
// BOOLEANs, sorted SET OF) are enforced on what is signed — the signed attributes (a finding) and,
// for time-stamps, the TSTInfo (an error). Embedded certificates go through
// Certificate::parse_der. Broken input is an Error, never a crash. A SignedData is immutable and
// may be shared across threads.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/finding.h"
#include "engine/x509/certificate.h"

namespace assay::engine::cms {

// Object identifiers used by CMS readers (RFC 5652 14, RFC 3161, RFC 2634, RFC 5035).
inline constexpr std::string_view kOidSignedData = "1.2.840.113549.1.7.2";
inline constexpr std::string_view kOidData = "1.2.840.113549.1.7.1";
inline constexpr std::string_view kOidTstInfo = "1.2.840.113549.1.9.16.1.4";
inline constexpr std::string_view kOidContentType = "1.2.840.113549.1.9.3";
inline constexpr std::string_view kOidMessageDigest = "1.2.840.113549.1.9.4";
inline constexpr std::string_view kOidSigningTime = "1.2.840.113549.1.9.5";
inline constexpr std::string_view kOidSigningCertificate = "1.2.840.113549.1.9.16.2.12";
inline constexpr std::string_view kOidSigningCertificateV2 = "1.2.840.113549.1.9.16.2.47";

struct CmsLimits {
  std::size_t max_bytes = 4u << 20;
  std::size_t max_certificates = 64;
  std::size_t max_crls = 64;
  std::size_t max_signers = 16;
  std::size_t max_attributes = 64;
};

// SignerIdentifier (RFC 5652 5.3).
struct SignerIdentifier {
  enum class Kind { kIssuerAndSerialNumber, kSubjectKeyIdentifier };
  Kind kind = Kind::kIssuerAndSerialNumber;
  std::string issuer_der;  // issuer Name TLV (kIssuerAndSerialNumber)
  std::string serial;      // serialNumber INTEGER contents, byte-exact (kIssuerAndSerialNumber)
  std::string key_id;      // SubjectKeyIdentifier bytes (kSubjectKeyIdentifier)

  // True when `certificate` is the one identified (issuer Name equivalent and serial equal, or
  // SKI equal to the certificate's subjectKeyIdentifier extension).
  bool matches(const Certificate& certificate) const;
};

// Attribute (RFC 5652 5.3): its type and each AttributeValue as a complete DER TLV.
struct Attribute {
  std::string oid;
  std::vector<std::string> values;
};

struct SignerInfo {
  int version = 0;  // 1 (issuerAndSerialNumber) or 3 (subjectKeyIdentifier)
  SignerIdentifier sid;
  std::string digest_algorithm_oid;
  std::string digest_algorithm;  // "SHA-256", ... ; "" when unknown
  // The DER the signature covers when signed attributes are present: the [0] IMPLICIT field
  // re-tagged as SET OF (RFC 5652 5.4). Empty when there are no signed attributes.
  std::string signed_attributes_der;
  bool has_signed_attributes = false;
  std::vector<Attribute> signed_attributes;
  SignatureAlgorithm signature_algorithm;  // effective (rsaEncryption is combined with the digest)
  std::string signature;
  std::vector<Attribute> unsigned_attributes;
  // The SignerInfo's fields version, sid, digestAlgorithm, signedAttrs, signatureAlgorithm and
  // signature, as encoded (EN 319 122-1 5.5.3: part of the archive-time-stamp-v3 imprint input).
  std::string signed_fields_der;
  // Reading problems that do not stop parsing (cms_findings.h), e.g. non-DER signed attributes.
  Findings findings;

  // The first signed attribute of type `oid`, or nullptr.
  const Attribute* find_signed(std::string_view oid) const;
  const Attribute* find_unsigned(std::string_view oid) const;
};

class SignedData;
using SignedDataPtr = std::shared_ptr<const SignedData>;

// The outcome of checking one SignerInfo with one certificate.
struct SignerVerification {
  bool content_type_ok = false;    // content-type attribute present and equal to eContentType
  bool message_digest_ok = false;  // message-digest equals the content digest
  bool signature_ok = false;       // the signature value verifies
  bool ok() const { return content_type_ok && message_digest_ok && signature_ok; }
  Findings findings;               // why not (ids in cms_findings.h)
};

class SignedData {
 public:
  // Parses a DER ContentInfo whose contentType is id-signedData. kResourceExhausted over the
  // limits; kMalformed for anything else that is not strict DER SignedData (the message names
  // the broken part); kUnsupported for another content type. Never throws.
  static Result<SignedDataPtr> parse_der(std::string_view content_info_der, const CmsLimits& limits = {});

  const std::string& der() const { return der_; }
  int version() const { return version_; }
  const std::vector<std::string>& digest_algorithm_oids() const { return digest_algorithms_; }
  const std::string& content_type() const { return econtent_type_; }  // eContentType OID
  // eContent OCTET STRING contents; nullopt when detached.
  const std::optional<std::string>& content() const { return econtent_; }
  const std::vector<CertificatePtr>& certificates() const { return certificates_; }
  std::size_t other_certificate_count() const { return other_certificates_; }  // attribute certs etc.
  const std::vector<std::string>& crls() const { return crls_; }             // CertificateList DER
  std::size_t other_revocation_count() const { return other_revocation_; }   // [1] other formats
  // OCSPResponse DER of the [1] OtherRevocationInfoFormat entries of type id-ri-ocsp-response
  // (RFC 5940 2.2.1); they are also counted in other_revocation_count().
  const std::vector<std::string>& ocsp_responses() const { return ocsp_responses_; }
  const std::vector<SignerInfo>& signer_infos() const { return signers_; }

  // Certificates among certificates() (then `extra`) that the signer's sid identifies, in order.
  std::vector<CertificatePtr> find_signer_certificates(const SignerInfo& signer,
                                                       const std::vector<CertificatePtr>& extra = {}) const;

  // Checks `signer` with `certificate` over the encapsulated content, or over
  // `detached_content` when the content is detached (RFC 5652 5.4, 5.6). Every check is run and
  // reported; never throws.
  SignerVerification verify(const SignerInfo& signer, const Certificate& certificate,
                            std::optional<std::string_view> detached_content = std::nullopt) const;

 private:
  SignedData() = default;
  friend struct SignedDataParser;

  std::string der_;
  int version_ = 0;
  std::vector<std::string> digest_algorithms_;
  std::string econtent_type_;
  std::optional<std::string> econtent_;
  std::vector<CertificatePtr> certificates_;
  std::size_t other_certificates_ = 0;
  std::vector<std::string> crls_;
  std::size_t other_revocation_ = 0;
  std::vector<std::string> ocsp_responses_;
  std::vector<SignerInfo> signers_;
};

// Parses one SignerInfo (RFC 5652 5.3) given as its complete DER SEQUENCE, e.g. the value of a
// countersignature attribute (RFC 5652 11.4). Same rules and errors as parse_der.
Result<SignerInfo> parse_signer_info(std::string_view signer_info_der, const CmsLimits& limits = {});

// "SHA-256"-style name of a digest algorithm OID (SHA-1, SHA-2 family), "" when unknown. The
// digest itself is engine::digest_by_oid (engine/x509/ocsp_response.h).
std::string_view digest_name_for_oid(std::string_view oid) noexcept;
// The dotted OID of a digest name ("SHA-256"), "" when unknown.
std::string_view digest_oid_for_name(std::string_view name) noexcept;

// True when `der` is a single element whose every nested constructed element uses minimal
// definite lengths (X.690 10.1), BOOLEANs are 0x00/0xff and INTEGERs are minimal. Depth-limited.
bool is_strict_der(std::string_view der);

}  // namespace assay::engine::cms
