// validation/xades-private: the pieces of read_xades (xades_reader.cpp drives them).
#pragma once

#include <string>
#include <vector>

#include "engine/xml/document.h"
#include "engine/xmldsig/general_verifier.h"
#include "validation/signature/signature_input.h"

namespace assay::validation::xades::internal {

inline constexpr std::string_view kXades132 = "http://uri.etsi.org/01903/v1.3.2#";
inline constexpr std::string_view kXades141 = "http://uri.etsi.org/01903/v1.4.1#";
inline constexpr std::string_view kDsig = "http://www.w3.org/2000/09/xmldsig#";

// The XAdES parts of one ds:Signature (null Nodes when absent).
struct QualifyingParts {
  engine::xml::Node qualifying_properties;
  engine::xml::Node signed_properties;
  engine::xml::Node signed_signature_properties;
  engine::xml::Node signed_data_object_properties;
  engine::xml::Node unsigned_signature_properties;
};

// Finds xades:QualifyingProperties in the signature's ds:Objects (EN 319 132-1 4.3), recording
// structural findings.
QualifyingParts find_qualifying_properties(const engine::xmldsig::GeneralSignature& signature,
                                           engine::Findings& findings);

// A signing-certificate reference (one xades:Cert of SigningCertificate / SigningCertificateV2).
struct CertReference {
  std::string digest_method;  // DigestMethod URI
  std::string digest;         // DigestValue bytes
  std::string issuer_name;    // v1 X509IssuerName text
  std::string serial_decimal; // v1 X509SerialNumber
  std::string issuer_serial_v2;  // V2 IssuerSerialV2 DER (base64-decoded)
};

// EN 319 132-1 5.2 signed properties into `attributes`; the signing-certificate references
// into `references` (empty when the property is absent).
void read_signed_properties(const QualifyingParts& parts, SignedAttributes& attributes,
                            std::vector<CertReference>& references, engine::Findings& findings);

// Whether `reference` names `certificate` by digest / by IssuerSerial (nullopt: not present).
bool digest_matches(const CertReference& reference, const engine::Certificate& certificate);
std::optional<bool> issuer_serial_matches(const CertReference& reference, const engine::Certificate& certificate);

// Certificates and revocation values embedded in the unsigned properties (CertificateValues,
// RevocationValues, AttrAuthoritiesCertValues, AttributeRevocationValues and those inside
// TimeStampValidationData), appended to `signature`.
void read_validation_data(const QualifyingParts& parts, SignatureUnderValidation& signature);

// The level reached (EN 319 132-1 6: XAdES-BASELINE-B/T/LT/LTA; otherwise the TS 101 903 forms
// XAdES-BES/EPES/T/C/X/X-L/A; "XML-DSig" without XAdES properties).
std::string detect_level(const QualifyingParts& parts, const SignatureUnderValidation& signature);

// Every time-stamp of the signature with the bytes its imprint covers (xades_timestamps.cpp).
void read_timestamps(const engine::xml::Document& document, const engine::xmldsig::GeneralSignature& signature,
                     const QualifyingParts& parts, SignatureUnderValidation& out);

}  // namespace assay::validation::xades::internal
