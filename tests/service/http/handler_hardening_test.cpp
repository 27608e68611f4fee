// Handler regression tests for the adversarial review of issue 21 (no socket): duplicate JSON
// members, bounded findings and responses, PEM counting, media types, bearer scheme case,
// time zones and ranges, the SVG axis, and the browser security headers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/base64.h"
#include "engine/crypto/private_key.h"
#include "engine/x509/certificate_builder.h"
#include "service/http/handler.h"
#include "tests/service/http/federation_fixture.h"
#include "tests/support/corpus.h"

namespace assay::service::http {
namespace {

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

std::string error_code(const Response& r) { return std::string(body_json(r).at("error").at("code").as_string()); }
std::string error_message(const Response& r) { return std::string(body_json(r).at("error").at("message").as_string()); }

std::string sample_cert_json() {
  const auto pem = assay::testing::read_bytes(assay::testing::sample_federation_dir() / "certs" / "esig-qscd.pem");
  return boost::json::serialize(boost::json::value(pem));
}

class HandlerHardeningTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    federation_ = new SampleFederation();
    ASSERT_TRUE(federation_->refresh());
  }
  static void TearDownTestSuite() {
    delete federation_;
    federation_ = nullptr;
  }
  Context& ctx() { return federation_->context(); }
  Response qualify(const std::string& body, const std::string& content_type = "application/json") {
    Context c = ctx();
    c.qualify = engine_qualify();
    return handle(post("/api/v1/qualification", body, content_type), c);
  }
  std::string some_service_id() {
    auto all = body_json(handle(get("/api/v1/services?limit=1"), ctx()));
    return std::string(all.at("services").at(0).at("id").as_string());
  }
  static SampleFederation* federation_;
};
SampleFederation* HandlerHardeningTest::federation_ = nullptr;

TEST_F(HandlerHardeningTest, DuplicateJsonMembersAreRefusedByName) {
  const std::string cert = sample_cert_json();
  auto r = qualify("{\"certificates\": [" + cert + "], \"certificates\": []}");
  EXPECT_EQ(r.result_int(), 400);
  EXPECT_THAT(error_message(r), HasSubstr("duplicate member \"certificates\""));
  auto at = qualify("{\"certificates\": [" + cert + "], \"at\": \"2026-01-01T00:00:00Z\", \"at\": null}");
  EXPECT_EQ(at.result_int(), 400);
  EXPECT_THAT(error_message(at), HasSubstr("\"at\""));
  // Escapes do not hide a duplicate: "\u0061t" is "at".
  auto escaped = qualify("{\"certificates\": [" + cert + "], \"at\": null, \"\\u0061t\": null}");
  EXPECT_EQ(escaped.result_int(), 400);
  EXPECT_EQ(qualify("{\"certificates\": [" + cert + "], \"at\": \"2026-01-01T00:00:00Z\"}").result_int(), 200);
}

// Defect 3: a certificate with thousands of copies of one statement gave a finding per copy,
// repeated in every part of the answer (1.3 MB in, 64 MB out).
TEST_F(HandlerHardeningTest, RepeatedQcStatementsGiveASmallAnswer) {
  auto key = engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256);
  ASSERT_TRUE(key);
  engine::CertificateSpec spec;
  spec.subject = {{"C", "LU"}, {"CN", "Repeated statements"}};
  spec.not_before = *engine::parse_utc_time("2025-01-01T00:00:00Z");
  spec.not_after = *engine::parse_utc_time("2027-01-01T00:00:00Z");
  engine::QcStatementsSpec qc;
  for (int i = 0; i < 4000; ++i) qc.extra.push_back({std::string(engine::qc_oid::kCompliance), ""});
  spec.qc_statements = qc;
  auto cert = engine::build_self_signed(spec, *key);
  ASSERT_TRUE(cert) << cert.error().message();
  const std::string body = "{\"certificates\": [\"" + engine::base64_encode((*cert)->der()) + "\"]}";
  auto r = qualify(body);
  ASSERT_EQ(r.result_int(), 200) << r.body().substr(0, 300);
  EXPECT_LT(r.body().size(), 64u << 10);
  EXPECT_THAT(r.body(), HasSubstr("x509.qcstatements.too_many"));
}

TEST_F(HandlerHardeningTest, ResponsesAboveTheCapAreRefused) {
  Context c = ctx();
  c.max_response_bytes = 200;
  auto r = handle(get("/api/v1/lists"), c);
  EXPECT_EQ(r.result_int(), 500);
  EXPECT_EQ(error_code(r), "response_too_large");
  EXPECT_EQ(handle(get("/health"), c).result_int(), 200);
}

TEST_F(HandlerHardeningTest, PemBlocksAreCountedBeforeTheyAreParsed) {
  // 17 broken blocks: the limit is reported, not a parse error of the first block.
  std::string pem;
  for (int i = 0; i < 17; ++i) pem += "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
  auto r = qualify("{\"certificates\": [" + boost::json::serialize(boost::json::value(pem)) + "]}");
  EXPECT_EQ(r.result_int(), 400);
  EXPECT_THAT(error_message(r), HasSubstr("at most 16 certificates"));
}

TEST_F(HandlerHardeningTest, OnlyUtf8JsonIsAccepted) {
  const std::string body = "{\"certificates\": [" + sample_cert_json() + "]}";
  EXPECT_EQ(qualify(body, "application/json; charset=utf-16").result_int(), 415);
  EXPECT_EQ(qualify(body, "application/json;charset=\"UTF-16LE\"").result_int(), 415);
  EXPECT_EQ(qualify(body, "application/json; charset=UTF-8").result_int(), 200);
  EXPECT_EQ(qualify(body, "Application/JSON").result_int(), 200);
}

TEST_F(HandlerHardeningTest, BearerSchemeIsCaseInsensitive) {
  Context c = ctx();
  c.refresh_token = "s3cret-token";
  for (const char* scheme : {"bearer", "BEARER", "Bearer"}) {
    auto req = post("/api/v1/refresh", "");
    req.set(beast_http::field::authorization, std::string(scheme) + " s3cret-token");
    EXPECT_EQ(handle(req, c).result_int(), 202) << scheme;
  }
  auto wrong = post("/api/v1/refresh", "");
  wrong.set(beast_http::field::authorization, "bearer S3CRET-TOKEN");  // the token is case-sensitive
  EXPECT_EQ(handle(wrong, c).result_int(), 401);
}

TEST_F(HandlerHardeningTest, InstantsNeedAZoneAndStayWithinYears0To9999) {
  const std::string cert = sample_cert_json();
  for (const char* at : {"0000-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00"}) {
    auto r = qualify("{\"certificates\": [" + cert + "], \"at\": \"" + at + "\"}");
    EXPECT_EQ(r.result_int(), 400) << at;
    EXPECT_EQ(error_code(r), "bad_time") << at;
  }
  auto edge = qualify("{\"certificates\": [" + cert + "], \"at\": \"9999-12-31T23:59:59Z\"}");
  ASSERT_EQ(edge.result_int(), 200);
  EXPECT_EQ(body_json(edge).at("at"), "9999-12-31T23:59:59Z");
  const std::string id = some_service_id();
  EXPECT_EQ(error_code(handle(get("/api/v1/services/" + id + "/timeline?at=2026-01-01T00:00:00"), ctx())), "bad_time");
  EXPECT_EQ(handle(get("/api/v1/services/" + id + "/timeline?at=2026-01-01T00:00:00Z"), ctx()).result_int(), 200);
}

TEST_F(HandlerHardeningTest, FarMarkersKeepTheChartSmall) {
  const std::string id = some_service_id();
  for (const char* at : {"9999-12-31T00:00:00Z", "0000-01-01T00:00:00Z"}) {
    auto r = handle(get("/api/v1/services/" + id + "/timeline?format=svg&at=" + at), ctx());
    ASSERT_EQ(r.result_int(), 200) << at;
    EXPECT_LT(r.body().size(), 32u << 10) << at;
  }
}

TEST_F(HandlerHardeningTest, PagesAndChartsCarryNosniffAndACsp) {
  const std::string id = some_service_id();
  for (const std::string& target : {std::string("/console/"), "/api/v1/services/" + id + "/timeline?format=svg"}) {
    auto r = handle(get(target), ctx());
    ASSERT_EQ(r.result_int(), 200) << target;
    EXPECT_EQ(r["X-Content-Type-Options"], "nosniff") << target;
    EXPECT_THAT(std::string(r["Content-Security-Policy"]), HasSubstr("default-src 'none'")) << target;
  }
  EXPECT_EQ(handle(get("/api/v1/lists"), ctx())["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(handle(get("/nowhere"), ctx())["X-Content-Type-Options"], "nosniff");
}

}  // namespace
}  // namespace assay::service::http
