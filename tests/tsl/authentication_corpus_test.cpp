// Authentication of the real EU trust backbone (2019 and 2026), the damaged variants, the
// synthetic pivot scenarios and the EU conformance lists. Trust times are pinned.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <unistd.h>

#include "engine/base64.h"

#include "engine/file.h"
#include "engine/net/mirror_fetcher.h"
#include "engine/x509/certificate.h"
#include "engine/xmldsig/verifier.h"
#include "tests/support/corpus.h"
#include "tests/tsl/support/finding_matchers.h"
#include "tsl/federation_authentication.h"
#include "tsl/finding_ids.h"

namespace assay::tsl {
namespace {

namespace fs = std::filesystem;
using testing::HasFinding;
using ::testing::ElementsAre;
using ::testing::Not;

engine::UtcTime at(const char* text) { return *engine::parse_utc_time(text); }

SignerSet anchors_from(const fs::path& file_or_dir) {
  SignerSet set;
  std::vector<fs::path> files;
  if (fs::is_directory(file_or_dir)) {
    for (const auto& e : fs::directory_iterator(file_or_dir)) files.push_back(e.path());
  } else {
    files.push_back(file_or_dir);
  }
  for (const auto& f : files) {
    auto certs = engine::Certificate::parse_pem_chain(testing::read_bytes(f));
    EXPECT_TRUE(certs.has_value()) << f;
    if (certs) {
      for (const auto& c : *certs) set.add_certificate(c);
    }
  }
  return set;
}

struct Mirror {
  std::unique_ptr<engine::net::MirrorFetcher> fetcher;
  DocumentSource source() {
    return [this](const std::string& url) { return engine::net::fetch_body(*fetcher, url); };
  }
};

Mirror open_mirror(const fs::path& tsv) {
  auto m = engine::net::MirrorFetcher::open(tsv, nullptr);
  EXPECT_TRUE(m.has_value()) << tsv;
  return Mirror{m ? std::move(*m) : nullptr};
}

const ListOutcome* find_territory(const FederationAuthentication& run, const std::string& territory) {
  for (const auto& l : run.lists) {
    if (l.territory() == territory) return &l;
  }
  return nullptr;
}

TEST(AuthenticationCorpus, Eu2026ThroughTheFivePivots) {
  ASSAY_REQUIRE_SHARED();
  const fs::path corpus = testing::shared_dir() / "corpus";
  Mirror mirror = open_mirror(corpus / "eu-2026-08/urls.tsv");
  FederationOptions options;
  options.lotl.trust_time = at("2026-08-21T00:00:00Z");
  options.threads = 2;
  const auto run = authenticate_federation("https://ec.europa.eu/tools/lotl/eu-lotl.xml",
                                           anchors_from(corpus / "oj-2019"), mirror.source(), options);
  ASSERT_TRUE(run.lotl.lotl.authenticated()) << run.lotl.lotl.detail;
  EXPECT_EQ(run.lotl_document->list->scheme.sequence_number, 390u);
  std::vector<std::uint64_t> sequences;
  for (const auto& step : run.lotl.pivots) {
    sequences.push_back(step.sequence);
    EXPECT_EQ(step.verdict, AuthStatus::kAuthenticated) << step.url << ": " << step.detail;
    EXPECT_FALSE(step.restarted_from_anchors) << step.url;
    EXPECT_FALSE(step.next_signers.empty()) << step.url;
  }
  EXPECT_THAT(sequences, ElementsAre(282u, 300u, 335u, 341u, 378u));

  int authenticated = 0;
  for (const auto& l : run.lists) {
    if (l.authentication.authenticated()) ++authenticated;
  }
  EXPECT_EQ(authenticated, 28);
  for (const char* expired : {"NL", "NO"}) {
    const ListOutcome* l = find_territory(run, expired);
    ASSERT_NE(l, nullptr) << expired;
    EXPECT_TRUE(l->authentication.authenticated()) << expired;
    EXPECT_THAT(l->authentication.findings, HasFinding(finding::kExpired)) << expired;
  }
  for (const char* fresh : {"AT", "BE", "CZ", "SE", "UK"}) {
    const ListOutcome* l = find_territory(run, fresh);
    ASSERT_NE(l, nullptr) << fresh;
    EXPECT_THAT(l->authentication.findings, Not(HasFinding(finding::kExpired))) << fresh;
  }
  const ListOutcome* hr = find_territory(run, "HR");
  ASSERT_NE(hr, nullptr);
  EXPECT_EQ(hr->authentication.status, AuthStatus::kSignerNotTrusted);
  EXPECT_THAT(hr->authentication.findings, HasFinding(finding::kSignerNotTrusted));
  // DE and LI are announced but not in the snapshot: reported, never silently dropped.
  for (const char* absent : {"DE", "LI"}) {
    const ListOutcome* l = find_territory(run, absent);
    ASSERT_NE(l, nullptr) << absent;
    EXPECT_EQ(l->authentication.status, AuthStatus::kNotAvailable) << absent;
  }
}

TEST(AuthenticationCorpus, Eu2019SignedDirectlyByTheOfficialJournal) {
  ASSAY_REQUIRE_SHARED();
  const fs::path corpus = testing::shared_dir() / "corpus";
  Mirror mirror = open_mirror(corpus / "eu-2019-09/urls.tsv");
  FederationOptions options;
  options.lotl.trust_time = at("2019-09-05T00:00:00Z");
  const auto run = authenticate_federation("https://ec.europa.eu/tools/lotl/eu-lotl.xml",
                                           anchors_from(corpus / "oj-2019"), mirror.source(), options);
  ASSERT_TRUE(run.lotl.lotl.authenticated()) << run.lotl.lotl.detail;
  EXPECT_TRUE(run.lotl.pivots.empty());
  for (const char* t : {"BE", "AT", "LI", "CZ", "UK"}) {  // BE: URI="#id"; AT/LI: unprefixed, no SP transforms
    const ListOutcome* l = find_territory(run, t);
    ASSERT_NE(l, nullptr) << t;
    EXPECT_TRUE(l->authentication.authenticated()) << t << ": " << l->authentication.detail;
  }
  const ListOutcome* nl = find_territory(run, "NL");
  ASSERT_NE(nl, nullptr);
  EXPECT_TRUE(nl->authentication.authenticated());
  EXPECT_THAT(nl->authentication.findings, HasFinding(finding::kExpired));
  const ListOutcome* de = find_territory(run, "DE");
  ASSERT_NE(de, nullptr);
  EXPECT_EQ(de->authentication.status, AuthStatus::kSignerNotTrusted);
}

// Each damaged variant, authenticated as a list signed by the 2019 Official Journal keys.
TEST(AuthenticationCorpus, DamagedVariantsGetSpecificReasons) {
  ASSAY_REQUIRE_SHARED();
  const fs::path dir = testing::shared_dir() / "corpus/eu-2019-09/variants";
  const SignerSet oj = anchors_from(testing::shared_dir() / "corpus/oj-2019");
  const std::map<std::string, AuthStatus> expected = {
      {"CZ_broken-sig.xml", AuthStatus::kSignatureInvalid},
      {"CZ_no-sig.xml", AuthStatus::kUnsigned},
      {"CZ_two-sigs.xml", AuthStatus::kMultipleSignatures},
      {"CZ_not-compliant.xml", AuthStatus::kSignatureInvalid},  // an element removed after signing
      {"eu-lotl_broken-sig.xml", AuthStatus::kSignatureInvalid},
      {"eu-lotl_non-compliant.xml", AuthStatus::kSignatureInvalid},
      {"eu-lotl_original.xml", AuthStatus::kAuthenticated},
      {"eu-lotl_xml-directive-removed.xml", AuthStatus::kAuthenticated},  // outside the signed content
      {"tl_pivot_172_mp.xml", AuthStatus::kSignerNotTrusted},             // signed with a pre-2019 key
      {"tl_pivot_191_mp.xml", AuthStatus::kAuthenticated},
      {"tl_pivot_191_mp_broken-sig.xml", AuthStatus::kSignatureInvalid},
      {"tl_pivot_191_mp_no-sig.xml", AuthStatus::kUnsigned},
      {"tl_pivot_247_mp_broken-sig.xml", AuthStatus::kSignatureInvalid},
      {"tl_pivot_247_mp_missing-pivot.xml", AuthStatus::kSignatureInvalid},
      {"tl_pivot_247_mp_no-sig.xml", AuthStatus::kUnsigned},
      {"tl_pivot_247_mp_with-bom.xml", AuthStatus::kAuthenticated},
      {"tl_pivot_247_mp_with-spaces.xml", AuthStatus::kAuthenticated},  // spaces outside the root
  };
  for (const auto& [file, status] : expected) {
    auto loaded = load_list(file, testing::read_bytes(dir / file));
    ASSERT_TRUE(loaded.has_value()) << file;
    const auto a = authenticate_list(*loaded, oj, at("2019-09-05T00:00:00Z"));
    EXPECT_EQ(auth_status_name(a.status), auth_status_name(status)) << file << ": " << a.detail;
  }
  for (const char* unreadable : {"CZ_empty.xml", "CZ_not-parsable.xml", "CZ_not-conform.xml", "eu-lotl_not-parsable.xml",
                                 "tl_pivot_191_mp_not-parsable.xml", "tl_pivot_247_mp_empty.xml",
                                 "tl_pivot_247_mp_not-parsable.xml"}) {
    EXPECT_FALSE(load_list(unreadable, testing::read_bytes(dir / unreadable)).has_value()) << unreadable;
  }
}

// The 2019-era pivot chain (172 → 191 → 226 → 247), served from the variants folder.
class PivotChain2019 : public ::testing::Test {
 protected:
  static constexpr char kBase[] = "https://ec.europa.eu/information_society/policy/esignature/trusted-list/";
  void SetUp() override {
    ASSAY_REQUIRE_SHARED();
    dir_ = testing::shared_dir() / "corpus/eu-2019-09/variants";
    files_ = {{"tl-pivot-172-mp.xml", "tl_pivot_172_mp.xml"},
              {"tl-pivot-191-mp.xml", "tl_pivot_191_mp.xml"},
              {"tl-pivot-226-mp.xml", "tl_pivot_226_mp.xml"},
              {"tl-pivot-247-mp.xml", "tl_pivot_247_mp.xml"}};
  }
  DocumentSource source() {
    return [this](const std::string& url) -> engine::Result<std::string> {
      const std::string name = url.substr(std::string(kBase).size());
      auto it = files_.find(name);
      if (it == files_.end()) return engine::fail(engine::Code::kNotFound, "not in the test mirror: " + url);
      return testing::read_bytes(dir_ / it->second);
    };
  }
  LotlAuthentication walk(const std::string& current_file) {
    auto loaded = load_list(std::string(kBase) + "tl-pivot-247-mp.xml", testing::read_bytes(dir_ / current_file));
    EXPECT_TRUE(loaded.has_value());
    LotlOptions options;
    options.trust_time = at("2019-09-05T00:00:00Z");
    return authenticate_lotl(*loaded, anchors_from(testing::shared_dir() / "corpus/oj-2019"), source(), options);
  }

  fs::path dir_;
  std::map<std::string, std::string> files_;
};

TEST_F(PivotChain2019, WalksOldestFirstAndSkipsTheUnverifiablePreOjPivot) {
  const auto r = walk("tl_pivot_247_mp.xml");
  ASSERT_TRUE(r.lotl.authenticated()) << r.lotl.detail;
  ASSERT_EQ(r.pivots.size(), 3u);  // its own URL is never used to authenticate itself
  EXPECT_EQ(r.pivots[0].sequence, 172u);
  EXPECT_EQ(r.pivots[0].verdict, AuthStatus::kSignerNotTrusted);
  EXPECT_EQ(r.pivots[1].sequence, 191u);
  EXPECT_EQ(r.pivots[1].verdict, AuthStatus::kAuthenticated);
  EXPECT_EQ(r.pivots[2].sequence, 226u);
  EXPECT_EQ(r.pivots[2].verdict, AuthStatus::kAuthenticated);
  EXPECT_THAT(r.lotl.findings, HasFinding(finding::kPivotSkipped));
}

TEST_F(PivotChain2019, BrokenPivotIsSkippedAndAnAnchorSignedPivotRestartsTheChain) {
  files_["tl-pivot-191-mp.xml"] = "tl_pivot_191_mp_broken-sig.xml";
  const auto r = walk("tl_pivot_247_mp.xml");
  ASSERT_EQ(r.pivots.size(), 3u);
  EXPECT_EQ(r.pivots[1].verdict, AuthStatus::kSignatureInvalid);
  // 226 is signed by an OJ 2019 certificate itself, so the chain is sound again from there.
  EXPECT_EQ(r.pivots[2].verdict, AuthStatus::kAuthenticated);
  EXPECT_TRUE(r.lotl.authenticated()) << r.lotl.detail;
}

TEST_F(PivotChain2019, MissingPivotDocumentIsReported) {
  files_.erase("tl-pivot-226-mp.xml");
  const auto r = walk("tl_pivot_247_mp.xml");
  ASSERT_EQ(r.pivots.size(), 3u);
  EXPECT_EQ(r.pivots[2].verdict, AuthStatus::kNotAvailable);
}

TEST_F(PivotChain2019, DamagedCurrentLotlIsRejected) {
  EXPECT_EQ(walk("tl_pivot_247_mp_broken-sig.xml").lotl.status, AuthStatus::kSignatureInvalid);
  EXPECT_EQ(walk("tl_pivot_247_mp_no-sig.xml").lotl.status, AuthStatus::kUnsigned);
  EXPECT_EQ(walk("tl_pivot_247_mp_missing-pivot.xml").lotl.status, AuthStatus::kSignatureInvalid);
  EXPECT_TRUE(walk("tl_pivot_247_mp_with-bom.xml").lotl.authenticated());
}

TEST_F(PivotChain2019, WalkIsBounded) {
  auto loaded = load_list(std::string(kBase) + "current.xml", testing::read_bytes(dir_ / "tl_pivot_247_mp.xml"));
  ASSERT_TRUE(loaded.has_value());
  LotlOptions options;
  options.trust_time = at("2019-09-05T00:00:00Z");
  options.max_pivots = 2;
  const auto r = authenticate_lotl(*loaded, anchors_from(testing::shared_dir() / "corpus/oj-2019"), source(), options);
  EXPECT_EQ(r.lotl.status, AuthStatus::kPivotChainBroken);
  EXPECT_THAT(r.lotl.findings, HasFinding(finding::kTooManyPivots));
  EXPECT_TRUE(r.pivots.empty());
}

// The synthetic Official Journal change scenarios (pivot-tests/): two OJ publications.
struct PivotScenario {
  const char* anchors;
  const char* lotl;
  AuthStatus expected;
};

TEST(AuthenticationCorpus, OfficialJournalChangeScenarios) {
  ASSAY_REQUIRE_SHARED();
  const fs::path dir = testing::shared_dir() / "corpus/eu-2019-09/pivot-tests";
  const std::string base = "http://18.202.217.18/res/pivot/";
  DocumentSource source = [&](const std::string& url) -> engine::Result<std::string> {
    if (!url.starts_with(base) || !fs::exists(dir / url.substr(base.size()))) {
      return engine::fail(engine::Code::kNotFound, "not in the test mirror: " + url);
    }
    return testing::read_bytes(dir / url.substr(base.size()));
  };
  const PivotScenario scenarios[] = {
      {"keystore_OJ1.pem", "lotl_test_OJ_1_pivot_01.xml", AuthStatus::kAuthenticated},
      {"keystore_OJ1.pem", "lotl_test_OJ_1_pivot_03.xml", AuthStatus::kAuthenticated},
      {"keystore_OJ1.pem", "lotl_test_OJ_2_pivot_02.xml", AuthStatus::kAuthenticated},  // announced through pivots
      {"keystore_OJ1.pem", "lotl_test_OJ-2_reset_pivot.xml", AuthStatus::kPivotChainBroken},  // needs the new OJ
      {"keystore_OJ1.pem", "lotl_test_loc_01.xml", AuthStatus::kAuthenticated},
      {"keystore_OJ2.pem", "lotl_test_OJ-2_reset_pivot.xml", AuthStatus::kAuthenticated},
      {"keystore_OJ2.pem", "lotl_test_OJ_2_pivot_02.xml", AuthStatus::kAuthenticated},
      {"keystore_OJ2.pem", "lotl_test_OJ_1_pivot_01.xml", AuthStatus::kSignerNotTrusted},  // old OJ only
      {"keystore_OJ2.pem", "lotl_test_OJ_1_pivot_02.xml", AuthStatus::kPivotChainBroken},
  };
  for (const auto& s : scenarios) {
    auto loaded = load_list(base + s.lotl, testing::read_bytes(dir / s.lotl));
    ASSERT_TRUE(loaded.has_value()) << s.lotl;
    LotlOptions options;
    options.trust_time = at("2023-06-01T00:00:00Z");
    const auto r = authenticate_lotl(*loaded, anchors_from(dir / s.anchors), source, options);
    EXPECT_EQ(auth_status_name(r.lotl.status), auth_status_name(s.expected))
        << s.anchors << " " << s.lotl << ": " << r.lotl.detail;
  }
}

TEST(AuthenticationCorpus, EuConformanceListsWithTheTestLotlSigner) {
  ASSAY_REQUIRE_SHARED();
  const fs::path dir = testing::shared_dir() / "conformance/eu-qualification/lists";
  Mirror mirror = open_mirror(dir / "urls.tsv");
  FederationOptions options;
  options.lotl.trust_time = at("2025-11-01T00:00:00Z");
  const auto run = authenticate_federation(
      "https://eidas.ec.europa.eu/efda/api/v2/validation-tests/testcase/tl/LOTL-3.xml",
      anchors_from(dir / "LOTL-3-signer.pem"), mirror.source(), options);
  ASSERT_TRUE(run.lotl.lotl.authenticated()) << run.lotl.lotl.detail;
  int authenticated = 0;
  for (const auto& l : run.lists) {
    if (l.loaded) {
      EXPECT_TRUE(l.authentication.authenticated()) << l.url << ": " << l.authentication.detail;
      ++authenticated;
    }
  }
  EXPECT_EQ(authenticated, 6);
}

// Independent cross-check of every step of the 2026 chain: the xmlsec1 command line verifies each
// document with the public key of the signer assay reported (restricted to same-document URIs).
TEST(AuthenticationCorpus, EveryStepAlsoVerifiesWithTheXmlsec1CommandLine) {
  ASSAY_REQUIRE_SHARED();
  if (std::system("command -v xmlsec1 >/dev/null 2>&1") != 0) GTEST_SKIP() << "xmlsec1 is not installed";
  const fs::path corpus = testing::shared_dir() / "corpus";
  Mirror mirror = open_mirror(corpus / "eu-2026-08/urls.tsv");
  FederationOptions options;
  options.lotl.trust_time = at("2026-08-21T00:00:00Z");
  const auto run = authenticate_federation("https://ec.europa.eu/tools/lotl/eu-lotl.xml",
                                           anchors_from(corpus / "oj-2019"), mirror.source(), options);
  ASSERT_TRUE(run.lotl.lotl.authenticated());
  std::vector<std::pair<fs::path, std::string>> steps;  // document, signer fingerprint
  for (const auto& p : run.lotl.pivots) {
    steps.emplace_back(corpus / "pivots" / p.url.substr(p.url.rfind('/') + 1), p.signer_sha256);
  }
  steps.emplace_back(corpus / "eu-2026-08/eu-lotl.xml", run.lotl.lotl.signer_sha256);
  for (const char* t : {"AT", "BE", "CZ", "FR", "SE"}) {
    steps.emplace_back(corpus / "eu-2026-08" / (std::string(t) + ".xml"), find_territory(run, t)->authentication.signer_sha256);
  }
  const fs::path tmp = fs::temp_directory_path() / ("assay-xmlsec-" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  for (const auto& [document, fingerprint] : steps) {
    auto loaded = load_list(document.string(), testing::read_bytes(document));
    ASSERT_TRUE(loaded.has_value());
    auto report = engine::xmldsig::verify_enveloped_signature(*loaded->document);
    ASSERT_TRUE(report.has_value() && report->valid()) << document;
    ASSERT_EQ(report->signer_sha256, fingerprint) << document;
    const fs::path pem = tmp / "signer.pem";
    std::ofstream(pem) << "-----BEGIN CERTIFICATE-----\n" << engine::base64_encode(report->signer_certificate)
                       << "\n-----END CERTIFICATE-----\n";
    const std::string cmd = "xmlsec1 --verify --enabled-reference-uris empty,same-doc"
                            " --id-attr:Id 'http://uri.etsi.org/01903/v1.3.2#:SignedProperties'"
                            " --id-attr:Id 'http://uri.etsi.org/02231/v2#:TrustServiceStatusList'"
                            " --enabled-key-data rsa,ecdsa --pubkey-cert-pem '" +
                            pem.string() + "' '" + document.string() + "' >/dev/null 2>&1";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << "xmlsec1 rejects " << document;
  }
  fs::remove_all(tmp);
}

}  // namespace
}  // namespace assay::tsl
