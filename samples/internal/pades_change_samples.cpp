// The PAdES samples of changes made after signing that depend on *when* and *what* (issue 18,
// follow-up): FieldMDP locks taking effect when their signature is applied (ISO 32000-2
// 12.8.2.4), and document metadata (/Info, XMP) changed after approval and certification
// signatures (ISO 32000-2 12.8.2.2.2, 14.3). Expectations in pades_samples.cpp.
#include <string>

#include "samples/internal/pades_kit.h"

namespace assay::samples {
namespace {

using std::chrono::hours;

#define ASSAY_TRY(var, expr) \
  auto var = (expr);         \
  if (!var) return std::unexpected(var.error())

// "D:YYYYMMDDHHmmSSZ" (ISO 32000-2 7.9.4) of a UTC instant.
std::string pdf_date(engine::UtcTime t) {
  std::string iso = engine::format_utc_time(t);  // 2026-12-06T00:00:00Z
  std::string out = "D:";
  for (char c : iso) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out.substr(0, 16) + "Z";
}

// The /Info dictionary as the sample contract writes it, with /Title and optional /ModDate.
std::string info(const std::string& title, const std::string& producer, const std::string& mod_date = "") {
  std::string body = "<< /Title " + pdf::text(title) + " /Producer " + pdf::text(producer);
  if (!mod_date.empty()) body += " /ModDate " + pdf::text(mod_date);
  return body + " >>";
}

// A minimal XMP packet (ISO 16684-1) with a title and a modification date.
std::string xmp(const std::string& title, const std::string& modify_date) {
  return "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
         "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
         "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
         "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + title + "</rdf:li></rdf:Alt></dc:title>\n"
         "<xmp:ModifyDate>" + modify_date + "</xmp:ModifyDate>\n"
         "</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>";
}

constexpr const char* kProducer = "assay sample federation, not a real document";

}  // namespace

engine::Result<void> add_pades_change_samples(const PadesKit& kit, const PutPdf& put) {
  const auto cades = cades_maker(kit.signer);
  // FieldMDP timing: a P=2 certification, then the field Amount filled, then an approval
  // signature locking Amount (FieldMDP /Include and the field's /Lock), then one more change.
  for (const bool amount_after_lock : {false, true}) {
    auto doc = contract(amount_after_lock ? "Amount changed after the signature locking it"
                                          : "Amount filled before the signature locking it");
    const int amount = doc.add_text_field(0, "Amount", "", {300, 560, 500, 580});
    const int buyer = doc.add_text_field(0, "BuyerName", "", {72, 600, 300, 620});
    ASSAY_TRY(certification, doc.sign(signature_options(kit, "Certification", 2), cades));
    doc.set_field_value(amount, "100.00 EUR");
    doc.end_revision();
    auto lock = signature_options(kit, "Signature2");
    lock.dictionary.m = kit.signed_at + hours(1);
    lock.dictionary.reference = pdf::fieldmdp_reference({"Amount"});
    lock.lock = "<< /Type /SigFieldLock /Action /Include /Fields [(Amount)] >>";
    ASSAY_TRY(locking, doc.sign(lock, cades));
    if (amount_after_lock) {
      doc.set_field_value(amount, "100000.00 EUR");
    } else {
      doc.set_field_value(buyer, "Bob Buyer");
    }
    doc.end_revision();
    if (amount_after_lock) {
      put("pades-fieldmdp-changed-after-lock.pdf", doc.file().bytes(),
          "P=2 certification; Amount filled; an approval signature locks Amount (FieldMDP); Amount changed again "
          "(expected: both TOTAL_FAILED / FORMAT_FAILURE: the last change breaks a lock in force)");
    } else {
      put("pades-fieldmdp-filled-before-lock.pdf", doc.file().bytes(),
          "P=2 certification; Amount filled; an approval signature locks Amount (FieldMDP); BuyerName filled "
          "(expected: both TOTAL_PASSED: Amount changed before its lock took effect)");
    }
  }

  // /Info after an approval signature: no certification level restricts it; reported.
  const std::string later = pdf_date(kit.signed_at + hours(2));
  {
    auto doc = contract("Approval signature, then the title changed");
    ASSAY_TRY(s, doc.sign(signature_options(kit, "Signature1"), cades));
    doc.set_info(info("Another title", kProducer, later));
    doc.end_revision();
    put("pades-approval-info-changed.pdf", doc.file().bytes(),
        "approval signature, then /Info /Title and /ModDate changed (expected: TOTAL_PASSED, reported as a metadata change)");
  }
  // /Info after certification signatures: P=1 nothing, P=2 only the update bookkeeping.
  const auto certified = [&](int p, const std::string& title, int* buyer) -> engine::Result<pdf::Document> {
    auto doc = contract(title);
    *buyer = doc.add_text_field(0, "BuyerName", "", {72, 600, 300, 620});
    doc.set_metadata(xmp(title, "2026-01-01T00:00:00Z"));
    if (auto s = doc.sign(signature_options(kit, "Certification", p), cades); !s) return std::unexpected(s.error());
    return doc;
  };
  int buyer = 0;
  {
    ASSAY_TRY(doc, certified(1, "Certified P=1, then /ModDate set", &buyer));
    doc->set_info(info("Certified P=1, then /ModDate set", kProducer, later));
    doc->end_revision();
    put("pades-p1-info-moddate.pdf", doc->file().bytes(),
        "P=1 certification, then /Info /ModDate set (expected: TOTAL_FAILED / FORMAT_FAILURE, no change permitted)");
  }
  {
    ASSAY_TRY(doc, certified(2, "Certified P=2, then a form fill saved with /ModDate", &buyer));
    doc->set_field_value(buyer, "Bob Buyer");
    doc->set_info(info("Certified P=2, then a form fill saved with /ModDate", "assay sample form filler", later));
    doc->end_revision();
    put("pades-p2-form-fill-info-moddate.pdf", doc->file().bytes(),
        "P=2 certification, then a form fill whose update sets /Info /ModDate and /Producer (expected: TOTAL_PASSED)");
  }
  {
    ASSAY_TRY(doc, certified(2, "Certified P=2, then the title changed", &buyer));
    doc->set_info(info("Paid in full", kProducer, later));
    doc->end_revision();
    put("pades-p2-info-title-changed.pdf", doc->file().bytes(),
        "P=2 certification, then /Info /Title changed (expected: TOTAL_FAILED / FORMAT_FAILURE, not form fill or signing)");
  }
  // XMP (compared as a whole): P=1 forbids the rewrite, P=2 permits it with a form fill.
  {
    ASSAY_TRY(doc, certified(1, "Certified P=1, then the XMP rewritten", &buyer));
    doc->set_metadata(xmp("Certified P=1, then the XMP rewritten", "2026-12-06T02:00:00Z"));
    doc->end_revision();
    put("pades-p1-xmp-changed.pdf", doc->file().bytes(),
        "P=1 certification, then the XMP metadata stream rewritten (expected: TOTAL_FAILED / FORMAT_FAILURE)");
  }
  {
    ASSAY_TRY(doc, certified(2, "Certified P=2, then a form fill with the XMP rewritten", &buyer));
    doc->set_field_value(buyer, "Bob Buyer");
    doc->set_metadata(xmp("Certified P=2, then a form fill with the XMP rewritten", "2026-12-06T02:00:00Z"));
    doc->end_revision();
    put("pades-p2-form-fill-xmp.pdf", doc->file().bytes(),
        "P=2 certification, then a form fill whose update rewrites the XMP metadata (expected: TOTAL_PASSED)");
  }
  return {};
}
#undef ASSAY_TRY

}  // namespace assay::samples
