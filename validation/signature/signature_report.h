// The outcome of validating one signature per ETSI EN 319 102-1: the main indication
// (TOTAL_PASSED / TOTAL_FAILED / INDETERMINATE, 5.1.3), the sub-indication (tables 5 and 6), the
// result of each building block (5.2: FC, ISC, VCI, XCV, CV, SAV) and process (5.3 basic, 5.5
// with time and long-term data, 5.6 with archival data) with every constraint evaluated (id,
// status, message), the times that decided it (validation time, best-signature-time), the
// certificate validation evidence, the time-stamps and the signature qualification
// (TS 119 172-4). The report writers (service/json, the TS 119 102-2 XML) read this model only.
//
// A plain value; it references certificates by shared pointer and nothing else.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/finding.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"
#include "validation/certificate_validator.h"
#include "validation/signature/signature_input.h"
#include "validation/signature/timestamp_validation.h"

namespace assay::validation {

// EN 319 102-1 5.1.3: the conclusion of the highest process run for a signature.
enum class MainIndication { kTotalPassed, kTotalFailed, kIndeterminate };

// "TOTAL_PASSED", "TOTAL_FAILED", "INDETERMINATE".
std::string_view main_indication_name(MainIndication indication) noexcept;
// urn:etsi:019102:mainindication:total-passed / total-failed / indeterminate.
std::string main_indication_uri(MainIndication indication);
// urn:etsi:019102:mainindication:passed / failed / indeterminate (blocks, time-stamps).
std::string indication_uri(Indication indication);
// urn:etsi:019102:subindication:<NAME>; "" for "".
std::string subindication_uri(std::string_view name);

// Sub-indication names a signature can end with beyond those of XCV (certificate_validator.h).
namespace sub {
inline constexpr std::string_view kFormatFailure = "FORMAT_FAILURE";
inline constexpr std::string_view kHashFailure = "HASH_FAILURE";
inline constexpr std::string_view kSigCryptoFailure = "SIG_CRYPTO_FAILURE";
inline constexpr std::string_view kRevoked = "REVOKED";
inline constexpr std::string_view kExpired = "EXPIRED";
inline constexpr std::string_view kNotYetValid = "NOT_YET_VALID";
inline constexpr std::string_view kSigConstraintsFailure = "SIG_CONSTRAINTS_FAILURE";
inline constexpr std::string_view kCryptoConstraintsFailure = "CRYPTO_CONSTRAINTS_FAILURE";
inline constexpr std::string_view kCryptoConstraintsFailureNoPoe = "CRYPTO_CONSTRAINTS_FAILURE_NO_POE";
inline constexpr std::string_view kPolicyProcessingError = "POLICY_PROCESSING_ERROR";
inline constexpr std::string_view kNoSigningCertificateFound = "NO_SIGNING_CERTIFICATE_FOUND";
inline constexpr std::string_view kSignedDataNotFound = "SIGNED_DATA_NOT_FOUND";
inline constexpr std::string_view kOutOfBoundsNotRevoked = "OUT_OF_BOUNDS_NOT_REVOKED";
inline constexpr std::string_view kOutOfBoundsNoPoe = "OUT_OF_BOUNDS_NO_POE";
inline constexpr std::string_view kNoPoe = "NO_POE";
}  // namespace sub

// How one constraint (a check of a block or process) came out. kOk / kNotOk for checks that
// were evaluated; kWarning / kInformation for checks the policy only reports.
enum class ConstraintStatus { kOk, kNotOk, kWarning, kInformation };

// "OK", "NOT OK", "WARNING", "INFORMATION".
std::string_view constraint_status_name(ConstraintStatus status) noexcept;

// One evaluated constraint. `id` is stable ("signature.cv.reference_intact"); the message says
// what was found, in one sentence.
struct ConstraintResult {
  std::string id;
  ConstraintStatus status = ConstraintStatus::kOk;
  std::string message;
};

// A building block or a process: its conclusion and the constraints it evaluated, in order.
// `name` is "FC", "ISC", "VCI", "XCV", "CV", "SAV" for blocks and "BASIC", "LTV", "ARCHIVAL",
// "PSV" for processes; `subindication` is "" when passed.
struct BlockResult {
  std::string name;
  Indication indication = Indication::kPassed;
  std::string subindication;
  std::vector<ConstraintResult> constraints;
  // Set for processes: the time at which the process proved the signature existed (its POE).
  std::optional<engine::UtcTime> proof_of_existence;
};

// One time-stamp of the signature and what its validation gave.
struct TimestampResult {
  EmbeddedTimestamp::Kind kind = EmbeddedTimestamp::Kind::kSignature;
  std::string id;
  TimestampValidationReport report;
  bool used_as_poe = false;  // it lowered best-signature-time or gave a POE
};

// TS 119 172-4 signature qualification, as DSS names it (VALIDATION.md §10).
struct SignatureQualification {
  std::string label = "N/A";        // "QESig", "Indeterminate AdESig-QC", "Not AdES", "N/A", ...
  std::string enum_name = "NA";     // "QESIG", "INDETERMINATE_ADESIG_QC", "NA", ...
  std::string uri = "urn:cef:dss:signatureQualification:notApplicable";
  // The certificate's qualification (tsl::eu_label vocabulary: "QESig", "AdESig-QC", "N/A"...)
  // at its issuance, at best-signature-time, and combined; "" when not evaluated.
  std::string certificate_at_issuance;
  std::string certificate_at_best_signature_time;
  std::string certificate_combined;
  std::string evidence;             // one paragraph: which lists/services and why
  engine::Findings reasons;
};

struct SignatureValidationReport {
  std::string signature_id;
  SignatureFormat format = SignatureFormat::kXAdES;
  std::string level;
  MainIndication indication = MainIndication::kIndeterminate;
  std::string subindication;                       // "" when TOTAL_PASSED
  engine::UtcTime validation_time{};               // the current time of the validation
  std::optional<engine::UtcTime> claimed_signing_time;  // never a POE
  SignedAttributes attributes;                     // as the reader found them (the reports list them)
  engine::UtcTime best_signature_time{};           // EN 319 102-1 5.5 / 5.6 (validation time when no POE)
  engine::CertificatePtr signing_certificate;
  engine::Sha256 signature_value_sha256{};         // identifies the signature (reports)
  std::vector<BlockResult> blocks;                 // FC, ISC, VCI, XCV, CV, SAV as run at validation time
  std::vector<BlockResult> processes;              // BASIC, then LTV and ARCHIVAL when they ran
  std::optional<CertificateValidationReport> certificate;       // XCV at validation time
  std::optional<CertificateValidationReport> past_certificate;  // PCV at best-signature-time
  std::vector<TimestampResult> timestamps;
  SignatureQualification qualification;
  std::vector<ScopeEntry> scope;
  std::vector<SignatureValidationReport> counter_signatures;
  std::optional<PdfSignatureDetails> pdf;          // PAdES: revision, byte ranges, modifications

  // The constraints that failed (errors) or warned (warnings), over every block and process.
  std::vector<ConstraintResult> errors() const;
  std::vector<ConstraintResult> warnings() const;
  const BlockResult* block(std::string_view name) const;
  const BlockResult* process(std::string_view name) const;
};

// A time-stamp over the document itself, not over one signature: an ASiC-S time-stamp token
// (META-INF/timestamp.tst, EN 319 162-1 4.3.3.1), an ASiCArchiveManifest time-stamp, a PAdES
// document time-stamp (/SubFilter ETSI.RFC3161, EN 319 142-1 5.4). It is validated as a
// time-stamp (EN 319 102-1 5.4) and reported beside the signatures with what it covers.
struct DocumentTimestampResult {
  std::string id;                                  // member name, or the PDF field name
  std::string kind;                                // "asic-timestamp", "asic-archive-manifest", "pdf-document-timestamp"
  TimestampValidationReport report;
  std::vector<ScopeEntry> scope;                   // the files / byte ranges its imprint covers
  engine::Findings findings;                       // format findings of the reader (stable ids)
  std::optional<PdfSignatureDetails> pdf;          // PAdES document time-stamps: revision, ranges, changes after
};

// Several signatures of one document (possibly none).
struct DocumentValidationReport {
  engine::UtcTime validation_time{};
  std::string policy;                              // the validation policy's name
  std::vector<SignatureValidationReport> signatures;
  std::vector<DocumentTimestampResult> timestamps; // document-level time-stamps (none for most)
  std::string container;                           // "ASiC-S" / "ASiC-E" for a container, else ""
  // Document-level findings of the reader (container rules, files no signature or time-stamp
  // covers); the signatures also carry them in their format checking.
  engine::Findings findings;
  std::size_t valid_signatures() const;            // TOTAL_PASSED ones, counter-signatures excluded
};

}  // namespace assay::validation
