// A signature as a format reader (XAdES, later CAdES, JAdES, PAdES) hands it to the EN 319 102-1
// validation processes: everything the processes need, already read and cryptographically
// checked by the format layer, with nothing format-specific left. The processes
// (validation/signature/processes*) never parse XML, CMS or JSON; the readers never decide an
// indication.
//
// This header is the seam between the format readers (validation/xades/*, ...) and the processes
// and reports. Keep it format-neutral; add fields rather than rename.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/digest.h"
#include "engine/finding.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"

namespace assay::validation {

enum class SignatureFormat { kXAdES, kCAdES, kJAdES, kPAdES };

// EN 319 102-1 5.2.2 format checking, as the reader saw it. Any kError finding here means the
// signature is not conformant enough to be verified (FORMAT_FAILURE).
struct FormatCheck {
  engine::Findings findings;
};

// What one signed reference (XAdES ds:Reference, CAdES message-digest, JAdES sigD entry, PAdES
// ByteRange) covered and whether its digest matched (EN 319 102-1 5.2.7 CV).
struct SignedReference {
  std::string id;             // Reference Id, or "" when none
  std::string uri;            // as written ("" for the whole document, "#id", a file name)
  std::string type;           // Type attribute URI, e.g. SignedProperties / Manifest / object
  std::string digest_algorithm;  // "SHA-256", ...
  bool found = false;         // the referenced data was resolved (false → SIGNED_DATA_NOT_FOUND)
  bool intact = false;        // its digest matched (false with found → HASH_FAILURE)
  std::string message;        // why not found / not intact
  // An entry of a signed Manifest (XAdES), listed right after the reference to its Manifest. Its
  // digest is checked like a reference's (EN 319 102-1 5.2.7, DSS ManifestEntryObjectIntact);
  // an entry that cannot be resolved only warns (the Manifest's own digest covers its list).
  bool manifest_entry = false;
};

// One element of the signature scope: what was signed, said so a person can check it.
struct ScopeEntry {
  std::string name;           // "the whole document", an element Id, a file name
  std::string kind;           // "full", "partial", "detached", "manifest", "counter-signature"
  std::string description;    // one sentence ("The whole XML document, except its signature")
  std::optional<engine::Sha256> sha256;  // of the signed bytes, when one byte string was signed
};

// A time-stamp token embedded in (or attached to) the signature, with the bytes its message
// imprint must cover — computed by the format reader, which alone knows what each kind covers.
struct EmbeddedTimestamp {
  enum class Kind {
    kContent,          // content time-stamp (AllDataObjects / IndividualDataObjects / content-time-stamp)
    kSignature,        // SignatureTimeStamp / signature-time-stamp: POE of the signature value
    kValidationData,   // SigAndRefsTimeStamp / RefsOnlyTimeStamp (legacy X forms)
    kArchive,          // ArchiveTimeStamp / archive-time-stamp-v3
    kDocument,         // PAdES document time-stamp
  };
  Kind kind = Kind::kSignature;
  std::string id;             // element Id, or "" when none
  std::string token_der;      // the RFC 3161 TimeStampToken (CMS ContentInfo), DER
  std::string covered_bytes;  // the message imprint input (the digest is computed over these)
  engine::Findings findings;  // problems reading it (never fatal for the signature by themselves)
  // The data the token's imprint input stands for was changed after time-stamping although the
  // imprint input itself still matches (e.g. an attribute listed by a CAdES ats-hash-index-v3 was
  // removed or altered, EN 319 122-1 5.5.2): the time-stamp is FAILED / HASH_FAILURE.
  bool covered_data_altered = false;
  // The reader cannot compute the imprint input (legacy forms such as CAdES archive-time-stamp
  // v1/v2): `covered_bytes` is meaningless, the imprint is not checked and the time-stamp gives
  // no proof of existence (INDETERMINATE / SIGNED_DATA_NOT_FOUND at best).
  bool imprint_not_computed = false;
};

// Signed attributes / properties (EN 319 132-1 5.2, EN 319 122-1 5.2), as read.
struct SignedAttributes {
  std::optional<engine::UtcTime> signing_time;      // claimed signing time
  // Signing certificate reference (SigningCertificate v1 / V2, signing-certificate(-v2), x5t#S256).
  bool signing_certificate_reference_present = false;
  bool signing_certificate_digest_matches = false;  // the referenced digest equals the signer's
  bool signing_certificate_issuer_serial_matches = false;  // when an IssuerSerial is present
  bool signing_certificate_issuer_serial_present = false;
  std::string signing_certificate_digest_algorithm;
  // Signature policy: "" when none; "implied" for SignaturePolicyImplied; else the policy OID/URI.
  std::string signature_policy_id;
  std::optional<bool> signature_policy_digest_matches;  // when a policy document was available
  std::vector<std::string> commitment_types;        // OIDs / URIs
  std::vector<std::string> claimed_roles;            // SignerRole(V2) claimed roles, as text
  std::optional<std::string> production_place;       // "City, Region, Postal code, Country"
  std::vector<std::string> data_object_formats;      // MIME types
  std::vector<std::string> content_hints;            // CAdES content-hints description
};

// One change found in a PDF after a signature's revision (validation/pades modification
// analysis, ISO 32000-1 12.8.2.2 / 12.8.2.4, ISO 32000-2 12.8.2.2).
struct PdfModification {
  // "page-content", "page", "resource", "annotation", "form-fill", "signature", "dss",
  // "document-structure", "metadata", "unused-object", "catalog".
  std::string kind;
  int object = 0;              // object number (0 when not one object)
  std::optional<int> page;     // 1-based page number when known
  std::string field;           // form field name when known
  std::size_t revision = 0;    // 1-based revision (incremental update) that made the change
  bool permitted = false;      // allowed by the certification level / FieldMDP locks
  // The attack class it matches: "incremental-saving", "shadow-hide", "shadow-replace",
  // "shadow-hide-and-replace", "" for none.
  std::string attack;
  std::string description;     // one sentence
};

// The PDF side of a PAdES signature (or document time-stamp): where it is and what came after.
struct PdfSignatureDetails {
  std::string field_name;
  std::string sub_filter;                  // "ETSI.CAdES.detached", "adbe.pkcs7.detached", ...
  std::string filter;                      // /Filter ("Adobe.PPKLite", ...)
  std::string reason, name, contact_info;  // /Reason, /Name, /ContactInfo as written (may be empty)
  std::size_t revision = 0;                // 1-based revision the ByteRange ends at (0 = none)
  std::size_t revisions = 0;               // revisions in the file
  std::vector<std::pair<std::int64_t, std::int64_t>> byte_ranges;  // (offset, length) pairs
  std::optional<int> docmdp_p;             // certification level (DocMDP P) of this signature
  bool certification = false;
  std::optional<int> page;                 // 1-based page of its widget
  std::vector<PdfModification> modifications;  // after its revision, in the final document
};

// One signature to validate.
struct SignatureUnderValidation {
  std::string id;                         // the signature's Id (or a stable made-up "S-<hash>")
  SignatureFormat format = SignatureFormat::kXAdES;
  // The level reached: "XAdES-BASELINE-B", "XAdES-BASELINE-T", "XAdES-BASELINE-LT",
  // "XAdES-BASELINE-LTA", or older forms ("XAdES-C", "XAdES-X-L", "XAdES-A", "XML-DSig", ...).
  std::string level;
  FormatCheck format_check;

  // EN 319 102-1 5.2.3 identification of the signing certificate. `signing_certificate` is the
  // certificate the signature value verifies with (null when none could be identified →
  // NO_SIGNING_CERTIFICATE_FOUND).
  engine::CertificatePtr signing_certificate;
  // Every certificate found in the signature (KeyInfo, CertificateValues, CMS certificates,
  // x5c, xVals, PDF DSS...), signing certificate included. Candidates for path building.
  std::vector<engine::CertificatePtr> certificates;
  // Revocation data embedded in the signature (RevocationValues, rVals, CMS crls, PDF DSS), DER.
  std::vector<std::string> crls;
  std::vector<std::string> ocsp_responses;

  // EN 319 102-1 5.2.7 cryptographic verification.
  std::vector<SignedReference> references;
  bool signature_value_checked = false;   // a key was available and the check was made
  bool signature_value_valid = false;     // the signature value verifies (false → SIG_CRYPTO_FAILURE)
  std::string signature_algorithm;        // "RSA-SHA256", "ECDSA-SHA384", "RSASSA-PSS-SHA256"...
  std::string digest_algorithm;           // of the signature ("SHA-256")
  engine::Sha256 signature_value_sha256{};  // identifies the signature value (reports)

  SignedAttributes attributes;
  std::vector<EmbeddedTimestamp> timestamps;
  std::vector<ScopeEntry> scope;
  std::vector<SignatureUnderValidation> counter_signatures;
  std::optional<PdfSignatureDetails> pdf;  // PAdES only
};

}  // namespace assay::validation
