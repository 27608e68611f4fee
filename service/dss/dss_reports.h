// The DSS REST wire format of validation answers (VALIDATION-APIS.md §1): `WSReportsDTO` for
// validateSignature and `CertificateReportsDTO` for validateCertificate, written from assay's own
// report models, so existing DSS clients can call assay and the audit runner can audit assay
// through its `dss:` adapter. Keys exactly as DSS emits them (camelCase DTO level, PascalCase
// report elements, "value" for element text, explicit nulls, dates yyyy-MM-dd'T'HH:mm:ss'Z').
//
// What differs from DSS, on purpose: message `Key`s are assay's stable constraint / finding ids
// (not DSS's BBB_* codes), and the DiagnosticData / DetailedReport carry the conclusions only;
// the full evidence is in the TS 119 102-2 report (`validationReportDataHandler`) and in assay's
// own API. No key is added to a DSS-shaped object (strict clients reject unknown properties).
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "engine/time.h"
#include "tsl/qualification/qualification.h"
#include "validation/certificate_validator.h"
#include "validation/signature/signature_report.h"

namespace assay::service::dss {

// "2026-01-15T00:00:00Z" (DSS's report date format).
std::string dss_date(engine::UtcTime t);

// DSS's description of a SignatureLevel value ("QESig" → "Qualified Electronic Signature",
// "Indeterminate QESig" → "Indeterminate Qualified Electronic Signature"); "" when unknown.
std::string signature_level_description(std::string_view value);

// WSReportsDTO: validationReportDataHandler (base64 of `etsi_report_xml`), DiagnosticData,
// SimpleReport, DetailedReport. `document_name` is the signedDocument's name (may be empty).
boost::json::object ws_reports_json(const validation::DocumentValidationReport& report, std::string_view document_name,
                                    std::string_view etsi_report_xml);

// The certificate's qualification as DSS names it ("QC for eSig with QSCD", ..., "N/A"); absent
// (null in the answer) when it was not determined.
struct DssCertificateQualification {
  std::optional<std::string> at_issuance;
  std::optional<std::string> at_validation;
};

// DSS's CertificateQualification value for an answer of assay's qualification (TS 119 615 /
// QUALIFICATION.md): qc yes → "QC for eSig|eSeal|WSA|unknown type", with " with QSCD" when the
// QSCD answer is yes (never for WSA: DSS has no such value); qc no → "Cert for ..."; not
// applicable (conflict, incoherent list) → "N/A".
std::string certificate_qualification_name(const tsl::QualificationAnswer& answer);

// Both instants from one qualification result. When no trust service of the lists covers the
// certificate (no candidate), DSS answers "N/A" for both: nothing in a trusted list speaks for it.
DssCertificateQualification certificate_qualification(const tsl::QualificationResult& result);

// CertificateReportsDTO: diagnosticData, simpleCertificateReport, detailedReport.
boost::json::object certificate_reports_json(const validation::CertificateValidationReport& report,
                                             const engine::Certificate& certificate,
                                             const DssCertificateQualification& qualification);

}  // namespace assay::service::dss
