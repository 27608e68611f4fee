// The benchmark PDFs of issue 18 (samples/internal/pades_samples.h): large and many-revision
// documents signed by any signer, built with the same writer as the sample federation's PDFs.
#include "samples/internal/pades_kit.h"

namespace assay::samples {
namespace {

pdf::SignOptions benchmark_options(const PdfSigner& signer, const std::string& field) {
  pdf::SignOptions o;
  o.field_name = field;
  o.dictionary.m = signer.signed_at;
  o.dictionary.reason = "Benchmark (sample)";
  return o;
}

}  // namespace

engine::Result<std::string> benchmark_large_pdf(const PdfSigner& signer) {
  if (signer.certificate == nullptr || signer.key == nullptr) {
    return engine::fail(engine::Code::kInvalidArgument, "benchmark PDF: no signer");
  }
  // 100 pages of 500 lines of 100 characters: about 52 KB of content per page, 5.2 MB in all.
  std::vector<std::string> pages;
  pages.reserve(100);
  for (int page = 1; page <= 100; ++page) {
    std::vector<std::string> lines;
    lines.reserve(500);
    for (int line = 1; line <= 500; ++line) {
      std::string l = "Page " + std::to_string(page) + ", line " + std::to_string(line) + ": ";
      while (l.size() < 100) l += "lorem ipsum dolor sit amet ";
      lines.push_back(l.substr(0, 100));
    }
    pages.push_back(text_page(lines));
  }
  pdf::Document doc(pages, "Benchmark: 100 pages, one PAdES-BASELINE-B signature");
  auto s = doc.sign(benchmark_options(signer, "Signature1"), cades_maker(signer));
  if (!s) return std::unexpected(s.error());
  return doc.file().bytes();
}

engine::Result<std::string> benchmark_many_revisions_pdf(const PdfSigner& signer) {
  if (signer.certificate == nullptr || signer.key == nullptr) {
    return engine::fail(engine::Code::kInvalidArgument, "benchmark PDF: no signer");
  }
  pdf::Document doc({text_page({"Benchmark: 20 revisions, 10 signatures (sample)"})}, "Benchmark: 20 revisions");
  std::vector<int> fields;
  for (int i = 1; i <= 10; ++i) {
    fields.push_back(doc.add_text_field(0, "Entry" + std::to_string(i), "", {72, 700 - 24 * i, 300, 716 - 24 * i}));
  }
  // Revision 1: the document and signature 1; then a form fill and the next signature, nine
  // times; then a last form fill: 20 revisions.
  for (int i = 1; i <= 10; ++i) {
    auto s = doc.sign(benchmark_options(signer, "Signature" + std::to_string(i)), cades_maker(signer));
    if (!s) return std::unexpected(s.error());
    doc.set_field_value(fields[static_cast<std::size_t>(i - 1)], "Filled after signature " + std::to_string(i));
    doc.end_revision();
  }
  return doc.file().bytes();
}

}  // namespace assay::samples
