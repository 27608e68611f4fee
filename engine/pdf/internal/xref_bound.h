// Bounding the cross-reference streams (ISO 32000-1 7.5.8) before qpdf parses a PDF: qpdf inflates
// every /Type /XRef stream it meets while it reads the cross-reference data (QPDF::processXRefStream,
// qpdf_dl_specialized), fully and in memory, before any limit of engine/pdf can act. A deflate bomb
// there would cost gigabytes. So the same streams are found here first, the way qpdf finds them
// (the last "startxref" of the file and of every revision's prefix, then /Prev and /XRefStm), and
// inflated with a bounded, counting inflater (nothing kept): over the ratio (PdfLimits::max_ratio
// of the raw size, at least 4096 raw bytes counted), over max_stream_bytes for one stream or
// max_decoded_bytes for all of them, the PDF is refused (kResourceExhausted).
//
// The data is inflated from the stream's first byte to the end of the file (or the end of the
// deflate stream): qpdf reads exactly /Length bytes, and inflating more input only yields more
// output, so this bounds qpdf from above whatever /Length says. Filters: FlateDecode and
// ASCIIHexDecode chains (what cross-reference streams use); any other filter on a cross-reference
// stream is refused (kUnsupported), since its expansion would go unchecked.
#pragma once

#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/pdf/pdf_types.h"

namespace assay::engine::pdf::internal {

// Ok when every cross-reference stream qpdf can reach (in the whole file and in every revision's
// prefix) inflates within the limits. Cross-reference data this scan cannot follow is left to
// qpdf (which refuses it without recovery), except a dictionary that cannot be tokenised at an
// offset qpdf would read as a cross-reference stream: kMalformed.
Result<bool> check_xref_streams(std::string_view bytes, const std::vector<Revision>& revisions, const PdfLimits& limits);

}  // namespace assay::engine::pdf::internal
