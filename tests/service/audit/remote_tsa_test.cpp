// The seal's time-stamp from a time-stamping service over HTTP (service/audit/internal/remote_tsa.h,
// RFC 3161 3.4) against a local TSA on 127.0.0.1 whose tokens the existing token builder makes:
// a good service gives a B-T package that verifies with the TSA named; each hostile answer
// (rejection, wrong imprint, wrong nonce, garbage, no certificate, a signer that is not a TSA,
// HTTP error, time-out) is a clear error, and no package is written.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <set>

#include "engine/base64.h"
#include "engine/cms/timestamp_builder.h"
#include "engine/cms/timestamp_protocol.h"
#include "engine/crypto/private_key.h"
#include "engine/digest.h"
#include "engine/x509/certificate_builder.h"
#include "service/audit/evidence_package.h"
#include "service/audit/internal/remote_tsa.h"
#include "service/audit/internal/stored_zip.h"
#include "tests/engine/support/test_http_server.h"

namespace assay::service::audit {
namespace {

namespace fs = std::filesystem;
using assay::testing::Delivery;
using assay::testing::HttpScript;
using assay::testing::RecordedRequest;
using assay::testing::TestHttpServer;

struct Unit {
  engine::PrivateKey key;
  engine::CertificatePtr cert;
};

Unit make_unit(const std::string& name, bool tsa) {
  auto key = engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256);
  EXPECT_TRUE(key);
  engine::CertificateSpec spec;
  spec.subject = {{"CN", name}, {"C", "XA"}};
  if (tsa) spec.extended_key_usages = {"1.3.6.1.5.5.7.3.8"};  // id-kp-timeStamping
  spec.not_before = engine::parse_utc_time("2026-01-01T00:00:00Z").value();
  spec.not_after = engine::parse_utc_time("2028-01-01T00:00:00Z").value();
  auto cert = engine::build_self_signed(spec, *key);
  EXPECT_TRUE(cert);
  return Unit{std::move(*key), std::move(*cert)};
}

enum class Fault { kNone, kRejection, kWrongImprint, kWrongNonce, kGarbage, kNoCertificate, kNotATsa, kNoToken };

// A TSA that answers each TimeStampReq with a token of the existing builder, wrong on purpose.
HttpScript answer(const RecordedRequest& r, const Unit& tsa, const Unit& not_tsa, Fault fault) {
  auto request = engine::cms::parse_timestamp_request(r.body);
  if (!request) return HttpScript::status_only(400);
  HttpScript reply;
  reply.headers = {{"Content-Type", "application/timestamp-reply"}};
  if (fault == Fault::kGarbage) {
    reply.body = "<html>not a time-stamp</html>";
    return reply;
  }
  if (fault == Fault::kRejection) {
    reply.body = engine::cms::build_timestamp_response(2, "unaccepted policy");
    return reply;
  }
  if (fault == Fault::kNoToken) {
    reply.body = engine::cms::build_timestamp_response(0);
    return reply;
  }
  engine::cms::TimestampTokenSpec spec;
  spec.hashed_message = fault == Fault::kWrongImprint ? std::string(32, 'x') : request->hashed_message;
  spec.gen_time = engine::parse_utc_time("2026-06-02T10:00:06Z").value();
  spec.serial_hex = "0a0b";
  if (request->nonce) spec.nonce_hex = fault == Fault::kWrongNonce ? std::string("0102030405060708") : engine::to_hex(*request->nonce);
  spec.include_tsa_certificate = fault != Fault::kNoCertificate && request->cert_req;
  const Unit& signer = fault == Fault::kNotATsa ? not_tsa : tsa;
  auto token = engine::cms::build_timestamp_token(spec, *signer.cert, signer.key);
  if (!token) return HttpScript::status_only(500);
  reply.body = engine::cms::build_timestamp_response(0, "", *token);
  return reply;
}

class RemoteTsaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("assay-remote-tsa-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_ / "suite/cases");
    std::ofstream(dir_ / "suite/suite.toml") << "[suite]\nname = \"tsa\"\nversion = \"1\"\n";
    fs::create_directories(dir_ / "suite/inputs");
    std::ofstream(dir_ / "suite/inputs/doc.xml") << "<doc/>";
    std::ofstream(dir_ / "suite/cases/01.toml") << "id = \"sig-1\"\nquestion = \"signature\"\ndocument = \"inputs/doc.xml\"\n"
                                                   "at = \"2026-06-01T00:00:00Z\"\n[expected]\nindication = \"TOTAL_PASSED\"\n"
                                                   "[requirement]\nclause = \"EN 319 102-1\"\ntext = \"t\"\n";
    auto suite = read_suite(dir_ / "suite");
    ASSERT_TRUE(suite) << suite.error().message();
    suite_ = *suite;
    result_.suite_name = "tsa";
    result_.suite_version = "1";
    result_.target = "assay";
    result_.started = engine::parse_utc_time("2026-06-02T10:00:00Z").value();
    result_.finished = engine::parse_utc_time("2026-06-02T10:00:05Z").value();
    auto seal_key = engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256);
    ASSERT_TRUE(seal_key);
    engine::CertificateSpec spec;
    spec.subject = {{"CN", "Auditor seal"}};
    spec.not_before = engine::parse_utc_time("2026-01-01T00:00:00Z").value();
    spec.not_after = engine::parse_utc_time("2028-01-01T00:00:00Z").value();
    auto cert = engine::build_self_signed(spec, *seal_key);
    ASSERT_TRUE(cert);
    std::ofstream(dir_ / "seal.key") << seal_key->to_pem().value();
    std::ofstream(dir_ / "seal.pem") << "-----BEGIN CERTIFICATE-----\n" << engine::base64_encode((*cert)->der())
                                     << "\n-----END CERTIFICATE-----\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  SealOptions seal(const std::string& url, std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) const {
    SealOptions s;
    s.key = dir_ / "seal.key";
    s.certificate = dir_ / "seal.pem";
    s.tsa_url = url;
    s.tsa_timeout = timeout;
    return s;
  }

  fs::path dir_;
  Suite suite_;
  CampaignResult result_;
  const Unit tsa_ = make_unit("Remote audit TSA", true);
  const Unit not_tsa_ = make_unit("Not a TSA", false);
};

TEST_F(RemoteTsaTest, AGoodServiceGivesABaselineTPackageNamingTheTsa) {
  TestHttpServer server;
  server.route("/tsa", TestHttpServer::Handler([this](const RecordedRequest& r) { return answer(r, tsa_, not_tsa_, Fault::kNone); }));
  ASSERT_TRUE(check_seal(seal(server.url("/tsa"))));
  auto package = write_evidence_package(result_, suite_, seal(server.url("/tsa")));
  ASSERT_TRUE(package) << package.error().message();
  auto check = verify_evidence_package(*package);
  ASSERT_TRUE(check) << check.error().message();
  EXPECT_TRUE(check->intact) << check->failure;
  EXPECT_EQ(check->seal_level, "XAdES-BASELINE-T");
  ASSERT_TRUE(check->timestamp_time);
  EXPECT_EQ(engine::format_utc_time(*check->timestamp_time), "2026-06-02T10:00:06Z");
  EXPECT_NE(check->timestamp_tsa.find("Remote audit TSA"), std::string::npos) << check->timestamp_tsa;
  auto members = internal::read_stored_zip(*package);
  ASSERT_TRUE(members);
  bool named = false;
  for (const auto& m : *members) {
    if (m.name == "report.json") named = m.bytes.find("time-stamping service " + server.url("/tsa")) != std::string::npos;
  }
  EXPECT_TRUE(named) << "report.json's seal names the service";

  // RFC 3161 3.4: POST application/timestamp-query; certReq and a nonce in every request, and a
  // fresh nonce each time (the probe, then the seal).
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  std::set<std::string> nonces;
  for (const auto& r : requests) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.headers.at("content-type"), "application/timestamp-query");
    auto parsed = engine::cms::parse_timestamp_request(r.body);
    ASSERT_TRUE(parsed) << parsed.error().message();
    EXPECT_TRUE(parsed->cert_req);
    ASSERT_TRUE(parsed->nonce);
    nonces.insert(*parsed->nonce);
  }
  EXPECT_EQ(nonces.size(), 2u);
}

TEST_F(RemoteTsaTest, HostileAnswersAreClearErrorsAndNoPackage) {
  struct Case {
    Fault fault;
    std::string message;
    engine::Code code;
  };
  const std::vector<Case> cases = {
      {Fault::kRejection, "refused the request: rejection: unaccepted policy", engine::Code::kUnavailable},
      {Fault::kWrongImprint, "message imprint is not over the seal's SignatureValue", engine::Code::kMalformed},
      {Fault::kWrongNonce, "nonce is not the request's", engine::Code::kMalformed},
      {Fault::kGarbage, "the answer is not a TimeStampResp", engine::Code::kMalformed},
      {Fault::kNoCertificate, "does not carry the TSA certificate", engine::Code::kMalformed},
      {Fault::kNotATsa, "is not a time-stamping certificate", engine::Code::kMalformed},
      {Fault::kNoToken, "carries no TimeStampToken", engine::Code::kMalformed},
  };
  for (const auto& c : cases) {
    TestHttpServer server;
    server.route("/tsa", TestHttpServer::Handler([this, f = c.fault](const RecordedRequest& r) { return answer(r, tsa_, not_tsa_, f); }));
    SCOPED_TRACE(c.message);
    auto probe = check_seal(seal(server.url("/tsa")));
    ASSERT_FALSE(probe);
    EXPECT_EQ(probe.error().code(), c.code);
    EXPECT_NE(probe.error().message().find(c.message), std::string::npos) << probe.error().message();
    EXPECT_NE(probe.error().message().find(server.url("/tsa")), std::string::npos) << probe.error().message();
    auto package = write_evidence_package(result_, suite_, seal(server.url("/tsa")));
    ASSERT_FALSE(package);
    EXPECT_NE(package.error().message().find(c.message), std::string::npos) << package.error().message();
  }

  // HTTP errors and a service that never answers: bounded by the timeout.
  TestHttpServer server;
  server.route("/error", HttpScript::status_only(503));
  HttpScript stall;
  stall.delivery = Delivery::kStall;
  server.route("/stall", stall);
  auto error = write_evidence_package(result_, suite_, seal(server.url("/error")));
  ASSERT_FALSE(error);
  EXPECT_NE(error.error().message().find("answered HTTP 503"), std::string::npos) << error.error().message();
  const auto start = std::chrono::steady_clock::now();
  auto slow = write_evidence_package(result_, suite_, seal(server.url("/stall"), std::chrono::milliseconds(1000)));
  ASSERT_FALSE(slow);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_NE(slow.error().message().find("timeout"), std::string::npos) << slow.error().message();
}

TEST(TimestampProtocol, RequestsAndResponsesRoundTripAndGarbageIsMalformed) {
  engine::cms::TimestampRequest request;
  request.hashed_message = std::string(32, '\x11');
  request.nonce = std::string("\x01\x02\x03", 3);
  request.policy_oid = "0.4.0.2023.1.1";
  auto der = engine::cms::build_timestamp_request(request);
  ASSERT_TRUE(der);
  auto back = engine::cms::parse_timestamp_request(*der);
  ASSERT_TRUE(back) << back.error().message();
  EXPECT_EQ(back->hashed_message, request.hashed_message);
  EXPECT_EQ(back->nonce, request.nonce);
  EXPECT_EQ(back->policy_oid, request.policy_oid);
  EXPECT_TRUE(back->cert_req);
  EXPECT_FALSE(engine::cms::build_timestamp_request({}));

  auto rejection = engine::cms::parse_timestamp_response(engine::cms::build_timestamp_response(2, "bad"));
  ASSERT_TRUE(rejection) << rejection.error().message();
  EXPECT_EQ(rejection->status, 2);
  EXPECT_EQ(rejection->status_text, "bad");
  EXPECT_FALSE(rejection->token);
  // status rejection, failInfo badAlg (bit 0) + badDataFormat (bit 5): 03 02 02 84.
  const std::string with_failure("\x30\x09\x30\x07\x02\x01\x02\x03\x02\x02\x84", 11);
  auto failed = engine::cms::parse_timestamp_response(with_failure);
  ASSERT_TRUE(failed) << failed.error().message();
  ASSERT_TRUE(failed->failure_info);
  EXPECT_EQ(*failed->failure_info, "badAlg, badDataFormat");
  for (const std::string& garbage : {std::string(), std::string("\x30\x00", 2), std::string("\x30\x03\x02\x01\x00", 5) + "x",
                                     std::string("\x30\x05\x30\x03\x02\x01\xff", 7)}) {
    EXPECT_FALSE(engine::cms::parse_timestamp_response(garbage)) << engine::to_hex(engine::sha256(garbage));
  }
}

}  // namespace
}  // namespace assay::service::audit
