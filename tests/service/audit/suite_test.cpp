// Reading audit suites (service/audit/suite.h): the documented format, and every way a suite can
// be wrong is refused naming the file and the key.
#include "service/audit/suite.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

namespace assay::service::audit {
namespace {

namespace fs = std::filesystem;

class SuiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("assay-suite-test-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_ / "cases");
    fs::create_directories(dir_ / "inputs");
    write("inputs/signed.xml", "<x/>");
    write("inputs/ee.pem", "not really a certificate; the reader only checks it exists");
    write("suite.toml", R"([suite]
name = "unit"
version = "1"
description = "a unit-test suite"
[trust]
anchors = ["inputs/ee.pem"]
trust_time = "2026-01-01T00:00:00Z"
)");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& rel, const std::string& text) {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel, std::ios::binary) << text;
  }
  void write_case(const std::string& name, const std::string& body) { write("cases/" + name, body); }

  static std::string signature_case(const std::string& id, const std::string& extra = "") {
    return "id = \"" + id + R"("
question = "signature"
document = "inputs/signed.xml"
at = "2026-06-01T00:00:00Z"
)" + extra + R"(
[expected]
indication = "TOTAL_FAILED"
subindication = "HASH_FAILURE"
[requirement]
clause = "EN 319 102-1 5.2.7"
text = "A signature over altered content is TOTAL_FAILED / HASH_FAILURE."
)";
  }

  fs::path dir_;
};

TEST_F(SuiteTest, ReadsTheDocumentedFormatInFileNameOrder) {
  write_case("02-cert.toml", R"(id = "cert"
question = "certificate"
certificates = ["inputs/ee.pem"]
at = "2026-06-01T00:00:00Z"
[expected]
indication = "PASSED"
[requirement]
clause = "EN 319 102-1 5.2.6"
text = "A valid certificate passes."
[tolerance]
subindications = ["TRY_LATER"]
)");
  write_case("01-sig.toml", signature_case("sig"));
  auto suite = read_suite(dir_);
  ASSERT_TRUE(suite) << suite.error().message();
  EXPECT_EQ(suite->name, "unit");
  EXPECT_EQ(suite->version, "1");
  ASSERT_EQ(suite->cases.size(), 2u);
  EXPECT_EQ(suite->cases[0].id, "sig");
  EXPECT_EQ(suite->cases[0].question, Question::kSignature);
  EXPECT_TRUE(suite->cases[0].document.is_absolute());
  EXPECT_EQ(suite->cases[0].expected.subindication, "HASH_FAILURE");
  EXPECT_EQ(suite->cases[0].requirement.clause, "EN 319 102-1 5.2.7");
  EXPECT_EQ(suite->cases[1].id, "cert");
  EXPECT_EQ(suite->cases[1].tolerance.subindications, std::vector<std::string>{"TRY_LATER"});
  EXPECT_EQ(engine::format_utc_time(*suite->trust.trust_time), "2026-01-01T00:00:00Z");
  ASSERT_EQ(suite->trust.anchors.size(), 1u);
}

TEST_F(SuiteTest, TheSuiteHashChangesWithAnyFile) {
  write_case("01-sig.toml", signature_case("sig"));
  auto a = read_suite(dir_);
  ASSERT_TRUE(a) << a.error().message();
  write("inputs/signed.xml", "<y/>");
  auto b = read_suite(dir_);
  ASSERT_TRUE(b) << b.error().message();
  EXPECT_NE(a->sha256, b->sha256);
}

struct BadCase {
  std::string name;
  std::string body;
  std::string message;  // a part of the error message
};

TEST_F(SuiteTest, RefusesBadCasesNamingTheKey) {
  const std::vector<BadCase> bad = {
      {"unknown key", signature_case("a", "subindcation = \"X\""), "subindcation: unknown key"},
      {"path leaves", signature_case("a", "detached = [\"../outside\"]"), "leaves the suite folder"},
      {"absolute path", signature_case("a", "detached = [\"/etc/passwd\"]"), "is absolute"},
      {"missing file", signature_case("a", "detached = [\"inputs/none\"]"), "is not a file of the suite"},
      {"bad id", signature_case("a/b"), "id: 'a/b'"},
      {"bad time", R"(id = "a"
question = "signature"
document = "inputs/signed.xml"
at = "yesterday"
)", "at: 'yesterday'"},
      {"no expected", R"(id = "a"
question = "signature"
document = "inputs/signed.xml"
at = "2026-06-01T00:00:00Z"
[requirement]
clause = "x"
text = "y"
)", "expected: missing"},
      {"wrong indication", R"(id = "a"
question = "certificate"
certificates = ["inputs/ee.pem"]
at = "2026-06-01T00:00:00Z"
[expected]
indication = "TOTAL_PASSED"
[requirement]
clause = "x"
text = "y"
)", "is not an indication of a certificate question"},
      {"no requirement", R"(id = "a"
question = "signature"
document = "inputs/signed.xml"
at = "2026-06-01T00:00:00Z"
[expected]
indication = "TOTAL_PASSED"
)", "requirement: missing"},
      {"bad question", R"(id = "a"
question = "vibes"
at = "2026-06-01T00:00:00Z"
)", "question: 'vibes'"},
      {"toml syntax", "id = ", "01.toml"},
      {"alternative mixes passed", R"(id = "a"
question = "certificate"
certificates = ["inputs/ee.pem"]
at = "2026-06-01T00:00:00Z"
[expected]
indication = "FAILED"
also_indications = ["PASSED"]
[requirement]
clause = "x"
text = "y"
)", "expected.also_indications: 'PASSED'"},
      {"sub-indication alternatives on passed", R"(id = "a"
question = "certificate"
certificates = ["inputs/ee.pem"]
at = "2026-06-01T00:00:00Z"
[expected]
indication = "PASSED"
also_subindications = ["REVOKED"]
[requirement]
clause = "x"
text = "y"
)", "expected.also_subindications"},
  };
  for (const auto& b : bad) {
    fs::remove_all(dir_ / "cases");
    write_case("01.toml", b.body);
    auto suite = read_suite(dir_);
    ASSERT_FALSE(suite) << b.name;
    EXPECT_NE(suite.error().message().find(b.message), std::string::npos) << b.name << ": " << suite.error().message();
  }
}

TEST_F(SuiteTest, RefusesDuplicateIdsAndAnEmptySuite) {
  auto empty = read_suite(dir_);
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message().find("no case"), std::string::npos);
  write_case("01.toml", signature_case("same"));
  write_case("02.toml", signature_case("same"));
  auto dup = read_suite(dir_);
  ASSERT_FALSE(dup);
  EXPECT_NE(dup.error().message().find("'same' is used by another case"), std::string::npos) << dup.error().message();
}

TEST_F(SuiteTest, RefusesASymlinkOutOfTheSuite) {
  fs::create_symlink("/etc/hostname", dir_ / "inputs" / "link");
  write_case("01.toml", signature_case("a", "detached = [\"inputs/link\"]"));
  auto suite = read_suite(dir_);
  ASSERT_FALSE(suite);
  EXPECT_NE(suite.error().message().find("resolves outside the suite folder"), std::string::npos) << suite.error().message();
}

TEST_F(SuiteTest, AMirrorNeedsItsLotlUrlAndOjAnchors) {
  write("inputs/urls.tsv", "");
  write("suite.toml", R"([suite]
name = "unit"
version = "1"
[trust]
mirror = "inputs/urls.tsv"
oj_anchors = ["inputs/ee.pem"]
)");
  write_case("01.toml", signature_case("a"));
  auto suite = read_suite(dir_);
  ASSERT_FALSE(suite);
  EXPECT_NE(suite.error().message().find("trust.lotl_url: missing"), std::string::npos) << suite.error().message();
}

// A case's own list state (suite.h CaseTrust): read with its mirrors in order; every mistake named.
TEST_F(SuiteTest, ACaseTrustSetupIsReadAndCheckedNamingTheKey) {
  write("inputs/urls.tsv", "");
  write("inputs/urls-2.tsv", "");
  write("suite.toml", R"([suite]
name = "unit"
version = "1"
[trust]
mirror = "inputs/urls.tsv"
lotl_url = "https://lotl.invalid/lotl.xml"
oj_anchors = ["inputs/ee.pem"]
trust_time = "2026-01-01T00:00:00Z"
)");
  write_case("01.toml", signature_case("a") + R"([trust]
mirrors = ["inputs/urls.tsv", "inputs/urls-2.tsv"]
trust_time = "2026-02-01T00:00:00Z"
setup = "the lists of urls.tsv, then those of urls-2.tsv"
)");
  write_case("02.toml", signature_case("b"));
  auto suite = read_suite(dir_);
  ASSERT_TRUE(suite) << suite.error().message();
  ASSERT_EQ(suite->cases.size(), 2u);
  ASSERT_TRUE(suite->cases[0].trust.has_value());
  const CaseTrust& t = *suite->cases[0].trust;
  ASSERT_EQ(t.mirrors.size(), 2u);
  EXPECT_EQ(t.mirrors[0].filename(), "urls.tsv");
  EXPECT_EQ(t.mirrors[1].filename(), "urls-2.tsv");
  EXPECT_EQ(t.trust_time, engine::parse_utc_time("2026-02-01T00:00:00Z"));
  EXPECT_EQ(t.setup, "the lists of urls.tsv, then those of urls-2.tsv");
  EXPECT_FALSE(suite->cases[1].trust.has_value());

  const std::vector<BadCase> bad = {
      {"no mirrors", signature_case("a") + "[trust]\nsetup = \"x\"\n", "trust.mirrors: missing"},
      {"empty mirrors", signature_case("a") + "[trust]\nmirrors = []\nsetup = \"x\"\n", "trust.mirrors: missing"},
      {"no setup", signature_case("a") + "[trust]\nmirrors = [\"inputs/urls.tsv\"]\n", "trust.setup: missing"},
      {"mirror outside", signature_case("a") + "[trust]\nmirrors = [\"../x.tsv\"]\nsetup = \"x\"\n", "leaves the suite folder"},
      {"unknown key", signature_case("a") + "[trust]\nmirror = [\"inputs/urls.tsv\"]\nsetup = \"x\"\n", "trust.mirror: unknown key"},
      {"bad time", signature_case("a") + "[trust]\nmirrors = [\"inputs/urls.tsv\"]\nsetup = \"x\"\ntrust_time = \"soon\"\n",
       "trust.trust_time: 'soon'"},
      {"not a table", signature_case("a", "trust = 3"), "trust: expected a table"},
  };
  for (const auto& b : bad) {
    fs::remove_all(dir_ / "cases");
    write_case("01.toml", b.body);
    auto r = read_suite(dir_);
    ASSERT_FALSE(r) << b.name;
    EXPECT_NE(r.error().message().find(b.message), std::string::npos) << b.name << ": " << r.error().message();
  }
}

TEST_F(SuiteTest, ACaseTrustSetupNeedsTheSuitesLotlAndAnchors) {
  write("inputs/urls.tsv", "");
  write_case("01.toml", signature_case("a") + "[trust]\nmirrors = [\"inputs/urls.tsv\"]\nsetup = \"x\"\n");
  auto suite = read_suite(dir_);
  ASSERT_FALSE(suite);
  EXPECT_NE(suite.error().message().find("lotl_url and oj_anchors"), std::string::npos) << suite.error().message();
}

TEST(SuiteMissing, ANonexistentFolderIsNotFound) {
  auto suite = read_suite("/nonexistent/assay/suite");
  ASSERT_FALSE(suite);
  EXPECT_EQ(suite.error().code(), engine::Code::kNotFound);
}

}  // namespace
}  // namespace assay::service::audit
