// General XML-DSig core verification (W3C XMLDSig 1.1 section 3.2) of every ds:Signature in a
// document: enveloped, enveloping and detached signatures, counter-signatures, Manifests. It sits
// next to the strict TL-only verifier (verifier.h), which stays as strict as it is; both share the
// canonicalisation, digest and signature code of engine/xmldsig/internal.
//
// It reports facts only (what each reference resolved to, whether its digest matched, which
// KeyInfo certificate the SignatureValue verifies with); deciding an indication is the EN 319
// 102-1 processes' job (validation/signature), and reading XAdES properties is
// validation/xades' job.
//
// What is never done, whatever the document says (each refusal is a finding, never a fetch):
// - nothing is fetched: a URI that is not "", "#id", "#xpointer(/)" or "#xpointer(id('id'))"
//   names detached content, looked up only in the caller's `detached` list;
// - no XSLT, no XPath 1.0 transform, no ds:RetrievalMethod (reported, not followed), no HMAC;
// - wrapping defences: an Id that occurs twice in the document makes every reference to it
//   unresolved ("ambiguous"), references resolve only in the parsed tree, and each resolved
//   reference names the element it really covered (its path), so the scope reported is what was
//   signed, not what a reader would assume.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/finding.h"
#include "engine/xml/document.h"
#include "engine/xmldsig/signer.h"

namespace assay::engine::xmldsig {

// Content of a detached signature, given by the caller (a file's name and bytes). A reference
// whose URI is not a same-document one is matched against `name` (exactly, or by last path
// segment); a reference without URI takes the single detached content when there is exactly one.
struct DetachedContent {
  std::string name;
  std::string bytes;
};

struct GeneralVerifyOptions {
  std::vector<DetachedContent> detached;
  // Keep each reference's digest input (the octets after the transforms) in the result, for
  // time-stamps whose imprint covers the signed data (EN 319 132-1 5.2.8, 5.5.2).
  bool keep_reference_octets = false;
  std::size_t max_signatures = 64;           // more is a finding; the rest are not verified
  std::size_t max_references = 256;          // per SignedInfo or Manifest
  std::size_t max_transforms = 8;            // per Reference
};

// What a reference resolved to.
enum class ReferenceTarget {
  kUnresolved,     // not found, ambiguous or refused (see `reason`)
  kWholeDocument,  // URI="" or "#xpointer(/)"
  kElement,        // a same-document element by Id
  kDetached,       // detached content by name
};

// One ds:Reference (of SignedInfo, or of a Manifest) and what checking it found.
struct GeneralReference {
  std::string id;                        // Id attribute, "" when absent
  std::optional<std::string> uri;        // nullopt when the URI attribute is absent
  std::string type;                      // Type attribute, "" when absent
  std::vector<std::string> transforms;   // Algorithm URIs in order
  std::string digest_method;             // DigestMethod Algorithm URI
  ReferenceTarget target = ReferenceTarget::kUnresolved;
  xml::Node element;                     // the referenced element (kElement), root (kWholeDocument)
  std::string element_path;              // its path ("/Root/ds:Object[2]/..."), "" otherwise
  std::string detached_name;             // the content used (kDetached)
  bool found = false;                    // resolved and transformed (the digest could be computed)
  bool intact = false;                   // the recomputed digest equals DigestValue
  std::string reason;                    // finding id when !found or !intact (findings.h)
  std::string message;                   // one sentence when !found or !intact
  std::string octets;                    // digest input, when keep_reference_octets
  // The references of the ds:Manifest this reference points at (Type ...#Manifest), checked the
  // same way. Their failures do not affect `intact` (XMLDSig 5.1: Manifest validation is the
  // application's decision); the caller reports them.
  std::vector<GeneralReference> manifest;
};

// One ds:Signature and the outcome of its core verification.
struct GeneralSignature {
  xml::Node signature;                   // the ds:Signature element
  std::string id;                        // its Id attribute, "" when absent
  std::string path;                      // its element path
  // Index (in DocumentSignatures::signatures) of the nearest enclosing ds:Signature, for
  // counter-signatures (XAdES CounterSignature) and other nested signatures.
  std::optional<std::size_t> parent;
  xml::Node signed_info;
  xml::Node signature_value_element;
  xml::Node key_info;
  std::vector<xml::Node> objects;        // the ds:Object children, in order
  std::string canonicalization_method;   // SignedInfo CanonicalizationMethod URI
  std::string signature_method;          // SignatureMethod URI
  std::vector<GeneralReference> references;
  // Every ds:X509Certificate in KeyInfo (any depth), DER, in document order.
  std::vector<x509::CertificateDer> key_info_certificates;
  // The KeyInfo certificate the SignatureValue verifies with, when one does.
  std::optional<std::size_t> verifying_certificate;
  bool signature_value_readable = false;  // SignatureValue is base64 and not empty
  std::string signature_value;            // its bytes
  std::string canonical_signed_info;      // the bytes the SignatureValue signs
  // Structural problems (wrong children, unsupported algorithms, RetrievalMethod, ...). An error
  // here means the signature is not well-formed XML-DSig.
  Findings findings;

  bool has_finding(std::string_view finding_id) const;
};

struct DocumentSignatures {
  std::vector<GeneralSignature> signatures;  // document order
  Findings findings;                          // document-level (duplicate Ids, too many signatures)
};

// Finds and verifies every ds:Signature of `document`. A signature that does not verify is data;
// an Error (kInternal) only for unexpected library failures. Reads the document only; safe to
// call concurrently on one Document. A document without signatures gives an empty list.
Result<DocumentSignatures> verify_signatures(const xml::Document& document, const GeneralVerifyOptions& options = {});

// Whether `signature`'s SignatureValue verifies over its canonical SignedInfo with the public key
// of `certificate_der` (for a signing certificate found elsewhere than KeyInfo, e.g. in
// xades:CertificateValues). False for an unreadable certificate or value.
Result<bool> verify_signature_value_with(const GeneralSignature& signature, std::string_view certificate_der);

// The canonical form of `element` (its subtree, comments removed unless the method keeps them)
// with the C14N method named by `c14n_uri` (any of the six C14N / exclusive C14N URIs; "" means
// inclusive C14N 1.0). For time-stamp imprints (EN 319 132-1 5.3: the SignatureValue element).
// kUnsupported for another URI, kInternal when canonicalisation fails.
Result<std::string> canonicalize_element(const xml::Document& document, xml::Node element,
                                         std::string_view c14n_uri);

// The digest of `bytes` with the DigestMethod named by `digest_method_uri` (SHA-1 included: XAdES
// certificate digests still use it). kUnsupported for an unknown URI.
Result<std::string> digest_with(std::string_view digest_method_uri, std::string_view bytes);

}  // namespace assay::engine::xmldsig
