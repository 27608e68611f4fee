// PdfDocument (C++23 side): the byte scans and limits that need no parser, the bounded check of
// the cross-reference streams (xref_bound.h) before qpdf sees the bytes, and the call into the
// C++17 island that holds qpdf (internal/qpdf_reader.h), whose ReadStatus becomes engine::Error.
#include "engine/pdf/pdf_document.h"

#include "engine/pdf/internal/qpdf_reader.h"
#include "engine/pdf/internal/xref_bound.h"

namespace assay::engine::pdf {

struct PdfReaderAccess {
  static PdfDocument make(std::string_view bytes, const PdfLimits& limits) {
    PdfDocument d;
    d.bytes_ = bytes;
    d.limits_ = limits;
    return d;
  }
  static auto& revisions(PdfDocument& d) { return d.revisions_; }
  static auto& signatures(PdfDocument& d) { return d.signatures_; }
  static auto& dss(PdfDocument& d) { return d.dss_; }
  static auto& pages(PdfDocument& d) { return d.page_count_; }
  static auto& findings(PdfDocument& d) { return d.findings_; }
};

namespace {

Error to_error(const internal::ReadStatus& status, std::string_view context) {
  Code code = Code::kInternal;
  switch (status.code) {
    case internal::ReadCode::kMalformed: code = Code::kMalformed; break;
    case internal::ReadCode::kResourceExhausted: code = Code::kResourceExhausted; break;
    case internal::ReadCode::kInternal:
    case internal::ReadCode::kOk: code = Code::kInternal; break;
  }
  return Error(code, std::string(context) + status.message);
}

}  // namespace

Result<PdfDocument> PdfDocument::open(std::string_view bytes, const PdfLimits& limits) {
  if (!looks_like_pdf(bytes)) return fail(Code::kMalformed, "not a PDF: no %PDF- header in the first 1024 bytes");
  if (bytes.size() > limits.max_bytes) {
    return fail(Code::kResourceExhausted, "the PDF has " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                                              std::to_string(limits.max_bytes));
  }
  PdfDocument doc = PdfReaderAccess::make(bytes, limits);
  auto& revisions = PdfReaderAccess::revisions(doc);
  revisions = scan_revisions(bytes);
  if (revisions.empty()) return fail(Code::kMalformed, "the PDF has no startxref / %%EOF (truncated?)");
  if (revisions.size() > limits.max_revisions) {
    return fail(Code::kResourceExhausted, "the PDF has " + std::to_string(revisions.size()) +
                                              " revisions, over the limit of " + std::to_string(limits.max_revisions));
  }
  if (revisions.back().end < bytes.size() &&
      bytes.substr(revisions.back().end).find_first_not_of(" \r\n\t\f", 0) != std::string_view::npos) {
    PdfReaderAccess::findings(doc).push_back({"pdf.trailing_bytes", Severity::kWarning,
                                              std::to_string(bytes.size() - revisions.back().end) +
                                                  " bytes follow the last %%EOF (not part of any revision)",
                                              "%%EOF"});
  }
  // qpdf inflates cross-reference streams while it parses, outside any limit of ours: they are
  // inflated here first, bounded (every revision's, so snapshot() is covered too).
  if (auto bounded = internal::check_xref_streams(bytes, revisions, limits); !bounded) {
    return std::unexpected(bounded.error());
  }
  internal::DocumentContent content;
  if (auto read = internal::read_document(bytes, revisions, limits, content); !read.ok()) {
    return std::unexpected(to_error(read, ""));
  }
  PdfReaderAccess::signatures(doc) = std::move(content.signatures);
  PdfReaderAccess::dss(doc) = std::move(content.dss);
  PdfReaderAccess::pages(doc) = content.page_count;
  for (auto& w : content.warnings) {
    PdfReaderAccess::findings(doc).push_back({std::move(w.id), Severity::kWarning, std::move(w.message), std::move(w.path)});
  }
  return doc;
}

Result<Snapshot> PdfDocument::snapshot(std::size_t index) const {
  if (index >= revisions_.size()) return fail(Code::kInvalidArgument, "no revision " + std::to_string(index));
  const std::string_view prefix = bytes_.substr(0, revisions_[index].end);
  // The xref streams of every revision were checked by open(); a prefix reaches no others.
  Snapshot out;
  out.revision = index;
  out.end = revisions_[index].end;
  if (auto read = internal::read_snapshot(prefix, limits_, out); !read.ok()) {
    return std::unexpected(to_error(read, "revision " + std::to_string(index + 1) + ": "));
  }
  return out;
}

}  // namespace assay::engine::pdf
