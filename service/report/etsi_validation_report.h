// The ETSI TS 119 102-2 (v1.4.1) XML validation report of a document's signatures, written from
// the signature report model (validation/signature/signature_report.h) as DSS fills it
// (VALIDATION-REPORTS.md): per signature the identifier, one ValidationConstraint per building
// block run (urn:cef:dss:bbb:*), validation time and best-signature-time, signer's document,
// signed attributes, signer, qualification, process id (Basic / LTVM / LTA), status with the
// certificate chain and messages; then the validation objects (certificates, time-stamps with
// their own status, signed data) with their POE. Document time-stamps (ASiC time-stamp tokens)
// are timestamp validation objects with their own ValidationReport and a POEProvisioning at
// genTime for the signedData objects of the files they cover. A document without signature
// gives one report with the DSS main indication noSignatureFound (and its time-stamps' objects).
// PDF signatures and document time-stamps add their dictionary's entries to SignatureAttributes
// and their revision and later modifications as OtherInformation (internal/etsi_pdf_report.h).
// Schema-valid against 1910202xmlSchema.xsd.
#pragma once

#include <string>

#include "validation/signature/signature_report.h"

namespace assay::service::report {

// The UTF-8 XML document. Reads only; thread-safe.
std::string etsi_validation_report_xml(const validation::DocumentValidationReport& report);

}  // namespace assay::service::report
