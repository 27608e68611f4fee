// The HTTP targets (issue 17 item 2) against a faulty DSS double, hostile answers, TLS, and a
// campaign of the built-in suites against a local assay serve through dss: and assay-http:.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "engine/time.h"
#include "samples/federation.h"
#include "service/audit/builtin_suites.h"
#include "service/audit/campaign.h"
#include "service/audit/target.h"
#include "tests/service/audit/faulty_dss_double.h"
#include "tests/service/http/loopback.h"
#include "validation/online/mirror_online_source.h"

namespace assay::service::audit {
namespace {

namespace fs = std::filesystem;
using assay::testing::DssFaults;
using assay::testing::FaultyDssDouble;
using assay::testing::HttpScript;
using assay::testing::TestHttpServer;

class HttpTargets : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = new assay::testing::TempFolder("assay-http-target");
    auto now = engine::parse_utc_time(samples::kDefaultNow);
    ASSERT_TRUE(now.has_value());
    auto written = generate_builtin_suites(temp_->path() / "builtin", *now);
    ASSERT_TRUE(written.has_value()) << written.error().message();
    // A small suite over the certificates suite's federation, one case per documented fault.
    const fs::path small = temp_->path() / "small";
    fs::copy(temp_->path() / "builtin" / "certificates", small, fs::copy_options::recursive);
    fs::remove_all(small / "cases");
    fs::create_directories(small / "cases");
    auto write_case = [&](const std::string& id, const std::string& body) {
      std::ofstream(small / "cases" / (id + ".toml"))
          << "id = \"" << id << "\"\n" << body << "[requirement]\nclause = \"EN 319 102-1 5.2.6\"\ntext = \"" << id << ".\"\n";
    };
    write_case("01-revoked-signer",
               "question = \"certificate\"\ncertificates = [\"federation/validation/valid-revoked.pem\"]\nat = \"2026-01-15T00:00:00Z\"\n"
               "[expected]\nindication = \"INDETERMINATE\"\nsubindication = \"REVOKED_NO_POE\"\n");
    write_case("02-withdrawn-service",
               "question = \"qualification\"\ncertificates = [\"federation/certs/withdrawn-after-issuance.pem\"]\n"
               "at = \"2025-06-01T00:00:00Z\"\n[expected]\nqualification = \"AdESig\"\n");
    write_case("03-wrong-subindication",
               "question = \"certificate\"\ncertificates = [\"federation/validation/valid-expired.pem\"]\nat = \"2026-01-15T00:00:00Z\"\n"
               "[expected]\nindication = \"INDETERMINATE\"\nsubindication = \"OUT_OF_BOUNDS_NO_POE\"\n");
    write_case("04-times-out-once",
               "question = \"qualification\"\ncertificates = [\"federation/certs/esig-qscd.pem\"]\nat = \"2025-06-02T00:00:00Z\"\n"
               "[expected]\nqualification = \"QESig\"\n");
    write_case("05-control",
               "question = \"qualification\"\ncertificates = [\"federation/certs/esig-no-qscd.pem\"]\nat = \"2025-06-01T00:00:00Z\"\n"
               "[expected]\nqualification = \"AdESig-QC\"\n");
  }
  static void TearDownTestSuite() {
    delete temp_;
    temp_ = nullptr;
  }

  static Suite suite(const std::string& name) {
    auto s = read_suite(temp_->path() / name);
    EXPECT_TRUE(s.has_value()) << s.error().message();
    return std::move(*s);
  }

  // The federation the generated suites rest on (generated with them: its own keys).
  static fs::path federation() { return temp_->path() / "small" / "federation"; }

  static CampaignResult run(const Suite& s, const std::string& spec, TargetOptions options = fast()) {
    auto target = make_target(spec, s, options);
    EXPECT_TRUE(target.has_value()) << target.error().message();
    CampaignOptions co;
    co.concurrency = 2;
    return run_campaign(s, **target, {}, co);
  }

  static TargetOptions fast() {
    TargetOptions o;
    o.timeout = std::chrono::milliseconds(3000);
    return o;
  }

  static std::map<std::string, const AuditFinding*> by_id(const CampaignResult& r) {
    std::map<std::string, const AuditFinding*> out;
    for (const auto& f : r.findings) out[f.case_id] = &f;
    return out;
  }

  static std::string explain(const CampaignResult& r) {
    std::string out;
    for (const auto& f : r.findings) {
      out += f.case_id + ": " + std::string(classification_name(f.classification)) + " (" + f.rule + ") " + f.explanation + " | " +
             f.observed.detail + "\n";
    }
    return out;
  }

  static assay::testing::TempFolder* temp_;
};

assay::testing::TempFolder* HttpTargets::temp_ = nullptr;

TEST_F(HttpTargets, SpecsAreParsedAndBadOnesNamed) {
  const Suite s = suite("small");
  EXPECT_TRUE(make_target("dss:http://127.0.0.1:1/services/rest", s, {}).has_value());
  EXPECT_TRUE(make_target("siva:https://siva.example/", s, {}).has_value());
  EXPECT_TRUE(make_target("assay-http:http://127.0.0.1:1", s, {}).has_value());
  auto bad = make_target("dss:ftp://host/x", s, {});
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message().find("http:// or https://"), std::string::npos);
  EXPECT_FALSE(make_target("dds:http://x", s, {}).has_value());
}

TEST_F(HttpTargets, AnHonestDssServiceHasNoFindings) {
  FaultyDssDouble honest(DssFaults{}, federation());
  const auto r = run(suite("small"), "dss:" + honest.base());
  EXPECT_TRUE(r.no_findings()) << explain(r);
  // Every exchange is evidence, named in the finding.
  for (const auto& f : r.findings) {
    ASSERT_EQ(f.observed.evidence.size(), 2u) << f.case_id;
    EXPECT_EQ(f.observed.evidence[0].name, "evidence/" + f.case_id + "/request-1.http");
    EXPECT_NE(f.observed.evidence[1].bytes.find("HTTP/1.1 200"), std::string::npos);
  }
}

TEST_F(HttpTargets, TheFaultyDssDoubleIsReportedWithExactlyTheExpectedFindings) {
  FaultyDssDouble faulty(DssFaults{true, true, true, "2025-06-02T00:00:00Z", std::chrono::milliseconds(6000)}, federation());
  const auto r = run(suite("small"), "dss:" + faulty.base());
  const auto f = by_id(r);
  ASSERT_EQ(f.size(), 5u);
  EXPECT_EQ(f.at("01-revoked-signer")->classification, Classification::kMajorNonConformity) << explain(r);
  EXPECT_EQ(f.at("01-revoked-signer")->rule, "accepts-invalid");
  EXPECT_EQ(f.at("02-withdrawn-service")->classification, Classification::kMajorNonConformity) << explain(r);
  EXPECT_EQ(f.at("02-withdrawn-service")->rule, "qualification-over-claim");
  EXPECT_EQ(f.at("03-wrong-subindication")->classification, Classification::kMinorNonConformity) << explain(r);
  EXPECT_EQ(f.at("03-wrong-subindication")->rule, "wrong-subindication");
  // Timed out once, answered on the retry: no finding, both attempts kept.
  EXPECT_EQ(f.at("04-times-out-once")->classification, Classification::kConforming) << explain(r);
  EXPECT_EQ(f.at("04-times-out-once")->observed.evidence.size(), 4u);
  EXPECT_NE(f.at("04-times-out-once")->observed.evidence[1].bytes.find("error (timeout)"), std::string::npos);
  EXPECT_EQ(f.at("05-control")->classification, Classification::kConforming) << explain(r);
}

TEST_F(HttpTargets, WithoutRetriesTheTimeOutIsAnObservation) {
  FaultyDssDouble faulty(DssFaults{false, false, false, "2025-06-02T00:00:00Z", std::chrono::milliseconds(6000)}, federation());
  TargetOptions o = fast();
  o.max_attempts = 1;
  const auto start = std::chrono::steady_clock::now();
  const auto r = run(suite("small"), "dss:" + faulty.base(), o);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  const auto f = by_id(r);
  EXPECT_EQ(f.at("04-times-out-once")->classification, Classification::kObservation) << explain(r);
  EXPECT_EQ(f.at("04-times-out-once")->observed.status, Observation::Status::kTimeout);
  EXPECT_EQ(r.count(Classification::kConforming), 4u) << explain(r);
}

// One case against a server that answers every request with `script`.
CampaignResult against(const Suite& s, HttpScript script, TargetOptions o, bool tls = false) {
  TestHttpServer server(tls ? TestHttpServer::Tls::kOn : TestHttpServer::Tls::kOff);
  server.route("/services/rest/certificate-validation/validateCertificate", std::move(script));
  server.route("/services/rest/validation/validateSignature", HttpScript::status_only(404));
  Suite one = s;
  one.cases.resize(1);  // 01-revoked-signer: a certificate question
  auto target = make_target("dss:" + server.url("/services/rest"), one, o);
  EXPECT_TRUE(target.has_value());
  return run_campaign(one, **target, {}, {});
}

TEST_F(HttpTargets, HostileAnswersAreBoundedObservations) {
  const Suite s = suite("small");
  TargetOptions o = fast();
  o.max_attempts = 1;
  o.max_response_bytes = std::size_t{1} << 20;
  struct Hostile {
    const char* what;
    HttpScript script;
    Observation::Status status;
    const char* detail;
  };
  HttpScript huge;
  huge.delivery = assay::testing::Delivery::kGenerated;
  huge.generated_bytes = std::uint64_t{64} << 20;
  HttpScript drip = HttpScript::ok(std::string(100000, ' '), "application/json");
  drip.delivery = assay::testing::Delivery::kStallMidBody;
  drip.cut_after = 10;
  std::vector<Hostile> cases;
  cases.push_back({"huge body", huge, Observation::Status::kUnparseable, "answer too large"});
  cases.push_back({"invalid JSON", HttpScript::ok("{\"simpleCertificateReport\": [", "application/json"),
                   Observation::Status::kUnparseable, "not JSON"});
  cases.push_back({"wrong shape", HttpScript::ok("{\"simpleCertificateReport\": {}}", "application/json"),
                   Observation::Status::kUnparseable, "simpleCertificateReport.Certificate"});
  cases.push_back({"slow drip", drip, Observation::Status::kTimeout, "timed out"});
  cases.push_back({"server error", HttpScript::status_only(500), Observation::Status::kServiceError, "HTTP 500"});
  for (auto& h : cases) {
    const auto start = std::chrono::steady_clock::now();
    const auto r = against(s, h.script, o);
    EXPECT_LT(std::chrono::steady_clock::now() - start, o.timeout + std::chrono::seconds(2)) << h.what;
    ASSERT_EQ(r.findings.size(), 1u);
    const auto& f = r.findings[0];
    EXPECT_EQ(f.classification, Classification::kObservation) << h.what;
    EXPECT_EQ(f.observed.status, h.status) << h.what << ": " << f.observed.detail;
    EXPECT_NE(f.observed.detail.find(h.detail), std::string::npos) << h.what << ": " << f.observed.detail;
  }
}

TEST_F(HttpTargets, ServerErrorsAreRetriedAndEveryAttemptKept) {
  TargetOptions o = fast();
  o.max_attempts = 3;
  const auto r = against(suite("small"), HttpScript::status_only(503), o);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].observed.evidence.size(), 6u);
  EXPECT_NE(r.findings[0].observed.detail.find("3 attempts"), std::string::npos) << r.findings[0].observed.detail;
}

TEST_F(HttpTargets, HttpsRecordsTheServersCertificateChain) {
  const fs::path ca = temp_->path() / "test-server-ca.pem";
  std::ofstream(ca) << TestHttpServer::certificate_pem();
  TargetOptions o = fast();
  o.ca_bundle = ca.string();
  const auto r = against(suite("small"),
                         HttpScript::ok(R"({"simpleCertificateReport":{"Certificate":{"Indication":"INDETERMINATE","SubIndication":"REVOKED_NO_POE"}}})",
                                        "application/json"),
                         o, true);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].classification, Classification::kConforming) << r.findings[0].observed.detail;
  EXPECT_NE(r.target.find("(TLS [0] subject"), std::string::npos) << r.target;
  EXPECT_NE(r.target.find("SHA-256 "), std::string::npos) << r.target;
  EXPECT_NE(r.findings[0].observed.evidence[1].bytes.find("# TLS peer chain: [0] subject"), std::string::npos);
  // Without the CA file the handshake fails: a service error, not a verdict.
  o.ca_bundle.clear();
  o.max_attempts = 1;
  const auto untrusted = against(suite("small"), HttpScript::ok("{}", "application/json"), o, true);
  EXPECT_EQ(untrusted.findings[0].observed.status, Observation::Status::kServiceError);
  EXPECT_NE(untrusted.findings[0].observed.detail.find("TLS"), std::string::npos) << untrusted.findings[0].observed.detail;
}

TEST_F(HttpTargets, SivaAnswersCertificateQuestionsWithNotSupported) {
  const auto r = run(suite("small"), "siva:http://127.0.0.1:9");
  for (const auto& f : r.findings) {
    EXPECT_EQ(f.classification, Classification::kNotAssessed);
    EXPECT_EQ(f.observed.status, Observation::Status::kNotAsked);
    EXPECT_NE(f.observed.detail.find("not supported by this target"), std::string::npos) << f.observed.detail;
  }
}

// issue 17 check: the built-in suites against a local assay serve (the sample federation) through
// dss: and assay-http: have no findings — the certificate cases whose revocation data the DSS DTO
// cannot carry and the list-state cases are Not assessed ("not supported by this target",
// "requires trust setup"), which is no finding.
TEST_F(HttpTargets, BuiltInSuitesAgainstALocalAssayServeHaveNoFindings) {
  assay::testing::SampleFederation federation;
  ASSERT_TRUE(federation.refresh(HttpTargets::federation() / "urls.tsv", HttpTargets::federation() / "oj" / "old-anchor.pem"));
  http::Context& ctx = federation.context();
  ctx.qualify = http::engine_qualify();
  ctx.validate_certificate = http::engine_validate_certificate();
  ctx.validate_signatures = http::engine_validate_signatures();
  ctx.validate_certificate_report = http::engine_validate_certificate_report();
  http::RunningServer server(ctx, {});
  const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  std::size_t reused_in_all = 0;
  for (const char* name : {"trusted-list-usage", "certificates", "signatures"}) {
    const Suite s = suite(std::string("builtin/") + name);
    // A case with its own list state (a failing, rolled-back, superseded or pivot-era list) is not
    // asked of a service that keeps its own lists: Not assessed, naming the trust setup it needs.
    auto requires_trust_setup = [&](const Suite& suite, std::size_t i, const AuditFinding& f) {
      if (!suite.cases[i].trust) return false;
      EXPECT_EQ(f.classification, Classification::kNotAssessed) << f.case_id;
      EXPECT_TRUE(f.observed.detail.starts_with("requires trust setup: ")) << f.observed.detail;
      return true;
    };
    const auto via_http = run(s, "assay-http:" + base);
    EXPECT_TRUE(via_http.no_findings()) << name << "\n" << explain(via_http);
    for (std::size_t i = 0; i < s.cases.size(); ++i) {
      if (requires_trust_setup(s, i, via_http.findings[i])) continue;
      EXPECT_EQ(via_http.findings[i].classification, Classification::kConforming) << name << "\n" << explain(via_http);
    }
    const auto via_dss = run(s, "dss:" + base + "/services/rest");
    EXPECT_TRUE(via_dss.no_findings()) << name << "\n" << explain(via_dss);
    // assay serve keeps connections open, so after the first cases the runner's requests travel
    // on connections it opened before (HTTP/1.1 keep-alive), and each response file says so.
    std::size_t reused = 0, answered = 0;
    for (const auto& f : via_dss.findings) {
      for (const auto& e : f.observed.evidence) {
        if (!e.name.ends_with(".http") || e.name.find("/response-") == std::string::npos) continue;
        ++answered;
        if (e.bytes.find(", on a connection an earlier request opened\n") != std::string::npos) ++reused;
      }
    }
    EXPECT_GE(reused + 2, answered) << name << ": at most one new connection per worker expected";
    reused_in_all += reused;
    for (std::size_t i = 0; i < s.cases.size(); ++i) {
      const auto& f = via_dss.findings[i];
      if (requires_trust_setup(s, i, f)) continue;
      if (s.cases[i].crls.empty() && s.cases[i].ocsp.empty()) {
        EXPECT_EQ(f.classification, Classification::kConforming) << name << "\n" << explain(via_dss);
      } else {
        EXPECT_EQ(f.classification, Classification::kNotAssessed) << f.case_id;
        EXPECT_NE(f.observed.detail.find("not supported by this target"), std::string::npos) << f.observed.detail;
      }
    }
  }
  EXPECT_GT(reused_in_all, 50u);
}

// issue 17: a DSS deployment fetches revocation data itself. `assay serve --online` does too
// (here through the suite federation's mirror map, whose OCSP responders are folders of
// pre-produced responses: no network), and with --target-fetches-revocation the runner asks
// dss: the cases that give CRL/OCSP files by their certificates / documents alone. The built-in
// certificates and signatures suites have no findings: every case asked is Conforming; a case
// whose expected outcome rests on no revocation data being available (no_other_revocation, or a
// certificate case without files for a certificate that names where to fetch some) cannot be
// asked of a fetching target and is Not assessed.
TEST_F(HttpTargets, BuiltInSuitesAgainstAnOnlineAssayServeHaveNoFindings) {
  const fs::path fed = temp_->path() / "builtin" / "certificates" / "federation";
  assay::testing::SampleFederation federation;
  ASSERT_TRUE(federation.refresh(fed / "urls.tsv", fed / "oj" / "old-anchor.pem"));
  auto online = validation::MirrorOnlineSource::open(fed / "mirror.tsv", nullptr, &federation.store(),
                                                     [] { return *engine::parse_utc_time(assay::testing::kSampleTrustTime); });
  ASSERT_TRUE(online.has_value()) << online.error().message();
  http::Context& ctx = federation.context();
  ctx.qualify = http::engine_qualify();
  ctx.validate_certificate = http::engine_validate_certificate(online->get());
  ctx.validate_signatures = http::engine_validate_signatures(online->get());
  ctx.validate_certificate_report = http::engine_validate_certificate_report(online->get());
  http::RunningServer server(ctx, {});
  const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  TargetOptions fetching = fast();
  fetching.target_fetches_revocation = true;

  for (const char* name : {"certificates", "signatures"}) {
    const Suite s = suite(std::string("builtin/") + name);
    for (const std::string& spec : std::vector<std::string>{"dss:" + base + "/services/rest", "assay-http:" + base}) {
      const auto r = run(s, spec, fetching);
      ASSERT_EQ(r.findings.size(), s.cases.size());
      EXPECT_TRUE(r.no_findings()) << name << " " << spec << "\n" << explain(r);
      std::size_t conforming = 0;
      for (std::size_t i = 0; i < s.cases.size(); ++i) {
        const auto& f = r.findings[i];
        SCOPED_TRACE(spec + " " + f.case_id);
        const bool files = !s.cases[i].crls.empty() || !s.cases[i].ocsp.empty();
        if (!files && s.cases[i].no_other_revocation) {
          EXPECT_EQ(f.classification, Classification::kNotAssessed) << explain(r);
          EXPECT_NE(f.observed.detail.find("not supported by this target"), std::string::npos) << f.observed.detail;
          EXPECT_NE(f.observed.detail.find("fetches it online"), std::string::npos) << f.observed.detail;
        } else {
          EXPECT_EQ(f.classification, Classification::kConforming) << explain(r);
          conforming += files ? 1 : 0;
        }
      }
      if (std::string(name) == "certificates") {
        EXPECT_EQ(conforming, 11u) << explain(r);
      }
    }
  }
  // The OCSP cases were answered from the responder folder, the CRL ones from the fetched CRL:
  // the dss: requests carried neither.
  const auto r = run(suite("builtin/certificates"), "dss:" + base + "/services/rest", fetching);
  for (const auto& f : r.findings) {
    for (const auto& e : f.observed.evidence) {
      if (e.name.find("request-") != std::string::npos) {
        EXPECT_EQ(e.bytes.find("crls"), std::string::npos) << e.name;
      }
    }
  }
}

// Without --target-fetches-revocation, an online serve answers the no-revocation cases from what
// it fetches: the runner cannot know, so it asks them and the comparison shows it (a target that
// fetches must be declared so).
TEST_F(HttpTargets, AnUndeclaredFetchingTargetIsCaughtByTheNoRevocationCases) {
  const Suite s = suite("builtin/certificates");
  const fs::path fed = temp_->path() / "builtin" / "certificates" / "federation";
  assay::testing::SampleFederation federation;
  ASSERT_TRUE(federation.refresh(fed / "urls.tsv", fed / "oj" / "old-anchor.pem"));
  auto online = validation::MirrorOnlineSource::open(fed / "mirror.tsv", nullptr, nullptr,
                                                     [] { return *engine::parse_utc_time(assay::testing::kSampleTrustTime); });
  ASSERT_TRUE(online.has_value()) << online.error().message();
  http::Context& ctx = federation.context();
  ctx.validate_certificate_report = http::engine_validate_certificate_report(online->get());
  http::RunningServer server(ctx, {});
  const auto r = run(s, "dss:http://127.0.0.1:" + std::to_string(server.port()) + "/services/rest");
  std::size_t not_conforming_none = 0;
  for (std::size_t i = 0; i < s.cases.size(); ++i) {
    if (s.cases[i].crls.empty() && s.cases[i].ocsp.empty() && r.findings[i].classification != Classification::kConforming) {
      ++not_conforming_none;
    }
  }
  EXPECT_EQ(not_conforming_none, 2u) << explain(r);
}

}  // namespace
}  // namespace assay::service::audit
