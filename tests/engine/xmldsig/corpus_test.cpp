// Real signed trusted lists (../shared): every published list verifies core-wise, and the
// damaged 2019 variants fail with their specific reasons.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "engine/digest.h"
#include "engine/xml/document.h"
#include "engine/xmldsig/findings.h"
#include "engine/xmldsig/verifier.h"
#include "tests/support/corpus.h"

namespace assay::engine::xmldsig {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> xml_files(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".xml") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<SignatureReport> verify_file(const fs::path& path) {
  auto doc = xml::Document::parse(::assay::testing::read_bytes(path));
  if (!doc) return std::unexpected(doc.error());
  // The report's Node points into the document; only the facts are kept here.
  auto report = verify_enveloped_signature(**doc);
  if (report) report->signed_element = xml::Node();
  return report;
}

void expect_all_valid(const fs::path& dir, std::size_t expected_count) {
  const auto files = xml_files(dir);
  EXPECT_EQ(files.size(), expected_count) << dir;
  for (const auto& f : files) {
    auto r = verify_file(f);
    ASSERT_TRUE(r.has_value()) << f << ": " << r.error().message();
    EXPECT_TRUE(r->valid()) << f.filename() << ": " << r->reason << ": " << r->message;
    EXPECT_FALSE(r->signer_certificate.empty()) << f;
    EXPECT_TRUE(r->signing_time.has_value()) << f;
    EXPECT_TRUE(r->signing_certificate_form.has_value()) << f;
    EXPECT_EQ(r->references.size(), 2u) << f;
  }
}

TEST(XmldsigCorpus, CurrentEuSetVerifies) {
  ASSAY_REQUIRE_SHARED();
  expect_all_valid(::assay::testing::shared_dir() / "corpus/eu-2026-08", 30);
}

TEST(XmldsigCorpus, PivotsVerify) {
  ASSAY_REQUIRE_SHARED();
  expect_all_valid(::assay::testing::shared_dir() / "corpus/pivots", 5);
}

TEST(XmldsigCorpus, LotlHistoryVerifies) {
  ASSAY_REQUIRE_SHARED();
  expect_all_valid(::assay::testing::shared_dir() / "corpus/lotl-history", 10);
}

TEST(XmldsigCorpus, TlHistoryVerifies) {
  ASSAY_REQUIRE_SHARED();
  expect_all_valid(::assay::testing::shared_dir() / "corpus/tl-history", 35);
}

TEST(XmldsigCorpus, OldEncodingsOf2019Verify) {
  ASSAY_REQUIRE_SHARED();
  expect_all_valid(::assay::testing::shared_dir() / "corpus/eu-2019-09", 30);
}

TEST(XmldsigCorpus, ConformanceListsVerify) {
  ASSAY_REQUIRE_SHARED();
  expect_all_valid(::assay::testing::shared_dir() / "conformance/eu-qualification/lists", 7);
}

TEST(XmldsigCorpus, OldEncodingDetailsAreReported) {
  ASSAY_REQUIRE_SHARED();
  const auto dir = ::assay::testing::shared_dir() / "corpus/eu-2019-09";
  auto be = verify_file(dir / "BE.xml");
  ASSERT_TRUE(be.has_value());
  ASSERT_TRUE(be->valid()) << be->reason;
  EXPECT_EQ(be->references[0].uri, "#TSL-BE-2019-T2v2");
  EXPECT_EQ(be->references[0].kind, ReferenceKind::kDocument);
  for (const char* name : {"AT.xml", "LI.xml"}) {
    auto r = verify_file(dir / name);
    ASSERT_TRUE(r.has_value());
    ASSERT_TRUE(r->valid()) << name << ": " << r->reason;
    EXPECT_EQ(r->references[1].kind, ReferenceKind::kSignedProperties) << name;
    EXPECT_TRUE(r->references[1].transforms.empty()) << name;
    EXPECT_EQ(r->signing_certificate_form, SigningCertificateForm::kV1) << name;
  }
}

TEST(XmldsigCorpus, DamagedVariantsFailWithTheirReasons) {
  ASSAY_REQUIRE_SHARED();
  const auto dir = ::assay::testing::shared_dir() / "corpus/eu-2019-09/variants";
  // Counted, so that a missing or renamed variant cannot make this test pass without checking it.
  int broken_sig = 0, no_sig = 0, two_sigs = 0;
  for (const auto& f : xml_files(dir)) {
    const std::string name = f.filename().string();
    auto r = verify_file(f);
    if (!r) {
      // _empty, _not-parsable and _not-conform are not well-formed: parse errors, not reports.
      EXPECT_TRUE(name.find("_empty") != std::string::npos || name.find("_not-parsable") != std::string::npos ||
                  name.find("_not-conform") != std::string::npos)
          << name << ": " << r.error().message();
      continue;
    }
    if (name.find("_broken-sig") != std::string::npos) {
      ++broken_sig;
      EXPECT_FALSE(r->valid()) << name;
      EXPECT_TRUE(r->reason == reason::kReferenceDigestMismatch || r->reason == reason::kSignatureValueInvalid)
          << name << ": " << r->reason;
    } else if (name.find("_no-sig") != std::string::npos) {
      ++no_sig;
      EXPECT_EQ(r->reason, reason::kUnsigned) << name;
    } else if (name.find("_two-sigs") != std::string::npos) {
      ++two_sigs;
      EXPECT_EQ(r->reason, reason::kMultipleSignatures) << name;
    }
  }
  EXPECT_EQ(broken_sig, 4);
  EXPECT_EQ(no_sig, 3);
  EXPECT_EQ(two_sigs, 1);
}

}  // namespace
}  // namespace assay::engine::xmldsig
