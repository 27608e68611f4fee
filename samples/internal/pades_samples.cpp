#include "samples/internal/pades_samples.h"

#include <algorithm>
#include <cctype>
#include <memory>

#include "engine/digest.h"
#include "engine/x509/revocation_builder.h"
#include "engine/xmldsig/general_verifier.h"
#include "samples/internal/pades_kit.h"
#include "samples/internal/timestamps.h"

namespace assay::samples {
namespace {

using std::chrono::hours;
constexpr const char* kSigner = "esig-qscd";
constexpr const char* kSignerCa = "xa-qc-esig-ca";

#define ASSAY_TRY(var, expr) \
  auto var = (expr);         \
  if (!var) return std::unexpected(var.error())

// The VRI key of a signature (ISO 32000-2 12.8.4.4, EN 319 142-1 5.4.2.2): upper-case hex SHA-1
// of the bytes of its /Contents string, here the whole string as written (CMS and zero padding).
std::string vri_key(const std::string& contents) {
  auto sha1 = engine::xmldsig::digest_with("http://www.w3.org/2000/09/xmldsig#sha1", contents);
  if (!sha1) return "";
  std::string hex = engine::to_hex(std::span(reinterpret_cast<const std::uint8_t*>(sha1->data()), sha1->size()));
  std::transform(hex.begin(), hex.end(), hex.begin(), [](char c) { return static_cast<char>(std::toupper(c)); });
  return hex;
}

}  // namespace

pdf::CmsMaker cades_maker(const PdfSigner& signer, const engine::cms::Tsa* tsa) {
  std::optional<engine::cms::Tsa> with_tsa;
  if (tsa != nullptr) with_tsa = *tsa;
  return [signer, with_tsa](std::string_view covered) -> engine::Result<std::string> {
    engine::cms::CadesSpec spec;
    spec.content = std::string(covered);
    spec.detached = true;
    spec.signing_time = signer.signed_at;
    spec.signing_time_attribute = false;
    spec.chain = signer.chain;
    auto cms = engine::cms::build_cades(spec, *signer.certificate, *signer.key);
    if (!cms || !with_tsa) return cms;
    return engine::cms::add_signature_timestamp(*cms, *with_tsa);
  };
}

pdf::CmsMaker pkcs7_maker(const PdfSigner& signer) {
  return [signer](std::string_view covered) -> engine::Result<std::string> {
    engine::cms::CadesSpec spec;
    spec.content = std::string(covered);
    spec.detached = true;
    spec.signing_time = signer.signed_at;
    spec.chain = signer.chain;
    return engine::cms::build_cades(spec, *signer.certificate, *signer.key);
  };
}

pdf::CmsMaker timestamp_maker(const engine::cms::Tsa& tsa) {
  return [tsa](std::string_view covered) { return tsa(covered); };
}

// Line k (from 1) has its baseline at y = 770 - 16k: "'" moves to the next line, then shows.
std::string text_page(const std::vector<std::string>& lines) {
  std::string content = "BT /F1 12 Tf 72 770 Td 16 TL";
  for (const auto& line : lines) content += "\n" + pdf::text(line) + " '";
  return content + "\nET";
}

pdf::Document contract(const std::string& title) {
  return pdf::Document({text_page({"Sample contract (not a real document)", "", title, "",
                                   "The buyer pays the seller the amount below on delivery.", "Amount: 100.00 EUR",
                                   "Payee: Alice Example, IBAN XA00 0000 0000 0000"})},
                       title);
}

pdf::SignOptions signature_options(const PadesKit& kit, const std::string& field, int docmdp_p) {
  pdf::SignOptions o;
  o.field_name = field;
  o.dictionary.m = kit.signed_at;
  o.dictionary.name = "Sample signer esig-qscd";
  o.dictionary.reason = docmdp_p ? "Certified (sample)" : "Approved (sample)";
  o.dictionary.location = "XA";
  o.docmdp_p = docmdp_p;
  if (docmdp_p) o.dictionary.reference = pdf::docmdp_reference(docmdp_p);
  return o;
}

// Written by hand from EN 319 102-1, EN 319 142-1 and ISO 32000-1 12.8.2 (docs/signature-
// validation.md), never computed by the validator. The signer is QESig-qualified (esig-qscd):
// an intact signature whose later changes are permitted is TOTAL_PASSED / QESig; a forbidden
// change or an attack is a format failure (EN 319 102-1 5.2.2: the PDF structure around the
// CMS is the signature's format), a changed covered byte a HASH_FAILURE; both "Not AdES but QC
// with QSCD" when the CMS names the signer, "Not AdES" when there is no CMS to name anyone.
std::vector<PadesExpectation> pades_expectations(engine::UtcTime now) {
  const std::string at = engine::format_utc_time(now);
  const auto row = [&](std::string doc, std::string rev, std::string ind, std::string sub, std::string q, std::string rule) {
    return PadesExpectation{std::move(doc), "-", at, std::move(rev), std::move(ind), std::move(sub), std::move(q),
                            std::move(rule)};
  };
  const auto pass = [&](std::string doc, std::string rule, std::string rev = "crl") {
    return row(std::move(doc), std::move(rev), "TOTAL_PASSED", "-", "QESig", std::move(rule));
  };
  const auto format = [&](std::string doc, std::string rule) {
    return row(std::move(doc), "crl", "TOTAL_FAILED", "FORMAT_FAILURE", "Not AdES but QC with QSCD", std::move(rule));
  };
  const auto no_cms = [&](std::string doc, std::string rule) {
    return row(std::move(doc), "crl", "TOTAL_FAILED", "FORMAT_FAILURE", "Not AdES", std::move(rule));
  };
  const auto error = [&](std::string doc, std::string rule) { return row(std::move(doc), "crl", "ERROR", "-", "-", std::move(rule)); };
  return {
      pass("pades-b-b.pdf", "pades-baseline-b"),
      pass("pades-b-t.pdf", "pades-baseline-t"),
      pass("pades-b-lt.pdf", "pades-baseline-lt"),
      pass("pades-b-lt.pdf", "pades-baseline-lt-dss-only", "none"),
      pass("pades-b-lta.pdf", "pades-baseline-lta-dss-only", "none"),
      pass("pades-two-signatures.pdf", "pades-two-signatures#1"),
      pass("pades-two-signatures.pdf", "pades-two-signatures#2"),
      pass("pades-certification-p1.pdf", "pades-certification-p1"),
      pass("pades-certification-p2.pdf", "pades-certification-p2"),
      pass("pades-certification-p3.pdf", "pades-certification-p3"),
      pass("pades-p2-form-fill.pdf", "pades-docmdp-p2-form-fill-permitted"),
      pass("pades-p3-annotation.pdf", "pades-docmdp-p3-annotation-permitted"),
      pass("pades-fieldmdp-other-field-filled.pdf", "pades-fieldmdp-unlocked-field-permitted"),
      pass("pades-pkcs7-detached.pdf", "pades-adbe-pkcs7-detached"),
      format("pades-p1-form-fill.pdf", "pades-docmdp-p1-form-fill-forbidden"),
      format("pades-p2-annotation.pdf", "pades-docmdp-p2-annotation-forbidden"),
      format("pades-fieldmdp-locked-field-changed.pdf", "pades-fieldmdp-locked-field-forbidden"),
      // FieldMDP takes effect when its signature is applied (ISO 32000-2 12.8.2.4): a change before
      // it is judged without the lock, one after it with the lock, for every earlier signature too.
      pass("pades-fieldmdp-filled-before-lock.pdf", "pades-fieldmdp-filled-before-lock#1"),
      pass("pades-fieldmdp-filled-before-lock.pdf", "pades-fieldmdp-filled-before-lock#2"),
      format("pades-fieldmdp-changed-after-lock.pdf", "pades-fieldmdp-changed-after-lock#1"),
      format("pades-fieldmdp-changed-after-lock.pdf", "pades-fieldmdp-changed-after-lock#2"),
      // Metadata (ISO 32000-2 14.3) after signing: no rule after approval signatures; P=1 none;
      // P=2/3 only /ModDate and /Producer of /Info, and the XMP stream, with an update.
      pass("pades-approval-info-changed.pdf", "pades-approval-info-change-reported"),
      format("pades-p1-info-moddate.pdf", "pades-docmdp-p1-info-forbidden"),
      pass("pades-p2-form-fill-info-moddate.pdf", "pades-docmdp-p2-info-bookkeeping-permitted"),
      format("pades-p2-info-title-changed.pdf", "pades-docmdp-p2-info-title-forbidden"),
      format("pades-p1-xmp-changed.pdf", "pades-docmdp-p1-xmp-forbidden"),
      pass("pades-p2-form-fill-xmp.pdf", "pades-docmdp-p2-xmp-with-form-fill-permitted"),
      // Attacks (pades_attacks.cpp says why each is a format failure).
      format("attack-incremental-saving.pdf", "attack-isa-page-content-replaced"),
      format("attack-signature-wrapping.pdf", "attack-swa-byterange-relocated"),
      no_cms("attack-usf-contents-missing.pdf", "attack-usf-contents-missing"),
      no_cms("attack-usf-contents-null.pdf", "attack-usf-contents-null"),
      no_cms("attack-usf-contents-empty.pdf", "attack-usf-contents-empty"),
      format("attack-usf-byterange-missing.pdf", "attack-usf-byterange-missing"),
      format("attack-usf-byterange-null.pdf", "attack-usf-byterange-null"),
      format("attack-usf-byterange-zeros.pdf", "attack-usf-byterange-zeros"),
      format("attack-shadow-hide.pdf", "attack-shadow-hide-overlay-removed"),
      format("attack-shadow-replace.pdf", "attack-shadow-replace-readonly-field"),
      format("attack-shadow-hide-and-replace.pdf", "attack-shadow-hide-and-replace-xref-only"),
      row("tampered-covered-byte.pdf", "crl", "TOTAL_FAILED", "HASH_FAILURE", "Not AdES but QC with QSCD",
          "pades-covered-byte-changed"),
      // Hostile files: a clear error, no crash (pades_hostile.cpp).
      error("hostile-xref-loop.pdf", "hostile-xref-prev-loop"),
      error("hostile-objstm-self.pdf", "hostile-object-stream-contains-itself"),
      error("hostile-huge-length.pdf", "hostile-stream-length-1gib"),
      error("hostile-deep-arrays.pdf", "hostile-nesting-10000-arrays"),
      error("hostile-deep-dicts.pdf", "hostile-nesting-10000-dictionaries"),
      error("hostile-truncated.pdf", "hostile-truncated-file"),
  };
}

std::string pades_readme_section() {
  std::string out = "\n## Signed PDFs (`signatures-pades/`)\n\n";
  out += "PAdES signatures (EN 319 142-1) written byte by byte by `samples/internal/pades_builder.cpp` (no PDF\n";
  out += "library): classic cross-reference tables, every change an incremental update (a new xref section whose\n";
  out += "trailer has /Prev), signature dictionaries with /Filter /Adobe.PPKLite and /Contents before /ByteRange,\n";
  out += "the ByteRange [0 a b c] leaving out exactly the /Contents hex string and ending at the end of its\n";
  out += "revision. Signer `esig-qscd` (QESig), its CA in the CMS; signed 24 hours before the reference instant\n";
  out += "(/M); ETSI.CAdES.detached CMS without the signing-time attribute (EN 319 142-1 6.3), adbe.pkcs7.detached\n";
  out += "with it. T: a signature-time-stamp by `tsa-qtst` 12 hours before the reference instant. LT: a DSS\n";
  out += "revision (/Certs: the signer's CA, the TSA and its CA; /CRLs: the TSA CA's CRL; /OCSPs: a response for\n";
  out += "the signer by its CA) with one VRI entry keyed by the upper-case hex SHA-1 of the whole /Contents string\n";
  out += "(CMS and zero padding). LTA: then a document time-stamp (ETSI.RFC3161, 6 hours before the reference\n";
  out += "instant) in its own revision. Certification signatures carry /Reference DocMDP with /P and the catalog's\n";
  out += "/Perms; the FieldMDP files lock the field `Amount` (/Reference FieldMDP /Include and the field's /Lock).\n";
  out += "`pades-fieldmdp-filled-before-lock` / `-changed-after-lock`: a P=2 certification, Amount filled, a second\n";
  out += "signature locking Amount, then another field filled / Amount changed (a lock takes effect when its\n";
  out += "signature is applied, ISO 32000-2 12.8.2.4). Metadata: `pades-approval-info-changed` (/Title after an\n";
  out += "approval signature: reported, permitted), `pades-p1-info-moddate`, `pades-p2-info-title-changed` and\n";
  out += "`pades-p1-xmp-changed` (forbidden), `pades-p2-form-fill-info-moddate` and `pades-p2-form-fill-xmp` (a form\n";
  out += "fill whose update also sets /ModDate and /Producer, or rewrites the XMP stream: permitted).\n\n";
  out += "Conventions of `expected-validation-pades.tsv`: the columns and meaning of\n";
  out += "`expected-validation-cades-asic.tsv` (document under `signatures-pades/`, `detached` always `-`;\n";
  out += "`revocation_data` `crl` = the CRLs under `revocation/` and `signatures-cades-asic/`, `none` = only the\n";
  out += "PDF's own DSS). One row per signature; a file with several signatures has one row each, in file order\n";
  out += "(by ByteRange offset), whose `rule` ends in `#N` with N the 1-based index (8 columns, no extra one).\n";
  out += "Document time-stamps have no row: they belong to the document's report. `ERROR`: validate_document\n";
  out += "refuses the file (the hostile files). Every attack and forbidden change is a FORMAT_FAILURE, never\n";
  out += "TOTAL_PASSED: its CMS is intact over the bytes its ByteRange names (or absent), what is wrong is the PDF\n";
  out += "around it (EN 319 102-1 5.2.2); only `tampered-covered-byte.pdf` is a HASH_FAILURE. The qualification of\n";
  out += "a failed signature is `Not AdES but QC with QSCD` when a CMS names the signer, `Not AdES` when there is no\n";
  out += "CMS (/Contents missing, null or empty).\n\n";
  out += "Attacks (\"1 Trillion Dollar Refund\", CCS 2019; \"Shadow Attacks\", NDSS 2021), all over the same contract:\n\n";
  out += "- `attack-incremental-saving.pdf`: an update after an approval signature redefines the page content.\n";
  out += "- `attack-signature-wrapping.pdf`: the signed bytes after /Contents moved to the end of the file; the gap\n";
  out += "  holds a new /ByteRange [0 a b' c] and a new page content; a full xref appended last. The CMS verifies.\n";
  out += "- `attack-usf-*.pdf`: universal signature forgery, the signature dictionary with /Contents missing,\n";
  out += "  null or `<>` (and a plausible ByteRange), or with a genuine CMS of another file and /ByteRange missing,\n";
  out += "  null or [0 0 0 0].\n";
  out += "- `attack-shadow-hide.pdf`: P=2; text hidden under a white overlay XObject in the signed revision; an\n";
  out += "  update empties the overlay (an XObject change is no form fill).\n";
  out += "- `attack-shadow-replace.pdf`: P=2; the amount is a borderless read-only field (Ff 1) over the page; an\n";
  out += "  update fills it with another amount (a read-only field cannot be filled in).\n";
  out += "- `attack-shadow-hide-and-replace.pdf`: P=2; the signed bytes hold a second definition of the page\n";
  out += "  content object that no xref names; the update is an xref section and trailer only, re-pointing it.\n\n";
  out += "Hostile files (expected `ERROR`, no crash), each a signed contract with one bad update: `hostile-xref-loop`\n";
  out += "(/Prev = its own offset), `hostile-objstm-self` (an xref stream putting the catalog and the object stream\n";
  out += "in that object stream), `hostile-huge-length` (/Length 1073741824 over a few bytes), `hostile-deep-arrays`\n";
  out += "and `hostile-deep-dicts` (10,000 levels in the catalog), and `hostile-truncated` (cut inside /Contents).\n";
  out += "The benchmark PDFs (5 MB in 100 pages with one B-B signature; 20 revisions with 10 signatures) are made\n";
  out += "by the benchmarks themselves (`benchmark_large_pdf`, `benchmark_many_revisions_pdf`).\n";
  return out;
}

engine::Result<void> add_pades_samples(const Pki& pki, engine::UtcTime now, const AddFile& add) {
  const auto signer_it = pki.end_entities.find(kSigner);
  const auto ca_it = pki.authorities.find(kSignerCa);
  const auto tsa_it = pki.end_entities.find(std::string(kSampleTsa));
  const auto tsa_ca_it = pki.authorities.find(std::string(kSampleTsaIssuer));
  if (signer_it == pki.end_entities.end() || ca_it == pki.authorities.end() || tsa_it == pki.end_entities.end() ||
      tsa_ca_it == pki.authorities.end()) {
    return engine::fail(engine::Code::kInternal, "PAdES samples: the PKI lacks esig-qscd, its CA or the TSA");
  }
  const auto& ca = ca_it->second;
  PadesKit kit;
  kit.now = now;
  kit.signed_at = now - hours(24);
  kit.signer = {signer_it->second.certificate.get(), &signer_it->second.key, {ca.certificate}, kit.signed_at};
  auto serial = std::make_shared<int>(0x1800);
  const auto tsa_at = [&pki, serial](engine::UtcTime at) -> engine::cms::Tsa {
    return [&pki, serial, at](std::string_view covered) {
      static constexpr char kHex[] = "0123456789abcdef";
      std::string hex;
      for (int v = (*serial)++; v; v >>= 4) hex.insert(hex.begin(), kHex[v & 0xf]);
      return sample_timestamp(pki, covered, at, hex);
    };
  };
  kit.tsa = tsa_at(now - hours(12));
  const engine::cms::Tsa document_tsa = tsa_at(now - hours(6));
  engine::CrlSpec crl;
  crl.this_update = now - hours(24);
  crl.next_update = now + hours(24 * 7);
  crl.crl_number = 1;
  ASSAY_TRY(tsa_crl, engine::build_crl(crl, *tsa_ca_it->second.certificate, tsa_ca_it->second.key));
  kit.tsa_crl = *tsa_crl;
  engine::OcspResponseSpec ocsp;
  ocsp.produced_at = now - hours(12);
  ocsp.responses.push_back({signer_it->second.certificate.get(), ca.certificate.get(), engine::OcspCertStatus::kGood, {},
                            std::nullopt, now - hours(12), now + hours(24 * 7)});
  ASSAY_TRY(ocsp_der, engine::build_ocsp_response(ocsp, *ca.certificate, ca.key));
  kit.ocsp = *ocsp_der;
  kit.dss_certificates = {ca.certificate->der(), tsa_it->second.certificate->der(), tsa_ca_it->second.certificate->der()};

  const PutPdf put = [&](const std::string& name, std::string bytes, const std::string& what) {
    add(std::string(kPadesFolder) + name, std::move(bytes), what);
  };
  const auto cades = cades_maker(kit.signer);
  const auto cades_t = cades_maker(kit.signer, &kit.tsa);

  {  // B-B, B-T, B-LT, B-LTA: one document, saved after each step.
    auto doc = contract("PAdES-BASELINE-B to -LTA");
    ASSAY_TRY(b, doc.sign(signature_options(kit, "Signature1"), cades));
    put("pades-b-b.pdf", doc.file().bytes(), "PAdES-BASELINE-B approval signature (expected: TOTAL_PASSED, QESig)");
    auto t_doc = contract("PAdES-BASELINE-T");
    ASSAY_TRY(t, t_doc.sign(signature_options(kit, "Signature1"), cades_t));
    put("pades-b-t.pdf", t_doc.file().bytes(), "PAdES-BASELINE-T: signature-time-stamp in the CMS (expected: TOTAL_PASSED)");
    t_doc.add_dss(kit.dss_certificates, {kit.tsa_crl}, {kit.ocsp}, vri_key(t_doc.last_contents()));
    t_doc.end_revision();
    put("pades-b-lt.pdf", t_doc.file().bytes(),
        "PAdES-BASELINE-LT: B-T + a DSS revision with the CA and TSA certificates, the TSA CA's CRL and an OCSP "
        "response for the signer, one VRI entry (expected: TOTAL_PASSED, also without external revocation data)");
    auto options = signature_options(kit, "DocTimeStamp1");
    options.dictionary = {};
    options.dictionary.document_timestamp = true;
    options.dictionary.sub_filter = "ETSI.RFC3161";
    ASSAY_TRY(lta, t_doc.sign(options, timestamp_maker(document_tsa)));
    put("pades-b-lta.pdf", t_doc.file().bytes(),
        "PAdES-BASELINE-LTA: B-LT + a document time-stamp (ETSI.RFC3161) over the DSS revision (expected: TOTAL_PASSED)");
  }
  {  // Two approval signatures, the second in an incremental update.
    auto doc = contract("Two approval signatures");
    ASSAY_TRY(first, doc.sign(signature_options(kit, "Signature1"), cades));
    auto second = signature_options(kit, "Signature2");
    second.dictionary.m = kit.signed_at + hours(1);
    ASSAY_TRY(s2, doc.sign(second, cades));
    put("pades-two-signatures.pdf", doc.file().bytes(), "two PAdES-BASELINE-B approval signatures (expected: both TOTAL_PASSED)");
  }
  // Certification signatures (DocMDP), alone and followed by permitted or forbidden changes.
  const auto certified = [&](int p, const std::string& title, int* name_field) -> engine::Result<pdf::Document> {
    auto doc = contract(title);
    *name_field = doc.add_text_field(0, "BuyerName", "", {72, 600, 300, 620});
    if (auto s = doc.sign(signature_options(kit, "Certification", p), cades); !s) return std::unexpected(s.error());
    return doc;
  };
  int name_field = 0;
  for (int p = 1; p <= 3; ++p) {
    ASSAY_TRY(doc, certified(p, "Certified with DocMDP P=" + std::to_string(p), &name_field));
    put("pades-certification-p" + std::to_string(p) + ".pdf", doc->file().bytes(),
        "certification signature, DocMDP P=" + std::to_string(p) + ", no later change (expected: TOTAL_PASSED)");
  }
  const std::string annotation = "<< /Type /Annot /Subtype /Text /Rect [500 760 520 780] /Contents (Checked.) /F 4 >>";
  {
    ASSAY_TRY(doc, certified(2, "Certified P=2, then a form fill", &name_field));
    doc->set_field_value(name_field, "Bob Buyer");
    doc->end_revision();
    put("pades-p2-form-fill.pdf", doc->file().bytes(), "P=2 certification, then a form fill (expected: TOTAL_PASSED, permitted)");
  }
  {
    ASSAY_TRY(doc, certified(3, "Certified P=3, then an annotation", &name_field));
    doc->add_annotation(0, annotation);
    doc->end_revision();
    put("pades-p3-annotation.pdf", doc->file().bytes(),
        "P=3 certification, then a text annotation (expected: TOTAL_PASSED, permitted)");
  }
  {
    ASSAY_TRY(doc, certified(1, "Certified P=1, then a form fill", &name_field));
    doc->set_field_value(name_field, "Bob Buyer");
    doc->end_revision();
    put("pades-p1-form-fill.pdf", doc->file().bytes(),
        "P=1 certification, then a form fill (expected: TOTAL_FAILED / FORMAT_FAILURE, no change permitted)");
  }
  {
    ASSAY_TRY(doc, certified(2, "Certified P=2, then an annotation", &name_field));
    doc->add_annotation(0, annotation);
    doc->end_revision();
    put("pades-p2-annotation.pdf", doc->file().bytes(),
        "P=2 certification, then an annotation (expected: TOTAL_FAILED / FORMAT_FAILURE, only form fill and signing permitted)");
  }
  for (const bool locked_changed : {false, true}) {  // FieldMDP: the signature locks "Amount".
    auto doc = contract("Approval signature locking the field Amount (FieldMDP)");
    const int amount = doc.add_text_field(0, "Amount", "100.00 EUR", {300, 560, 500, 580});
    const int buyer = doc.add_text_field(0, "BuyerName", "", {72, 600, 300, 620});
    auto options = signature_options(kit, "Signature1");
    options.dictionary.reference = pdf::fieldmdp_reference({"Amount"});
    options.lock = "<< /Type /SigFieldLock /Action /Include /Fields [(Amount)] >>";
    ASSAY_TRY(s, doc.sign(options, cades));
    doc.set_field_value(locked_changed ? amount : buyer, locked_changed ? "100000.00 EUR" : "Bob Buyer");
    doc.end_revision();
    if (locked_changed) {
      put("pades-fieldmdp-locked-field-changed.pdf", doc.file().bytes(),
          "FieldMDP lock on Amount, Amount changed afterwards (expected: TOTAL_FAILED / FORMAT_FAILURE)");
    } else {
      put("pades-fieldmdp-other-field-filled.pdf", doc.file().bytes(),
          "FieldMDP lock on Amount, another field filled afterwards (expected: TOTAL_PASSED)");
    }
  }
  {
    auto doc = contract("adbe.pkcs7.detached");
    auto options = signature_options(kit, "Signature1");
    options.dictionary.sub_filter = "adbe.pkcs7.detached";
    ASSAY_TRY(s, doc.sign(options, pkcs7_maker(kit.signer)));
    put("pades-pkcs7-detached.pdf", doc.file().bytes(),
        "adbe.pkcs7.detached (PDF signature, not ETSI; CMS with signing-time) (expected: TOTAL_PASSED)");
  }
  if (auto r = add_pades_attack_samples(kit, put); !r) return r;
  if (auto r = add_pades_change_samples(kit, put); !r) return r;
  if (auto r = add_pades_hostile_samples(kit, put); !r) return r;

  std::string tsv = "document\tdetached\tat\trevocation_data\tindication\tsubindication\tqualification\trule\n";
  for (const auto& e : pades_expectations(now)) {
    tsv += e.document + '\t' + e.detached + '\t' + e.at + '\t' + e.revocation_data + '\t' + e.indication + '\t' +
           e.subindication + '\t' + e.qualification + '\t' + e.rule + '\n';
  }
  add("expected-validation-pades.tsv", std::move(tsv),
      "expected EN 319 102-1 outcomes of the signed PDFs under signatures-pades/ (hand-written; one row per signature)");
  return {};
}
#undef ASSAY_TRY

}  // namespace assay::samples
