// The entry point for "validate the signatures of this file": recognises the document's format,
// hands it to the format reader (XAdES today; CAdES, ASiC, JAdES and PAdES readers plug in here)
// and runs the EN 319 102-1 processes (signature_validator.h) on every signature it holds, with
// the real RFC 3161 time-stamp validation unless the caller supplies another.
//
// This header is the seam the CLI (`assay validate`), the HTTP API, the audit runner and the
// benchmarks call; they never pick a reader themselves.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "validation/signature/signature_report.h"
#include "validation/signature/signature_validator.h"

namespace assay::validation {

// A detached content file: the name a signature's reference uses, and its bytes.
struct DetachedFile {
  std::string name;
  std::string bytes;
};

// What the document was recognised as (XML, a JWS: JSON or compact JAdES, a CMS SignedData, a
// ZIP / ASiC container, a PDF: "%PDF-" within the first 1024 bytes), for messages and reports.
enum class DocumentKind { kXml, kJws, kCms, kZip, kPdf, kUnknown };

DocumentKind detect_document_kind(std::string_view bytes) noexcept;

// Reads and validates every signature of `document`, and its document-level time-stamps (an
// ASiC container's time-stamp tokens, document_timestamp.h) in DocumentValidationReport::
// timestamps. A document without signatures gives an empty report (not an error). Errors: kUnsupported for a format assay does not read,
// kMalformed / kResourceExhausted for unusable input (as the format reader says). Never throws.
engine::Result<DocumentValidationReport> validate_document(std::string_view document,
                                                           const std::vector<DetachedFile>& detached,
                                                           SignatureValidationContext context);

}  // namespace assay::validation
