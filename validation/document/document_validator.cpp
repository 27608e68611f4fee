#include "validation/document/document_validator.h"

#include <algorithm>
#include <cctype>

#include "validation/asic/asic_reader.h"
#include "validation/cades/cades_reader.h"
#include "engine/pdf/pdf_document.h"
#include "validation/jades/jades_reader.h"
#include "validation/pades/pades_reader.h"
#include "validation/signature/document_timestamp.h"
#include "validation/signature/timestamp_validation.h"
#include "validation/xades/xades_reader.h"

namespace assay::validation {

DocumentKind detect_document_kind(std::string_view bytes) noexcept {
  // A UTF-8 byte order mark and leading white space are allowed before the first markup.
  // ISO 32000-1 7.5.2: readers accept the header anywhere in the first 1024 bytes.
  if (engine::pdf::looks_like_pdf(bytes)) return DocumentKind::kPdf;
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  const auto first = std::find_if(bytes.begin(), bytes.end(),
                                  [](char c) { return !std::isspace(static_cast<unsigned char>(c)); });
  if (first != bytes.end() && *first == '<') return DocumentKind::kXml;
  if (jades::looks_like_jws(bytes)) return DocumentKind::kJws;
  if (cades::looks_like_cms_signed_data(bytes)) return DocumentKind::kCms;
  if (engine::zip::looks_like_zip(bytes)) return DocumentKind::kZip;
  return DocumentKind::kUnknown;
}

namespace {

// PAdES: the signatures, then each document time-stamp (EN 319 142-1 5.4) validated as a
// time-stamp over its ByteRange and reported beside them.
engine::Result<DocumentValidationReport> validate_pdf(std::string_view document, const SignatureValidationContext& context) {
  auto read = pades::read_pades(document);
  if (!read) return std::unexpected(read.error());
  DocumentValidationReport report = validate_signatures(read->signatures, context);
  std::vector<engine::CertificatePtr> extra;
  for (const auto& s : read->signatures) extra.insert(extra.end(), s.certificates.begin(), s.certificates.end());
  for (auto& t : read->document_timestamps) {
    DocumentTimestampResult r;
    r.id = t.id;
    r.kind = "pdf-document-timestamp";
    TimestampValidationContext ts;
    ts.certificates = context.certificates;
    ts.snapshot = context.snapshot;
    ts.extra_certificates = extra;
    r.report = context.validate_timestamp(t.token_der, t.covered_bytes, ts);
    r.scope = std::move(t.scope);
    r.findings = std::move(t.findings);
    if (std::any_of(r.findings.begin(), r.findings.end(), [](const auto& f) { return f.severity == engine::Severity::kError; })) {
      // A document time-stamp whose ByteRange is broken covers nothing reliably.
      r.report.indication = Indication::kFailed;
      r.report.subindication = "FORMAT_FAILURE";
    }
    r.pdf = std::move(t.pdf);
    report.timestamps.push_back(std::move(r));
  }
  return report;
}

}  // namespace

engine::Result<DocumentValidationReport> validate_document(std::string_view document,
                                                           const std::vector<DetachedFile>& detached,
                                                           SignatureValidationContext context) {
  if (!context.validate_timestamp) context.validate_timestamp = &validate_timestamp;
  switch (detect_document_kind(document)) {
    case DocumentKind::kXml: {
      xades::XadesReadOptions options;
      options.detached.reserve(detached.size());
      for (const auto& d : detached) options.detached.push_back({d.name, d.bytes});
      auto read = xades::read_xades(document, options);
      if (!read) return std::unexpected(read.error());
      return validate_signatures(read->signatures, context);
    }
    case DocumentKind::kJws: {
      jades::JadesReadOptions options;
      options.detached.reserve(detached.size());
      for (const auto& d : detached) options.detached.push_back({d.name, d.bytes});
      auto read = jades::read_jades(document, options);
      if (!read) return std::unexpected(read.error());
      return validate_signatures(read->signatures, context);
    }
    case DocumentKind::kCms: {
      cades::CadesReadOptions options;
      for (const auto& d : detached) options.detached.push_back({d.name, d.bytes});
      auto read = cades::read_cades(document, options);
      if (!read) return std::unexpected(read.error());
      return validate_signatures(read->signatures, context);
    }
    case DocumentKind::kZip: {
      // ASiC: the container's own files are the detached content; `detached` is not used.
      auto read = asic::read_asic(document);
      if (!read) return std::unexpected(read.error());
      auto report = validate_signatures(read->signatures, context);
      report.container = read->type == asic::ContainerType::kAsicS ? "ASiC-S" : "ASiC-E";
      report.findings = read->findings;
      for (const auto& t : read->timestamps) report.timestamps.push_back(validate_document_timestamp(t, context));
      return report;
    }
    case DocumentKind::kPdf:
      return validate_pdf(document, context);
    case DocumentKind::kUnknown:
      break;
  }
  return engine::fail(engine::Code::kUnsupported,
                      "the document is not a format assay validates (expected an XML document with XAdES / "
                      "XML-DSig signatures, a JSON / compact JWS with JAdES signatures, a CMS SignedData with "
                      "CAdES signatures, an ASiC container or a PDF)");
}

}  // namespace assay::validation
