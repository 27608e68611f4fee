// Creating XAdES enveloped signatures over whole XML documents (trusted lists, ETSI TS 119 612
// 5.7.1 and Annex B; XAdES-B-B per ETSI EN 319 132-1).
//
// The signature is appended as the last child of the root element:
//   ds:Signature/ds:SignedInfo with two references:
//     1. URI="" (or "#<root Id>"), transforms enveloped-signature + exclusive C14N;
//     2. URI="#<id>" Type=".../01903#SignedProperties", transform exclusive C14N (can be omitted);
//   ds:SignatureValue, ds:KeyInfo/ds:X509Data/ds:X509Certificate (the signer),
//   ds:Object/xades:QualifyingProperties/xades:SignedProperties/xades:SignedSignatureProperties
//     with SigningTime and SigningCertificateV2 (or SigningCertificate v1 with IssuerSerial).
#pragma once

#include <string>
#include <string_view>

#include "engine/crypto/private_key.h"
#include "engine/error.h"
#include "engine/time.h"
#include "engine/xml/document.h"
#include "engine/xmldsig/algorithms.h"

namespace assay::engine::x509 {
// A certificate as DER bytes.
using CertificateDer = std::string;
}  // namespace assay::engine::x509

namespace assay::engine::xmldsig {

// What the whole-document reference points at.
enum class DocumentReference {
  kEmptyUri,  // URI="" (TS 119 612 B.1; what every current list uses)
  kRootId,    // URI="#<Id of the root>" (older lists, e.g. BE 2019); the root must carry an Id
};

// Whether SignedInfo references the XAdES SignedProperties (omitting it is for negative tests).
enum class SignedPropertiesReference { kInclude, kOmit };

struct SignOptions {
  // Signing time written to xades:SigningTime. Required: there is no clock in the engine.
  UtcTime signing_time{};
  // Digest for the signature algorithm (SignatureMethod) and for both references.
  DigestAlgorithm digest = DigestAlgorithm::kSha256;
  // Padding for RSA keys (ignored for EC keys, which sign with ECDSA).
  RsaPadding rsa_padding = RsaPadding::kPkcs1v15;
  SigningCertificateForm signing_certificate = SigningCertificateForm::kV2;
  DocumentReference document_reference = DocumentReference::kEmptyUri;
  SignedPropertiesReference signed_properties_reference = SignedPropertiesReference::kInclude;
  // Id of ds:Signature; the SignedProperties get "<signature_id>-signed-properties". They must
  // not already occur in the document (sign twice with two different ids).
  std::string signature_id = "signature";
};

// Signs `xml` (UTF-8 document bytes) with `key`, naming `signer` (DER) in KeyInfo and in the
// signing-certificate property, and returns the signed document bytes.
// The input is parsed with the engine's secure parser. Fails with kMalformed / kUnsupported
// (input or certificate unreadable), kInvalidArgument (SHA-1 digest requested, kRootId without a
// root Id, ids already used, key/certificate public key mismatch), kInternal (library failure).
// Thread-safe: no shared state.
Result<std::string> sign_enveloped(std::string_view xml, const PrivateKey& key,
                                   const x509::CertificateDer& signer, const SignOptions& options);
// The same for an already parsed document, which is left untouched (a private copy is signed).
Result<std::string> sign_enveloped(const xml::Document& document, const PrivateKey& key,
                                   const x509::CertificateDer& signer, const SignOptions& options);

}  // namespace assay::engine::xmldsig
