// TS 119 172-4 signature labels: the matrix of VALIDATION.md §10 step 4.
#include "validation/signature/signature_qualification.h"

#include <gtest/gtest.h>

namespace assay::validation {
namespace {

using tsl::QcStatus;
using tsl::QcUse;
using tsl::QscdStatus;

tsl::QualificationAnswer qc(QcUse use, bool qscd) {
  return {QcStatus::kYes, use, qscd ? QscdStatus::kYes : QscdStatus::kNo};
}
tsl::QualificationAnswer non_qc(QcUse use) { return {QcStatus::kNo, use, QscdStatus::kNotApplicable}; }

TEST(SignatureLabel, PassedColumn) {
  EXPECT_EQ(signature_label(qc(QcUse::kESig, true), MainIndication::kTotalPassed).label, "QESig");
  EXPECT_EQ(signature_label(qc(QcUse::kESeal, true), MainIndication::kTotalPassed).label, "QESeal");
  EXPECT_EQ(signature_label(qc(QcUse::kUnknown, true), MainIndication::kTotalPassed).label, "Unknown-QC-QSCD");
  EXPECT_EQ(signature_label(qc(QcUse::kESig, false), MainIndication::kTotalPassed).label, "AdESig-QC");
  EXPECT_EQ(signature_label(qc(QcUse::kESeal, false), MainIndication::kTotalPassed).label, "AdESeal-QC");
  EXPECT_EQ(signature_label(qc(QcUse::kUnknown, false), MainIndication::kTotalPassed).label, "Unknown-QC");
  EXPECT_EQ(signature_label(qc(QcUse::kWsa, false), MainIndication::kTotalPassed).label, "Not AdES");
  EXPECT_EQ(signature_label(non_qc(QcUse::kESig), MainIndication::kTotalPassed).label, "AdESig");
  EXPECT_EQ(signature_label(non_qc(QcUse::kESeal), MainIndication::kTotalPassed).label, "AdESeal");
  EXPECT_EQ(signature_label(non_qc(QcUse::kUnknown), MainIndication::kTotalPassed).label, "Unknown");
  const auto na = signature_label(std::nullopt, MainIndication::kTotalPassed);
  EXPECT_EQ(na.label, "N/A");
  EXPECT_EQ(na.enum_name, "NA");
  EXPECT_EQ(na.uri, "urn:cef:dss:signatureQualification:notApplicable");
  const auto qes = signature_label(qc(QcUse::kESig, true), MainIndication::kTotalPassed);
  EXPECT_EQ(qes.enum_name, "QESIG");
  EXPECT_EQ(qes.uri, "urn:cef:dss:signatureQualification:QESig");
  EXPECT_EQ(signature_label(tsl::QualificationAnswer{QcStatus::kNotApplicable, QcUse::kUnknown, QscdStatus::kNotApplicable},
                            MainIndication::kTotalPassed).label,
            "N/A");
}

TEST(SignatureLabel, IndeterminateColumn) {
  const auto l = signature_label(qc(QcUse::kESig, false), MainIndication::kIndeterminate);
  EXPECT_EQ(l.label, "Indeterminate AdESig-QC");
  EXPECT_EQ(l.enum_name, "INDETERMINATE_ADESIG_QC");
  EXPECT_EQ(l.uri, "urn:cef:dss:signatureQualification:indeterminateAdESigQC");
  EXPECT_EQ(signature_label(qc(QcUse::kESeal, true), MainIndication::kIndeterminate).label, "Indeterminate QESeal");
  EXPECT_EQ(signature_label(non_qc(QcUse::kUnknown), MainIndication::kIndeterminate).label, "Indeterminate Unknown");
  EXPECT_EQ(signature_label(non_qc(QcUse::kWsa), MainIndication::kIndeterminate).label, "Not AdES");
  EXPECT_EQ(signature_label(std::nullopt, MainIndication::kIndeterminate).label, "N/A");
}

TEST(SignatureLabel, FailedColumn) {
  const auto l = signature_label(qc(QcUse::kESig, true), MainIndication::kTotalFailed);
  EXPECT_EQ(l.label, "Not AdES but QC with QSCD");
  EXPECT_EQ(l.enum_name, "NOT_ADES_QC_QSCD");
  EXPECT_EQ(l.uri, "urn:cef:dss:signatureQualification:notAdESbutQCwithQSCD");
  EXPECT_EQ(signature_label(qc(QcUse::kUnknown, false), MainIndication::kTotalFailed).label, "Not AdES but QC");
  EXPECT_EQ(signature_label(non_qc(QcUse::kESig), MainIndication::kTotalFailed).label, "Not AdES");
  EXPECT_EQ(signature_label(std::nullopt, MainIndication::kTotalFailed).label, "Not AdES");
}

TEST(SignatureLabel, WithoutTrustedListsIsNotApplicable) {
  const auto q = qualify_signature(nullptr, {}, engine::UtcTime{}, MainIndication::kTotalPassed);
  EXPECT_EQ(q.label, "N/A");
  EXPECT_FALSE(q.evidence.empty());
}

}  // namespace
}  // namespace assay::validation
