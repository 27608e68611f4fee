// Real data (../shared) read by the XAdES reader:
// - every XAdES case of validation-conformance/dss-signatures (cases.tsv): the reader facts that
//   the expected EN 319 102-1 sub-indication rests on (references found / intact, signature value,
//   signing certificate), with a per-case table printed;
// - every real trusted list in corpus/ as an ordinary XAdES signature: references found and intact,
//   signature value valid, signing certificate identified; one changed content byte breaks the
//   whole-document reference.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "tests/support/corpus.h"
#include "validation/xades/xades_reader.h"

namespace assay::validation::xades {
namespace {

namespace fs = std::filesystem;

struct Facts {
  std::size_t signatures = 0;
  bool all_found = true;
  bool all_intact = true;  // of the references found
  bool signer_identified = true;
  bool value_valid = true;
  std::string levels;
};

void collect(const SignatureUnderValidation& s, Facts& f) {
  ++f.signatures;
  for (const auto& r : s.references) {
    f.all_found = f.all_found && r.found;
    if (r.found) f.all_intact = f.all_intact && r.intact;
  }
  f.signer_identified = f.signer_identified && s.signing_certificate != nullptr;
  f.value_valid = f.value_valid && s.signature_value_valid;
  f.levels += (f.levels.empty() ? "" : ",") + s.level;
  for (const auto& c : s.counter_signatures) collect(c, f);
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, '\t')) out.push_back(field);
  return out;
}

TEST(XadesCorpus, DssXadesCasesShowTheirReaderFacts) {
  ASSAY_REQUIRE_SHARED();
  const fs::path dir = ::assay::testing::shared_dir() / "validation-conformance/dss-signatures";
  if (!fs::exists(dir / "cases.tsv")) {
    if (::assay::testing::corpus_required()) FAIL() << "missing " << dir;
    GTEST_SKIP() << "no " << dir;
  }
  std::ifstream tsv(dir / "cases.tsv");
  std::string line;
  int checked = 0;
  std::ostringstream table;
  table << "case\texpected\tsigs\tfound\tintact\tsigner\tvalue\tlevels\n";
  while (std::getline(tsv, line)) {
    if (line.empty() || line.front() == '#' || line.starts_with("id\t")) continue;
    const auto f = split_tabs(line);
    ASSERT_GE(f.size(), 6u) << line;
    if (f[3] != "XAdES") continue;  // CAdES, JAdES, ASiC: the next issue
    XadesReadOptions options;
    if (f[2] != "-") options.detached.push_back({fs::path(f[2]).filename().string(), ::assay::testing::read_bytes(dir / f[2])});
    auto doc = read_xades(::assay::testing::read_bytes(dir / f[1]), options);
    ASSERT_TRUE(doc.has_value()) << f[0] << ": " << doc.error().message();
    Facts facts;
    for (const auto& s : doc->signatures) collect(s, facts);
    table << f[0] << '\t' << f[5] << '\t' << facts.signatures << '\t' << facts.all_found << '\t' << facts.all_intact
          << '\t' << facts.signer_identified << '\t' << facts.value_valid << '\t' << facts.levels << '\n';
    ++checked;
    EXPECT_GE(facts.signatures, 1u) << f[0];
    const std::string& sub = f[5];
    // EN 319 102-1 basic validation: ISC (signing certificate), CV (references, value) come before
    // XCV, so a case expected to end at NO_CERTIFICATE_CHAIN_FOUND passed them all.
    if (sub == "NO_CERTIFICATE_CHAIN_FOUND") {
      EXPECT_TRUE(facts.all_found && facts.all_intact && facts.signer_identified && facts.value_valid) << f[0];
    } else if (sub == "SIGNED_DATA_NOT_FOUND") {
      EXPECT_FALSE(facts.all_found) << f[0];
    } else if (sub == "HASH_FAILURE") {
      EXPECT_FALSE(facts.all_intact) << f[0];
    } else if (sub == "SIG_CRYPTO_FAILURE") {
      EXPECT_TRUE(facts.signer_identified) << f[0];
      EXPECT_FALSE(facts.value_valid) << f[0];
    } else if (sub == "NO_SIGNING_CERTIFICATE_FOUND") {
      EXPECT_FALSE(facts.signer_identified) << f[0];
    }
  }
  std::cout << table.str();
  EXPECT_GE(checked, 15);
}

std::vector<fs::path> xml_files(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".xml") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(XadesCorpus, EveryRealTrustedListReadsAsAnOrdinarySignature) {
  ASSAY_REQUIRE_SHARED();
  std::size_t lists = 0;
  for (const char* sub : {"eu-2019-09", "eu-2026-08", "lotl-history", "tl-history", "pivots"}) {
    for (const auto& file : xml_files(::assay::testing::shared_dir() / "corpus" / sub)) {
      const std::string bytes = ::assay::testing::read_bytes(file);
      auto doc = read_xades(bytes);
      ASSERT_TRUE(doc.has_value()) << file << ": " << doc.error().message();
      ASSERT_EQ(doc->signatures.size(), 1u) << file;
      const auto& s = doc->signatures[0];
      ++lists;
      for (const auto& r : s.references) EXPECT_TRUE(r.found && r.intact) << file << " " << r.uri << ": " << r.message;
      EXPECT_NE(s.signing_certificate, nullptr) << file;
      EXPECT_TRUE(s.signature_value_valid) << file;
      EXPECT_TRUE(s.attributes.signing_certificate_digest_matches) << file;
      EXPECT_TRUE(s.attributes.signing_time.has_value()) << file;
      EXPECT_TRUE(s.level.starts_with("XAdES-")) << file << " " << s.level;
      ASSERT_FALSE(s.scope.empty()) << file;
      EXPECT_EQ(s.scope[0].kind, "full") << file;

      // One changed content byte (inside the first TSLVersionIdentifier's text or the first
      // element name's text node) breaks the whole-document reference and nothing else.
      std::string changed = bytes;
      const auto pos = changed.find("TSLVersionIdentifier>");
      ASSERT_NE(pos, std::string::npos) << file;
      char& digit = changed[pos + 21];
      digit = digit == '9' ? '8' : static_cast<char>(digit + 1);
      auto tampered = read_xades(changed);
      ASSERT_TRUE(tampered.has_value()) << file;
      const auto& t = tampered->signatures.at(0);
      const auto broken = std::count_if(t.references.begin(), t.references.end(),
                                        [](const SignedReference& r) { return r.found && !r.intact; });
      EXPECT_EQ(broken, 1) << file;
      EXPECT_TRUE(t.signature_value_valid) << file;
    }
  }
  EXPECT_EQ(lists, 110u);
}

}  // namespace
}  // namespace assay::validation::xades
