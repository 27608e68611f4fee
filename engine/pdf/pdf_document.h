// Reading signed PDFs (ISO 32000-1 / -2) for signature validation: the revisions (incremental
// updates) of the file, the signature dictionaries of its signature fields (ISO 32000-1 12.8.1,
// EN 319 142-1), the DSS dictionary (EN 319 142-1 5.4.2 / ISO 32000-2 12.8.4.3), and a
// per-revision snapshot of the objects for the modification analysis (validation/pades).
//
// qpdf does the parsing; its headers are included only in engine/pdf/internal/qpdf_*.cpp and
// walk.cpp, a C++17 island behind internal/qpdf_reader.h (qpdf 11's headers do not compile with
// clang 16 in C++23; docs/fuzzing.md). The file is read from memory only: no file access, no
// external references, nothing is rendered or executed (JavaScript is never looked at). qpdf's
// exceptions are caught in the island and become engine::Error (kMalformed, kResourceExhausted);
// nothing throws out of this header. Hard limits (PdfLimits) bound the bytes, objects, nesting,
// stream sizes and decompression; cross-reference streams, which qpdf inflates while parsing,
// are inflated here first, bounded (internal/xref_bound.h).
//
// Revisions are found by scanning the bytes: every "%%EOF" preceded by "startxref <offset>"
// ends one (ISO 32000-1 7.5.5, 7.5.6). A revision's snapshot is the file cut at its end, read
// as a PDF on its own: exactly what a reader saw when that revision was signed.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/finding.h"
#include "engine/pdf/pdf_types.h"  // PdfLimits, Revision, SignatureDictionary, DssData, Snapshot

namespace assay::engine::pdf {

class PdfDocument {
 public:
  // `bytes` must outlive the document (it is viewed, not copied). Errors: kMalformed (not a PDF,
  // broken cross-reference data, truncated), kResourceExhausted (a limit), never throws.
  static Result<PdfDocument> open(std::string_view bytes, const PdfLimits& limits = {});

  std::string_view bytes() const noexcept { return bytes_; }
  const std::vector<Revision>& revisions() const noexcept { return revisions_; }
  const std::vector<SignatureDictionary>& signatures() const noexcept { return signatures_; }
  const DssData& dss() const noexcept { return dss_; }
  std::size_t page_count() const noexcept { return page_count_; }
  const Findings& findings() const noexcept { return findings_; }  // qpdf warnings, structure notes

  // The objects of revision `index` (the file cut at its end). Same errors as open().
  Result<Snapshot> snapshot(std::size_t index) const;

 private:
  std::string_view bytes_;
  PdfLimits limits_;
  std::vector<Revision> revisions_;
  std::vector<SignatureDictionary> signatures_;
  DssData dss_;
  std::size_t page_count_ = 0;
  Findings findings_;
  friend struct PdfReaderAccess;
};

// The revisions of `bytes`, found by scanning (no parsing): every "%%EOF" after a "startxref".
std::vector<Revision> scan_revisions(std::string_view bytes);

// True when "%PDF-" appears within the first 1024 bytes (ISO 32000-1 7.5.2, Acrobat's tolerance).
bool looks_like_pdf(std::string_view bytes) noexcept;

}  // namespace assay::engine::pdf
