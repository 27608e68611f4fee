// The PAdES reader and the modification analysis (validation/pades) through validate_document,
// on small PDFs written in the test (tests/validation/pades/pdf_fixture.h) and signed with
// engine/cms's CAdES builder: levels B and T (document time-stamp), the ByteRange checks
// (universal signature forgery, signature wrapping), the changes after signing permitted or not
// by DocMDP (form fill-in at P=2, refused at P=1), incremental saving and shadow attacks, and
// hostile PDFs (cross-reference loops, 1 GB lengths, deep nesting, truncation) as clear errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "engine/cms/cades_builder.h"
#include "engine/pdf/pdf_document.h"
#include "tests/engine/cms/tst_fixture.h"
#include "tests/validation/pades/pdf_fixture.h"
#include "tests/validation/validation_test_pki.h"
#include "validation/document/document_validator.h"
#include "validation/explicit_anchors.h"
#include "validation/pades/pades_reader.h"

namespace assay::validation {
namespace {

using testing::day;
namespace cms = engine::cms;
namespace tp = testing_pdf;

class PadesTest : public ::testing::Test {
 protected:
  engine::Result<DocumentValidationReport> run(const std::string& pdf) {
    SignatureValidationContext ctx;
    ctx.certificates.anchors.push_back(&anchors_);
    ctx.certificates.revocation = &checker_;
    ctx.at = day(2025, 7, 1);
    return validate_document(pdf, {}, ctx);
  }
  DocumentValidationReport validate(const std::string& pdf) {
    auto r = run(pdf);
    EXPECT_TRUE(r.has_value()) << r.error().message();
    return r ? *r : DocumentValidationReport{};
  }
  static std::string outcome(const DocumentValidationReport& r, std::size_t i = 0) {
    if (r.signatures.size() <= i) return "none";
    const auto& s = r.signatures[i];
    return std::string(main_indication_name(s.indication)) + "/" + s.subindication;
  }
  std::function<std::string(const std::string&)> signer() const {
    return [this](const std::string& covered) {
      cms::CadesSpec s;
      s.content = covered;
      s.detached = true;
      s.signing_time = day(2025, 5, 1);
      s.chain = {pki_.ca};
      auto built = cms::build_cades(s, *pki_.ee, testing::test_key(3));
      return built ? *built : std::string();
    };
  }
  std::function<std::string(const std::string&)> tsa() const {
    return [this](const std::string& covered) {
      auto t = cms::build_timestamp_token(tsa_.spec(covered), *tsa_.tsa, tsa_.tsa_key);
      return t ? *t : std::string();
    };
  }
  // Revision 1 signed: the base document with its signature.
  std::string signed_base(const std::string& sub_filter = "ETSI.CAdES.detached", const std::string& sig_extra = "",
                          const std::string& catalog_extra = "") const {
    return tp::sign_last(tp::add_revision("", tp::base_objects(tp::signature_value(sub_filter, sig_extra), catalog_extra), 13),
                         signer());
  }
  static bool has_attack(const SignatureValidationReport& s, std::string_view attack) {
    if (!s.pdf) return false;
    return std::any_of(s.pdf->modifications.begin(), s.pdf->modifications.end(),
                       [&](const PdfModification& m) { return m.attack == attack && !m.permitted; });
  }

  testing::TestPki pki_;
  engine::testing_cms::TsaFixture tsa_;
  ExplicitTrustAnchors anchors_{{pki_.root, tsa_.root}};
  testing::ScriptedChecker checker_;
  static constexpr const char* kCertifyP2 = " /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams "
                                            "<< /Type /TransformParams /P 2 /V /1.2 >> >>]";
  static constexpr const char* kCertifyP1 = " /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams "
                                            "<< /Type /TransformParams /P 1 /V /1.2 >> >>]";
};

TEST_F(PadesTest, DetectsPdfWithinTheFirstKilobyte) {
  EXPECT_EQ(detect_document_kind("%PDF-1.7\n"), DocumentKind::kPdf);
  EXPECT_EQ(detect_document_kind(std::string(100, ' ') + "%PDF-1.4"), DocumentKind::kPdf);
  EXPECT_NE(detect_document_kind(std::string(2000, ' ') + "%PDF-1.4"), DocumentKind::kPdf);
}

TEST_F(PadesTest, BaselineBSignatureOverItsRevisionPasses) {
  const auto pdf = signed_base();
  const auto r = validate(pdf);
  ASSERT_EQ(r.signatures.size(), 1u);
  EXPECT_EQ(outcome(r), "TOTAL_PASSED/");
  const auto& s = r.signatures[0];
  EXPECT_EQ(s.format, SignatureFormat::kPAdES);
  EXPECT_EQ(s.level, "PAdES-BASELINE-B");
  EXPECT_EQ(s.signature_id, "Signature1");
  ASSERT_TRUE(s.pdf);
  EXPECT_EQ(s.pdf->revision, 1u);
  EXPECT_EQ(s.pdf->revisions, 1u);
  ASSERT_EQ(s.pdf->byte_ranges.size(), 2u);
  EXPECT_EQ(s.pdf->byte_ranges[0].first, 0);
  EXPECT_EQ(static_cast<std::size_t>(s.pdf->byte_ranges[1].first + s.pdf->byte_ranges[1].second), pdf.size());
  EXPECT_TRUE(s.pdf->modifications.empty());
  ASSERT_TRUE(s.attributes.signing_time);  // /M
  EXPECT_EQ(s.scope.at(0).kind, "full");
}

TEST_F(PadesTest, LegacySubFiltersAreRead) {
  const auto r = validate(signed_base("adbe.pkcs7.detached"));
  EXPECT_EQ(outcome(r), "TOTAL_PASSED/");
  EXPECT_EQ(r.signatures.at(0).level, "PKCS7-B");
  const auto unknown = validate(signed_base("x.unknown"));
  EXPECT_EQ(outcome(unknown), "TOTAL_FAILED/FORMAT_FAILURE");
}

TEST_F(PadesTest, ChangedSignedBytesAreHashFailure) {
  auto pdf = signed_base();
  const auto at = pdf.find("Pay 100 EUR");
  pdf[at + 4] = '9';
  EXPECT_EQ(outcome(validate(pdf)), "TOTAL_FAILED/HASH_FAILURE");
}

TEST_F(PadesTest, UniversalSignatureForgeryIsFormatFailure) {
  // /Contents empty, /ByteRange missing: nothing is signed.
  const auto empty = tp::add_revision(
      "", tp::base_objects("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /Contents <> >>"), 13);
  EXPECT_EQ(outcome(validate(empty)), "TOTAL_FAILED/FORMAT_FAILURE");
  const auto null_range = tp::add_revision(
      "", tp::base_objects("<< /Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange null /Contents null >>"), 13);
  EXPECT_EQ(outcome(validate(null_range)), "TOTAL_FAILED/FORMAT_FAILURE");
}

TEST_F(PadesTest, SignatureWrappingByteRangeMovedIsFormatFailure) {
  // The signed revision, then a copy of the signature whose ByteRange ends at the first %%EOF
  // but whose gap no longer is the /Contents string (the signed bytes were moved).
  auto pdf = signed_base();
  const auto br = pdf.find("/ByteRange [0 ");
  const auto close = pdf.find(']', br);
  std::string range = pdf.substr(br, close - br + 1);
  long a = 0, b = 0, c = 0, d = 0;
  ASSERT_EQ(std::sscanf(range.c_str(), "/ByteRange [%ld %ld %ld %ld]", &a, &b, &c, &d), 4);
  std::string moved = "/ByteRange [0 " + std::to_string(b - 1) + " " + std::to_string(c) + " " + std::to_string(d) + "]";
  moved.resize(range.size(), ' ');
  pdf.replace(br, range.size(), moved);
  const auto r = validate(pdf);
  EXPECT_EQ(outcome(r), "TOTAL_FAILED/FORMAT_FAILURE");
}

TEST_F(PadesTest, IncrementalSavingAttackOnPageContentFails) {
  const auto pdf = tp::add_revision(signed_base(), {{4, tp::stream("", "BT /F1 24 Tf 72 700 Td (Pay 9999 EUR) Tj ET")}}, 13);
  const auto r = validate(pdf);
  EXPECT_EQ(outcome(r), "TOTAL_FAILED/FORMAT_FAILURE");
  const auto& s = r.signatures.at(0);
  ASSERT_TRUE(s.pdf);
  EXPECT_EQ(s.pdf->revision, 1u);
  EXPECT_EQ(s.pdf->revisions, 2u);
  EXPECT_TRUE(has_attack(s, "incremental-saving"));
  const auto& m = s.pdf->modifications.at(0);
  EXPECT_EQ(m.object, 4);
  EXPECT_EQ(m.page, 1);
  EXPECT_EQ(m.kind, "page-content");
}

TEST_F(PadesTest, ShadowHideAndReplaceUnusedContentBecomingVisibleFails) {
  const auto pdf = tp::add_revision(
      signed_base(),
      {{3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 12 0 R /Resources << /Font << /F1 5 0 R >> >> "
           "/Annots [7 0 R 9 0 R] >>"}},
      13);
  const auto r = validate(pdf);
  EXPECT_EQ(outcome(r), "TOTAL_FAILED/FORMAT_FAILURE");
  EXPECT_TRUE(has_attack(r.signatures.at(0), "shadow-hide-and-replace"));
}

TEST_F(PadesTest, ShadowReplaceFontRepointedFails) {
  const auto pdf = tp::add_revision(signed_base(), {{5, "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"}}, 13);
  const auto r = validate(pdf);
  EXPECT_EQ(outcome(r), "TOTAL_FAILED/FORMAT_FAILURE");
  EXPECT_TRUE(has_attack(r.signatures.at(0), "shadow-replace"));
}

TEST_F(PadesTest, FormFillAfterCertificationP2IsPermittedButNotAtP1) {
  const std::vector<tp::Obj> fill = {
      {9, "<< /Type /Annot /Subtype /Widget /FT /Tx /T (Name) /V (Bob) /Rect [72 600 300 620] /F 4 /P 3 0 R "
          "/AP << /N 11 0 R >> >>"},
      {11, tp::stream(" /Type /XObject /Subtype /Form /BBox [0 0 228 20]", "BT /F1 12 Tf 2 5 Td (Bob) Tj ET")}};
  const std::string perms = " /Perms << /DocMDP 8 0 R >>";
  const auto p2 = validate(tp::add_revision(signed_base("ETSI.CAdES.detached", kCertifyP2, perms), fill, 13));
  EXPECT_EQ(outcome(p2), "TOTAL_PASSED/");
  const auto& s = p2.signatures.at(0);
  ASSERT_TRUE(s.pdf);
  EXPECT_TRUE(s.pdf->certification);
  EXPECT_EQ(s.pdf->docmdp_p, 2);
  ASSERT_FALSE(s.pdf->modifications.empty());
  EXPECT_TRUE(std::all_of(s.pdf->modifications.begin(), s.pdf->modifications.end(),
                          [](const PdfModification& m) { return m.permitted && m.kind == "form-fill"; }));
  const auto p1 = validate(tp::add_revision(signed_base("ETSI.CAdES.detached", kCertifyP1, perms), fill, 13));
  EXPECT_EQ(outcome(p1), "TOTAL_FAILED/FORMAT_FAILURE");
  // Approval signature without DocMDP: P=3 rules, the fill is permitted and reported.
  const auto approval = validate(tp::add_revision(signed_base(), fill, 13));
  EXPECT_EQ(outcome(approval), "TOTAL_PASSED/");
  EXPECT_FALSE(approval.signatures.at(0).pdf->modifications.empty());
}

TEST_F(PadesTest, AppearanceReplacedWithoutNewValueIsShadowReplace) {
  const auto pdf = tp::add_revision(
      signed_base(), {{10, tp::stream(" /Type /XObject /Subtype /Form /BBox [0 0 228 20]", "BT /F1 12 Tf 2 5 Td (Mallory) Tj ET")}}, 13);
  const auto r = validate(pdf);
  EXPECT_EQ(outcome(r), "TOTAL_FAILED/FORMAT_FAILURE");
  EXPECT_TRUE(has_attack(r.signatures.at(0), "shadow-replace"));
}

TEST_F(PadesTest, DocumentTimestampGivesLevelTAndIsReported) {
  // Revision 2: a document time-stamp field (13) and its value (14), the AcroForm and page listing it.
  const std::vector<tp::Obj> update = {
      {3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> "
          "/Annots [7 0 R 9 0 R 13 0 R] >>"},
      {6, "<< /Fields [7 0 R 9 0 R 13 0 R] /SigFlags 3 >>"},
      {13, "<< /Type /Annot /Subtype /Widget /FT /Sig /T (DocTS) /Rect [0 0 0 0] /F 132 /P 3 0 R /V 14 0 R >>"},
      {14, tp::doc_timestamp_value()}};
  const auto pdf = tp::sign_last(tp::add_revision(signed_base(), update, 15), tsa());
  const auto r = validate(pdf);
  ASSERT_EQ(r.signatures.size(), 1u);
  EXPECT_EQ(outcome(r), "TOTAL_PASSED/");
  EXPECT_EQ(r.signatures[0].level, "PAdES-BASELINE-T");
  ASSERT_EQ(r.timestamps.size(), 1u);
  EXPECT_EQ(r.timestamps[0].kind, "pdf-document-timestamp");
  EXPECT_EQ(r.timestamps[0].id, "DocTS");
  EXPECT_EQ(r.timestamps[0].report.indication, Indication::kPassed) << r.timestamps[0].report.subindication;
  ASSERT_TRUE(r.timestamps[0].pdf);
  EXPECT_EQ(r.timestamps[0].pdf->revision, 2u);
  // The signature's changes after it: the time-stamp, all permitted.
  for (const auto& m : r.signatures[0].pdf->modifications) EXPECT_TRUE(m.permitted) << m.description;
}

// Hostile PDFs: an error or a report, never a crash, never TOTAL_PASSED.
TEST_F(PadesTest, HostilePdfsGiveClearErrors) {
  const auto check = [&](const std::string& name, const std::string& pdf) {
    auto r = run(pdf);
    if (!r) {
      EXPECT_TRUE(r.error().code() == engine::Code::kMalformed || r.error().code() == engine::Code::kResourceExhausted)
          << name << ": " << r.error().message();
      EXPECT_FALSE(r.error().message().empty()) << name;
      return;
    }
    for (const auto& s : r->signatures) EXPECT_NE(s.indication, MainIndication::kTotalPassed) << name;
  };
  const auto base = tp::add_revision("", tp::base_objects("<< /Type /Sig >>"), 13);
  // Truncated.
  check("truncated", base.substr(0, base.size() / 2));
  check("no trailer", "%PDF-1.7\n1 0 obj << >> endobj\n");
  // A cross-reference loop: /Prev pointing at its own section.
  {
    std::string loop = tp::add_revision(base, {{5, "<< /Type /Font >>"}}, 13);
    const auto x = tp::last_startxref(loop);
    const auto prev = loop.rfind("/Prev ");
    const auto end = loop.find(' ', prev + 6);
    std::string self = "/Prev " + std::to_string(x);
    loop.replace(prev, end - prev, self);
    // Fix startxref after the length change.
    check("xref loop", loop);
  }
  // 1 GB declared stream length.
  check("1 GB length", tp::add_revision("", {{1, "<< /Type /Catalog /Pages 2 0 R >>"},
                                             {2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"},
                                             {3, "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>"},
                                             {4, "<< /Length 1073741824 >>\nstream\nabc\nendstream"}},
                                       5));
  // Deeply nested dictionaries.
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<< /A ";
  deep += "1";
  for (int i = 0; i < 5000; ++i) deep += " >>";
  check("deep nesting", tp::add_revision("", {{1, "<< /Type /Catalog /Pages 2 0 R /X " + deep + " >>"},
                                              {2, "<< /Type /Pages /Kids [] /Count 0 >>"}},
                                         3));
  // An object stream that contains itself / a compressed xref pointing into itself.
  check("self object stream",
        "%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Length 10 >>\nstream\n1 0 << >>\nendstream\nendobj\n"
        "2 0 obj\n<< /Type /XRef /Size 3 /W [1 2 1] /Root 1 0 R /Length 12 >>\nstream\n"
        "\x00\x00\x00\x00\x02\x00\x01\x00\x01\x00\x09\x00\nendstream\nendobj\nstartxref\n93\n%%EOF\n");
  // Garbage after the header.
  check("garbage", "%PDF-1.7\n" + std::string(5000, '\xff') + "\nstartxref\n9\n%%EOF\n");
}

TEST_F(PadesTest, RevisionsAreFoundByScanning) {
  const auto pdf = tp::add_revision(tp::add_revision("", tp::base_objects("<< >>"), 13), {{5, "<< /Type /Font >>"}}, 13);
  const auto revisions = engine::pdf::scan_revisions(pdf);
  ASSERT_EQ(revisions.size(), 2u);
  EXPECT_EQ(revisions[1].end, pdf.size());
  EXPECT_EQ(revisions[0].end, revisions[1].start);
}

}  // namespace
}  // namespace assay::validation
