// The byte scans of pdf_document.h that need no PDF parser: "is this a PDF" and the revisions
// (every "%%EOF" after a "startxref"). C++23 side of engine/pdf: no qpdf here (the qpdf code is
// the C++17 island, internal/qpdf_reader.h).
#include <cctype>

#include "engine/pdf/pdf_document.h"

namespace assay::engine::pdf {
namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }

}  // namespace

bool looks_like_pdf(std::string_view bytes) noexcept {
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

std::vector<Revision> scan_revisions(std::string_view bytes) {
  std::vector<Revision> out;
  std::size_t start = 0;
  for (std::size_t at = bytes.find("%%EOF"); at != std::string_view::npos; at = bytes.find("%%EOF", at + 5)) {
    // ISO 32000-1 7.5.5: "startxref", an offset, then "%%EOF" on the last line.
    const std::size_t window = at > 64 ? at - 64 : 0;
    const auto sx = bytes.substr(window, at - window).rfind("startxref");
    if (sx == std::string_view::npos) continue;
    std::size_t p = window + sx + 9;
    while (p < at && is_space(bytes[p])) ++p;
    std::size_t offset = 0;
    bool digits = false;
    while (p < at && std::isdigit(static_cast<unsigned char>(bytes[p]))) {
      offset = offset * 10 + static_cast<std::size_t>(bytes[p] - '0');
      digits = true;
      ++p;
      if (offset > bytes.size()) break;
    }
    if (!digits) continue;
    Revision r;
    r.index = out.size();
    r.start = start;
    r.eof = at + 5;
    r.end = r.eof;
    if (r.end < bytes.size() && bytes[r.end] == '\r') ++r.end;
    if (r.end < bytes.size() && bytes[r.end] == '\n') ++r.end;
    r.startxref = offset;
    start = r.end;
    out.push_back(r);
  }
  return out;
}

}  // namespace assay::engine::pdf
