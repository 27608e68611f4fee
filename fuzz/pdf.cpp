// PDF / PAdES (EN 319 142-1): qpdf's reading behind engine/pdf's limits (the C++17 island, also
// in the clang fuzz build; cross-reference streams inflated first, bounded), the revision scan, a
// snapshot of the first and last revision (the modification analysis' input), and the whole of
// validate_document on the bytes (ByteRange checks, the CMS as CAdES, document time-stamps,
// modification analysis, EN 319 102-1 validation against the sample federation's lists).
#include "engine/pdf/pdf_document.h"
#include "fuzz/support/federation_trust.h"
#include "fuzz/support/fuzz_target.h"

ASSAY_FUZZ_TARGET(pdf) {
  using namespace assay;
  const auto bytes = fuzz::as_text(data, size);
  (void)engine::pdf::scan_revisions(bytes);
  if (auto document = engine::pdf::PdfDocument::open(bytes)) {
    (void)document->snapshot(0);
    if (document->revisions().size() > 1) (void)document->snapshot(document->revisions().size() - 1);
  }
  fuzz::validate_with_federation(bytes);
  return 0;
}
