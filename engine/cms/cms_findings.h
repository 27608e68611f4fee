// Stable finding ids reported by engine/cms (CMS SignedData, RFC 3161 time-stamp tokens).
// They appear in reports and golden files: add freely, never rename.
#pragma once

#include <string_view>

namespace assay::engine::cms_findings {

// RFC 5652 5.3: the signed attributes are not the DER encoding of a SET OF (not sorted, or not
// minimally encoded). The signature is checked over the bytes as received.
inline constexpr std::string_view kSignedAttributesNotDer = "cms.signed_attributes.not_der";
// RFC 5652 5.4: the signature verifies only over the DER re-encoding (sorted SET OF) of the signed
// attributes, not over the bytes as received (warning).
inline constexpr std::string_view kSignedOverDerReencoding = "cms.signed_attributes.der_reencoded";
// RFC 5652 5.3 / 11.1, 11.2: content-type or message-digest missing, or with other than one value.
inline constexpr std::string_view kContentTypeAttribute = "cms.signed_attributes.content_type";
inline constexpr std::string_view kMessageDigestAttribute = "cms.signed_attributes.message_digest";
// RFC 5652 11: an attribute that must be single-valued appears twice.
inline constexpr std::string_view kDuplicateAttribute = "cms.signed_attributes.duplicate";
// RFC 5652 5.4: the message-digest attribute differs from the digest of the content.
inline constexpr std::string_view kMessageDigestMismatch = "cms.message_digest.mismatch";
// RFC 5652 11.1: the content-type attribute differs from eContentType.
inline constexpr std::string_view kContentTypeMismatch = "cms.content_type.mismatch";
// The signature value does not verify with the signer's key.
inline constexpr std::string_view kSignatureInvalid = "cms.signature.invalid";
// The signature cannot be checked (unknown algorithm, undecodable key).
inline constexpr std::string_view kSignatureUnverifiable = "cms.signature.unverifiable";
// The signer's digest algorithm is not one this reader computes.
inline constexpr std::string_view kDigestUnsupported = "cms.digest.unsupported";
// The certificate given does not match the SignerInfo's sid.
inline constexpr std::string_view kSignerIdMismatch = "cms.signer.sid_mismatch";

// RFC 3161 / RFC 5816 time-stamp tokens.
// Neither signing-certificate nor signing-certificate-v2 is a signed attribute (RFC 3161 2.4.1).
inline constexpr std::string_view kEssCertIdMissing = "tst.ess_cert_id.missing";
// The attribute does not decode.
inline constexpr std::string_view kEssCertIdMalformed = "tst.ess_cert_id.malformed";
// The first ESSCertID(v2) does not name the TSA certificate (hash or issuerSerial differ).
inline constexpr std::string_view kEssCertIdMismatch = "tst.ess_cert_id.mismatch";
// The messageImprint does not equal the digest of the covered bytes.
inline constexpr std::string_view kImprintMismatch = "tst.imprint.mismatch";
// The messageImprint's hash algorithm is not supported.
inline constexpr std::string_view kImprintAlgorithm = "tst.imprint.unsupported_algorithm";
// The token is not a CMS SignedData time-stamp token (FORMAT_FAILURE).
inline constexpr std::string_view kTokenMalformed = "tst.token.malformed";
// No certificate matching the sid was found in the token or the extra certificates.
inline constexpr std::string_view kTsaCertificateNotFound = "tst.tsa.certificate_not_found";
// RFC 3161 2.3: the TSA certificate lacks the critical EKU id-kp-timeStamping (alone).
inline constexpr std::string_view kTsaExtendedKeyUsage = "tst.tsa.extended_key_usage";
// The TSA certificate did not validate at genTime.
inline constexpr std::string_view kTsaCertificateInvalid = "tst.tsa.certificate_invalid";
// The token's signature or imprint algorithm is refused by the cryptographic constraints.
inline constexpr std::string_view kCryptoConstraints = "tst.crypto.constraints";
// The token is not a qualified time-stamp (information; evidence in the message).
inline constexpr std::string_view kNotQualified = "tst.qualification.not_qualified";

}  // namespace assay::engine::cms_findings
