// POST /api/v1/signatures/validation over the sample federation (trust time 2026-01-15), with
// the engine wired in: XAdES signatures made in the test by a self-signed RSA signer (valid
// 2025..2030, signed 2026-03-01) sent as JSON with base64 contents and as a multipart upload;
// ?report=etsi; the request errors (400/413/415/422/405/501); and the same through the loopback
// server (127.0.0.1) for the body cap.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/base64.h"
#include "engine/cms/timestamp_builder.h"
#include "engine/x509/revocation_builder.h"
#include "engine/zip/zip_archive.h"
#include "tests/engine/cms/tst_fixture.h"
#include "engine/xml/schema.h"
#include "service/http/handler.h"
#include "service/http/internal/multipart.h"
#include "tests/engine/xmldsig/general_fixture.h"
#include "tests/engine/xmldsig/xmldsig_fixture.h"
#include "tests/service/http/federation_fixture.h"
#include "tests/service/http/loopback.h"
#include "tests/support/corpus.h"

namespace assay::service::http {
namespace {

using ::testing::HasSubstr;
using namespace engine::xmldsig::testing;
using testing::SampleFederation;

constexpr const char* kTarget = "/api/v1/signatures/validation";
constexpr const char* kAt = "2026-06-01T00:00:00Z";

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

std::string detached_xades(const Signer& signer) {
  const std::string digest = engine::base64_encode(*engine::xmldsig::digest_with(kSha256, signer.cert));
  const std::string qp =
      "<ds:Object><xades:QualifyingProperties xmlns:xades=\"http://uri.etsi.org/01903/v1.3.2#\" Target=\"#sig\">"
      "<xades:SignedProperties Id=\"sp\"><xades:SignedSignatureProperties>"
      "<xades:SigningTime>2026-03-01T10:00:00Z</xades:SigningTime>"
      "<xades:SigningCertificateV2><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm=\"" + std::string(kSha256) +
      "\"/><ds:DigestValue>" + digest + "</ds:DigestValue></xades:CertDigest></xades:Cert></xades:SigningCertificateV2>"
      "</xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties></ds:Object>";
  Ref sp = ref("#sp", {engine::xmldsig::kExcC14n});
  sp.type = "http://uri.etsi.org/01903#SignedProperties";
  return sign_ok(signature_template("sig", {ref("invoice.pdf", {}), sp}, signer.cert, qp), signer.key,
                 {{"invoice.pdf", "%PDF-1.7 invoice 42"}});
}

class SignatureValidationApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    federation_ = new SampleFederation();
    ASSERT_TRUE(federation_->refresh());
    federation_->context().validate_signatures = engine_validate_signatures();
  }
  static void TearDownTestSuite() {
    delete federation_;
    federation_ = nullptr;
  }
  static Context& ctx() { return federation_->context(); }
  static SampleFederation* federation_;

  const Signer& signer_ = rsa_signer();
  const std::string signed_ = sign(kList, signer_);
  const std::string anchor_ = engine::base64_encode(signer_.cert);

  boost::json::object body(const std::string& document, bool with_anchor = true) const {
    boost::json::object o{{"document", engine::base64_encode(document)}, {"at", kAt}};
    if (with_anchor) o["anchors"] = boost::json::array{boost::json::value(anchor_)};
    return o;
  }
  Response call(const boost::json::object& o, const std::string& target = kTarget) const {
    return handle(post(target, boost::json::serialize(o)), ctx());
  }
};
SampleFederation* SignatureValidationApi::federation_ = nullptr;

TEST_F(SignatureValidationApi, JsonBodyWithAnchorIsTotalPassed) {
  const auto r = call(body(signed_));
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(r[beast_http::field::content_type], "application/json");
  const auto v = body_json(r);
  EXPECT_EQ(v.at("signatures_count"), 1);
  EXPECT_EQ(v.at("valid_signatures_count"), 1);
  EXPECT_EQ(v.at("validation_time"), kAt);
  const auto& s = v.at("signatures").at(0);
  EXPECT_EQ(s.at("indication"), "TOTAL_PASSED") << r.body();
  EXPECT_EQ(s.at("level"), "XAdES-BASELINE-B");
  EXPECT_TRUE(v.at("trust_state").is_object());
  EXPECT_FALSE(v.as_object().contains("detailed"));

  auto detailed = body(signed_);
  detailed["detailed"] = true;
  EXPECT_TRUE(body_json(call(detailed)).as_object().contains("detailed"));
}

TEST_F(SignatureValidationApi, WithoutAnAnchorOnlyTheListsAnchor) {
  const auto r = call(body(signed_, false));
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const auto v = body_json(r);
  const auto& s = v.at("signatures").at(0);
  EXPECT_EQ(s.at("indication"), "INDETERMINATE");
  EXPECT_EQ(s.at("subindication"), "NO_CERTIFICATE_CHAIN_FOUND");
}

TEST_F(SignatureValidationApi, NoSignatureIsAnEmptyListAndTamperedIsHashFailure) {
  auto r = call(body(std::string(kList)));
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_TRUE(body_json(r).at("signatures").as_array().empty());
  EXPECT_EQ(body_json(r).at("signatures_count"), 0);
  std::string tampered = signed_;
  tampered.replace(tampered.find(">GoodCorp<"), 10, ">BadCorp!<");
  r = call(body(tampered));
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_json(r).at("signatures").at(0).at("subindication"), "HASH_FAILURE");
}

// A time-stamp-only ASiC-S: no signature, its document time-stamp in "timestamps" (JSON) and as
// a timestamp validation object (?report=etsi).
TEST_F(SignatureValidationApi, TimestampOnlyContainerListsItsTimestamp) {
  engine::testing_cms::TsaFixture tsa;
  const auto token = engine::cms::build_timestamp_token(tsa.spec("a deed\n"), *tsa.tsa, tsa.tsa_key);
  const auto container = *engine::zip::write_zip({{"mimetype", "application/vnd.etsi.asic-s+zip", true},
                                                  {"deed.txt", "a deed\n", false},
                                                  {"META-INF/timestamp.tst", *token, false}});
  engine::CrlSpec crl;
  crl.this_update = engine::testing_cms::at("2025-05-31T00:00:00Z");
  crl.next_update = engine::testing_cms::at("2025-07-01T00:00:00Z");
  boost::json::object o{{"document", engine::base64_encode(container)},
                        {"at", "2025-06-15T00:00:00Z"},
                        {"anchors", boost::json::array{boost::json::value(engine::base64_encode(tsa.root->der()))}},
                        {"crls", boost::json::array{boost::json::value(
                                     engine::base64_encode(*engine::build_crl(crl, *tsa.root, tsa.root_key)))}}};
  const auto r = call(o);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const auto v = body_json(r);
  EXPECT_EQ(v.at("signatures_count"), 0);
  EXPECT_EQ(v.at("container"), "ASiC-S");
  ASSERT_EQ(v.at("timestamps").as_array().size(), 1u) << r.body();
  EXPECT_EQ(v.at("timestamps").at(0).at("indication"), "PASSED") << r.body();
  EXPECT_EQ(v.at("timestamps").at(0).at("scope").at(0).at("name"), "deed.txt");
  const auto etsi = call(o, std::string(kTarget) + "?report=etsi");
  ASSERT_EQ(etsi.result_int(), 200);
  EXPECT_THAT(etsi.body(), HasSubstr("urn:etsi:019102:validationObject:timestamp"));
  EXPECT_THAT(etsi.body(), HasSubstr("<POEProvisioning><POETime>2025-06-01T12:00:00Z</POETime>"));
}

TEST_F(SignatureValidationApi, DetachedContentInJson) {
  auto o = body(detached_xades(signer_));
  o["detached"] = boost::json::array{
      boost::json::object{{"name", "invoice.pdf"}, {"content", engine::base64_encode("%PDF-1.7 invoice 42")}}};
  auto r = call(o);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(body_json(r).at("signatures").at(0).at("indication"), "TOTAL_PASSED") << r.body();
  o.erase("detached");
  r = call(o);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_NE(body_json(r).at("signatures").at(0).at("indication"), "TOTAL_PASSED");
}

TEST_F(SignatureValidationApi, EtsiReportIsXml) {
  const auto r = call(body(signed_), std::string(kTarget) + "?report=etsi");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_THAT(std::string(r[beast_http::field::content_type]), HasSubstr("application/xml"));
  EXPECT_THAT(r.body(), HasSubstr("urn:etsi:019102:mainindication:total-passed"));
  EXPECT_EQ(call(body(signed_), std::string(kTarget) + "?report=json").result_int(), 200);
  EXPECT_EQ(error_code(call(body(signed_), std::string(kTarget) + "?report=pdf")), "bad_request");
  const auto shared = assay::testing::shared_dir();
  const auto schema = shared.empty() ? std::filesystem::path{} : shared / "standards/ts119102-2/1910202xmlSchema.xsd";
  if (schema.empty() || !std::filesystem::exists(schema)) GTEST_SKIP() << "schema check skipped: " << schema << " absent";
  auto errors = engine::xml::validate_with_schema(r.body(), schema);
  ASSERT_TRUE(errors.has_value()) << errors.error().message();
  for (const auto& e : *errors) ADD_FAILURE() << e;
}

std::string form_part(const std::string& boundary, const std::string& name, const std::string& content,
                      const std::string& filename = "") {
  return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"" +
         (filename.empty() ? "" : "; filename=\"" + filename + "\"") +
         (filename.empty() ? "" : "\r\nContent-Type: application/octet-stream") + "\r\n\r\n" + content + "\r\n";
}

TEST_F(SignatureValidationApi, MultipartUpload) {
  const std::string b = "----assay-test-boundary";
  const std::string ct = "multipart/form-data; boundary=\"" + b + "\"";
  std::string form = "preamble\r\n" + form_part(b, "document", detached_xades(signer_), "sig.xml") +
                     form_part(b, "detached", "%PDF-1.7 invoice 42", "invoice.pdf") + form_part(b, "at", kAt) +
                     form_part(b, "anchor", std::string(signer_.cert), "signer.der") + form_part(b, "detailed", "true");
  auto r = handle(post(kTarget, form + "--" + b + "--\r\n", ct), ctx());
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto v = body_json(r);
  EXPECT_EQ(v.at("signatures").at(0).at("indication"), "TOTAL_PASSED") << r.body();
  EXPECT_TRUE(v.as_object().contains("detailed"));
  r = handle(post(std::string(kTarget) + "?report=etsi", form + "--" + b + "--", ct), ctx());
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_THAT(r.body(), HasSubstr("total-passed"));

  EXPECT_EQ(error_code(handle(post(kTarget, form, ct), ctx())), "bad_multipart");  // no close delimiter
  EXPECT_EQ(error_code(handle(post(kTarget, form + "--" + b + "--", "multipart/form-data; boundary=other"), ctx())),
            "bad_multipart");
  const std::string no_name = "--" + b + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--" + b + "--";
  EXPECT_EQ(error_code(handle(post(kTarget, no_name, ct), ctx())), "bad_multipart");
  const std::string unknown = form_part(b, "colour", "blue") + "--" + b + "--";
  EXPECT_EQ(error_code(handle(post(kTarget, unknown, ct), ctx())), "bad_request");
  const std::string unnamed_detached = form_part(b, "document", signed_, "a.xml") + form_part(b, "detached", "x") + "--" + b + "--";
  EXPECT_EQ(error_code(handle(post(kTarget, unnamed_detached, ct), ctx())), "bad_request");
  EXPECT_EQ(handle(post(kTarget, form + "--" + b + "--", "multipart/form-data"), ctx()).result_int(), 415);
}

TEST_F(SignatureValidationApi, RequestErrors) {
  auto q = [&](const std::string& text, const std::string& ct = "application/json") {
    return handle(post(kTarget, text, ct), ctx());
  };
  const std::string doc = engine::base64_encode(signed_);
  EXPECT_EQ(q("{}", "text/plain").result_int(), 415);
  EXPECT_EQ(q("{}", "").result_int(), 415);
  EXPECT_EQ(error_code(q("{\"document\": ")), "bad_json");
  EXPECT_EQ(error_code(q("{\"document\": \"" + doc + "\", \"document\": \"" + doc + "\"}")), "bad_json");
  EXPECT_EQ(error_code(q("{}")), "bad_request");
  EXPECT_EQ(error_code(q("[1]")), "bad_request");
  EXPECT_EQ(error_code(q("{\"document\": \"not base64 !!\"}")), "bad_base64");
  EXPECT_EQ(error_code(q("{\"document\": 5}")), "bad_request");
  EXPECT_EQ(error_code(q("{\"document\": \"" + doc + "\", \"colour\": 1}")), "bad_request");
  EXPECT_EQ(error_code(q("{\"document\": \"" + doc + "\", \"at\": \"2026-06-01T00:00:00\"}")), "bad_time");
  EXPECT_EQ(error_code(q("{\"document\": \"" + doc + "\", \"detailed\": \"yes\"}")), "bad_request");
  EXPECT_EQ(error_code(q("{\"document\": \"" + doc + "\", \"detached\": [{\"name\": \"a\"}]}")), "bad_request");
  EXPECT_EQ(error_code(q("{\"document\": \"" + doc + "\", \"detached\": [{\"name\": \"\", \"content\": \"\"}]}")),
            "bad_request");
  EXPECT_EQ(error_code(q("{\"document\": \"" + doc + "\", \"detached\": [{\"name\": \"a\", \"content\": \"!!\"}]}")),
            "bad_base64");
  std::string many = "[";
  for (int i = 0; i < 17; ++i) many += std::string(i ? "," : "") + "{\"name\": \"f" + std::to_string(i) + "\", \"content\": \"\"}";
  EXPECT_EQ(error_code(q("{\"document\": \"" + doc + "\", \"detached\": " + many + "]}")), "bad_request");
  EXPECT_EQ(error_code(q("{\"document\": \"" + doc + "\", \"anchors\": [\"!!\"]}")), "bad_base64");
  EXPECT_EQ(error_code(q("{\"document\": \"" + doc + "\", \"crls\": [\"" + engine::base64_encode("not DER") + "\"]}")),
            "bad_der");
  EXPECT_EQ(error_code(q("{\"document\": \"" + doc + "\", \"crls\": [\"MAA=\"]}")), "bad_revocation_data");
  EXPECT_EQ(error_code(q("{\"document\": \"" + doc + "\", \"policy\": \"[nonsense\"}")), "bad_policy");
  EXPECT_EQ(error_code(q("{\"document\": \"" + doc + "\", \"policy\": \"no_such_key = 1\"}")), "bad_policy");

  // Documents assay cannot read: 422.
  EXPECT_EQ(error_code(q("{\"document\": \"" + engine::base64_encode("%PDF-1.7 no") + "\"}")), "unprocessable_document");
  const auto broken = q("{\"document\": \"" + engine::base64_encode("<a><b></a>") + "\"}");
  EXPECT_EQ(broken.result_int(), 422) << broken.body();

  EXPECT_EQ(handle(Request{beast_http::verb::get, kTarget, 11}, ctx()).result_int(), 405);
  Context unwired = ctx();
  unwired.validate_signatures = nullptr;
  EXPECT_EQ(handle(post(kTarget, "{\"document\": \"" + doc + "\"}"), unwired).result_int(), 501);
}

TEST(Multipart, BoundaryParameter) {
  using internal::form_data_boundary;
  EXPECT_EQ(form_data_boundary("multipart/form-data; boundary=abc"), "abc");
  EXPECT_EQ(form_data_boundary("Multipart/Form-Data;boundary=\"a b:c\""), "a b:c");
  EXPECT_EQ(form_data_boundary("multipart/form-data; charset=utf-8; boundary=x"), "x");
  EXPECT_FALSE(form_data_boundary("multipart/form-data"));
  EXPECT_FALSE(form_data_boundary("multipart/mixed; boundary=x"));
  EXPECT_FALSE(form_data_boundary("multipart/form-data; boundary=\"unterminated"));
  EXPECT_FALSE(form_data_boundary("multipart/form-data; boundary=" + std::string(71, 'x')));
}

TEST(Multipart, PartsAndTheirLimits) {
  std::string why;
  const std::string body = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\none\r\n--b\r\n"
                           "content-disposition: form-data; name=\"f\"; filename=\"x \\\"y\\\".txt\"\r\n"
                           "Content-Type: text/plain\r\n\r\ntwo\r\nlines\r\n--b--";
  auto parts = internal::parse_form_data(body, "b", 8, why);
  ASSERT_TRUE(parts) << why;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "a");
  EXPECT_EQ((*parts)[0].body, "one");
  EXPECT_FALSE((*parts)[0].filename);
  EXPECT_EQ((*parts)[1].filename, "x \"y\".txt");
  EXPECT_EQ((*parts)[1].content_type, "text/plain");
  EXPECT_EQ((*parts)[1].body, "two\r\nlines");
  EXPECT_FALSE(internal::parse_form_data(body, "b", 1, why));
  EXPECT_THAT(why, HasSubstr("more than 1 parts"));
  EXPECT_TRUE(internal::parse_form_data("--b--", "b", 8, why)->empty());
  for (const char* bad : {"", "--b", "--bX", "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n",
                          "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",
                          "--b\r\nNoColon\r\n\r\nx\r\n--b--", "--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--b--"}) {
    EXPECT_FALSE(internal::parse_form_data(bad, "b", 8, why)) << bad;
  }
}

TEST_F(SignatureValidationApi, OverTheLoopbackServerAndItsBodyCap) {
  ServerOptions options;
  options.max_body_bytes = 64 * 1024;
  RunningServer server(ctx(), options);
  const std::string json = boost::json::serialize(body(signed_));
  {
    Client client(server.port());
    client.send("POST " + std::string(kTarget) + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
                std::to_string(json.size()) + "\r\n\r\n" + json);
    auto r = client.read();
    ASSERT_TRUE(r);
    ASSERT_EQ(r->result_int(), 200) << r->body();
    EXPECT_EQ(body_json(*r).at("signatures").at(0).at("indication"), "TOTAL_PASSED");
  }
  Client client(server.port());
  const std::string big(100 * 1024, 'A');
  client.send("POST " + std::string(kTarget) + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
              std::to_string(big.size() + 16) + "\r\n\r\n{\"document\": \"" + big + "\"}");
  auto r = client.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 413);
  EXPECT_THAT(r->body(), HasSubstr("payload_too_large"));
}

}  // namespace
}  // namespace assay::service::http
