// Algorithm choices and XML namespace/algorithm URIs for XML-DSig (W3C XMLDSig 1.1, RFC 6931)
// and XAdES (ETSI EN 319 132-1). Shared by the signer and the verifier.
#pragma once

#include <optional>
#include <string_view>

namespace assay::engine::xmldsig {

inline constexpr std::string_view kDsigNs = "http://www.w3.org/2000/09/xmldsig#";
inline constexpr std::string_view kXadesNs = "http://uri.etsi.org/01903/v1.3.2#";
inline constexpr std::string_view kSignedPropertiesType = "http://uri.etsi.org/01903#SignedProperties";

inline constexpr std::string_view kEnvelopedTransform = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
inline constexpr std::string_view kC14n10 = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
inline constexpr std::string_view kC14n10Comments = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
inline constexpr std::string_view kC14n11 = "http://www.w3.org/2006/12/xml-c14n11";
inline constexpr std::string_view kC14n11Comments = "http://www.w3.org/2006/12/xml-c14n11#WithComments";
inline constexpr std::string_view kExcC14n = "http://www.w3.org/2001/10/xml-exc-c14n#";
inline constexpr std::string_view kExcC14nComments = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";

// Message digests. SHA-1 only appears in verification (old XAdES v1 certificate digests).
enum class DigestAlgorithm { kSha1, kSha224, kSha256, kSha384, kSha512 };

// The XML-DSig DigestMethod URI of `digest`.
std::string_view digest_uri(DigestAlgorithm digest);
// The digest named by a DigestMethod URI, or nullopt when not supported.
std::optional<DigestAlgorithm> digest_from_uri(std::string_view uri);

// Padding for RSA keys: PKCS#1 v1.5 (`...#rsa-sha256`) or RSASSA-PSS with MGF1 of the same hash,
// salt length = hash length, trailer 1 (RFC 6931 2.3.10, `...#sha256-rsa-MGF1`).
enum class RsaPadding { kPkcs1v15, kPss };

// Which XAdES signing-certificate property a signature carries (EN 319 132-1 5.2.2/5.2.3).
enum class SigningCertificateForm { kV1, kV2 };

}  // namespace assay::engine::xmldsig
