// X.509 v3 certificates (RFC 5280), parsed once into an immutable value with every field the
// qualification and validation layers read (EN 319 412, TS 119 615).
//
// Parsing is a lean DER walk (no OpenSSL object is built); OpenSSL is only involved, lazily, to
// check signatures. A certificate whose outer structure is broken is an Error; a broken
// extension is a finding on a certificate that still parses (see x509_findings.h).
// Thread safety: a Certificate is immutable after construction and safe to share through
// `CertificatePtr` across threads (the lazily created OpenSSL handles are guarded).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/digest.h"
#include "engine/error.h"
#include "engine/finding.h"
#include "engine/time.h"
#include "engine/x509/distinguished_name.h"
#include "engine/x509/path_extensions.h"
#include "engine/x509/qc_statements.h"

struct x509_st;
struct evp_pkey_st;

namespace assay::engine {

// Hostile-input caps (issue 21). Real certificates stay far below them (of the 4,462 distinct
// certificates in the EU 2019 and 2026 lists of ../shared/corpus the largest is 3.8 KiB and none
// has more than 13 extensions); above them parsing stops early instead of costing time and memory
// in proportion to an attacker's input.
inline constexpr std::size_t kMaxCertificateBytes = std::size_t{64} << 10;  // larger: kResourceExhausted
inline constexpr std::size_t kMaxCertificateExtensions = 64;                // more: kResourceExhausted
inline constexpr std::size_t kMaxCertificateFindings = 32;  // more: x509_findings::kFindingsTruncated

class Certificate;
using CertificatePtr = std::shared_ptr<const Certificate>;

// KeyUsage bits, numbered as in RFC 5280 4.2.1.3.
enum class KeyUsageBit {
  kDigitalSignature = 0,
  kNonRepudiation = 1,  // a.k.a. contentCommitment
  kKeyEncipherment = 2,
  kDataEncipherment = 3,
  kKeyAgreement = 4,
  kKeyCertSign = 5,
  kCrlSign = 6,
  kEncipherOnly = 7,
  kDecipherOnly = 8,
};

// RFC 5280 names ("digitalSignature", "nonRepudiation", ..., "decipherOnly").
std::string_view key_usage_name(KeyUsageBit bit) noexcept;
// Accepts the RFC 5280 names and "contentCommitment" (X.509 2008 name of bit 1).
std::optional<KeyUsageBit> key_usage_from_name(std::string_view name) noexcept;

// The keyUsage extension (2.5.29.15).
struct KeyUsage {
  bool present = false;
  bool critical = false;
  std::uint16_t bits = 0;  // bit n set = KeyUsageBit(n) asserted

  bool has(KeyUsageBit bit) const { return (bits >> static_cast<unsigned>(bit)) & 1u; }
  // Names of the asserted bits, in bit order.
  std::vector<std::string_view> names() const;
};

// The basicConstraints extension (2.5.29.19).
struct BasicConstraints {
  bool present = false;
  bool critical = false;
  bool ca = false;
  std::optional<std::int64_t> path_length;
};

// SubjectPublicKeyInfo and what it says about the key.
struct PublicKeyInfo {
  std::string der;            // the complete SubjectPublicKeyInfo TLV
  std::string algorithm_oid;  // e.g. "1.2.840.113549.1.1.1"
  std::string algorithm;      // "RSA", "EC", "Ed25519", "Ed448", "DSA", "RSASSA-PSS", or the OID
  int bits = 0;               // RSA modulus / curve size; 0 when unknown
  std::string curve;          // "P-256", "P-384", "P-521", "brainpoolP256r1", ... or the OID (EC only)
  std::string parameters_der; // AlgorithmIdentifier parameters TLV; empty when absent
};

// A SubjectPublicKeyInfo whose AlgorithmIdentifier parameters are replaced by `parameters_der`
// (RFC 5280 6.1.4 (e)/(f): a DSA key without parameters inherits its issuer's). nullopt when
// `spki_der` is not a SubjectPublicKeyInfo.
std::optional<std::string> spki_with_parameters(std::string_view spki_der, std::string_view parameters_der);

// An AlgorithmIdentifier used for the certificate signature.
struct SignatureAlgorithm {
  std::string oid;
  std::string name;    // "sha256WithRSAEncryption", "ecdsa-with-SHA384", "RSASSA-PSS", ... or the OID
  std::string digest;  // "SHA-1", "SHA-256", ...; empty for EdDSA and unknown algorithms
  std::string der;     // the complete AlgorithmIdentifier TLV
};

// Any extension, as found.
struct Extension {
  std::string oid;
  bool critical = false;
  std::string value;  // contents of extnValue (the DER of the extension's own syntax)
};

class Certificate {
 public:
  // Parses one DER certificate. kMalformed when the bytes are not a certificate (the message
  // names the broken part); trailing bytes are an error; kResourceExhausted above
  // kMaxCertificateBytes or kMaxCertificateExtensions. Linear in the input. Never throws.
  static Result<CertificatePtr> parse_der(std::string_view der);
  // Parses text or bytes holding certificates: one or more PEM blocks ("CERTIFICATE" or
  // "X509 CERTIFICATE"), a single DER certificate, or a single base64 DER blob. Order kept.
  // kMalformed when nothing parses or any block is broken; kNotFound when the input is empty.
  static Result<std::vector<CertificatePtr>> parse_pem_chain(std::string_view text);
  // The DER of each certificate in such text, without parsing them (a client forwarding
  // certificates to a service): the same formats and framing errors as parse_pem_chain, and each
  // blob must be one DER SEQUENCE with no trailing bytes.
  static Result<std::vector<std::string>> pem_chain_der(std::string_view text);

  ~Certificate();
  Certificate(const Certificate&) = delete;
  Certificate& operator=(const Certificate&) = delete;

  const std::string& der() const { return der_; }
  const std::string& tbs_der() const { return tbs_; }
  const Sha256& sha256_fingerprint() const { return fingerprint_; }
  std::string fingerprint_hex() const { return to_hex(fingerprint_); }
  int version() const { return version_; }  // 1, 2 or 3
  // Serial number in lower-case hex without the DER sign octet: "0f", "1a9996",
  // "1000000000001fac8f5ef9d5c6a70470". (A negative serial, which RFC 5280 forbids but real
  // certificates carry, stays in two's complement.)
  const std::string& serial_hex() const { return serial_hex_; }
  // The serialNumber INTEGER TLV, byte-exact (for OCSP CertIDs and CRL lookups).
  const std::string& serial_der() const { return serial_der_; }
  const DistinguishedName& subject() const { return subject_; }
  const DistinguishedName& issuer() const { return issuer_; }
  UtcTime not_before() const { return not_before_; }
  UtcTime not_after() const { return not_after_; }
  // RFC 5280 4.1.2.5: valid at t when notBefore <= t <= notAfter.
  bool is_valid_at(UtcTime t) const { return not_before_ <= t && t <= not_after_; }
  const PublicKeyInfo& public_key() const { return public_key_; }
  const SignatureAlgorithm& signature_algorithm() const { return signature_algorithm_; }
  const std::string& signature() const { return signature_; }  // BIT STRING bytes

  const std::vector<Extension>& extensions() const { return extensions_; }
  const Extension* find_extension(std::string_view oid) const;
  const BasicConstraints& basic_constraints() const { return basic_constraints_; }
  bool is_ca() const { return basic_constraints_.ca; }
  const KeyUsage& key_usage() const { return key_usage_; }
  const std::vector<std::string>& extended_key_usages() const { return eku_; }
  const std::vector<std::string>& policies() const { return policies_; }
  // certificatePolicies with qualifier OIDs (RFC 5280 4.2.1.4); empty when absent or malformed.
  const std::vector<PolicyInformation>& policy_information() const { return policy_info_; }
  const std::vector<PolicyMapping>& policy_mappings() const { return policy_mappings_; }
  const PolicyConstraints& policy_constraints() const { return policy_constraints_; }
  const std::optional<std::int64_t>& inhibit_any_policy() const { return inhibit_any_policy_; }
  const NameConstraints& name_constraints() const { return name_constraints_; }
  // subjectAltName GeneralNames (RFC 5280 4.2.1.6); empty when absent or malformed.
  const std::vector<GeneralName>& subject_alt_names() const { return subject_alt_names_; }
  bool has_subject_alt_name() const { return find_extension(kOidSubjectAltName) != nullptr; }
  // emailAddress attributes of the subject (RFC 5280 4.2.1.10 applies rfc822Name constraints to them).
  std::vector<std::string> subject_emails() const;
  bool has_policy(std::string_view oid) const;
  // Key identifier bytes; nullopt when the extension (or its keyIdentifier) is absent.
  const std::optional<std::string>& subject_key_id() const { return ski_; }
  const std::optional<std::string>& authority_key_id() const { return aki_; }
  const std::vector<std::string>& crl_distribution_points() const { return crl_urls_; }
  const std::vector<std::string>& ocsp_urls() const { return ocsp_urls_; }
  const std::vector<std::string>& ca_issuer_urls() const { return ca_issuer_urls_; }
  const QcStatements& qc_statements() const { return qc_; }
  // Problems found in otherwise parseable content (ids in x509_findings.h).
  const Findings& findings() const { return findings_; }

  // True when `issuer`'s key verifies this certificate's signature; false when it does not.
  // An Error (kUnsupported / kMalformed) when the check cannot be made (unknown algorithm,
  // undecodable key). Does not look at names or validity.
  Result<bool> verify_signed_by(const Certificate& issuer) const;
  // The same with a bare SubjectPublicKeyInfo (a name + key trust anchor, or a DSA key whose
  // parameters were inherited, see spki_with_parameters).
  Result<bool> verify_signed_by_key(std::string_view spki_der) const;
  // True when this certificate's issuer Name is `issuer`'s subject Name (byte-equal or
  // RFC 5280 7.1 equivalent).
  bool issued_by_name(const Certificate& issuer) const;
  // True when `other` has an equivalent subject Name and the same SubjectPublicKeyInfo (the same
  // "digital identity" in TS 119 612 terms, e.g. a re-issued CA certificate).
  bool matches_subject_and_key(const Certificate& other) const;

  // OpenSSL views for engine code (signature verification, OCSP ids). Built on first use,
  // owned by this object; nullptr when OpenSSL rejects the DER. Thread-safe.
  x509_st* openssl_x509() const;
  evp_pkey_st* openssl_public_key() const;

 private:
  Certificate() = default;
  friend struct CertificateParser;
  Result<bool> verify_with(evp_pkey_st* key) const;

  std::string der_;
  std::string tbs_;
  Sha256 fingerprint_{};
  int version_ = 1;
  std::string serial_hex_;
  std::string serial_der_;
  DistinguishedName subject_;
  DistinguishedName issuer_;
  UtcTime not_before_{};
  UtcTime not_after_{};
  PublicKeyInfo public_key_;
  SignatureAlgorithm signature_algorithm_;
  std::string signature_;
  std::vector<Extension> extensions_;
  BasicConstraints basic_constraints_;
  KeyUsage key_usage_;
  std::vector<std::string> eku_;
  std::vector<std::string> policies_;
  std::vector<PolicyInformation> policy_info_;
  std::vector<PolicyMapping> policy_mappings_;
  PolicyConstraints policy_constraints_;
  std::optional<std::int64_t> inhibit_any_policy_;
  NameConstraints name_constraints_;
  std::vector<GeneralName> subject_alt_names_;
  std::optional<std::string> ski_;
  std::optional<std::string> aki_;
  std::vector<std::string> crl_urls_;
  std::vector<std::string> ocsp_urls_;
  std::vector<std::string> ca_issuer_urls_;
  QcStatements qc_;
  Findings findings_;

  struct OpenSslState;
  mutable std::once_flag x509_once_;
  mutable std::once_flag key_once_;
  mutable std::unique_ptr<OpenSslState> openssl_;
};

}  // namespace assay::engine
