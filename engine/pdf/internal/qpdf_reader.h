// The narrow interface between engine/pdf and the C++17 island that holds qpdf (docs/fuzzing.md,
// "The C++17 island"). Plain C++17 with no qpdf and no engine types (no std::expected, which
// needs C++23), so that the island's translation units (qpdf_*.cpp, walk.cpp: -std=c++17, see
// engine/CMakeLists.txt) and the rest of assay (C++23) both include it. Nothing throws across it:
// the island catches every exception and answers with a ReadStatus; pdf_document.cpp turns that
// into engine::Error.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/pdf/pdf_types.h"

namespace assay::engine::pdf::internal {

// The subset of engine::Code the island can answer (pdf_document.cpp maps it one to one).
enum class ReadCode { kOk, kMalformed, kResourceExhausted, kInternal };

struct ReadStatus {
  ReadCode code = ReadCode::kOk;
  std::string message;
  bool ok() const noexcept { return code == ReadCode::kOk; }
};

// A warning about the document (severity kWarning on the engine side).
struct ReadWarning {
  std::string id;
  std::string message;
  std::string path;
};

// What PdfDocument::open keeps from the final revision.
struct DocumentContent {
  std::vector<SignatureDictionary> signatures;
  DssData dss;
  std::size_t page_count = 0;
  std::vector<ReadWarning> warnings;  // DSS streams that do not decode, ...
};

// Parses `bytes` (the whole file, already scanned into `revisions`) with qpdf within `limits`:
// the signature fields' values, the DSS, the page count. A file qpdf reads only with warnings
// (damaged) is refused (kMalformed). `bytes` must outlive the call only.
ReadStatus read_document(std::string_view bytes, const std::vector<Revision>& revisions, const PdfLimits& limits,
                         DocumentContent& out) noexcept;

// Parses `prefix` (the file cut at the end of one revision) and fills `out.objects` and
// `out.page_count` (the caller sets out.revision and out.end).
ReadStatus read_snapshot(std::string_view prefix, const PdfLimits& limits, Snapshot& out) noexcept;

}  // namespace assay::engine::pdf::internal
