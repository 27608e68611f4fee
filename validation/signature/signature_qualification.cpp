// Signature qualification labels (VALIDATION.md §10, QUALIFICATION.md "Signature-level label").
#include "validation/signature/signature_qualification.h"


namespace assay::validation {

namespace {

struct Label {
  std::string_view label, enum_name, uri;  // uri suffix
};

// The certificate-only row of the matrix (the TOTAL_PASSED column).
enum class Row { kQesig, kQeseal, kUnknownQcQscd, kAdesigQc, kAdesealQc, kUnknownQc, kWsa, kAdesig, kAdeseal, kUnknown, kNa };

Row row_of(const std::optional<tsl::QualificationAnswer>& a) {
  using tsl::QcStatus, tsl::QcUse, tsl::QscdStatus;
  if (!a || a->qc == QcStatus::kNotApplicable) return Row::kNa;
  if (a->type == QcUse::kWsa) return Row::kWsa;
  if (a->qc == QcStatus::kYes) {
    const bool qscd = a->qscd == QscdStatus::kYes;
    switch (a->type) {
      case QcUse::kESig: return qscd ? Row::kQesig : Row::kAdesigQc;
      case QcUse::kESeal: return qscd ? Row::kQeseal : Row::kAdesealQc;
      default: return qscd ? Row::kUnknownQcQscd : Row::kUnknownQc;
    }
  }
  switch (a->type) {
    case QcUse::kESig: return Row::kAdesig;
    case QcUse::kESeal: return Row::kAdeseal;
    default: return Row::kUnknown;
  }
}

constexpr Label kPassed[] = {
    {"QESig", "QESIG", "QESig"},
    {"QESeal", "QESEAL", "QESeal"},
    {"Unknown-QC-QSCD", "UNKNOWN_QC_QSCD", "UnknownQCwithQSCD"},
    {"AdESig-QC", "ADESIG_QC", "AdESigQC"},
    {"AdESeal-QC", "ADESEAL_QC", "AdESealQC"},
    {"Unknown-QC", "UNKNOWN_QC", "UnknownQC"},
    {"Not AdES", "NOT_ADES", "notAdES"},
    {"AdESig", "ADESIG", "AdESig"},
    {"AdESeal", "ADESEAL", "AdESeal"},
    {"Unknown", "UNKNOWN", "Unknown"},
    {"N/A", "NA", "notApplicable"},
};

constexpr Label kNotAdesQcQscd{"Not AdES but QC with QSCD", "NOT_ADES_QC_QSCD", "notAdESbutQCwithQSCD"};
constexpr Label kNotAdesQc{"Not AdES but QC", "NOT_ADES_QC", "notAdESbutQC"};
constexpr Label kNotAdes{"Not AdES", "NOT_ADES", "notAdES"};

SignatureQualification make(std::string label, std::string enum_name, std::string_view uri) {
  SignatureQualification q;
  q.label = std::move(label);
  q.enum_name = std::move(enum_name);
  q.uri = "urn:cef:dss:signatureQualification:" + std::string(uri);
  return q;
}

}  // namespace

SignatureQualification signature_label(const std::optional<tsl::QualificationAnswer>& certificate,
                                       MainIndication indication) {
  const Row row = row_of(certificate);
  const Label& passed = kPassed[static_cast<int>(row)];
  switch (indication) {
    case MainIndication::kTotalPassed:
      return make(std::string(passed.label), std::string(passed.enum_name), passed.uri);
    case MainIndication::kIndeterminate: {
      if (row == Row::kWsa || row == Row::kNa) return make(std::string(passed.label), std::string(passed.enum_name), passed.uri);
      // "Indeterminate QESig", INDETERMINATE_QESIG, indeterminateQESig.
      std::string uri(passed.uri);
      return make("Indeterminate " + std::string(passed.label), "INDETERMINATE_" + std::string(passed.enum_name),
                  "indeterminate" + uri);
    }
    case MainIndication::kTotalFailed:
      break;
  }
  switch (row) {
    case Row::kQesig:
    case Row::kQeseal:
    case Row::kUnknownQcQscd:
      return make(std::string(kNotAdesQcQscd.label), std::string(kNotAdesQcQscd.enum_name), kNotAdesQcQscd.uri);
    case Row::kAdesigQc:
    case Row::kAdesealQc:
    case Row::kUnknownQc:
      return make(std::string(kNotAdesQc.label), std::string(kNotAdesQc.enum_name), kNotAdesQc.uri);
    default:
      return make(std::string(kNotAdes.label), std::string(kNotAdes.enum_name), kNotAdes.uri);
  }
}

SignatureQualification qualify_signature(const tsl::TrustSnapshot* snapshot,
                                         std::span<const engine::CertificatePtr> chain,
                                         engine::UtcTime best_signature_time, MainIndication indication) {
  if (snapshot == nullptr || chain.empty() || !chain.front()) {
    auto q = signature_label(std::nullopt, indication);
    q.evidence = snapshot == nullptr ? "No trusted lists were given, so the qualification is not applicable."
                                     : "There is no signing certificate to qualify.";
    return q;
  }
  // Qualified at best-signature-time (not the claimed signing time) and at issuance.
  const auto result = tsl::qualify(*snapshot, chain, best_signature_time);
  if (result.candidates.empty()) {
    auto q = signature_label(std::nullopt, indication);
    q.evidence = "The signing certificate matches no trust service of the trusted lists, so its qualification is not applicable.";
    q.reasons = result.reasons;
    return q;
  }
  auto q = signature_label(result.result, indication);
  q.certificate_at_issuance = std::string(tsl::eu_label(result.at_issuance.answer));
  q.certificate_at_best_signature_time = std::string(tsl::eu_label(result.at_time.answer));
  q.certificate_combined = result.label;
  q.evidence = "At issuance (" + engine::format_utc_time(result.issuance) + "): " + q.certificate_at_issuance +
               " (" + result.at_issuance.qc_rule.text + "); at best-signature-time (" +
               engine::format_utc_time(best_signature_time) + "): " + q.certificate_at_best_signature_time + " (" +
               result.at_time.qc_rule.text + "); combined: " + q.certificate_combined + " (" + result.combination.text + ").";
  q.reasons = result.reasons;
  return q;
}

}  // namespace assay::validation
