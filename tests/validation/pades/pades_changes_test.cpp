// The modification analysis's judgement of *when* and *what* (validation/pades): each revision's
// changes are judged with the DocMDP / FieldMDP restrictions in force when it was made (a lock
// takes effect when its signature is applied, ISO 32000-2 12.8.2.4), and document metadata (/Info
// key by key, the XMP stream whole) per the certification level (ISO 32000-2 12.8.2.2.2, 14.3).
// Small PDFs written in the test (pdf_fixture.h) and signed with engine/cms's CAdES builder.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/cms/cades_builder.h"
#include "tests/validation/pades/pdf_fixture.h"
#include "tests/validation/validation_test_pki.h"
#include "validation/document/document_validator.h"
#include "validation/explicit_anchors.h"

namespace assay::validation {
namespace {

using testing::day;
namespace cms = engine::cms;
namespace tp = testing_pdf;

constexpr const char* kCertifyP1 = " /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams "
                                   "<< /Type /TransformParams /P 1 /V /1.2 >> >>]";
constexpr const char* kCertifyP2 = " /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams "
                                   "<< /Type /TransformParams /P 2 /V /1.2 >> >>]";
constexpr const char* kLockName = " /Reference [<< /Type /SigRef /TransformMethod /FieldMDP /TransformParams "
                                  "<< /Type /TransformParams /Action /Include /Fields [(Name)] /V /1.2 >> >>]";
constexpr const char* kPerms = " /Perms << /DocMDP 8 0 R >>";

// The last trailer of `pdf` names `info` as the document information dictionary. Only the trailer
// moves (no offset points past it), so the file stays consistent.
std::string with_info(std::string pdf, int info) {
  const auto at = pdf.rfind("trailer\n<< ");
  pdf.insert(at + 11, "/Info " + std::to_string(info) + " 0 R ");
  return pdf;
}

// The text field Name (9) filled with `value`: a new /V and a new appearance (object `appearance`).
std::vector<tp::Obj> fill(const std::string& value, int appearance) {
  return {{9, "<< /Type /Annot /Subtype /Widget /FT /Tx /T (Name) /V (" + value + ") /Rect [72 600 300 620] /F 4 /P 3 0 R "
              "/AP << /N " + std::to_string(appearance) + " 0 R >> >>"},
          {appearance, tp::stream(" /Type /XObject /Subtype /Form /BBox [0 0 228 20]", "BT /F1 12 Tf 2 5 Td (" + value + ") Tj ET")}};
}

// /Size of a revision (ISO 32000-2 7.5.5: one more than the highest object number), given the
// prior file's last /Size and the objects written.
int size_for(const std::string& prior, const std::vector<tp::Obj>& objects) {
  int size = 0;
  if (const auto at = prior.rfind("/Size "); at != std::string::npos) size = std::stoi(prior.substr(at + 6));
  for (const auto& o : objects) size = std::max(size, o.num + 1);
  return size;
}

std::vector<tp::Obj> plus(std::vector<tp::Obj> a, const std::vector<tp::Obj>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

class PadesChanges : public ::testing::Test {
 protected:
  DocumentValidationReport validate(const std::string& pdf) {
    SignatureValidationContext ctx;
    ctx.certificates.anchors.push_back(&anchors_);
    ctx.certificates.revocation = &checker_;
    ctx.at = day(2025, 7, 1);
    auto r = validate_document(pdf, {}, ctx);
    EXPECT_TRUE(r.has_value()) << r.error().message();
    return r ? *r : DocumentValidationReport{};
  }
  static std::string outcome(const DocumentValidationReport& r, std::size_t i = 0) {
    if (r.signatures.size() <= i) return "none";
    return std::string(main_indication_name(r.signatures[i].indication)) + "/" + r.signatures[i].subindication;
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
  // Revision 1 signed: the fixture's document with /Info 20 (and `extra` objects), signature
  // dictionary extras `sig_extra`, catalog extras `catalog_extra`.
  std::string signed_base(const std::string& sig_extra = "", const std::string& catalog_extra = "",
                          const std::vector<tp::Obj>& extra = {}) const {
    auto objects = tp::base_objects(tp::signature_value("ETSI.CAdES.detached", sig_extra), catalog_extra);
    objects.push_back({20, "<< /Title (Contract) /Producer (assay test) >>"});
    objects.insert(objects.end(), extra.begin(), extra.end());
    return tp::sign_last(with_info(tp::add_revision("", objects, size_for("", objects)), 20), signer());
  }
  static std::string update(const std::string& prior, const std::vector<tp::Obj>& objects, int info = 20) {
    return with_info(tp::add_revision(prior, objects, size_for(prior, objects)), info);
  }
  static std::vector<const PdfModification*> metadata(const SignatureValidationReport& s) {
    std::vector<const PdfModification*> out;
    if (!s.pdf) return out;
    for (const auto& m : s.pdf->modifications) {
      if (m.kind == "metadata") out.push_back(&m);
    }
    return out;
  }

  testing::TestPki pki_;
  ExplicitTrustAnchors anchors_{{pki_.root}};
  testing::ScriptedChecker checker_;
};

TEST_F(PadesChanges, InfoChangeAfterApprovalSignatureIsReportedAndPermitted) {
  const auto r = validate(update(signed_base(), {{20, "<< /Title (Paid in full) /Producer (assay test) >>"}}));
  EXPECT_EQ(outcome(r), "TOTAL_PASSED/");
  const auto m = metadata(r.signatures.at(0));
  ASSERT_EQ(m.size(), 1u);
  EXPECT_TRUE(m[0]->permitted);
  EXPECT_EQ(m[0]->object, 20);
  EXPECT_EQ(m[0]->revision, 2u);
  EXPECT_NE(m[0]->description.find("/Title"), std::string::npos) << m[0]->description;
  EXPECT_EQ(m[0]->description.find("/Producer"), std::string::npos) << m[0]->description;
}

TEST_F(PadesChanges, InfoChangeIsForbiddenAtP1AndLimitedToBookkeepingAtP2) {
  const std::string moddate = "<< /Title (Contract) /Producer (assay test) /ModDate (D:20250602000000Z) >>";
  const auto p1 = validate(update(signed_base(kCertifyP1, kPerms), {{20, moddate}}));
  EXPECT_EQ(outcome(p1), "TOTAL_FAILED/FORMAT_FAILURE");
  ASSERT_EQ(metadata(p1.signatures.at(0)).size(), 1u);
  EXPECT_FALSE(metadata(p1.signatures.at(0))[0]->permitted);

  // P=2: a form fill saved with /ModDate and a new /Producer is permitted...
  const auto bookkeeping = validate(update(signed_base(kCertifyP2, kPerms),
                                           plus(fill("Bob", 11), {{20, "<< /Title (Contract) /Producer (a filler) "
                                                                       "/ModDate (D:20250602000000Z) >>"}})));
  EXPECT_EQ(outcome(bookkeeping), "TOTAL_PASSED/");
  ASSERT_EQ(metadata(bookkeeping.signatures.at(0)).size(), 1u);
  EXPECT_TRUE(metadata(bookkeeping.signatures.at(0))[0]->permitted);
  // ... also when the update writes /Info as a new object (compared with the one it replaces) ...
  const auto moved = validate(update(signed_base(kCertifyP2, kPerms), {{21, moddate}}, 21));
  EXPECT_EQ(outcome(moved), "TOTAL_PASSED/");
  // ... but not a new /Title, in place or written as a new object.
  const auto title = validate(update(signed_base(kCertifyP2, kPerms), {{20, "<< /Title (Paid) /Producer (assay test) >>"}}));
  EXPECT_EQ(outcome(title), "TOTAL_FAILED/FORMAT_FAILURE");
  const auto& changed = metadata(title.signatures.at(0));
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_FALSE(changed[0]->permitted);
  EXPECT_NE(changed[0]->description.find("/Title"), std::string::npos);
  const auto moved_title = validate(update(signed_base(kCertifyP2, kPerms), {{21, "<< /Title (Paid) >>"}}, 21));
  EXPECT_EQ(outcome(moved_title), "TOTAL_FAILED/FORMAT_FAILURE");
}

TEST_F(PadesChanges, XmpRewriteIsForbiddenAtP1AndPermittedAtP2) {
  const auto xmp = [](const std::string& title) {
    return tp::stream(" /Type /Metadata /Subtype /XML", "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">" + title + "</x:xmpmeta>");
  };
  const std::string catalog = " /Metadata 22 0 R" + std::string(kPerms);
  const auto p1 = validate(update(signed_base(kCertifyP1, catalog, {{22, xmp("a")}}), {{22, xmp("b")}}));
  EXPECT_EQ(outcome(p1), "TOTAL_FAILED/FORMAT_FAILURE");
  ASSERT_EQ(metadata(p1.signatures.at(0)).size(), 1u);
  EXPECT_NE(metadata(p1.signatures.at(0))[0]->description.find("XMP"), std::string::npos);
  const auto p2 = validate(update(signed_base(kCertifyP2, catalog, {{22, xmp("a")}}), plus(fill("Bob", 11), {{22, xmp("b")}})));
  EXPECT_EQ(outcome(p2), "TOTAL_PASSED/");
  ASSERT_EQ(metadata(p2.signatures.at(0)).size(), 1u);
  EXPECT_TRUE(metadata(p2.signatures.at(0))[0]->permitted);
}

// Revision 1: an approval signature; 2: Name filled; 3: a second signature locking Name
// (FieldMDP); 4 (optional): Name changed again.
TEST_F(PadesChanges, FieldMdpLockTakesEffectWhenItsSignatureIsApplied) {
  const std::string filled = update(signed_base(), fill("Bob", 11));
  const std::vector<tp::Obj> second = {
      {3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> "
          "/Annots [7 0 R 9 0 R 13 0 R] >>"},
      {6, "<< /Fields [7 0 R 9 0 R 13 0 R] /SigFlags 3 >>"},
      {13, "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature2) /Rect [0 0 0 0] /F 132 /P 3 0 R /V 14 0 R >>"},
      {14, tp::signature_value("ETSI.CAdES.detached", kLockName)}};
  const std::string locked = tp::sign_last(update(filled, second), signer());

  // Name changed before the lock: permitted for both signatures.
  const auto before = validate(locked);
  ASSERT_EQ(before.signatures.size(), 2u);
  EXPECT_EQ(outcome(before, 0), "TOTAL_PASSED/");
  EXPECT_EQ(outcome(before, 1), "TOTAL_PASSED/");
  const auto& first = *before.signatures[0].pdf;
  EXPECT_TRUE(std::any_of(first.modifications.begin(), first.modifications.end(), [](const PdfModification& m) {
    return m.revision == 2 && m.field == "Name" && m.permitted;
  }));

  // Name changed after the lock: not permitted, for the locking signature and the one before it.
  const auto after = validate(update(locked, fill("Mallory", 15)));
  ASSERT_EQ(after.signatures.size(), 2u);
  EXPECT_EQ(outcome(after, 0), "TOTAL_FAILED/FORMAT_FAILURE");
  EXPECT_EQ(outcome(after, 1), "TOTAL_FAILED/FORMAT_FAILURE");
  for (const auto& s : after.signatures) {
    for (const auto& m : s.pdf->modifications) {
      if (m.field != "Name") continue;
      EXPECT_EQ(m.permitted, m.revision == 2) << m.revision << ": " << m.description;
    }
  }
  // The second signature reports only what came after it.
  for (const auto& m : after.signatures[1].pdf->modifications) EXPECT_EQ(m.revision, 4u) << m.description;
}

}  // namespace
}  // namespace assay::validation
