// PdfDocument without qpdf, for the fuzz build only (cmake/AssayFuzz.cmake): qpdf 11's headers
// (JSON.hh: a std::vector of the class being defined, with a defaulted virtual destructor) do not
// compile with clang 16 and libstdc++ 12 in C++20/23 mode, and the fuzz build must be clang. Every
// PDF is then "unsupported" there; the production (gcc) build always has the real reader, and the
// PDF fuzz target's inputs run through it in tests/fuzz (the regression runner). docs/fuzzing.md.
#include "engine/pdf/pdf_document.h"

namespace assay::engine::pdf {
namespace {

Error unavailable() {
  return Error(Code::kUnsupported, "PDF reading is not built in this configuration (the clang fuzz build has no qpdf)");
}

}  // namespace

Result<PdfDocument> PdfDocument::open(std::string_view, const PdfLimits&) { return std::unexpected(unavailable()); }

Result<Snapshot> PdfDocument::snapshot(std::size_t) const { return std::unexpected(unavailable()); }

}  // namespace assay::engine::pdf
