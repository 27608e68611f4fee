// Handler tests: every route and error as a plain function call (no socket), over the sample
// federation refreshed into a temp store at the pinned trust time 2026-01-15T00:00:00Z.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "engine/base64.h"
#include "engine/digest.h"
#include "engine/file.h"
#include "service/http/handler.h"
#include "service/http/internal/routes.h"
#include "service/text/markup_escape.h"
#include "tests/service/http/federation_fixture.h"
#include "tests/support/corpus.h"

namespace assay::service::http {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::SampleFederation;

Request get(std::string target) {
  Request r{beast_http::verb::get, target, 11};
  r.set(beast_http::field::host, "localhost");
  return r;
}

Request post(std::string target, std::string body, std::string content_type = "application/json") {
  Request r{beast_http::verb::post, target, 11};
  r.set(beast_http::field::host, "localhost");
  if (!content_type.empty()) r.set(beast_http::field::content_type, content_type);
  r.body() = std::move(body);
  r.prepare_payload();
  return r;
}

boost::json::value body_json(const Response& r) { return boost::json::parse(r.body()); }

std::string error_code(const Response& r) {
  auto v = body_json(r);
  return std::string(v.at("error").at("code").as_string());
}

std::string sample_pem(const std::string& name) {
  return assay::testing::read_bytes(assay::testing::sample_federation_dir() / "certs" / name);
}

// A shared, refreshed federation (refreshing costs a few hundred ms; the handlers never modify it).
class HandlerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    federation_ = new SampleFederation();
    state_ = federation_->refresh();
    ASSERT_TRUE(state_);
    ASSERT_TRUE(state_->lotl_authenticated());
  }
  static void TearDownTestSuite() {
    delete federation_;
    federation_ = nullptr;
  }
  Context& ctx() { return federation_->context(); }

  // What the qualification stub saw.
  struct Seen {
    std::size_t certificates = 0;
    engine::UtcTime at{};
    std::string first_sha256;
  };

  QualifyFn recording_stub(Seen& seen) {
    return [&seen](const TrustSnapshotBundle& bundle, const std::vector<engine::CertificatePtr>& chain, engine::UtcTime at) {
      seen.certificates = chain.size();
      seen.at = at;
      seen.first_sha256 = chain.front()->fingerprint_hex();
      return boost::json::value{{"qualified", true}, {"services_in_snapshot", bundle.snapshot->services().size()}};
    };
  }

  static SampleFederation* federation_;
  static std::shared_ptr<const tsl::TrustState> state_;
};
SampleFederation* HandlerTest::federation_ = nullptr;
std::shared_ptr<const tsl::TrustState> HandlerTest::state_;

TEST_F(HandlerTest, HealthIsAlwaysOk) {
  Context empty;
  auto r = handle(get("/health"), empty);
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(body_json(r).at("status"), "alive");
}

TEST_F(HandlerTest, HeadHasNoBodyButTheLength) {
  auto r = handle(Request{beast_http::verb::head, "/health", 11}, ctx());
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_TRUE(r.body().empty());
  EXPECT_NE(r[beast_http::field::content_length], "0");
}

TEST_F(HandlerTest, ReadyIs503BeforeTheFirstRefresh) {
  SnapshotHolder nothing;
  Context c;
  c.snapshots = &nothing;
  auto r = handle(get("/ready"), c);
  EXPECT_EQ(r.result_int(), 503);
  EXPECT_EQ(body_json(r).at("ready"), false);
  EXPECT_THAT(std::string(body_json(r).at("reason").as_string()), HasSubstr("first refresh"));
}

TEST_F(HandlerTest, ReadyIs200AfterAGoodRefresh) {
  auto r = handle(get("/ready"), ctx());
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto v = body_json(r);
  EXPECT_EQ(v.at("ready"), true);
  EXPECT_EQ(v.at("lotl").at("authenticated"), true);
  EXPECT_EQ(v.at("lists_expected"), state_->lists.size());
  EXPECT_EQ(v.at("lists_in_force"), state_->lists.size());
  EXPECT_EQ(v.at("lists_required").as_int64(), 3);
}

TEST(ReadyTest, Is503WhenTheLotlSignatureIsBroken) {
  SampleFederation f;
  // The LOTL URL points to a copy whose sequence number was changed after signing.
  std::string lotl = assay::testing::read_bytes(assay::testing::sample_federation_dir() / "lotl" / "lotl.xml");
  const auto at = lotl.find("SequenceNumber>2<");
  ASSERT_NE(at, std::string::npos);
  lotl.replace(at, 17, "SequenceNumber>3<");
  const auto tampered = f.dir() / "tampered-lotl.xml";
  std::ofstream(tampered) << lotl;
  auto state = f.refresh(assay::testing::write_mirror(f.dir(), {{assay::testing::kSampleLotlUrl, tampered}}));
  ASSERT_TRUE(state);
  EXPECT_FALSE(state->lotl_authenticated());
  auto r = handle(get("/ready"), f.context());
  EXPECT_EQ(r.result_int(), 503);
  auto v = body_json(r);
  EXPECT_EQ(v.at("lotl").at("authenticated"), false);
  EXPECT_THAT(std::string(v.at("reason").as_string()), HasSubstr("LOTL is not authenticated"));
  // Nothing is trusted without the LOTL: the API answers 503, not an empty result.
  EXPECT_EQ(handle(get("/api/v1/services"), f.context()).result_int(), 503);
  // /api/v1/lists still shows the state, for diagnosis.
  EXPECT_EQ(handle(get("/api/v1/lists"), f.context()).result_int(), 200);
}

TEST(ReadyTest, NamesMissingListsAndAppliesTheMinimumFraction) {
  SampleFederation f;
  const auto broken = assay::testing::sample_federation_dir() / "damaged" / "XC-unsigned.xml";
  auto state = f.refresh(assay::testing::write_mirror(f.dir(), {{"https://federation.assay.invalid/lists/XC.xml", broken}}));
  ASSERT_TRUE(state && state->lotl_authenticated());
  f.context().readiness_min_fraction = 0.6;  // 2 of 3 are enough
  auto ok = handle(get("/ready"), f.context());
  EXPECT_EQ(ok.result_int(), 200) << ok.body();
  auto v = body_json(ok);
  ASSERT_EQ(v.at("problems").as_array().size(), 1u);
  EXPECT_EQ(v.at("problems").at(0).at("territory"), "XC");
  EXPECT_EQ(v.at("problems").at(0).at("problem"), "missing");
  EXPECT_FALSE(v.at("problems").at(0).at("reason").as_string().empty());
  f.context().readiness_min_fraction = 0.9;  // 3 of 3 required
  auto not_ready = handle(get("/ready"), f.context());
  EXPECT_EQ(not_ready.result_int(), 503);
  EXPECT_THAT(std::string(body_json(not_ready).at("reason").as_string()), HasSubstr("2 of 3 lists in force"));
}

TEST(ReadyTest, AnExpiredListCountsButIsFlagged) {
  SampleFederation f;
  const auto expired = assay::testing::sample_federation_dir() / "damaged" / "XB-expired.xml";
  auto state = f.refresh(assay::testing::write_mirror(f.dir(), {{"https://federation.assay.invalid/lists/XB.xml", expired}}));
  ASSERT_TRUE(state && state->lotl_authenticated());
  auto r = handle(get("/ready"), f.context());
  EXPECT_EQ(r.result_int(), 200) << r.body();
  bool flagged = false;
  const auto v = body_json(r);
  for (const auto& p : v.at("problems").as_array()) {
    flagged = flagged || (p.at("territory") == "XB" && p.at("problem") == "expired");
  }
  EXPECT_TRUE(flagged) << r.body();
}

TEST_F(HandlerTest, ListsShowsEveryListAndThePivotChain) {
  auto r = handle(get("/api/v1/lists"), ctx());
  ASSERT_EQ(r.result_int(), 200);
  auto v = body_json(r);
  EXPECT_EQ(v.at("lists").as_array().size(), state_->lists.size());
  EXPECT_EQ(v.at("lotl").at("sha256"), boost::json::value(state_->lotl.in_force_sha256()));
  EXPECT_FALSE(v.at("lotl").at("pivots").as_array().empty());
  const auto& first = v.at("lists").at(0);
  for (const char* key : {"territory", "url", "sequence", "issued", "next_update", "status", "sha256", "in_force_since",
                          "stale_since", "findings"}) {
    EXPECT_TRUE(first.as_object().contains(key)) << key;
  }
  EXPECT_EQ(v.at("snapshot").at("lists_in_snapshot"), 3);
}

TEST_F(HandlerTest, OneListWithItsServices) {
  auto r = handle(get("/api/v1/lists/xa"), ctx());
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto v = body_json(r);
  EXPECT_EQ(v.at("version").at("territory"), "XA");
  EXPECT_EQ(v.at("version").at("sequence"), 7);
  EXPECT_FALSE(v.at("tsps").as_array().empty());
  EXPECT_FALSE(v.at("tsps").at(0).at("services").at(0).at("states").as_array().empty());
  EXPECT_EQ(v.at("trust_state").at("lotl").at("sha256"), boost::json::value(state_->lotl.in_force_sha256()));
  EXPECT_EQ(error_code(handle(get("/api/v1/lists/ZZ"), ctx())), "not_found");
  auto bad = handle(get("/api/v1/lists/X1"), ctx());
  EXPECT_EQ(bad.result_int(), 400);
  EXPECT_EQ(error_code(bad), "bad_territory");
}

TEST(HistoryTest, VersionsAndDiffFromTheStore) {
  SampleFederation f;
  ASSERT_TRUE(f.refresh());
  // A second refresh serves an older XA (sequence 6): stored, not in force.
  const auto older = assay::testing::sample_federation_dir() / "damaged" / "XA-sequence-regression.xml";
  ASSERT_TRUE(f.refresh(assay::testing::write_mirror(f.dir(), {{"https://federation.assay.invalid/lists/XA.xml", older}})));
  auto r = handle(get("/api/v1/lists/XA/versions"), f.context());
  ASSERT_EQ(r.result_int(), 200) << r.body();
  std::set<std::int64_t> sequences;
  const auto versions = body_json(r);
  for (const auto& v : versions.at("versions").as_array()) sequences.insert(v.at("sequence").as_int64());
  EXPECT_EQ(sequences, (std::set<std::int64_t>{6, 7}));
  // A third refresh serves an XA with sequence 7 too, signed by a key the LOTL does not announce:
  // stored as rejected; the diff still uses the authenticated sequence 7.
  const auto forged = assay::testing::sample_federation_dir() / "damaged" / "XA-unannounced-signer.xml";
  ASSERT_TRUE(f.refresh(assay::testing::write_mirror(f.dir(), {{"https://federation.assay.invalid/lists/XA.xml", forged}})));
  auto d = handle(get("/api/v1/lists/XA/diff?from=6&to=7"), f.context());
  ASSERT_EQ(d.result_int(), 200) << d.body();
  EXPECT_EQ(body_json(d).at("older").at("sequence"), 6);
  EXPECT_EQ(body_json(d).at("newer").at("sequence"), 7);
  EXPECT_EQ(body_json(d).at("newer").at("sha256"),
            boost::json::value(engine::sha256_hex(*engine::read_file(assay::testing::sample_federation_dir() / "lists" / "XA.xml", 1 << 22))));
  EXPECT_EQ(error_code(handle(get("/api/v1/lists/XA/diff?from=6&to=99"), f.context())), "not_found");
  EXPECT_EQ(error_code(handle(get("/api/v1/lists/XA/diff?from=6"), f.context())), "missing_parameter");
  EXPECT_EQ(error_code(handle(get("/api/v1/lists/XA/diff?from=six&to=7"), f.context())), "bad_parameter");
  EXPECT_EQ(error_code(handle(get("/api/v1/lists/QQ/versions"), f.context())), "not_found");
}

TEST_F(HandlerTest, ServicesByIndexAndTimeline) {
  auto all = body_json(handle(get("/api/v1/services"), ctx()));
  const auto total = all.at("total").as_int64();
  EXPECT_GT(total, 0);
  auto xa = body_json(handle(get("/api/v1/services?territory=XA"), ctx()));
  EXPECT_GT(xa.at("total").as_int64(), 0);
  EXPECT_LT(xa.at("total").as_int64(), total);
  for (const auto& s : xa.at("services").as_array()) EXPECT_EQ(s.at("territory"), "XA");
  // tsp + type narrow further (AND).
  const auto& s0 = xa.at("services").at(0);
  const std::string tsp(s0.at("tsp").as_string()), type(s0.at("type").as_string());
  auto narrowed = body_json(handle(get("/api/v1/services?territory=XA&tsp=" + tsp + "&type=" + type), ctx()));
  EXPECT_GE(narrowed.at("total").as_int64(), 1);
  for (const auto& s : narrowed.at("services").as_array()) EXPECT_EQ(s.at("type"), s0.at("type"));
  EXPECT_EQ(body_json(handle(get("/api/v1/services?tsp=nobody"), ctx())).at("total"), 0);
  EXPECT_EQ(error_code(handle(get("/api/v1/services?sdi=xyz"), ctx())), "bad_parameter");
  // Paging: digits only; a sign, a suffix or an empty value is a 400, not a wrapped or cut number.
  auto page = body_json(handle(get("/api/v1/services?limit=1&offset=1"), ctx()));
  EXPECT_EQ(page.at("limit"), 1);
  EXPECT_EQ(page.at("offset"), 1);
  ASSERT_EQ(page.at("services").as_array().size(), 1u);
  EXPECT_EQ(page.at("services").at(0).at("id"), all.at("services").at(1).at("id"));
  for (const char* bad : {"limit=-1", "offset=-1", "limit=12abc", "offset=+3", "limit=", "offset=99999999999999999999999"}) {
    EXPECT_EQ(error_code(handle(get(std::string("/api/v1/services?") + bad), ctx())), "bad_parameter") << bad;
  }

  const std::string id(s0.at("id").as_string());
  auto t = handle(get("/api/v1/services/" + id + "/timeline"), ctx());
  ASSERT_EQ(t.result_int(), 200);
  EXPECT_EQ(body_json(t).at("id"), boost::json::value(id));
  EXPECT_TRUE(body_json(t).as_object().contains("trust_state"));
  auto svg = handle(get("/api/v1/services/" + id + "/timeline?format=svg"), ctx());
  ASSERT_EQ(svg.result_int(), 200);
  EXPECT_EQ(svg[beast_http::field::content_type], "image/svg+xml");
  EXPECT_THAT(svg.body(), HasSubstr("<svg"));
  EXPECT_EQ(error_code(handle(get("/api/v1/services/" + id + "/timeline?format=png"), ctx())), "bad_parameter");
  EXPECT_EQ(error_code(handle(get("/api/v1/services/" + id + "/timeline?at=yesterday"), ctx())), "bad_time");
  EXPECT_EQ(error_code(handle(get("/api/v1/services/0000000000000000/timeline"), ctx())), "not_found");
}

TEST_F(HandlerTest, ServicesBySdiFindTheIssuingService) {
  // The certificate SHA-256 of a listed CA certificate finds its service.
  const auto& s = state_->lists.front().in_force->list->tsps.front().services.front().current;
  std::string fingerprint;
  for (const auto& id : s.identity.ids) {
    if (id.kind == tsl::DigitalId::Kind::kX509Certificate) fingerprint = engine::sha256_hex(id.certificate_der);
  }
  ASSERT_FALSE(fingerprint.empty());
  auto v = body_json(handle(get("/api/v1/services?sdi=" + fingerprint), ctx()));
  EXPECT_GE(v.at("total").as_int64(), 1);
}

TEST_F(HandlerTest, QualificationParsesPemAndPassesTheInstant) {
  Seen seen;
  Context c = ctx();
  c.qualify = recording_stub(seen);
  auto r = handle(post("/api/v1/qualification",
                       boost::json::serialize(boost::json::object{{"certificates", {sample_pem("esig-qscd.pem")}},
                                                                  {"at", "2025-06-01T12:00:00Z"}})),
                  c);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(seen.certificates, 2u);  // the PEM file holds the certificate and its CA
  EXPECT_EQ(seen.at, *engine::parse_utc_time("2025-06-01T12:00:00Z"));
  auto v = body_json(r);
  EXPECT_EQ(v.at("qualified"), true);
  EXPECT_EQ(v.at("at"), "2025-06-01T12:00:00Z");
  const auto& ts = v.at("trust_state");
  EXPECT_EQ(ts.at("lotl").at("sha256"), boost::json::value(state_->lotl.in_force_sha256()));
  EXPECT_EQ(ts.at("lotl").at("sequence"), state_->lotl.in_force_sequence());
  ASSERT_EQ(ts.at("lists").as_array().size(), 3u);
  EXPECT_EQ(ts.at("lists").at(0).at("sha256"), boost::json::value(state_->lists.front().in_force_sha256()));
  EXPECT_EQ(ts.at("trust_time"), "2026-01-15T00:00:00Z");
}

TEST_F(HandlerTest, QualificationAcceptsBase64DerAndDefaultsTheInstant) {
  Seen seen;
  Context c = ctx();
  c.qualify = recording_stub(seen);
  auto pem = engine::Certificate::parse_pem_chain(sample_pem("esig-qscd.pem"));
  ASSERT_TRUE(pem.has_value());
  std::string b64 = engine::base64_encode((*pem)[0]->der());
  b64.insert(10, "\n  ");  // whitespace is ignored
  auto r = handle(post("/api/v1/qualification", boost::json::serialize(boost::json::object{{"certificates", {b64}}})), c);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(seen.first_sha256, (*pem)[0]->fingerprint_hex());
  EXPECT_EQ(seen.at, federation_->trust_time());
}

TEST_F(HandlerTest, QualificationErrors) {
  Seen seen;
  Context c = ctx();
  c.qualify = recording_stub(seen);
  auto q = [&](std::string body, std::string ct = "application/json") { return handle(post("/api/v1/qualification", body, ct), c); };
  EXPECT_EQ(q("{}", "text/plain").result_int(), 415);
  EXPECT_EQ(error_code(q("{}", "text/plain")), "unsupported_media_type");
  EXPECT_EQ(error_code(q("{\"certificates\": [")), "bad_json");
  EXPECT_EQ(error_code(q("[]")), "bad_request");
  EXPECT_EQ(error_code(q("{\"certificates\": []}")), "bad_request");
  EXPECT_EQ(error_code(q("{\"certificates\": [42]}")), "bad_request");
  EXPECT_EQ(error_code(q("{\"certificates\": [\"x\"], \"extra\": 1}")), "bad_request");
  EXPECT_EQ(error_code(q("{\"certificates\": [\"not base64 !!\"]}")), "bad_base64");
  EXPECT_EQ(error_code(q("{\"certificates\": [\"" + engine::base64_encode("not a certificate") + "\"]}")), "bad_certificate");
  EXPECT_EQ(error_code(q("{\"certificates\": [\"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\"]}")),
            "bad_certificate");
  const std::string cert = boost::json::serialize(boost::json::value(sample_pem("esig-qscd.pem")));
  EXPECT_EQ(error_code(q("{\"certificates\": [" + cert + "], \"at\": \"yesterday\"}")), "bad_time");
  EXPECT_EQ(error_code(q("{\"certificates\": [" + cert + "], \"at\": \"2025-06-01T12:00:00\"}")), "bad_time");
  EXPECT_EQ(error_code(q("{\"certificates\": [" + cert + "], \"at\": 5}")), "bad_time");
  std::string many = "{\"certificates\": [";
  for (int i = 0; i < 17; ++i) many += (i ? "," : "") + cert;
  EXPECT_EQ(error_code(q(many + "]}")), "bad_request");
  EXPECT_EQ(seen.certificates, 0u);  // the stub was never reached

  auto wrong_method = handle(get("/api/v1/qualification"), c);
  EXPECT_EQ(wrong_method.result_int(), 405);
  EXPECT_EQ(wrong_method[beast_http::field::allow], "POST");

  Context unwired = ctx();
  unwired.qualify = nullptr;
  EXPECT_EQ(handle(post("/api/v1/qualification", "{\"certificates\": [" + cert + "]}"), unwired).result_int(), 501);

  SnapshotHolder nothing;
  Context no_snapshot = c;
  no_snapshot.snapshots = &nothing;
  auto r = handle(post("/api/v1/qualification", "{\"certificates\": [" + cert + "]}"), no_snapshot);
  EXPECT_EQ(r.result_int(), 503);
  EXPECT_EQ(error_code(r), "no_snapshot");
}

TEST_F(HandlerTest, QualificationIsTheEngineAnswerWithTheTrustStateUsed) {
  Context c = ctx();
  c.qualify = engine_qualify();
  const std::string cert = boost::json::serialize(boost::json::value(sample_pem("esig-qscd.pem")));
  // samples/federation/expected.tsv: esig-qscd at 2025-06-01T00:00:00Z is QESig.
  auto r = handle(post("/api/v1/qualification", "{\"certificates\": [" + cert + "], \"at\": \"2025-06-01T00:00:00Z\"}"), c);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto v = body_json(r);
  EXPECT_EQ(v.at("result").as_object().at("label"), "QESig") << r.body();
  EXPECT_EQ(v.at("result").as_object().at("qualified"), true);
  EXPECT_TRUE(v.as_object().contains("evidence"));
  EXPECT_TRUE(v.at("trust_state").as_object().contains("lotl"));
}

TEST_F(HandlerTest, RefreshNeedsTheBearerToken) {
  Context c = ctx();
  c.refresh_token.clear();
  EXPECT_EQ(handle(post("/api/v1/refresh", ""), c).result_int(), 404);
  c.refresh_token = "s3cret-token";
  auto no_auth = handle(post("/api/v1/refresh", ""), c);
  EXPECT_EQ(no_auth.result_int(), 401);
  EXPECT_EQ(no_auth[beast_http::field::www_authenticate], "Bearer realm=\"assay\"");
  auto wrong = post("/api/v1/refresh", "");
  wrong.set(beast_http::field::authorization, "Bearer s3cret-tokem");
  EXPECT_EQ(handle(wrong, c).result_int(), 401);
  auto prefix = post("/api/v1/refresh", "");
  prefix.set(beast_http::field::authorization, "Bearer s3cret");
  EXPECT_EQ(handle(prefix, c).result_int(), 401);
  const int before = federation_->refresh_triggers;
  auto right = post("/api/v1/refresh", "");
  right.set(beast_http::field::authorization, "Bearer s3cret-token");
  auto ok = handle(right, c);
  EXPECT_EQ(ok.result_int(), 202);
  EXPECT_EQ(federation_->refresh_triggers, before + 1);
  EXPECT_EQ(handle(get("/api/v1/refresh"), c).result_int(), 405);
}

TEST_F(HandlerTest, MetricsInPrometheusFormat) {
  federation_->metrics().record_refresh(true, federation_->trust_time(), "");
  federation_->metrics().record_request("/api/v1/lists", "GET", 200, 0.003);
  auto r = handle(get("/metrics"), ctx());
  ASSERT_EQ(r.result_int(), 200);
  EXPECT_THAT(std::string(r[beast_http::field::content_type]), HasSubstr("text/plain; version=0.0.4"));
  const auto& m = r.body();
  EXPECT_THAT(m, HasSubstr("assay_refresh_runs_total "));
  EXPECT_THAT(m, HasSubstr("assay_refresh_failures_total 0"));
  EXPECT_THAT(m, HasSubstr("assay_list_sequence{territory=\"XA\",url=\"https://federation.assay.invalid/lists/XA.xml\"} 7"));
  EXPECT_THAT(m, HasSubstr("assay_list_status{territory=\"XA\",url=\"https://federation.assay.invalid/lists/XA.xml\",status=\"authenticated\"} 1"));
  EXPECT_THAT(m, HasSubstr("assay_list_seconds_since_last_good{territory=\"XA\",url=\"https://federation.assay.invalid/lists/XA.xml\"} 0"));
  EXPECT_THAT(m, HasSubstr("assay_http_requests_total{route=\"/api/v1/lists\",method=\"GET\",code=\"200\"} "));
  EXPECT_THAT(m, HasSubstr("assay_http_request_duration_seconds_bucket{route=\"/api/v1/lists\",le=\"0.005\"} "));
}

TEST_F(HandlerTest, UnknownRoutesAndTargets) {
  auto r = handle(get("/nope"), ctx());
  EXPECT_EQ(r.result_int(), 404);
  EXPECT_EQ(error_code(r), "not_found");
  EXPECT_EQ(r[beast_http::field::content_type], "application/json");
  EXPECT_EQ(error_code(handle(get("/api/v1/lists/%zz"), ctx())), "bad_target");
  auto del = handle(Request{beast_http::verb::delete_, "/api/v1/lists", 11}, ctx());
  EXPECT_EQ(del.result_int(), 405);
  EXPECT_EQ(del[beast_http::field::allow], "GET, HEAD");
}

// The web pages moved to the console (service/console, tests/service/console): the old addresses
// redirect there.
TEST_F(HandlerTest, WebPagesRedirectToTheConsole) {
  auto r = handle(get("/"), ctx());
  EXPECT_EQ(r.result_int(), 302);
  EXPECT_EQ(r[beast_http::field::location], "/console/");
  auto list = handle(get("/lists/XA"), ctx());
  EXPECT_EQ(list.result_int(), 301);
  EXPECT_EQ(list[beast_http::field::location], "/console/lists/XA");
  auto console = handle(get("/console/lists/XA"), ctx());
  ASSERT_EQ(console.result_int(), 200);
  EXPECT_THAT(console.body(), HasSubstr("/console/services/"));
  EXPECT_EQ(service::text::markup_escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
}

TEST_F(HandlerTest, OpenApiIsServed) {
  Context c = ctx();
  c.openapi_yaml = "openapi: 3.0.3\n";
  auto r = handle(get("/api/v1/openapi.yaml"), c);
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(r.body(), "openapi: 3.0.3\n");
}

// POST /api/v1/certificates/validation: parsing, limits and the seam call (the validation itself
// is injected; the engine wiring is tested with the CLI).
TEST_F(HandlerTest, CertificateValidationParsesCertificatesCrlsAndOcspResponses) {
  CertificateValidationInput seen;
  int calls = 0;
  Context c = ctx();
  c.validate_certificate = [&](const TrustSnapshotBundle& bundle,
                                const CertificateValidationInput& input) -> engine::Result<boost::json::value> {
    ++calls;
    seen = input;
    return boost::json::value{{"indication", "PASSED"}, {"lists", bundle.snapshot->lists().size()}};
  };
  const std::string crl_der("\x30\x03\x02\x01\x01", 5);
  const std::string crl_pem = "-----BEGIN X509 CRL-----\n" + engine::base64_encode(crl_der) + "\n-----END X509 CRL-----\n";
  auto r = handle(post("/api/v1/certificates/validation",
                       boost::json::serialize(boost::json::object{{"certificates", {sample_pem("esig-qscd.pem")}},
                                                                  {"crls", {crl_pem, engine::base64_encode(crl_der)}},
                                                                  {"ocsp_responses", {engine::base64_encode(crl_der)}},
                                                                  {"at", "2025-06-01T12:00:00Z"}})),
                  c);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(seen.certificates.size(), 2u);
  ASSERT_EQ(seen.crls.size(), 2u);
  EXPECT_EQ(seen.crls[0], crl_der);
  EXPECT_EQ(seen.crls[1], crl_der);
  ASSERT_EQ(seen.ocsp_responses.size(), 1u);
  EXPECT_EQ(seen.at, *engine::parse_utc_time("2025-06-01T12:00:00Z"));
  auto v = body_json(r);
  EXPECT_EQ(v.at("indication"), "PASSED");
  EXPECT_EQ(v.at("trust_state").at("trust_time"), "2026-01-15T00:00:00Z");

  // Without "at": the server's clock.
  r = handle(post("/api/v1/certificates/validation",
                  boost::json::serialize(boost::json::object{{"certificates", {sample_pem("esig-qscd.pem")}}})),
             c);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(seen.at, federation_->trust_time());
  EXPECT_TRUE(seen.crls.empty());
}

TEST_F(HandlerTest, CertificateValidationErrors) {
  int calls = 0;
  Context c = ctx();
  c.validate_certificate = [&](const TrustSnapshotBundle&,
                                const CertificateValidationInput&) -> engine::Result<boost::json::value> {
    ++calls;
    return boost::json::value{{"indication", "PASSED"}};
  };
  auto q = [&](std::string body, std::string ct = "application/json") {
    return handle(post("/api/v1/certificates/validation", body, ct), c);
  };
  const std::string cert = boost::json::serialize(boost::json::value(sample_pem("esig-qscd.pem")));
  auto with = [&](const std::string& member) { return "{\"certificates\": [" + cert + "], " + member + "}"; };
  EXPECT_EQ(q("{}", "text/plain").result_int(), 415);
  EXPECT_EQ(error_code(q("{\"certificates\": [")), "bad_json");
  EXPECT_EQ(error_code(q("{\"certificates\": []}")), "bad_request");
  EXPECT_EQ(error_code(q(with("\"unknown\": 1"))), "bad_request");
  EXPECT_EQ(error_code(q(with("\"crls\": \"x\""))), "bad_request");
  EXPECT_EQ(error_code(q(with("\"crls\": [5]"))), "bad_request");
  EXPECT_EQ(error_code(q(with("\"crls\": [\"not base64 !!\"]"))), "bad_base64");
  EXPECT_EQ(error_code(q(with("\"crls\": [\"" + engine::base64_encode("not DER") + "\"]"))), "bad_der");
  EXPECT_EQ(error_code(q(with("\"crls\": [\"-----BEGIN CERTIFICATE-----\\nMAA=\\n-----END CERTIFICATE-----\"]"))),
            "bad_pem");
  EXPECT_EQ(error_code(q(with("\"crls\": [\"-----BEGIN X509 CRL-----\\nMAA=\\n\"]"))), "bad_pem");
  EXPECT_EQ(error_code(q(with("\"ocsp_responses\": [\"-----BEGIN X509 CRL-----\\nMAA=\\n-----END X509 CRL-----\"]"))),
            "bad_pem");
  EXPECT_EQ(error_code(q(with("\"at\": \"2025-06-01T12:00:00\""))), "bad_time");
  std::string many = "\"crls\": [";
  for (int i = 0; i < 17; ++i) many += std::string(i ? "," : "") + "\"MAA=\"";
  EXPECT_EQ(error_code(q(with(many + "]"))), "bad_request");
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(q(with("\"crls\": [\"MAA=\"]")).result_int(), 200);  // MAA= is an empty SEQUENCE: parsed later
  EXPECT_EQ(calls, 1);

  EXPECT_EQ(handle(get("/api/v1/certificates/validation"), c).result_int(), 405);
  Context unwired = ctx();
  unwired.validate_certificate = nullptr;
  EXPECT_EQ(handle(post("/api/v1/certificates/validation", "{\"certificates\": [" + cert + "]}"), unwired).result_int(),
            501);
}

TEST_F(HandlerTest, CertificateValidationWithTheEngineUsesTheListsInForce) {
  Context c = ctx();
  c.validate_certificate = engine_validate_certificate();
  const auto dir = assay::testing::sample_federation_dir();
  const std::string crl = engine::base64_encode(assay::testing::read_bytes(dir / "revocation" / "xa-qc-esig-ca.crl"));
  const auto body = [&](const std::string& certificate, const std::string& crl_item) {
    return boost::json::serialize(boost::json::object{
        {"certificates", {assay::testing::read_bytes(dir / "validation" / certificate)}},
        {"crls", {crl_item}},
        {"at", "2026-01-15T00:00:00Z"}});
  };
  auto r = handle(post("/api/v1/certificates/validation", body("valid-good.pem", crl)), c);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto v = body_json(r);
  EXPECT_EQ(v.at("indication"), "PASSED") << r.body();
  EXPECT_EQ(v.at("anchor").at("source"), "trusted_list");
  EXPECT_TRUE(v.as_object().contains("trust_state"));

  r = handle(post("/api/v1/certificates/validation", body("valid-revoked.pem", crl)), c);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_json(r).at("subindication"), "REVOKED_NO_POE") << r.body();

  // Revocation data that does not parse is the caller's error, not an outcome.
  r = handle(post("/api/v1/certificates/validation", body("valid-good.pem", "MAA=")), c);
  EXPECT_EQ(r.result_int(), 400) << r.body();
}

TEST(ErrorTable, MapsEveryEngineCode) {
  EXPECT_EQ(http_status(engine::Code::kInvalidArgument), 400u);
  EXPECT_EQ(http_status(engine::Code::kMalformed), 400u);
  EXPECT_EQ(http_status(engine::Code::kNotFound), 404u);
  EXPECT_EQ(http_status(engine::Code::kUnavailable), 503u);
  EXPECT_EQ(http_status(engine::Code::kDeadlineExceeded), 504u);
  EXPECT_EQ(http_status(engine::Code::kResourceExhausted), 413u);
  EXPECT_EQ(http_status(engine::Code::kUnsupported), 501u);
  EXPECT_EQ(http_status(engine::Code::kInternal), 500u);
}

}  // namespace
}  // namespace assay::service::http
