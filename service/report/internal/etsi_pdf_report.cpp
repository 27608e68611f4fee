#include "service/report/internal/etsi_pdf_report.h"

#include "service/text/markup_escape.h"

namespace assay::service::report::internal {
namespace {

// Text from the PDF (field names, /Reason...) in XML 1.0 content: escaped, and the C0 controls
// XML 1.0 forbids (all but tab, LF, CR) replaced, so that a hostile name cannot break the report.
std::string text(std::string_view s) {
  std::string clean(s);
  for (char& c : clean) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') c = '?';
  }
  return text::markup_escape(clean);
}

std::string attribute(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + text(value) + "\"";
}

}  // namespace

std::string pdf_attributes_xml(const validation::PdfSignatureDetails& pdf) {
  std::string x;
  // TS 119 102-2 A.30 - A.35, in the schema's choice order (any order is valid).
  if (!pdf.reason.empty()) x += "<Reason><ReasonElement>" + text(pdf.reason) + "</ReasonElement></Reason>";
  if (!pdf.name.empty()) x += "<Name><NameElement>" + text(pdf.name) + "</NameElement></Name>";
  if (!pdf.contact_info.empty()) {
    x += "<ContactInfo><ContactInfoElement>" + text(pdf.contact_info) + "</ContactInfoElement></ContactInfo>";
  }
  if (!pdf.sub_filter.empty()) x += "<SubFilter><SubFilterElement>" + text(pdf.sub_filter) + "</SubFilterElement></SubFilter>";
  // A.34 ByteRange: the list of integers as the dictionary holds it (offset length offset length).
  if (!pdf.byte_ranges.empty()) {
    std::string list;
    for (const auto& [offset, length] : pdf.byte_ranges) {
      list += (list.empty() ? "" : " ") + std::to_string(offset) + " " + std::to_string(length);
    }
    x += "<ByteRange>" + list + "</ByteRange>";
  }
  if (!pdf.filter.empty()) x += "<Filter><Filter>" + text(pdf.filter) + "</Filter></Filter>";
  return x;
}

std::string pdf_other_information_xml(const validation::PdfSignatureDetails& pdf) {
  std::string x = "<OtherInformation><pdf:PdfSignature xmlns:pdf=\"" + std::string(kPdfNamespace) + "\"";
  if (!pdf.field_name.empty()) x += attribute("FieldName", pdf.field_name);
  x += attribute("Revision", std::to_string(pdf.revision)) + attribute("Revisions", std::to_string(pdf.revisions));
  if (pdf.page) x += attribute("Page", std::to_string(*pdf.page));
  if (pdf.docmdp_p) x += attribute("CertificationLevel", std::to_string(*pdf.docmdp_p));
  x += attribute("Certification", pdf.certification ? "true" : "false") + ">";
  for (const auto& m : pdf.modifications) {
    x += "<pdf:Modification" + attribute("Revision", std::to_string(m.revision)) + attribute("Kind", m.kind) +
         attribute("Permitted", m.permitted ? "true" : "false");
    if (m.object) x += attribute("Object", std::to_string(m.object));
    if (m.page) x += attribute("Page", std::to_string(*m.page));
    if (!m.field.empty()) x += attribute("Field", m.field);
    if (!m.attack.empty()) x += attribute("Attack", m.attack);
    x += ">" + text(m.description) + "</pdf:Modification>";
  }
  return x + "</pdf:PdfSignature></OtherInformation>";
}

}  // namespace assay::service::report::internal
