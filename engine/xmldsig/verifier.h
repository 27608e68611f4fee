// Strict verification of the single enveloped XAdES signature of an XML document (trusted
// lists: ETSI TS 119 612 5.7.1 / Annex B; XML-DSig core validation, W3C XMLDSig 3.2).
//
// The verifier reports facts (signer certificate, signing time, algorithms, references); it does
// not decide whether the signer is trusted: that is the caller's job (tsl/ compares the signer
// with LOTL pointers or Official Journal certificates).
//
// Policy enforced (every failure has a stable reason id, see engine/xmldsig/findings.h):
// - exactly one ds:Signature in the whole document, a child of the root; no duplicate Id values;
// - references: one whole-document reference (URI="" or "#<root Id>", resolving to the ROOT of
//   this very tree) with the enveloped-signature transform optionally followed by one C14N
//   transform, and one reference to the xades:SignedProperties inside this signature (optional
//   C14N transform). Nothing else: no external or other-element URIs, no XPath/XSLT/Base64
//   transforms, no RetrievalMethod, no HMAC;
// - signer = the single X509Certificate in KeyInfo; XAdES SigningCertificate(V2) digest matches
//   it; SigningTime present and inside the certificate validity;
// - every reference digest and the SignatureValue verify.
//
// Implementation: the document is never modified nor re-parsed. References are canonicalised
// straight from the parsed libxml2 tree (xmlC14NExecute with a visibility function that excludes
// the signature subtree, streamed into the digest) and the signature is checked with OpenSSL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/finding.h"
#include "engine/time.h"
#include "engine/xml/document.h"
#include "engine/xmldsig/algorithms.h"
#include "engine/xmldsig/signer.h"

namespace assay::engine::xmldsig {

// Whether SHA-1 is accepted as the digest of a reference or inside SignatureMethod. (SHA-1 in a
// XAdES v1 CertDigest is always accepted: it identifies, it does not protect, the certificate.)
enum class Sha1Policy { kReject, kAccept };

struct VerifyOptions {
  Sha1Policy sha1 = Sha1Policy::kReject;
};

enum class SignatureStatus { kValid, kInvalid };

enum class ReferenceKind {
  kDocument,          // URI="" or "#<root Id>"
  kSignedProperties,  // the xades:SignedProperties of this signature
  kOther,             // anything else (always a failure)
};

enum class ReferenceResult {
  kNotChecked,      // verification stopped before digests were computed
  kDigestMatches,
  kDigestMismatch,
};

struct ReferenceReport {
  std::string uri;
  std::string type;                     // the Type attribute, empty when absent
  ReferenceKind kind = ReferenceKind::kOther;
  std::vector<std::string> transforms;  // Algorithm URIs in document order
  std::string digest_method;            // DigestMethod Algorithm URI
  ReferenceResult result = ReferenceResult::kNotChecked;
};

// The outcome of verifying one document. A bad signature is data here, not an Error.
struct SignatureReport {
  SignatureStatus status = SignatureStatus::kInvalid;
  // The primary failure reason (findings.h), empty when valid, and a sentence for people.
  std::string reason;
  std::string message;
  // Every failure found, the primary one first (empty when valid).
  Findings findings;

  // Signer: the KeyInfo certificate (empty when none could be read).
  x509::CertificateDer signer_certificate;
  std::string signer_sha256;  // lower-case hex of SHA-256(signer_certificate)
  std::optional<UtcTime> signer_not_before;
  std::optional<UtcTime> signer_not_after;

  std::optional<UtcTime> signing_time;
  std::optional<SigningCertificateForm> signing_certificate_form;

  std::string canonicalization_method;  // SignedInfo CanonicalizationMethod URI
  std::string signature_method;         // SignatureMethod URI
  std::vector<ReferenceReport> references;

  // The element the whole-document reference covers: always the document root when valid.
  // Non-owning; valid while the Document lives. Interpret this element, never another one.
  xml::Node signed_element;
  std::string signed_element_path;  // e.g. "/TrustServiceStatusList"

  bool valid() const { return status == SignatureStatus::kValid; }
  // True when a finding with this id was recorded.
  bool has_finding(std::string_view id) const;
};

// Verifies the enveloped signature of `document` under the policy above.
// Returns a report for every document (valid or not); an Error (kInternal) only when a library
// fails unexpectedly (out of memory, broken OpenSSL). The document is only read, so concurrent
// verifications of the same Document are safe. No clock: validity of the signer certificate is
// checked against the signed SigningTime only.
Result<SignatureReport> verify_enveloped_signature(const xml::Document& document,
                                                   const VerifyOptions& options = {});

}  // namespace assay::engine::xmldsig
