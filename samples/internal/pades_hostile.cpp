// Hostile PDFs for "a clear error, no crash" (issue 18): each is a genuine PAdES-BASELINE-B
// signed contract followed by an incremental update that a careless reader loops, recurses or
// allocates on — a cross-reference section whose /Prev is itself, an object stream that holds
// itself, a stream declaring 1 GiB, 10,000-deep arrays and dictionaries in the catalog — and the
// signed contract cut in half. The validator refuses them (expected indication ERROR).
#include <cstdio>

#include "samples/internal/pades_kit.h"

namespace assay::samples {
namespace {

#define ASSAY_TRY(var, expr) \
  auto var = (expr);         \
  if (!var) return std::unexpected(var.error())

constexpr int kDepth = 10000;

// `body` (a dictionary) with `entries` inserted before its final ">>".
std::string with_entries(std::string body, const std::string& entries) {
  const auto close = body.rfind(">>");
  if (close != std::string::npos) body.insert(close, entries + " ");
  return body;
}

std::string be(std::size_t value, int width) {
  std::string out(static_cast<std::size_t>(width), '\0');
  for (int i = width - 1; i >= 0; --i, value >>= 8) out[static_cast<std::size_t>(i)] = static_cast<char>(value & 0xff);
  return out;
}

}  // namespace

engine::Result<void> add_pades_hostile_samples(const PadesKit& kit, const PutPdf& put) {
  auto base = contract("Hostile PDF");
  ASSAY_TRY(signed_base, base.sign(signature_options(kit, "Signature1"), cades_maker(kit.signer)));
  const int catalog = 1;  // Document reserves the catalog first
  const std::string catalog_body = base.file().body_of(catalog);
  if (catalog_body.find("/Type /Catalog") == std::string::npos) {
    return engine::fail(engine::Code::kInternal, "PAdES hostile samples: catalog not found");
  }
  {  // A classic xref section whose /Prev is its own offset (ISO 32000-1 7.5.6).
    std::string bytes = base.file().bytes();
    const std::size_t xref = bytes.size();
    // One valid entry (the catalog where it is), so that only the /Prev is wrong.
    bytes += pdf::xref_section({{catalog, base.file().offset_of(catalog)}}, base.file().size(),
                               base.file().root_and_info(), xref, false);
    bytes += "startxref\n" + std::to_string(xref) + "\n%%EOF\n";
    put("hostile-xref-loop.pdf", std::move(bytes), "an update whose xref /Prev points at itself (expected: ERROR)");
  }
  {  // An update whose xref stream (7.5.8) puts the catalog and the object stream itself inside
     // that object stream (7.5.7): resolving either needs the stream, which needs itself.
    std::string bytes = base.file().bytes();
    const int objstm = base.file().size(), xref_object = objstm + 1;
    const std::string first = std::to_string(catalog) + " 0 " + std::to_string(objstm) + " " +
                              std::to_string(catalog_body.size() + 1) + " ";
    const std::string data = first + catalog_body + " << /Type /ObjStm /N 2 >>";
    bytes += std::to_string(objstm) + " 0 obj\n" +
             pdf::stream("/Type /ObjStm /N 2 /First " + std::to_string(first.size()), data) + "\nendobj\n";
    const std::size_t xref_at = bytes.size();
    std::string entries;
    entries += "\x02" + be(static_cast<std::size_t>(objstm), 4) + be(0, 2);        // catalog: in objstm, index 0
    entries += "\x02" + be(static_cast<std::size_t>(objstm), 4) + be(1, 2);        // objstm: in itself, index 1
    entries += "\x01" + be(xref_at, 4) + be(0, 2);                                 // the xref stream
    bytes += std::to_string(xref_object) + " 0 obj\n" +
             pdf::stream("/Type /XRef /Size " + std::to_string(xref_object + 1) + " /W [1 4 2] /Index [" +
                             std::to_string(catalog) + " 1 " + std::to_string(objstm) + " 2] " +
                             base.file().root_and_info() + " /Prev " + std::to_string(base.file().last_xref()),
                         entries) +
             "\nendobj\n";
    bytes += "startxref\n" + std::to_string(xref_at) + "\n%%EOF\n";
    put("hostile-objstm-self.pdf", std::move(bytes),
        "an update whose object stream contains itself and the catalog (expected: ERROR)");
  }
  {  // The page content redefined with /Length 1073741824 over a few bytes.
    auto doc = base;
    doc.replace(doc.content_object(0), "<< /Length 1073741824 >>\nstream\nBT /F1 12 Tf 72 700 Td (1 GiB?) Tj ET\nendstream");
    doc.end_revision();
    put("hostile-huge-length.pdf", doc.file().bytes(), "an update with a stream declaring /Length 1 GiB (expected: ERROR)");
  }
  {  // 10,000-deep nesting in the catalog, which every reader parses.
    auto arrays = base;
    arrays.replace(catalog, with_entries(catalog_body, "/Deep " + std::string(kDepth, '[') + std::string(kDepth, ']')));
    arrays.end_revision();
    put("hostile-deep-arrays.pdf", arrays.file().bytes(), "10,000 nested arrays in the catalog (expected: ERROR)");
    std::string dicts;
    for (int i = 0; i < kDepth; ++i) dicts += "<< /A ";
    for (int i = 0; i < kDepth; ++i) dicts += ">> ";
    auto dictionaries = base;
    dictionaries.replace(catalog, with_entries(catalog_body, "/Deep " + dicts));
    dictionaries.end_revision();
    put("hostile-deep-dicts.pdf", dictionaries.file().bytes(), "10,000 nested dictionaries in the catalog (expected: ERROR)");
  }
  {  // Cut inside the signature's /Contents: no xref, no trailer, no end of the signature.
    const std::string& bytes = base.file().bytes();
    put("hostile-truncated.pdf", bytes.substr(0, base.file().last_byte_range()[1] + 100),
        "the signed contract cut inside /Contents (expected: ERROR)");
  }
  return {};
}
#undef ASSAY_TRY

}  // namespace assay::samples
