// XAdES signature templates and unsigned properties for the sample documents, written as text
// (EN 319 132-1: SigningTime, SigningCertificateV2, DataObjectFormat signed; SignatureTimeStamp,
// CertificateValues, RevocationValues, ArchiveTimeStamp unsigned). engine/xmldsig/template_signer
// fills in the digests and the signature value; the bytes a time-stamp covers are computed here
// from EN 319 132-1 (5.3 SignatureTimeStamp, 5.5.2.2 ArchiveTimeStamp) with engine/xmldsig, not
// with the validator's reader. Internal to assay_samples.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/xmldsig/general_verifier.h"

namespace assay::samples::xades_text {

enum class Packaging {
  kEnveloped,     // ds:Signature inside the signed invoice, URI="" with the enveloped transform
  kEnveloping,    // the invoice inside the signature's ds:Object, URI="#content"
  kDetached,      // the content is a separate file, URI = its name
  kSameDocument,  // <Envelope><Invoice Id="invoice"/><ds:Signature/></Envelope>, URI="#invoice"
};

struct TemplateInput {
  Packaging packaging = Packaging::kEnveloped;
  std::string signer_certificate_der;
  std::string signing_time;   // xsd:dateTime, "2025-06-01T10:00:00Z"
  std::string detached_name;  // kDetached: the reference URI
};

// The sample invoice signed by the XML packagings (default namespace urn:assay:sample:invoice).
// `extra_attributes` go on the Invoice start tag (e.g. ` Id="invoice"`).
std::string invoice_xml(std::string_view amount, std::string_view extra_attributes = "");

// The content of detached signatures.
std::string detached_content();

// The whole document to give sign_template: ds:Signature Id="signature" with an ECDSA-SHA256
// SignatureMethod, exclusive C14N, the content reference and the SignedProperties reference.
std::string document_template(const TemplateInput& input);

// Inserts `property` as the last child of xades:UnsignedSignatureProperties, creating
// xades:UnsignedProperties when the signature has none. kInternal without QualifyingProperties.
engine::Result<std::string> add_unsigned_property(std::string document, std::string_view property);

// EN 319 132-1 5.3: the exclusive-C14N ds:SignatureValue element of the document's signature.
engine::Result<std::string> signature_timestamp_input(std::string_view document);

// EN 319 132-1 5.5.2.2: each reference's data after its transforms in SignedInfo order, then
// SignedInfo, SignatureValue, KeyInfo, every unsigned signature property present, and the
// ds:Objects other than the one holding QualifyingProperties, each in exclusive C14N.
engine::Result<std::string> archive_timestamp_input(std::string_view document,
                                                    const std::vector<engine::xmldsig::DetachedContent>& detached);

// <xades:SignatureTimeStamp> / <xades141:ArchiveTimeStamp> with exclusive C14N and the token.
std::string signature_timestamp(std::string_view id, std::string_view token_der);
std::string archive_timestamp(std::string_view id, std::string_view token_der);
// <xades:CertificateValues> with the DER certificates.
std::string certificate_values(const std::vector<std::string>& certificates_der);
// <xades:RevocationValues> with the DER CRLs and OCSP responses.
std::string revocation_values(const std::vector<std::string>& crls_der, const std::vector<std::string>& ocsp_der);

}  // namespace assay::samples::xades_text
