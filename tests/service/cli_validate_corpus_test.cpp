// `assay validate` on real trusted lists (../shared/corpus/eu-2026-08): a list is an ordinary
// enveloped XAdES signature, so with the certificate its signature carries as --anchor, at a time
// inside that certificate's validity, it is TOTAL_PASSED (exit 0); one changed byte of its content
// makes it TOTAL_FAILED / HASH_FAILURE (exit 1). A few lists of different operators: the CLI
// plumbing, not the conformance of every list (that is the XAdES corpus test's job). These three
// have self-signed signers; a CA-issued signer given as the only anchor (AT, BE, FR, ...) is
// NO_CERTIFICATE_CHAIN_FOUND today, since the path builder only takes an anchor as an issuer.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "engine/base64.h"
#include "tests/support/corpus.h"
#include "tests/support/run_assay.h"

namespace assay::testing {
namespace {

namespace fs = std::filesystem;

std::string first_between(const std::string& s, std::size_t from, const std::string& open, const std::string& close) {
  const auto a = s.find(open, from);
  if (a == std::string::npos) return {};
  const auto b = s.find(close, a + open.size());
  return b == std::string::npos ? std::string() : s.substr(a + open.size(), b - a - open.size());
}

class ValidateRealLists : public ::testing::TestWithParam<const char*> {};

TEST_P(ValidateRealLists, SignerAsAnchorPassesAndAChangedByteIsHashFailure) {
  ASSAY_REQUIRE_SHARED();
  const fs::path list = shared_dir() / "corpus" / "eu-2026-08" / (std::string(GetParam()) + ".xml");
  const std::string xml = read_bytes(list);
  ASSERT_FALSE(xml.empty()) << list;
  // The signer's certificate: the first X509Certificate after the SignatureValue.
  std::string b64 = first_between(xml, xml.rfind("SignatureValue"), "X509Certificate>", "</");
  std::erase_if(b64, [](char c) { return c == '\n' || c == '\r' || c == ' '; });
  auto der = engine::base64_decode(b64);
  ASSERT_TRUE(der && !der->empty()) << list;
  const fs::path dir = fs::temp_directory_path() / ("assay-validate-tl-" + std::to_string(::getpid()) + GetParam());
  fs::create_directories(dir);
  std::ofstream(dir / "signer.der", std::ios::binary) << *der;
  // Inside every chosen signer's validity, after the lists were signed.
  const std::string flags = " --anchor " + (dir / "signer.der").string() + " --at 2026-08-21T00:00:00Z --json";

  auto r = run_assay(ASSAY_BINARY, "validate " + list.string() + flags);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  auto v = boost::json::parse(r.out);
  EXPECT_EQ(v.at("signatures").at(0).at("indication"), "TOTAL_PASSED") << r.out;

  std::string changed = xml;
  // The first character of the scheme operator's name (text content, so the XML stays well formed).
  const auto name = changed.find("xml:lang=\"en\">", changed.find("SchemeOperatorName"));
  ASSERT_NE(name, std::string::npos);
  const auto letter = name + 15;
  changed[letter] = changed[letter] == 'x' ? 'y' : 'x';
  std::ofstream(dir / "changed.xml", std::ios::binary) << changed;
  r = run_assay(ASSAY_BINARY, "validate " + (dir / "changed.xml").string() + flags);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  v = boost::json::parse(r.out);
  EXPECT_EQ(v.at("signatures").at(0).at("indication"), "TOTAL_FAILED") << r.out;
  EXPECT_EQ(v.at("signatures").at(0).at("subindication"), "HASH_FAILURE") << r.out;
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Eu202608, ValidateRealLists, ::testing::Values("LU", "FI", "SE"));

}  // namespace
}  // namespace assay::testing
