// `assay audit run|verify|show` as a user runs them: a campaign of the sample federation's
// certificate expectations against the in-process target, sealed; verify / show; a tampered
// package and a wrong seal certificate; the exit codes of docs/audit.md.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "engine/base64.h"
#include "engine/crypto/private_key.h"
#include "engine/x509/certificate_builder.h"
#include "tests/support/run_assay.h"

namespace {

namespace fs = std::filesystem;
using assay::testing::run_assay;
using assay::testing::RunResult;
using assay::testing::Stderr;

const fs::path kFed = fs::path(ASSAY_SOURCE_DIR) / "samples/federation";

void write_sealer(const fs::path& dir, const std::string& name, bool tsa = false) {
  auto key = assay::engine::PrivateKey::generate(assay::engine::KeyAlgorithm::kEcP256);
  ASSERT_TRUE(key);
  assay::engine::CertificateSpec spec;
  spec.subject = {{"CN", name}};
  if (tsa) spec.extended_key_usages = {"1.3.6.1.5.5.7.3.8"};  // id-kp-timeStamping
  spec.not_before = assay::engine::parse_utc_time("2026-01-01T00:00:00Z").value();
  spec.not_after = assay::engine::parse_utc_time("2028-01-01T00:00:00Z").value();
  auto cert = assay::engine::build_self_signed(spec, *key);
  ASSERT_TRUE(cert);
  std::ofstream(dir / (name + ".key")) << key->to_pem().value();
  std::ofstream(dir / (name + ".pem")) << "-----BEGIN CERTIFICATE-----\n"
                                       << assay::engine::base64_encode((*cert)->der()) << "\n-----END CERTIFICATE-----\n";
}

class CliAuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("assay-cli-audit-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_ / "suite/cases");
    fs::copy(kFed, dir_ / "suite/federation", fs::copy_options::recursive);
    std::ofstream(dir_ / "suite/suite.toml") << R"([suite]
name = "cli"
version = "1"
[trust]
mirror = "federation/urls.tsv"
lotl_url = "https://federation.assay.invalid/lotl.xml"
oj_anchors = ["federation/oj/old-anchor.pem"]
trust_time = "2026-01-15T00:00:00Z"
)";
    add_case("good", "valid-good", "PASSED", "");
    add_case("revoked", "valid-revoked", "INDETERMINATE", "REVOKED_NO_POE");
    write_sealer(dir_, "auditor");
    write_sealer(dir_, "other");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void add_case(const std::string& id, const std::string& cert, const std::string& indication, const std::string& sub) {
    std::ofstream(dir_ / "suite/cases" / (id + ".toml"))
        << "id = \"" << id << "\"\nquestion = \"certificate\"\ncertificates = [\"federation/validation/" << cert
        << ".pem\"]\nocsp = [\"federation/revocation/" << cert << ".ocsp\"]\nat = \"2026-01-15T00:00:00Z\"\n[expected]\nindication = \""
        << indication << "\"\n" << (sub.empty() ? "" : "subindication = \"" + sub + "\"\n")
        << "[requirement]\nclause = \"EN 319 102-1 5.2.6\"\ntext = \"Revocation is checked.\"\n";
  }
  RunResult run(const std::string& out, const std::string& extra = "") const {
    return run_assay(ASSAY_BINARY, "audit run --suite " + (dir_ / "suite").string() + " --target assay --out " + (dir_ / out).string() +
                                       " --seal-key " + (dir_ / "auditor.key").string() + " --seal-cert " +
                                       (dir_ / "auditor.pem").string() + extra,
                     Stderr::kMerge);
  }

  fs::path dir_;
};

TEST_F(CliAuditTest, AConformingCampaignIsSealedAndVerifies) {
  const RunResult r = run("report.asice");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("2 cases: 2 Conforming against assay 0.1.0 in-process"), std::string::npos) << r.out;
  const RunResult v = run_assay(ASSAY_BINARY, "audit verify " + (dir_ / "report.asice").string() + " --seal-cert " +
                                                  (dir_ / "auditor.pem").string());
  EXPECT_EQ(v.exit_code, 0) << v.out;
  EXPECT_NE(v.out.find("intact: sealed by CN=auditor"), std::string::npos) << v.out;
  const RunResult s = run_assay(ASSAY_BINARY, "audit show " + (dir_ / "report.asice").string() + " --json");
  EXPECT_EQ(s.exit_code, 0) << s.out;
  EXPECT_NE(s.out.find("\"intact\": true"), std::string::npos) << s.out;
  EXPECT_NE(s.out.find("\"Conforming\": 2"), std::string::npos) << s.out;

  const RunResult wrong = run_assay(ASSAY_BINARY, "audit verify " + (dir_ / "report.asice").string() + " --seal-cert " +
                                                      (dir_ / "other.pem").string());
  EXPECT_EQ(wrong.exit_code, 1) << wrong.out;
  EXPECT_NE(wrong.out.find("not by the certificate given"), std::string::npos) << wrong.out;

  std::string bytes;
  {
    std::ifstream in(dir_ / "report.asice", std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  const auto at = bytes.find("\"Conforming\":2");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 13] = '3';
  std::ofstream(dir_ / "tampered.asice", std::ios::binary) << bytes;
  const RunResult t = run_assay(ASSAY_BINARY, "audit verify " + (dir_ / "tampered.asice").string());
  EXPECT_EQ(t.exit_code, 1) << t.out;
  EXPECT_NE(t.out.find("NOT INTACT"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("report.json"), std::string::npos) << t.out;
}

// Issue 17 item 4: the package is an ordinary ASiC-E. `assay validate` validates its seal as any
// signature — TOTAL_PASSED with the seal certificate (and the TSA's) as the anchors — at level
// B-B without a time-stamping unit and B-T with one; `audit verify` names the level and the
// time-stamp's time.
TEST_F(CliAuditTest, TheSealedPackageValidatesAsAnOrdinaryAsicEAtBaselineBAndT) {
  write_sealer(dir_, "tsa", true);
  const RunResult b = run("b.asice");
  ASSERT_EQ(b.exit_code, 0) << b.out;
  const RunResult t = run("t.asice", " --seal-tsa-key " + (dir_ / "tsa.key").string() + " --seal-tsa-cert " + (dir_ / "tsa.pem").string());
  ASSERT_EQ(t.exit_code, 0) << t.out;

  const RunResult vb = run_assay(ASSAY_BINARY, "audit verify " + (dir_ / "b.asice").string());
  EXPECT_EQ(vb.exit_code, 0) << vb.out;
  EXPECT_NE(vb.out.find("(XAdES-BASELINE-B)"), std::string::npos) << vb.out;
  EXPECT_EQ(vb.out.find("time-stamped"), std::string::npos) << vb.out;
  const RunResult vt = run_assay(ASSAY_BINARY, "audit verify " + (dir_ / "t.asice").string());
  EXPECT_EQ(vt.exit_code, 0) << vt.out;
  EXPECT_NE(vt.out.find("(XAdES-BASELINE-T)"), std::string::npos) << vt.out;
  EXPECT_NE(vt.out.find("time-stamped 20"), std::string::npos) << vt.out;
  EXPECT_NE(vt.out.find("by CN=tsa"), std::string::npos) << vt.out;

  const std::string anchors = " --anchor " + (dir_ / "auditor.pem").string() + " --anchor " + (dir_ / "tsa.pem").string() + " --json";
  for (const auto& [file, level] : {std::pair<std::string, std::string>{"b.asice", "XAdES-BASELINE-B"}, {"t.asice", "XAdES-BASELINE-T"}}) {
    const RunResult v = run_assay(ASSAY_BINARY, "validate " + (dir_ / file).string() + anchors);
    EXPECT_EQ(v.exit_code, 0) << file << ": " << v.out;
    EXPECT_NE(v.out.find("\"level\": \"" + level + "\""), std::string::npos) << file << ": " << v.out;
    EXPECT_NE(v.out.find("\"indication\": \"TOTAL_PASSED\""), std::string::npos) << file << ": " << v.out;
  }

  // A time-stamping service that does not answer is found out before the campaign runs (the
  // probe), with the reason, and nothing is written (remote_tsa_test.cpp: the service's answers).
  const RunResult url = run("u.asice", " --seal-tsa http://127.0.0.1:1/tsa");
  EXPECT_EQ(url.exit_code, 2) << url.out;
  EXPECT_NE(url.out.find("time-stamping service http://127.0.0.1:1/tsa: connect"), std::string::npos) << url.out;
  EXPECT_FALSE(fs::exists(dir_ / "u.asice"));
}

// `audit suites convert`: the kind detected from the set's header, the suite written; a folder that
// is no conformance set, an unknown --kind and an occupied --out exit 2 with the reason.
TEST_F(CliAuditTest, SuitesConvertWritesASuiteOrSaysWhyNot) {
  const fs::path set = dir_ / "set";
  fs::create_directories(set / "files");
  std::ofstream(set / "files/a.xml") << "<a/>";
  std::ofstream(set / "cases.tsv") << "id\tfile\tdetached_content\tformat\texpected_indication\texpected_subindication\tsource\tasserted_facts\n"
                                   << "one\tfiles/a.xml\t-\tXAdES\tINDETERMINATE\tNO_CERTIFICATE_CHAIN_FOUND\tasserted\tnothing\n";
  const RunResult ok = run_assay(ASSAY_BINARY, "audit suites convert --from " + set.string() + " --out " + (dir_ / "converted").string() +
                                                   " --now 2026-12-01T00:00:00Z");
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  EXPECT_NE(ok.out.find("(dss-signatures, 1 cases)"), std::string::npos) << ok.out;
  EXPECT_TRUE(fs::exists(dir_ / "converted/inputs/files/a.xml"));
  EXPECT_TRUE(fs::exists(dir_ / "converted/cases/one.toml"));

  const RunResult again = run_assay(ASSAY_BINARY, "audit suites convert --from " + set.string() + " --out " + (dir_ / "converted").string(),
                                    Stderr::kMerge);
  EXPECT_EQ(again.exit_code, 2) << again.out;
  EXPECT_NE(again.out.find("not an empty folder"), std::string::npos) << again.out;
  const RunResult kind = run_assay(ASSAY_BINARY, "audit suites convert --kind nist --from " + set.string() + " --out " + (dir_ / "k").string(),
                                   Stderr::kMerge);
  EXPECT_EQ(kind.exit_code, 2) << kind.out;
  EXPECT_NE(kind.out.find("expected pkits, ocsp, dss-signatures or eu-qualification"), std::string::npos) << kind.out;
  const RunResult none = run_assay(ASSAY_BINARY, "audit suites convert --from " + (dir_ / "suite").string() + " --out " + (dir_ / "n").string(),
                                   Stderr::kMerge);
  EXPECT_EQ(none.exit_code, 2) << none.out;
  EXPECT_NE(none.out.find("cases.tsv"), std::string::npos) << none.out;
}

TEST_F(CliAuditTest, FindingsExitOneAndUnusableInputExitsTwo) {
  add_case("wrong", "valid-revoked", "PASSED", "");
  const RunResult r = run("findings.asice");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("Minor non-conformity  wrong"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("3 cases: 2 Conforming, 1 Minor non-conformity"), std::string::npos) << r.out;

  const RunResult bad_target = run_assay(ASSAY_BINARY, "audit run --suite " + (dir_ / "suite").string() +
                                                           " --target nonsense --out " + (dir_ / "x.asice").string(),
                                         Stderr::kMerge);
  EXPECT_EQ(bad_target.exit_code, 2) << bad_target.out;
  EXPECT_NE(bad_target.out.find("dss:BASE"), std::string::npos) << bad_target.out;
  const RunResult no_suite = run_assay(ASSAY_BINARY, "audit run --suite /nonexistent --target assay --out x.asice", Stderr::kMerge);
  EXPECT_EQ(no_suite.exit_code, 2) << no_suite.out;
  const RunResult mismatch = run_assay(
      ASSAY_BINARY,
      "audit run --suite " + (dir_ / "suite").string() + " --target assay --out " + (dir_ / "m.asice").string() + " --seal-key " +
          (dir_ / "other.key").string() + " --seal-cert " + (dir_ / "auditor.pem").string(),
      Stderr::kMerge);
  EXPECT_EQ(mismatch.exit_code, 2) << mismatch.out;
  EXPECT_NE(mismatch.out.find("not the key of the seal certificate"), std::string::npos) << mismatch.out;
  const RunResult garbage = run_assay(ASSAY_BINARY, "audit verify " + (dir_ / "suite/suite.toml").string());
  EXPECT_EQ(garbage.exit_code, 1) << garbage.out;
}

// `assay serve --online` (the real binary, 127.0.0.1, the suite federation's mirror map: no
// network) audited through dss: with --target-fetches-revocation: the built-in certificates
// suite's cases that give CRL/OCSP files are Conforming (the server fetched the same data), the
// two that give none cannot be put to a fetching target (Not assessed): no findings, exit 0.
// Without --online the server is not a fetching target: the same flag then turns the file cases
// into non-conformities (it fetches nothing).
class ServeProcess {
 public:
  explicit ServeProcess(std::vector<std::string> args) {
    args.insert(args.begin(), {ASSAY_BINARY, "serve", "--listen", "127.0.0.1:0"});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int out[2];
    if (::pipe(out) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    if (posix_spawn(&pid_, ASSAY_BINARY, &actions, nullptr, argv.data(), environ) != 0) pid_ = 0;
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    std::string line;  // "assay serve: listening on http://127.0.0.1:PORT/"
    char c;
    while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
    ::close(out[0]);
    const auto at = line.find("http://127.0.0.1:");
    if (at != std::string::npos) url_ = line.substr(at, line.find('/', at + 7) - at);
  }
  ~ServeProcess() {
    if (pid_ == 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  const std::string& url() const { return url_; }

 private:
  pid_t pid_ = 0;
  std::string url_;
};

TEST(CliAuditOnlineServe, TheCertificatesSuiteThroughDssAgainstAnOnlineServe) {
  const fs::path dir = fs::temp_directory_path() / ("assay-cli-audit-online-" + std::to_string(std::random_device{}()));
  const RunResult generated = run_assay(ASSAY_BINARY, "audit suites generate --out " + (dir / "suites").string(), Stderr::kMerge);
  ASSERT_EQ(generated.exit_code, 0) << generated.out;
  const fs::path suite = dir / "suites/certificates";
  const fs::path fed = suite / "federation";
  auto serve = [&](bool online) {
    std::vector<std::string> args = {"--mirror", (fed / "mirror.tsv").string(), "--oj", (fed / "oj/old-anchor.pem").string(),
                                     "--lotl-url", "https://federation.assay.invalid/lotl.xml", "--trust-time",
                                     "2026-01-15T00:00:00Z", "--store", (dir / (online ? "store-online" : "store")).string()};
    if (online) args.insert(args.end(), {"--online", "--revocation-mirror", (fed / "mirror.tsv").string()});
    return std::make_unique<ServeProcess>(args);
  };
  // The first requests may meet the background refresh still running (503 "no trust snapshot
  // yet"): retried with backoff (250 ms, 500 ms, ... up to 12 s in all).
  auto campaign = [&](const ServeProcess& server, const std::string& out) {
    return run_assay(ASSAY_BINARY, "audit run --suite " + suite.string() + " --target dss:" + server.url() +
                                       "/services/rest --target-fetches-revocation --retries 6 --concurrency 2 --out " +
                                       (dir / out).string(),
                     Stderr::kMerge);
  };

  {
    auto online = serve(true);
    ASSERT_FALSE(online->url().empty());
    const RunResult all = campaign(*online, "all.asice");
    EXPECT_EQ(all.exit_code, 0) << all.out;
    EXPECT_NE(all.out.find("13 cases: 11 Conforming, 2 Not assessed"), std::string::npos) << all.out;
    EXPECT_NE(all.out.find("fetches it online"), std::string::npos) << all.out;

    // Without the two cases that give no revocation data: every case Conforming.
    for (const auto& e : fs::directory_iterator(suite / "cases")) {
      std::ifstream in(e.path());
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (text.find("crls = [\"") == std::string::npos && text.find("ocsp = [\"") == std::string::npos) fs::remove(e.path());
    }
    const RunResult fetched = campaign(*online, "fetched.asice");
    EXPECT_EQ(fetched.exit_code, 0) << fetched.out;
    EXPECT_NE(fetched.out.find("11 cases: 11 Conforming"), std::string::npos) << fetched.out;
  }
  {
    // The same flag against a serve that fetches nothing: the file cases are not answered right.
    auto offline = serve(false);
    ASSERT_FALSE(offline->url().empty());
    const RunResult wrong = campaign(*offline, "offline.asice");
    EXPECT_EQ(wrong.exit_code, 1) << wrong.out;
    EXPECT_EQ(wrong.out.find("11 cases: 11 Conforming"), std::string::npos) << wrong.out;
  }
  fs::remove_all(dir);
}

}  // namespace
