// Decoders for the CAdES attributes (ETSI EN 319 122-1 5.2 – 5.5, RFC 5126, RFC 5035) of a CMS
// SignerInfo (signed_data.h), and the byte strings their time-stamps cover. The CAdES reader
// (validation/cades) maps these to the format-neutral model; nothing here decides validity.
//
// Each decoder takes one AttributeValue as its complete DER TLV (Attribute::values) and returns
// kMalformed with the broken part named. Never throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/cms/signed_data.h"
#include "engine/error.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"

namespace assay::engine::cms {

// Attribute types (EN 319 122-1 5.2 – 5.5; RFC 5126 5.8 – 5.11, 6.2 – 6.4; RFC 5652 11.4).
inline constexpr std::string_view kOidCounterSignature = "1.2.840.113549.1.9.6";
inline constexpr std::string_view kOidContentHints = "1.2.840.113549.1.9.16.2.4";
inline constexpr std::string_view kOidSignaturePolicy = "1.2.840.113549.1.9.16.2.15";
inline constexpr std::string_view kOidCommitmentType = "1.2.840.113549.1.9.16.2.16";
inline constexpr std::string_view kOidSignerLocation = "1.2.840.113549.1.9.16.2.17";
inline constexpr std::string_view kOidSignerAttributes = "1.2.840.113549.1.9.16.2.18";
inline constexpr std::string_view kOidSignerAttributesV2 = "0.4.0.19122.1.1";
inline constexpr std::string_view kOidContentTimestamp = "1.2.840.113549.1.9.16.2.20";
inline constexpr std::string_view kOidSignatureTimestamp = "1.2.840.113549.1.9.16.2.14";
inline constexpr std::string_view kOidCompleteCertificateRefs = "1.2.840.113549.1.9.16.2.21";
inline constexpr std::string_view kOidCompleteRevocationRefs = "1.2.840.113549.1.9.16.2.22";
inline constexpr std::string_view kOidCertificateValues = "1.2.840.113549.1.9.16.2.23";
inline constexpr std::string_view kOidRevocationValues = "1.2.840.113549.1.9.16.2.24";
inline constexpr std::string_view kOidEscTimestamp = "1.2.840.113549.1.9.16.2.25";        // CAdES-C-time-stamp
inline constexpr std::string_view kOidCertCrlTimestamp = "1.2.840.113549.1.9.16.2.26";
inline constexpr std::string_view kOidArchiveTimestampV1 = "1.2.840.113549.1.9.16.2.27";
inline constexpr std::string_view kOidArchiveTimestampV2 = "1.2.840.113549.1.9.16.2.48";
inline constexpr std::string_view kOidArchiveTimestampV3 = "0.4.0.1733.2.4";
inline constexpr std::string_view kOidAtsHashIndex = "0.4.0.1733.2.1";
inline constexpr std::string_view kOidAtsHashIndexV2 = "0.4.0.1733.2.2";
inline constexpr std::string_view kOidAtsHashIndexV3 = "0.4.0.1733.2.5";

// message-digest (RFC 5652 11.2): the OCTET STRING contents.
Result<std::string> parse_message_digest(std::string_view value_der);

// signing-time (RFC 5652 11.3): UTCTime or GeneralizedTime.
Result<UtcTime> parse_signing_time(std::string_view value_der);

// signature-policy-identifier (EN 319 122-1 5.2.9): an explicit policy, or implied (NULL).
struct SignaturePolicyId {
  bool implied = false;
  std::string oid;
  std::string hash_algorithm_oid;
  std::string hash;
  std::optional<std::string> uri;  // the SPuri qualifier, when present
};
Result<SignaturePolicyId> parse_signature_policy(std::string_view value_der);

// commitment-type-indication (EN 319 122-1 5.2.3): the commitmentTypeId OID.
Result<std::string> parse_commitment_type(std::string_view value_der);

// content-hints (RFC 2634 2.9): "description (content type OID)" or the OID alone.
Result<std::string> parse_content_hints(std::string_view value_der);

// signer-attributes (RFC 5126 5.11.3) / signer-attributes-v2 (EN 319 122-1 5.2.6.1): the claimed
// attributes' values as text (strings decoded; other values as their attribute type OID).
// Certified attributes and signed assertions are counted in `other`.
struct SignerRoles {
  std::vector<std::string> claimed;
  std::size_t other = 0;
};
Result<SignerRoles> parse_signer_attributes(std::string_view value_der);

// certificate-values (RFC 5126 6.3.3): the certificates' DER.
Result<std::vector<std::string>> parse_certificate_values(std::string_view value_der);

// revocation-values (RFC 5126 6.3.4): CRLs as CertificateList DER and OCSP responses as
// complete OCSPResponse DER (each BasicOCSPResponse wrapped as a successful response, RFC 6960
// 4.2.1, so revocation checking reads one form).
struct RevocationValues {
  std::vector<std::string> crls;
  std::vector<std::string> ocsp_responses;
  std::size_t other = 0;
};
Result<RevocationValues> parse_revocation_values(std::string_view value_der);

// ATSHashIndex / ATSHashIndexV2 / ATSHashIndexV3 (EN 319 122-1 5.5.2; ETSI TS 101 733 v2.2.1).
struct AtsHashIndex {
  std::string hash_algorithm_oid = "2.16.840.1.101.3.4.2.1";  // DEFAULT sha256
  std::vector<std::string> certificates;
  std::vector<std::string> crls;
  std::vector<std::string> unsigned_attributes;
};
Result<AtsHashIndex> parse_ats_hash_index(std::string_view value_der);

// The byte strings an ats-hash-index's unsignedAttrsHashIndex hashes for one unsigned attribute:
// v3 (EN 319 122-1 5.5.2, ATSHashIndexV3): attrType || AttributeValue for each value (DER TLVs),
// skipping the value equal to `skip_value` (the archive time-stamp itself); the earlier
// ats-hash-index (ETSI TS 101 733 A.2.5): the whole Attribute, re-encoded in DER.
std::vector<std::string> ats_hash_index_inputs(const Attribute& attribute, bool v3, std::string_view skip_value = {});

// The message imprint input of an archive-time-stamp-v3 (EN 319 122-1 5.5.3): eContentType (TLV),
// the hash of the signed content with the time-stamp's algorithm, the SignerInfo's signed fields
// as encoded, and the ats-hash-index-v3 value (TLV). kUnsupported for an unknown algorithm.
Result<std::string> archive_timestamp_v3_input(const SignedData& signed_data, const SignerInfo& signer,
                                               std::string_view content, std::string_view imprint_algorithm_oid,
                                               std::string_view ats_hash_index_der);

// RFC 5652 11.4: checks a countersignature SignerInfo over its parent's signature value:
// message-digest over `parent.signature`, no content-type attribute, the signature value with
// `certificate`. Same outcome model as SignedData::verify (content_type_ok means "absent").
SignerVerification verify_counter_signature(const SignerInfo& counter, const SignerInfo& parent,
                                            const Certificate& certificate);

}  // namespace assay::engine::cms
