// service/report-private: the PDF part of the ETSI TS 119 102-2 report (etsi_validation_report.cpp).
//
// Where TS 119 102-2 has a place for a PDF signature dictionary's entries, they go there: in
// SignatureAttributes (annex A.30 - A.35) the Reason, Name, ContactInfo, SubFilter, ByteRange
// and Filter elements. The schema has no place for the revision a signature signed or for the
// changes made after it (ISO 32000-2 12.8.2 modification detection), so they go to the
// SignatureValidationReport's OtherInformation (vr:AnyType, processContents="lax") as an element
// of assay's own namespace, which keeps the report XSD-valid:
//
//   <OtherInformation><pdf:PdfSignature xmlns:pdf="urn:assay:validation-report:pdf:1"
//       FieldName=".." Revision="2" Revisions="4" Page="1" CertificationLevel="2">
//     <pdf:Modification Revision="3" Kind="form-fill" Permitted="true" Object="12" Page="1"
//         Field="Amount" Attack="shadow-replace">one sentence</pdf:Modification>*
//   </pdf:PdfSignature></OtherInformation>
//
// Optional attributes are left out when unknown (Page, CertificationLevel, Object 0, Field "",
// Attack ""). docs/signature-validation.md documents the extension.
#pragma once

#include <string>

#include "validation/signature/signature_input.h"

namespace assay::service::report::internal {

inline constexpr std::string_view kPdfNamespace = "urn:assay:validation-report:pdf:1";

// The SignatureAttributes members of a PDF signature dictionary (no enclosing element).
std::string pdf_attributes_xml(const validation::PdfSignatureDetails& pdf);

// The OtherInformation element with the revision and the modifications after it.
std::string pdf_other_information_xml(const validation::PdfSignatureDetails& pdf);

}  // namespace assay::service::report::internal
