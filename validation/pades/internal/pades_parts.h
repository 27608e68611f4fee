// validation/pades-private: the pieces of read_pades.
#pragma once

#include <string>
#include <vector>

#include "engine/pdf/pdf_document.h"
#include "validation/pades/pades_reader.h"

namespace assay::validation::pades::internal {

// One signature dictionary after the ByteRange checks.
struct ReadSignature {
  const engine::pdf::SignatureDictionary* dict = nullptr;
  PdfSignatureDetails details;
  engine::Findings findings;    // ByteRange, /Contents, modification findings
  bool covered_available = false;
  std::string covered_bytes;    // the ByteRange's bytes, concatenated
};

// ISO 32000-1 12.8.1, EN 319 142-1 5.1: the ByteRange and /Contents checks.
ReadSignature check_signature(const engine::pdf::PdfDocument& doc, const engine::pdf::SignatureDictionary& sig);

// The CMS / time-stamp tokens read, DSS and document time-stamps attached, levels set.
void assemble(const engine::pdf::PdfDocument& doc, std::vector<ReadSignature>& read, PadesDocument& out);

}  // namespace assay::validation::pades::internal
