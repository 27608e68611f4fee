// Builds X.509 v3 certificates (RFC 5280) for the sample federation and the tests, including
// deliberately wrong ones (forged signatures, injected raw extensions).
//
// Determinism: the DER is a pure function of the spec, the keys and the issuer certificate,
// except the signature value (RSA PKCS#1 v1.5 is deterministic; ECDSA is randomised). No clock
// is read: validity times are inputs. Functions are thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/crypto/private_key.h"
#include "engine/error.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"
#include "engine/x509/qc_statements.h"

namespace assay::engine {

// One attribute of a subject DN: type as short name ("CN", "O", "organizationIdentifier") or
// dotted OID. C, serialNumber and dnQualifier are written as PrintableString, emailAddress as
// IA5String, everything else as UTF8String. One attribute per RDN, in the given (DER) order.
struct NameEntry {
  std::string type;
  std::string value;
};

// An extension written verbatim: lets tests inject malformed content (e.g. a garbage
// qcStatements value). Written after the generated ones; the same OID may then appear twice.
struct RawExtension {
  std::string oid;
  bool critical = false;
  std::string value;  // extnValue contents
};

enum class KeyIdentifiers {
  kAuto,  // SKI = SHA-1 of subjectPublicKey (RFC 5280 4.2.1.2 (1)); AKI = issuer's SKI (or same)
  kNone,  // neither extension
};

struct CertificateSpec {
  std::vector<NameEntry> subject;
  // Serial number as unsigned big-endian hex ("0f", "1a9996"); must be non-empty.
  std::string serial_hex = "01";
  UtcTime not_before{};
  UtcTime not_after{};
  // basicConstraints (critical): set for CAs; `ca` false writes an explicit CA:FALSE.
  std::optional<bool> ca;
  std::optional<int> path_length;
  // keyUsage (critical) when any bit is set: bitmask of KeyUsageBit (1 << bit).
  std::uint16_t key_usage = 0;
  std::vector<std::string> extended_key_usages;  // OIDs
  std::vector<std::string> policies;             // OIDs, no qualifiers
  KeyIdentifiers key_identifiers = KeyIdentifiers::kAuto;
  std::vector<std::string> crl_urls;         // CRLDistributionPoints (one point per URL)
  std::vector<std::string> ocsp_urls;        // AIA id-ad-ocsp
  std::vector<std::string> ca_issuer_urls;   // AIA id-ad-caIssuers
  std::optional<QcStatementsSpec> qc_statements;
  std::vector<RawExtension> raw_extensions;
  DigestAlgorithm digest = DigestAlgorithm::kSha256;
};

// Convenience: a KeyUsage bitmask from bits.
constexpr std::uint16_t key_usage_bits(std::initializer_list<KeyUsageBit> bits) {
  std::uint16_t mask = 0;
  for (const auto b : bits) mask = static_cast<std::uint16_t>(mask | (1u << static_cast<unsigned>(b)));
  return mask;
}

// A self-signed certificate for `key` (issuer = subject; AKI = SKI).
// kInvalidArgument for an unknown attribute type, bad OID, empty serial or bad hex.
Result<CertificatePtr> build_self_signed(const CertificateSpec& spec, const PrivateKey& key);

// A certificate for `subject_public_key_der` (SPKI DER, e.g. PrivateKey::public_key_der()) with
// issuer Name and AKI taken from `issuer`, signed by `signing_key`. Passing a key that is not
// the issuer's forges a certificate that names a real issuer but fails verify_signed_by().
Result<CertificatePtr> build_certificate(const CertificateSpec& spec, std::string_view subject_public_key_der,
                                         const Certificate& issuer, const PrivateKey& signing_key);

// Encodes a subject DN (exposed for the CRL/OCSP builders and tests).
Result<std::string> encode_name(const std::vector<NameEntry>& entries);

}  // namespace assay::engine
