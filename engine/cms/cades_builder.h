// Builds CAdES signatures (EN 319 122-1) for the sample federation, the tests and the benchmarks:
// a CAdES-BASELINE-B SignedData (attached or detached) signed in process, then the unsigned
// additions of the higher levels — a signature-time-stamp (T), certificates and revocation data
// in the SignedData (LT), an archive-time-stamp-v3 with its ats-hash-index-v3 (LTA) — and a
// countersignature. Deliberately wrong forms are spec options (tampered signature, a
// signing-certificate-v2 naming another certificate).
//
// The time-stamp tokens come from the caller (a `Tsa` callback), so the samples use their TSA and
// the tests a fixture. No clock is read. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/cms/signed_data.h"
#include "engine/crypto/private_key.h"
#include "engine/error.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"

namespace assay::engine::cms {

struct CadesSpec {
  std::string content;
  bool detached = false;
  UtcTime signing_time{};
  // PAdES (EN 319 142-1 6.3) puts the claimed signing time in the PDF's /M and forbids the CMS
  // signing-time attribute: false leaves it out.
  bool signing_time_attribute = true;
  DigestAlgorithm digest = DigestAlgorithm::kSha256;
  std::vector<CertificatePtr> chain;              // SignedData.certificates after the signer's
  std::optional<std::string> signature_policy_oid;  // signature-policy-identifier (hash of "")
  std::vector<std::string> commitment_type_oids;
  std::optional<std::string> content_hints;       // content-hints description (id-data)
  std::vector<std::string> claimed_roles;         // signer-attributes-v2 claimed roles (UTF8)
  std::optional<std::string> content_timestamp;   // a content-time-stamp token (DER) to embed
  bool signing_certificate = true;                // signing-certificate-v2
  std::optional<std::string> signing_certificate_hashed_der;  // name another certificate
  bool corrupt_signature = false;
};

// A CAdES-BASELINE-B ContentInfo (DER) signed by `key` as `signer`.
Result<std::string> build_cades(const CadesSpec& spec, const Certificate& signer, const PrivateKey& key);

// A time-stamp authority: a TimeStampToken (DER) over `covered` (its imprint input).
using Tsa = std::function<Result<std::string>(std::string_view covered)>;

// Adds an unsigned attribute (one value, DER) to SignerInfo `signer_index` of `cms` (any
// SignedData, time-stamp tokens included), after those present.
Result<std::string> add_unsigned_attribute(std::string_view cms, std::size_t signer_index, std::string_view oid,
                                           std::string_view value_der);
// Removes every unsigned attribute of type `oid` from SignerInfo `signer_index` (to build
// signatures tampered with after archiving; the [1] field is dropped when it becomes empty).
Result<std::string> remove_unsigned_attribute(std::string_view cms, std::size_t signer_index, std::string_view oid);
// Adds certificates, CRLs and OCSP responses (RFC 5940 other revocation info) to the SignedData.
Result<std::string> add_validation_data(std::string_view cms, const std::vector<CertificatePtr>& certificates,
                                        const std::vector<std::string>& crls, const std::vector<std::string>& ocsp);
// CAdES-T: a signature-time-stamp over SignerInfo 0's signature value.
Result<std::string> add_signature_timestamp(std::string_view cms, const Tsa& tsa);
// CAdES-LTA: an archive-time-stamp-v3 (SHA-256) with ats-hash-index-v3 over SignerInfo 0;
// `detached_content` for a detached signature.
Result<std::string> add_archive_timestamp_v3(std::string_view cms, const Tsa& tsa,
                                             std::optional<std::string_view> detached_content = std::nullopt);
// A countersignature on SignerInfo 0 (RFC 5652 11.4).
Result<std::string> add_counter_signature(std::string_view cms, const Certificate& signer, const PrivateKey& key,
                                          UtcTime signing_time);

}  // namespace assay::engine::cms
