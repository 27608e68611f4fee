// The PAdES samples (samples/internal/pades_*.cpp) are what the TSV says they are, checked with
// the engine's CMS reader and plain byte inspection, never with the PDF validator under test:
// every listed file exists; every signature of a file expected TOTAL_PASSED has a ByteRange that
// starts at 0, leaves out exactly its /Contents string, ends at the end of a revision, and a CMS
// whose signer verifies over the covered bytes; each attack is broken the way its name says; the
// benchmark generators give the sizes the issue asks for; and, when qpdf is installed, every
// non-hostile file passes `qpdf --check`.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <sys/wait.h>

#include "engine/cms/signed_data.h"
#include "engine/digest.h"
#include "engine/x509/certificate_builder.h"
#include "samples/federation.h"
#include "samples/internal/pades_samples.h"

namespace assay::samples {
namespace {

namespace fs = std::filesystem;

struct Signature {
  std::vector<std::size_t> range;  // a0 l0 a1 l1
  std::string cms;                 // the DER, padding removed
  bool document_timestamp = false;
};

// The outer DER element of `bytes` (definite length), or "" when it is not one.
std::string der_element(const std::string& bytes) {
  if (bytes.size() < 2 || static_cast<unsigned char>(bytes[0]) != 0x30) return "";
  std::size_t len = static_cast<unsigned char>(bytes[1]), head = 2;
  if (len & 0x80) {
    const std::size_t n = len & 0x7f;
    if (n == 0 || n > 4 || bytes.size() < 2 + n) return "";
    len = 0;
    for (std::size_t i = 0; i < n; ++i) len = (len << 8) | static_cast<unsigned char>(bytes[2 + i]);
    head += n;
  }
  return head + len <= bytes.size() ? bytes.substr(0, head + len) : "";
}

// Every signature dictionary written with /Contents <hex> followed by /ByteRange [...].
std::vector<Signature> signatures(const std::string& pdf) {
  std::vector<Signature> out;
  for (std::size_t at = pdf.find("/ByteRange ["); at != std::string::npos; at = pdf.find("/ByteRange [", at + 1)) {
    Signature s;
    std::istringstream numbers(pdf.substr(at + 12, 64));
    for (std::size_t v; s.range.size() < 4 && numbers >> v;) s.range.push_back(v);
    if (s.range.size() != 4) continue;
    const std::size_t dict = pdf.rfind(" obj\n", at);
    s.document_timestamp = pdf.substr(dict, at - dict).find("/DocTimeStamp") != std::string::npos;
    if (s.range[1] < pdf.size() && s.range[2] <= pdf.size() && s.range[1] < s.range[2]) {
      // The string ends at the first '>' (a reader's view, whatever the ByteRange claims).
      const std::size_t gt = pdf.find('>', s.range[1]);
      const auto raw = engine::from_hex(pdf.substr(s.range[1] + 1, gt - s.range[1] - 1));
      if (raw) s.cms = der_element(*raw);
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::string covered(const std::string& pdf, const Signature& s) {
  return pdf.substr(s.range[0], s.range[1]) + pdf.substr(s.range[2], s.range[3]);
}

bool verifies(const std::string& pdf, const Signature& s) {
  auto sd = engine::cms::SignedData::parse_der(s.cms);
  if (!sd || (*sd)->signer_infos().empty()) return false;
  const auto& signer = (*sd)->signer_infos().front();
  const auto certs = (*sd)->find_signer_certificates(signer);
  if (certs.empty()) return false;
  const std::string bytes = covered(pdf, s);
  // A document time-stamp encapsulates TSTInfo, whose imprint is checked by the validator; here
  // the token's own signature.
  if (s.document_timestamp) return (*sd)->verify(signer, *certs.front()).ok();
  return (*sd)->verify(signer, *certs.front(), bytes).ok();
}

// ISO 32000-1 12.8.1: [0 a b c] with a..b exactly the /Contents string, b + c the end of a
// revision (just after a %%EOF line).
bool well_formed(const std::string& pdf, const Signature& s) {
  if (s.range[0] != 0 || s.range[2] + s.range[3] > pdf.size()) return false;
  if (pdf[s.range[1]] != '<' || pdf[s.range[2] - 1] != '>') return false;
  if (pdf.find('>', s.range[1]) != s.range[2] - 1) return false;
  if (pdf.compare(s.range[1] - 10, 10, "/Contents ") != 0) return false;
  const std::size_t end = s.range[2] + s.range[3];
  return end >= 6 && pdf.compare(end - 6, 6, "%%EOF\n") == 0;
}

class PadesSamples : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto federation = build_federation(*engine::parse_utc_time(kDefaultNow));
    ASSERT_TRUE(federation) << federation.error().message();
    files_ = new std::map<std::string, std::string>(std::move(federation->files));
  }
  static void TearDownTestSuite() {
    delete files_;
    files_ = nullptr;
  }
  static const std::string& file(const std::string& name) { return files_->at(kPadesFolder + name); }
  static std::map<std::string, std::string>* files_;
};
std::map<std::string, std::string>* PadesSamples::files_ = nullptr;

TEST_F(PadesSamples, EveryRowNamesAFileAndGoodSignaturesVerify) {
  ASSERT_NE(files_, nullptr);
  ASSERT_TRUE(files_->contains("expected-validation-pades.tsv"));
  const auto rows = pades_expectations(*engine::parse_utc_time(kDefaultNow));
  ASSERT_GE(rows.size(), 30u);
  std::map<std::string, int> rows_per_file;
  for (const auto& r : rows) {
    ASSERT_TRUE(files_->contains(kPadesFolder + r.document)) << r.document;
    if (r.indication == "TOTAL_PASSED" && r.revocation_data == "crl") ++rows_per_file[r.document];
  }
  for (const auto& [name, count] : rows_per_file) {
    const std::string& pdf = file(name);
    ASSERT_TRUE(pdf.starts_with("%PDF-1.7\n")) << name;
    const auto sigs = signatures(pdf);
    std::size_t real = 0;
    for (const auto& s : sigs) {
      EXPECT_TRUE(well_formed(pdf, s)) << name;
      EXPECT_TRUE(verifies(pdf, s)) << name;
      real += !s.document_timestamp;
    }
    EXPECT_EQ(real, static_cast<std::size_t>(count)) << name << ": one row per signature";
  }
  // The LTA file: a document time-stamp over the DSS revision, after the signature.
  const auto lta = signatures(file("pades-b-lta.pdf"));
  ASSERT_EQ(lta.size(), 2u);
  EXPECT_TRUE(lta[1].document_timestamp);
  EXPECT_NE(file("pades-b-lta.pdf").find("/Type /DSS"), std::string::npos);
  EXPECT_GT(lta[1].range[1], file("pades-b-lta.pdf").find("/Type /DSS"));
}

TEST_F(PadesSamples, AttacksAreBrokenAsNamed) {
  // SWA: the CMS verifies over what the ByteRange names, but the gap holds more than /Contents.
  const std::string& swa = file("attack-signature-wrapping.pdf");
  // (The first /ByteRange is the new one; the relocated original follows it.)
  auto sigs = signatures(swa);
  ASSERT_EQ(sigs.size(), 2u);
  EXPECT_TRUE(verifies(swa, sigs.front()));
  EXPECT_FALSE(well_formed(swa, sigs.front()));
  // The relocated bytes end where the appended xref section starts.
  const std::size_t last_xref = std::stoul(swa.substr(swa.rfind("startxref\n") + 10));
  EXPECT_EQ(sigs.front().range[2] + sigs.front().range[3], last_xref);
  // ISA, shadow attacks: the signed revision verifies and is not the last one.
  for (const char* name : {"attack-incremental-saving.pdf", "attack-shadow-hide.pdf", "attack-shadow-replace.pdf",
                           "attack-shadow-hide-and-replace.pdf"}) {
    const std::string& pdf = file(name);
    sigs = signatures(pdf);
    ASSERT_EQ(sigs.size(), 1u) << name;
    EXPECT_TRUE(well_formed(pdf, sigs[0])) << name;
    EXPECT_TRUE(verifies(pdf, sigs[0])) << name;
    EXPECT_LT(sigs[0].range[2] + sigs[0].range[3], pdf.size()) << name << ": an update follows";
  }
  // The hide-and-replace update adds no object: only an xref section and a trailer.
  const std::string& har = file("attack-shadow-hide-and-replace.pdf");
  const auto after = har.substr(signatures(har)[0].range[2] + signatures(har)[0].range[3]);
  EXPECT_TRUE(after.starts_with("xref\n")) << after.substr(0, 40);
  EXPECT_EQ(after.find(" obj\n"), std::string::npos);
  // The tampered byte: same structure, the digest no longer matches.
  const std::string& tampered = file("tampered-covered-byte.pdf");
  sigs = signatures(tampered);
  ASSERT_EQ(sigs.size(), 1u);
  EXPECT_TRUE(well_formed(tampered, sigs[0]));
  EXPECT_FALSE(verifies(tampered, sigs[0]));
  // USF: what each name says is missing is missing.
  EXPECT_EQ(file("attack-usf-contents-missing.pdf").find("\n/Contents"), std::string::npos);
  EXPECT_NE(file("attack-usf-contents-null.pdf").find("/Contents null"), std::string::npos);
  EXPECT_NE(file("attack-usf-contents-empty.pdf").find("/Contents <>"), std::string::npos);
  EXPECT_EQ(file("attack-usf-byterange-missing.pdf").find("/ByteRange"), std::string::npos);
  EXPECT_NE(file("attack-usf-byterange-null.pdf").find("/ByteRange null"), std::string::npos);
  EXPECT_NE(file("attack-usf-byterange-zeros.pdf").find("/ByteRange [0 0 0 0]"), std::string::npos);
}

TEST_F(PadesSamples, QpdfChecksEveryNonHostileFile) {
  if (std::system("qpdf --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "qpdf is not installed";
  std::random_device rd;
  const fs::path dir = fs::temp_directory_path() / ("assay-pades-" + std::to_string(rd()));
  fs::create_directories(dir);
  std::set<std::string> names;
  for (const auto& r : pades_expectations(*engine::parse_utc_time(kDefaultNow))) {
    if (r.indication != "ERROR") names.insert(r.document);
  }
  for (const auto& name : names) {
    const fs::path path = dir / name;
    std::ofstream(path, std::ios::binary) << file(name);
    // 0: no problem; 3: warnings only (the attacks' leftovers, e.g. SWA's unreferenced bytes).
    const int rc = std::system(("qpdf --check '" + path.string() + "' >/dev/null 2>&1").c_str());
    const int status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    EXPECT_TRUE(status == 0 || (status == 3 && name.starts_with("attack-"))) << name << " qpdf --check status " << status;
  }
  fs::remove_all(dir);
}

TEST(PadesBenchmarkPdfs, HaveTheSizesTheIssueAsks) {
  auto key = engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256);
  ASSERT_TRUE(key);
  engine::CertificateSpec spec;
  spec.subject = {{"CN", "Benchmark signer (sample)"}};
  spec.not_before = *engine::parse_utc_time("2025-01-01T00:00:00Z");
  spec.not_after = *engine::parse_utc_time("2030-01-01T00:00:00Z");
  auto certificate = engine::build_self_signed(spec, *key);
  ASSERT_TRUE(certificate);
  PdfSigner signer{certificate->get(), &*key, {}, *engine::parse_utc_time("2026-01-14T00:00:00Z")};

  auto large = benchmark_large_pdf(signer);
  ASSERT_TRUE(large) << large.error().message();
  EXPECT_GE(large->size(), 5'000'000u);
  EXPECT_LE(large->size(), 6'000'000u);
  std::size_t pages = 0;
  for (auto at = large->find("/Type /Page "); at != std::string::npos; at = large->find("/Type /Page ", at + 1)) ++pages;
  EXPECT_EQ(pages, 100u);
  auto sigs = signatures(*large);
  ASSERT_EQ(sigs.size(), 1u);
  EXPECT_TRUE(well_formed(*large, sigs[0]));
  EXPECT_TRUE(verifies(*large, sigs[0]));
  EXPECT_EQ(sigs[0].range[2] + sigs[0].range[3], large->size());

  auto many = benchmark_many_revisions_pdf(signer);
  ASSERT_TRUE(many) << many.error().message();
  std::size_t revisions = 0;
  for (auto at = many->find("%%EOF\n"); at != std::string::npos; at = many->find("%%EOF\n", at + 1)) ++revisions;
  EXPECT_EQ(revisions, 20u);
  sigs = signatures(*many);
  ASSERT_EQ(sigs.size(), 10u);
  for (const auto& s : sigs) {
    EXPECT_TRUE(well_formed(*many, s));
    EXPECT_TRUE(verifies(*many, s));
  }
}

}  // namespace
}  // namespace assay::samples
