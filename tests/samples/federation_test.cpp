// Consistency of the sample federation: what the generator writes is what its scenario table
// says (lists parse and verify with the signer they claim, chains link to the intended service
// identity, expected.tsv covers every scenario and is reproducible), the command refuses bad
// input without leaving anything behind, and the engine's authentication agrees with
// expected-authentication.tsv (the engine is compared with the table, never used to write it).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "engine/x509/certificate.h"
#include "engine/xml/document.h"
#include "engine/xmldsig/findings.h"
#include "engine/xmldsig/verifier.h"
#include "samples/federation.h"
#include "samples/scenarios.h"
#include "tests/support/corpus.h"
#include "tests/support/run_assay.h"
#include "tsl/federation_authentication.h"
#include "tsl/finding_ids.h"
#include "tsl/parser.h"

namespace assay::samples {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::read_bytes;

const fs::path kCommitted = fs::path(ASSAY_SOURCE_DIR) / "samples" / "federation";

engine::UtcTime default_now() { return *engine::parse_utc_time(kDefaultNow); }

std::vector<std::vector<std::string>> read_tsv(const fs::path& path) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(read_bytes(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) {
      cells.push_back(line.substr(start, tab - start));
    }
    cells.push_back(line.substr(start));
    rows.push_back(std::move(cells));
  }
  return rows;
}

// url -> file, from urls.tsv.
std::map<std::string, fs::path> url_map(const fs::path& dir) {
  std::map<std::string, fs::path> out;
  for (const auto& r : read_tsv(dir / "urls.tsv")) out[r.at(0)] = dir / r.at(1);
  return out;
}

engine::CertificatePtr pem_certificate(const fs::path& path) {
  auto chain = engine::Certificate::parse_pem_chain(read_bytes(path));
  EXPECT_TRUE(chain.has_value()) << path;
  return chain ? chain->front() : nullptr;
}

// The signer each document claims (by file name), as the generator documents it.
std::string claimed_signer(const std::string& file) {
  if (file == "lotl/lotl.xml") return "oj-new";
  if (file == "lotl/pivot-1.xml") return "oj-old";
  if (file.find("unannounced") != std::string::npos) return "xa-rogue-signer";
  const auto slash = file.find('/');
  std::string t = file.substr(slash + 1, 2);
  for (auto& c : t) c = static_cast<char>(c - 'A' + 'a');
  return t + "-signer";
}

class GeneratedFederation : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new fs::path(fs::temp_directory_path() / ("assay-samples-" + std::to_string(::getpid())));
    fs::remove_all(*root_);
    fs::create_directories(*root_);
    const auto r = generate_federation(*root_ / "fed", default_now(), Overwrite::kRefuse);
    ASSERT_TRUE(r.has_value()) << r.error().message();
  }
  static void TearDownTestSuite() {
    fs::remove_all(*root_);
    delete root_;
  }
  static fs::path dir() { return *root_ / "fed"; }
  static fs::path* root_;
};
fs::path* GeneratedFederation::root_ = nullptr;

// --- checks shared by the fresh and the committed federation ---

void check_lists_parse_and_verify(const fs::path& dir) {
  const auto statuses = read_tsv(dir / "expected-authentication.tsv");
  std::map<std::string, std::string> expected_status;
  for (std::size_t i = 1; i < statuses.size(); ++i) expected_status[statuses[i].at(0)] = statuses[i].at(1);
  const auto urls = read_tsv(dir / "urls.tsv");
  ASSERT_EQ(urls.size(), 11u);
  for (const auto& row : urls) {
    SCOPED_TRACE(row.at(1));
    const std::string bytes = read_bytes(dir / row.at(1));
    auto list = tsl::parse_trusted_list(bytes);
    ASSERT_TRUE(list.has_value()) << list.error().message();
    auto doc = engine::xml::Document::parse(bytes);
    ASSERT_TRUE(doc.has_value());
    auto report = engine::xmldsig::verify_enveloped_signature(**doc);
    ASSERT_TRUE(report.has_value()) << report.error().message();
    const std::string status = expected_status.at(row.at(0));
    namespace reason = engine::xmldsig::reason;
    if (status == "unsigned") {
      EXPECT_EQ(report->reason, reason::kUnsigned);
      continue;
    }
    if (status == "multiple_signatures") {
      EXPECT_EQ(report->reason, reason::kMultipleSignatures);
      continue;
    }
    if (status == "signature_invalid") {
      EXPECT_FALSE(report->valid());
      EXPECT_TRUE(report->has_finding(reason::kReferenceDigestMismatch)) << report->reason;
    } else {
      EXPECT_TRUE(report->valid()) << report->message;
    }
    const auto signer = pem_certificate(dir / "pki" / (claimed_signer(row.at(1)) + ".pem"));
    ASSERT_NE(signer, nullptr);
    EXPECT_EQ(report->signer_certificate, signer->der());
    EXPECT_EQ((*list)->scheme.version, 6);
    EXPECT_EQ((*list)->scheme.tsl_tag, "http://uri.etsi.org/19612/TSLTag");
    ASSERT_TRUE((*list)->scheme.issue_date_time && (*list)->scheme.next_update);
    EXPECT_LE(*(*list)->scheme.next_update - *(*list)->scheme.issue_date_time, std::chrono::days(184));
    EXPECT_EQ((*list)->scheme.historical_information_period, 65535u);
  }
}

const tsl::TspService* find_service(const tsl::TrustedList& list, const std::string& name) {
  for (const auto& tsp : list.tsps) {
    for (const auto& s : tsp.services) {
      if (tsl::preferred(s.current.names) == name) return &s;
    }
  }
  return nullptr;
}

void check_chains_link_to_services(const fs::path& dir) {
  std::map<std::string, std::shared_ptr<const tsl::TrustedList>> lists;
  for (const auto* t : {"XA", "XB", "XC"}) {
    auto l = tsl::parse_trusted_list(read_bytes(dir / "lists" / (std::string(t) + ".xml")));
    ASSERT_TRUE(l.has_value());
    lists[t] = *l;
  }
  std::map<std::string, ServiceSpec> by_id;
  for (const auto& s : services()) by_id.emplace(s.id, s);
  for (const auto& scenario : certificate_scenarios()) {
    SCOPED_TRACE(scenario.id);
    auto chain = engine::Certificate::parse_pem_chain(read_bytes(dir / "certs" / (scenario.id + ".pem")));
    ASSERT_TRUE(chain.has_value());
    ASSERT_EQ(chain->size(), 2u);
    const auto& ee = *(*chain)[0];
    const auto& ca = *(*chain)[1];
    const auto verified = ee.verify_signed_by(ca);
    ASSERT_TRUE(verified.has_value());
    EXPECT_TRUE(*verified) << "the issuer's key does not verify the end-entity certificate";
    EXPECT_TRUE(ee.issued_by_name(ca));
    EXPECT_FALSE(ee.is_ca());
    const ServiceSpec& spec = by_id.at(scenario.service);
    const tsl::TspService* service = find_service(*lists.at(spec.territory), spec.name);
    ASSERT_NE(service, nullptr) << spec.name;
    EXPECT_EQ(service->current.type, "http://uri.etsi.org/TrstSvc/Svctype/" + spec.current.type);
    const engine::Certificate& listed = scenario.listed == CertificateScenario::Listed::kSelf ? ee : ca;
    bool found = false;
    for (const auto& id : service->current.identity.ids) {
      if (id.kind == tsl::DigitalId::Kind::kX509Certificate && id.certificate_der == listed.der()) found = true;
      if (id.kind == tsl::DigitalId::Kind::kX509Ski && listed.subject_key_id() == id.ski) found = true;
    }
    EXPECT_TRUE(found) << "the chain element is not in the ServiceDigitalIdentity of " << spec.id;
    EXPECT_EQ(ee.not_before(), *engine::parse_utc_time(scenario.profile.not_before));
  }
}

void check_expected_tsv(const fs::path& dir) {
  const auto rows = read_tsv(dir / "expected.tsv");
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0], (std::vector<std::string>{"certificate", "at", "issuance_qc", "issuance_type", "issuance_qscd", "at_qc",
                                               "at_type", "at_qscd", "label", "rule"}));
  const std::set<std::string> labels = {"QESig", "QESeal", "AdESig-QC", "AdESeal-QC", "Unknown-QC", "Unknown-QC-QSCD",
                                        "AdESig", "AdESeal", "Unknown", "Not AdES", "N/A"};
  std::set<std::string> covered;
  std::set<std::string> rules;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    SCOPED_TRACE(r.at(0));
    ASSERT_EQ(r.size(), 10u);
    covered.insert(r[0]);
    EXPECT_TRUE(engine::parse_utc_time(r[1]).has_value());
    for (const int q : {2, 5}) {
      EXPECT_THAT(r[q], ::testing::AnyOf("yes", "no", "na"));
      EXPECT_THAT(r[q + 1], ::testing::AnyOf("esig", "eseal", "wsa", "unknown"));
      EXPECT_THAT(r[q + 2], ::testing::AnyOf("yes", "no", "na"));
      if (r[q] != "yes") {
        EXPECT_EQ(r[q + 2], "na");
      }
    }
    EXPECT_TRUE(labels.contains(r[8])) << r[8];
    EXPECT_EQ(r[8] == "N/A", r[2] == "na" || r[5] == "na");
    EXPECT_FALSE(r[9].empty());
    rules.insert(r[9]);
  }
  std::set<std::string> scenarios;
  for (const auto& s : certificate_scenarios()) scenarios.insert(s.id);
  EXPECT_EQ(covered, scenarios);
  std::set<std::string> files;
  for (const auto& e : fs::directory_iterator(dir / "certs")) files.insert(e.path().stem().string());
  EXPECT_EQ(files, scenarios);
  // One rule per QUALIFICATION.md step at least (names as in the table).
  for (const char* rule : {"type-filter-asi", "qualifier-QCStatement", "qualifier-NotQualified", "qualifier-QCWithQSCD",
                           "qualifier-QCNoQSCD", "qualifier-QCQSCDManagedOnBehalf", "qualifier-QCQSCDStatusAsInCert",
                           "qualifier-QCForESig", "qualifier-QCForESeal", "qualifier-QCForWSA", "qualifier-QCForLegalPerson",
                           "conflict-not-applicable", "granted-filter-withdrawn", "granted-pre-eidas-statuses",
                           "consistency-qcstatement-with-notqualified", "consistency-with-and-no-qscd",
                           "consistency-statusasincert-with-explicit-qscd", "consistency-two-usage-qualifiers",
                           "consistency-legal-person-with-qcforesig", "consistency-usage-qualifier-without-asi",
                           "qc-pre-eidas-qcp-plus", "qc-pre-eidas-qcp-policy", "qc-cclegislation",
                           "granted-filter-withdrawn-after-issuance",
                           // QUALIFICATION.md steps 1, 4, 5, 7 as corrected (issue 13)
                           "criteria-crlsign-false-all", "criteria-crlsign-true-all", "criteria-crlsign-true-atleastone",
                           "criteria-crlsign-false-atleastone", "criteria-crlsign-true-none", "criteria-crlsign-false-none",
                           "criteria-two-bit-key-usage", "criteria-contentcommitment-alias",
                           "criteria-unknown-bit-name-undetermined", "coherence-pre-eidas-status-after-eidas",
                           "consistency-sscd-qualifiers-on-post-eidas-state", "conflict-granted-and-withdrawn"}) {
    EXPECT_TRUE(rules.contains(rule)) << rule;
  }
}

// Authenticates the federation with the engine and compares with expected-authentication.tsv.
void check_authentication(const fs::path& dir, const std::string& anchor) {
  const auto urls = url_map(dir);
  const tsl::DocumentSource source = [&urls](const std::string& url) -> engine::Result<std::string> {
    const auto it = urls.find(url);
    if (it == urls.end()) return engine::fail(engine::Code::kNotFound, url);
    return read_bytes(it->second);
  };
  const tsl::SignerSet anchors = tsl::SignerSet::from_der({pem_certificate(dir / "oj" / anchor)->der()});
  tsl::FederationOptions options;
  options.lotl.trust_time = default_now();
  const auto fed = tsl::authenticate_federation(kLotlUrl, anchors, source, options);

  std::map<std::string, std::vector<std::string>> expected;
  const auto rows = read_tsv(dir / "expected-authentication.tsv");
  for (std::size_t i = 1; i < rows.size(); ++i) expected[rows[i].at(0)] = rows[i];
  ASSERT_EQ(expected.size(), urls.size());

  EXPECT_EQ(tsl::auth_status_name(fed.lotl.lotl.status), expected.at(kLotlUrl).at(1)) << fed.lotl.lotl.detail;
  ASSERT_EQ(fed.lotl.pivots.size(), 1u);
  const auto& pivot = fed.lotl.pivots[0];
  if (anchor == "old-anchor.pem") {
    EXPECT_EQ(tsl::auth_status_name(pivot.verdict), expected.at(pivot.url).at(1)) << pivot.detail;
  } else {
    EXPECT_EQ(pivot.verdict, tsl::AuthStatus::kSignerNotTrusted);  // the new anchor skips the old pivot
  }
  ASSERT_EQ(fed.lists.size(), 3u);  // XA, XB, XC; the PDF pointer is not a list
  std::map<std::string, const tsl::OtherTslPointer*> pointers;
  std::map<std::string, std::uint64_t> sequences;
  for (const auto& p : fed.lotl_document->list->scheme.pointers) {
    if (tsl::is_xml_list_pointer(p) && p.tsl_type != "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists") {
      pointers[p.territory] = &p;
    }
  }
  for (const auto& outcome : fed.lists) {
    SCOPED_TRACE(outcome.url);
    EXPECT_EQ(tsl::auth_status_name(outcome.authentication.status), expected.at(outcome.url).at(1))
        << outcome.authentication.detail;
    sequences[outcome.territory()] = outcome.sequence();
  }
  for (const auto& d : damaged_lists()) {
    SCOPED_TRACE(d.file);
    const auto& row = expected.at(kBaseUrl + d.file);
    auto loaded = tsl::load_list(kBaseUrl + d.file, read_bytes(dir / d.file));
    ASSERT_TRUE(loaded.has_value());
    const auto a = tsl::authenticate_pointed_list(*loaded, *pointers.at(d.territory), default_now());
    EXPECT_EQ(tsl::auth_status_name(a.status), row.at(1)) << a.detail;
    EXPECT_EQ(row.at(3), d.notes);
    bool expired = false;
    for (const auto& f : a.findings) expired = expired || f.id == tsl::finding::kExpired;
    EXPECT_EQ(expired, d.notes == "expired");
    const bool regression = loaded->list->scheme.sequence_number < sequences.at(d.territory);
    EXPECT_EQ(regression, d.notes == "sequence_regression");
  }
}

// The list states of the audit's list-state cases (docs/audit.md): the rolled-back XA sequence 6
// still shows xa-qc-withdrawn granted (sequence 7 withdrew it); the pivot-era pivot points to XD,
// signed by the old anchor, while the current LOTL does not; XD verifies with its own signer.
void check_list_states(const fs::path& dir) {
  auto status_of = [&](const std::string& file, const std::string& service) {
    auto list = tsl::parse_trusted_list(read_bytes(dir / file));
    EXPECT_TRUE(list.has_value()) << file;
    const tsl::TspService* s = list ? find_service(**list, service) : nullptr;
    EXPECT_NE(s, nullptr) << file << ": " << service;
    return s == nullptr ? std::string() : s->current.status;
  };
  const std::string svc = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/";
  EXPECT_EQ(status_of("lists/XA.xml", "Sample XA QC withdrawn in 2025"), svc + "withdrawn");
  EXPECT_EQ(status_of("damaged/XA-sequence-regression.xml", "Sample XA QC withdrawn in 2025"), svc + "granted");
  EXPECT_EQ(status_of("pivot-era/XD.xml", "Sample XD QC for eSignatures"), svc + "granted");

  auto territories = [&](const std::string& file) {
    std::set<std::string> out;
    auto list = tsl::parse_trusted_list(read_bytes(dir / file));
    EXPECT_TRUE(list.has_value()) << file;
    if (list) {
      for (const auto& p : (*list)->scheme.pointers) {
        if (tsl::is_xml_list_pointer(p)) out.insert(p.territory);
      }
    }
    return out;
  };
  EXPECT_EQ(territories("lotl/lotl.xml"), (std::set<std::string>{"XA", "XB", "XC"}));
  EXPECT_EQ(territories("lotl/pivot-1.xml"), (std::set<std::string>{"XA", "XB", "XC"}));
  EXPECT_EQ(territories("pivot-era/pivot-1.xml"), (std::set<std::string>{"XA", "XB", "XC", "XD"}));
  for (const auto& [file, signer] : std::map<std::string, std::string>{{"pivot-era/pivot-1.xml", "oj-old"}, {"pivot-era/XD.xml", "xd-signer"}}) {
    auto doc = engine::xml::Document::parse(read_bytes(dir / file));
    ASSERT_TRUE(doc.has_value()) << file;
    auto report = engine::xmldsig::verify_enveloped_signature(**doc);
    ASSERT_TRUE(report.has_value()) << file;
    EXPECT_TRUE(report->valid()) << file << ": " << report->message;
    EXPECT_EQ(report->signer_certificate, pem_certificate(dir / "pki" / (signer + ".pem"))->der()) << file;
  }
  const auto map = read_tsv(dir / "urls-pivot-era.tsv");
  std::map<std::string, std::string> served;
  for (const auto& r : map) served[r.at(0)] = r.at(1);
  EXPECT_EQ(served.at(std::string(kBaseUrl) + "lotl/pivot-1.xml"), "pivot-era/pivot-1.xml");
  EXPECT_EQ(served.at(std::string(kBaseUrl) + "lists/XD.xml"), "pivot-era/XD.xml");
  EXPECT_EQ(served.at(kLotlUrl), "lotl/lotl.xml");
  const auto rows = read_tsv(dir / "expected-pivot-era.tsv");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].at(0), "pivot-era-esig");
  EXPECT_EQ(rows[1].at(8), "AdESig");
  EXPECT_TRUE(fs::exists(dir / "pivot-era" / "pivot-era-esig.pem"));
}

TEST_F(GeneratedFederation, ListStatesOfTheAuditCasesAreAsDocumented) { check_list_states(dir()); }
TEST(CommittedFederation, ListStatesOfTheAuditCasesAreAsDocumented) { check_list_states(kCommitted); }

TEST_F(GeneratedFederation, ListsParseAndVerifyWithTheSignerTheyClaim) { check_lists_parse_and_verify(dir()); }
TEST_F(GeneratedFederation, ChainsLinkToTheIntendedServiceIdentity) { check_chains_link_to_services(dir()); }
TEST_F(GeneratedFederation, ExpectedTsvCoversEveryScenario) { check_expected_tsv(dir()); }
TEST_F(GeneratedFederation, EngineAuthenticationMatchesTheTable) { check_authentication(dir(), "old-anchor.pem"); }
TEST_F(GeneratedFederation, NewAnchorAuthenticatesTheLotlDirectly) { check_authentication(dir(), "new-anchor.pem"); }

TEST_F(GeneratedFederation, RevocationDataIsThere) {
  for (const char* f : {"revocation/xa-qc-esig-ca.crl", "revocation/esig-qscd.ocsp", "revocation/esig-no-qscd.ocsp"}) {
    EXPECT_GT(fs::file_size(dir() / f), 100u) << f;
  }
}

TEST_F(GeneratedFederation, RegeneratingWithTheSameNowGivesIdenticalTables) {
  const fs::path again = *root_ / "again";
  ASSERT_TRUE(generate_federation(again, default_now(), Overwrite::kRefuse).has_value());
  for (const char* f : {"expected.tsv", "expected-authentication.tsv", "expected-tsa.tsv", "urls.tsv", "README.md",
                        "expected-pivot-era.tsv", "urls-pivot-era.tsv"}) {
    EXPECT_EQ(read_bytes(dir() / f), read_bytes(again / f)) << f;
  }
  // Keys are fresh: the certificates differ, so the comparison above is not of one run with itself.
  EXPECT_NE(read_bytes(dir() / "oj/old-anchor.pem"), read_bytes(again / "oj/old-anchor.pem"));
  std::set<std::string> a, b;
  for (const auto& e : fs::recursive_directory_iterator(dir())) a.insert(fs::relative(e.path(), dir()).string());
  for (const auto& e : fs::recursive_directory_iterator(again)) b.insert(fs::relative(e.path(), again).string());
  EXPECT_EQ(a, b);
  fs::remove_all(again);
}

TEST_F(GeneratedFederation, ReadmeIndexesEveryFile) {
  const std::string readme = read_bytes(dir() / "README.md");
  for (const auto& e : fs::recursive_directory_iterator(dir())) {
    if (!e.is_regular_file()) continue;
    EXPECT_THAT(readme, HasSubstr("`" + fs::relative(e.path(), dir()).string() + "`"));
  }
  for (const auto& s : certificate_scenarios()) EXPECT_THAT(readme, HasSubstr("`" + s.id + "`"));
}

// --- the committed copy ---

TEST(CommittedFederation, IsConsistentAndAuthenticatesAtTheReferenceInstant) {
  ASSERT_TRUE(fs::exists(kCommitted / "urls.tsv")) << kCommitted;
  check_lists_parse_and_verify(kCommitted);
  check_chains_link_to_services(kCommitted);
  check_expected_tsv(kCommitted);
  check_authentication(kCommitted, "old-anchor.pem");
}

TEST(CommittedFederation, TablesMatchTheGenerator) {
  const fs::path tmp = fs::temp_directory_path() / ("assay-samples-cmp-" + std::to_string(::getpid()));
  ASSERT_TRUE(generate_federation(tmp, default_now(), Overwrite::kReplace).has_value());
  for (const char* f : {"expected.tsv", "expected-authentication.tsv", "expected-tsa.tsv", "urls.tsv", "README.md",
                        "expected-pivot-era.tsv", "urls-pivot-era.tsv"}) {
    EXPECT_EQ(read_bytes(kCommitted / f), read_bytes(tmp / f)) << f << " is stale: regenerate samples/federation";
  }
  fs::remove_all(tmp);
}

// --- bad input: clear errors, nothing left behind ---

class GenerateErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("assay-samples-err-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::set<std::string> entries() const {
    std::set<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir_)) out.insert(fs::relative(e.path(), dir_).string());
    return out;
  }
  fs::path dir_;
};

TEST_F(GenerateErrors, NonEmptyOutputIsRefusedWithoutForce) {
  fs::create_directories(dir_ / "out");
  std::ofstream(dir_ / "out" / "keep.txt") << "mine";
  const auto r = generate_federation(dir_ / "out", default_now(), Overwrite::kRefuse);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), engine::Code::kInvalidArgument);
  EXPECT_THAT(r.error().message(), HasSubstr("is not empty (use --force"));
  EXPECT_EQ(entries(), (std::set<std::string>{"out", "out/keep.txt"}));
}

TEST_F(GenerateErrors, ForceReplacesTheFolderAtomically) {
  fs::create_directories(dir_ / "out");
  std::ofstream(dir_ / "out" / "old.txt") << "old";
  ASSERT_TRUE(generate_federation(dir_ / "out", default_now(), Overwrite::kReplace).has_value());
  EXPECT_FALSE(fs::exists(dir_ / "out" / "old.txt"));
  EXPECT_TRUE(fs::exists(dir_ / "out" / "lotl" / "lotl.xml"));
  for (const auto& e : fs::directory_iterator(dir_)) EXPECT_EQ(e.path().filename(), "out");  // no temp folders left
}

TEST_F(GenerateErrors, EmptyExistingFolderIsUsed) {
  fs::create_directories(dir_ / "out");
  ASSERT_TRUE(generate_federation(dir_ / "out", default_now(), Overwrite::kRefuse).has_value());
  EXPECT_TRUE(fs::exists(dir_ / "out" / "expected.tsv"));
}

TEST_F(GenerateErrors, OutputThatIsAFileIsRefused) {
  std::ofstream(dir_ / "file") << "x";
  const auto r = generate_federation(dir_ / "file", default_now(), Overwrite::kReplace);
  ASSERT_FALSE(r.has_value());
  EXPECT_THAT(r.error().message(), HasSubstr("is not a directory"));
  EXPECT_EQ(entries(), (std::set<std::string>{"file"}));
}

TEST_F(GenerateErrors, UnwritablePathIsAClearErrorAndLeavesNothing) {
  std::ofstream(dir_ / "file") << "x";
  const auto r = generate_federation(dir_ / "file" / "sub" / "out", default_now(), Overwrite::kRefuse);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), engine::Code::kUnavailable);
  EXPECT_THAT(r.error().message(), HasSubstr("cannot create"));
  EXPECT_EQ(entries(), (std::set<std::string>{"file"}));
}

testing::RunResult run_assay(const std::string& args) {
  return testing::run_assay(ASSAY_BINARY, args, testing::Stderr::kMerge);
}

TEST_F(GenerateErrors, CommandRejectsABadNow) {
  const auto r = run_assay("samples generate --out " + (dir_ / "out").string() + " --now 2026-13-45");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.out, HasSubstr("assay: --now: '2026-13-45' is not an RFC 3339 instant"));
  EXPECT_TRUE(entries().empty());
}

TEST_F(GenerateErrors, CommandRejectsANonEmptyOutput) {
  fs::create_directories(dir_ / "out");
  std::ofstream(dir_ / "out" / "keep.txt") << "mine";
  const auto r = run_assay("samples generate --out " + (dir_ / "out").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.out, HasSubstr("is not empty (use --force to replace it)"));
  EXPECT_EQ(entries(), (std::set<std::string>{"out", "out/keep.txt"}));
}

TEST_F(GenerateErrors, CommandRejectsAnUnwritablePath) {
  std::ofstream(dir_ / "file") << "x";
  const auto r = run_assay("samples generate --out " + (dir_ / "file" / "out").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.out, HasSubstr("cannot create"));
  EXPECT_EQ(entries(), (std::set<std::string>{"file"}));
}

TEST_F(GenerateErrors, CommandWritesTheFederation) {
  const auto r = run_assay("samples generate --out " + (dir_ / "out").string() + " --now 2026-01-15T00:00:00Z");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("wrote the sample federation"));
  EXPECT_TRUE(fs::exists(dir_ / "out" / "lists" / "XA.xml"));
}

}  // namespace
}  // namespace assay::samples
