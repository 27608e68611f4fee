// The JAdES reader (validation/jades) and validate_document on JWS: signatures made with
// samples/internal/jades_builder over the in-memory test PKI, checked field by field and through
// the EN 319 102-1 processes (explicit anchor, scripted revocation, pinned time). Hostile inputs
// end in a clear error or FORMAT_FAILURE.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "engine/base64.h"
#include "engine/cms/timestamp_builder.h"
#include "engine/json/strict_json.h"
#include "engine/jws/jws.h"
#include "samples/internal/jades_builder.h"
#include "tests/validation/validation_test_pki.h"
#include "validation/document/document_validator.h"
#include "validation/jades/jades_findings.h"
#include "validation/jades/jades_reader.h"

namespace assay::validation {
namespace {

using namespace testing;
using engine::jws::Algorithm;
using samples::JadesSpec;

const TestPki& pki() {
  static const TestPki p;
  return p;
}

JadesSpec spec(std::string payload = "{\"title\":\"Hello\"}") {
  JadesSpec s;
  s.alg = Algorithm::kES256;
  s.key = &test_key(3);
  s.x5c = {pki().ee, pki().ca};
  s.signing_time = "2025-06-01T10:00:00Z";
  s.payload = std::move(payload);
  return s;
}

samples::JwsSigned sign(const JadesSpec& s) {
  auto r = samples::sign_jades(s);
  EXPECT_TRUE(r.has_value()) << r.error().message();
  return *r;
}

jades::JadesDocument read(std::string_view bytes, std::vector<jades::DetachedObject> detached = {}) {
  jades::JadesReadOptions o;
  o.detached = std::move(detached);
  auto r = jades::read_jades(bytes, o);
  EXPECT_TRUE(r.has_value()) << r.error().message();
  return r.value_or(jades::JadesDocument{});
}

bool has_finding(const SignatureUnderValidation& s, std::string_view id) {
  for (const auto& f : s.format_check.findings) {
    if (f.id == id) return true;
  }
  return false;
}

SignatureValidationContext context(bool anchored = true) {
  static const ExplicitTrustAnchors anchors({pki().root});
  static const ScriptedChecker checker;
  SignatureValidationContext c;
  if (anchored) c.certificates.anchors.push_back(&anchors);
  c.certificates.revocation = &checker;
  c.at = day(2026, 1, 10);
  return c;
}

std::pair<std::string, std::string> outcome(std::string_view document, std::vector<DetachedFile> detached = {},
                                            bool anchored = true) {
  auto r = validate_document(document, detached, context(anchored));
  if (!r) return {"ERROR", r.error().message()};
  if (r->signatures.empty()) return {"NONE", ""};
  const auto& s = r->signatures.front();
  return {std::string(main_indication_name(s.indication)), s.subindication};
}

// --- the reader ------------------------------------------------------------------------------

TEST(JadesReader, CompactBaselineB) {
  const auto doc = read(samples::compact(sign(spec())));
  ASSERT_EQ(doc.signatures.size(), 1u);
  EXPECT_EQ(doc.serialization, "compact");
  const auto& s = doc.signatures.front();
  EXPECT_EQ(s.format, SignatureFormat::kJAdES);
  EXPECT_EQ(s.level, "JAdES-BASELINE-B");
  EXPECT_TRUE(s.format_check.findings.empty()) << s.format_check.findings.front().message;
  ASSERT_NE(s.signing_certificate, nullptr);
  EXPECT_EQ(s.signing_certificate, s.certificates.front());
  EXPECT_TRUE(s.signature_value_checked);
  EXPECT_TRUE(s.signature_value_valid);
  EXPECT_EQ(s.signature_algorithm, "ECDSA-SHA256");
  EXPECT_TRUE(s.attributes.signing_certificate_reference_present);
  EXPECT_TRUE(s.attributes.signing_certificate_digest_matches);
  ASSERT_TRUE(s.attributes.signing_time.has_value());
  EXPECT_EQ(engine::format_utc_time(*s.attributes.signing_time), "2025-06-01T10:00:00Z");
  ASSERT_EQ(s.scope.size(), 1u);
  EXPECT_EQ(s.scope[0].sha256, engine::sha256("{\"title\":\"Hello\"}"));
  EXPECT_EQ(outcome(samples::compact(sign(spec()))), std::make_pair(std::string("TOTAL_PASSED"), std::string()));
}

TEST(JadesReader, IatIsTheSigningTime) {
  auto sp = spec();
  sp.signing_time.reset();
  sp.extra["iat"] = 1748772000;  // 2025-06-01T10:00:00Z
  const auto doc = read(samples::compact(sign(sp)));
  ASSERT_EQ(doc.signatures.size(), 1u);
  ASSERT_TRUE(doc.signatures[0].attributes.signing_time.has_value());
  EXPECT_EQ(engine::format_utc_time(*doc.signatures[0].attributes.signing_time), "2025-06-01T10:00:00Z");
  EXPECT_EQ(doc.signatures[0].level, "JAdES-BASELINE-B");
  sp.extra["iat"] = -5;
  EXPECT_EQ(outcome(samples::compact(sign(sp))), std::make_pair(std::string("TOTAL_FAILED"), std::string("FORMAT_FAILURE")));
  sp.extra.erase("iat");
  EXPECT_EQ(read(samples::compact(sign(sp))).signatures[0].level, "JSON-NOT-ETSI");
}

TEST(JadesReader, TamperedPayloadIsSigCryptoFailure) {
  auto s = sign(spec());
  s.payload = engine::jws::base64url_encode("{\"title\":\"Hellp\"}");
  EXPECT_EQ(outcome(samples::compact(s)), std::make_pair(std::string("TOTAL_FAILED"), std::string("SIG_CRYPTO_FAILURE")));
}

TEST(JadesReader, WithoutAnchorsNoCertificateChain) {
  EXPECT_EQ(outcome(samples::compact(sign(spec())), {}, false),
            std::make_pair(std::string("INDETERMINATE"), std::string("NO_CERTIFICATE_CHAIN_FOUND")));
}

TEST(JadesReader, UnencodedPayloadRfc7797) {
  auto sp = spec("plain text payload");
  sp.b64 = false;
  const auto signed_ = sign(sp);
  const auto doc = read(samples::flattened(signed_));
  ASSERT_EQ(doc.signatures.size(), 1u);
  EXPECT_TRUE(doc.signatures[0].signature_value_valid);
  EXPECT_EQ(doc.signatures[0].scope[0].sha256, engine::sha256("plain text payload"));
  EXPECT_EQ(outcome(samples::flattened(signed_)).first, "TOTAL_PASSED");
}

TEST(JadesReader, GeneralSerialisationTwoSignatures) {
  auto a = spec();
  auto b = spec();
  b.signing_time = "2025-07-01T10:00:00Z";
  auto second = sign(b);
  second.signature_b64[5] = second.signature_b64[5] == 'A' ? 'B' : 'A';  // break the second one
  const auto text = samples::general({{sign(a), {}}, {second, {}}});
  const auto doc = read(text);
  EXPECT_EQ(doc.serialization, "general JSON");
  ASSERT_EQ(doc.signatures.size(), 2u);
  EXPECT_TRUE(doc.signatures[0].signature_value_valid);
  EXPECT_FALSE(doc.signatures[1].signature_value_valid);
  auto report = validate_document(text, {}, context());
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->valid_signatures(), 1u);
}

TEST(JadesReader, DetachedByUriHash) {
  auto sp = spec();
  sp.detached = JadesSpec::Detached::kObjIdByUriHash;
  sp.detached_objects = {{"invoice.xml", "<invoice/>"}, {"annex.pdf", "%PDF-1.7"}};
  const auto text = samples::compact(sign(sp));
  const std::vector<DetachedFile> good{{"invoice.xml", "<invoice/>"}, {"annex.pdf", "%PDF-1.7"}};
  EXPECT_EQ(outcome(text, good).first, "TOTAL_PASSED");
  EXPECT_EQ(outcome(text, {{"invoice.xml", "<invoice/>"}, {"annex.pdf", "%PDF-1.8"}}),
            std::make_pair(std::string("TOTAL_FAILED"), std::string("HASH_FAILURE")));
  EXPECT_EQ(outcome(text, {{"invoice.xml", "<invoice/>"}}),
            std::make_pair(std::string("INDETERMINATE"), std::string("SIGNED_DATA_NOT_FOUND")));
  const auto doc = read(text, {{"invoice.xml", "<invoice/>"}, {"annex.pdf", "%PDF-1.7"}});
  ASSERT_EQ(doc.signatures[0].scope.size(), 2u);
  EXPECT_EQ(doc.signatures[0].scope[1].name, "annex.pdf");
  EXPECT_EQ(doc.signatures[0].scope[1].kind, "detached");
}

TEST(JadesReader, DetachedByUri) {
  auto sp = spec();
  sp.detached = JadesSpec::Detached::kObjIdByUri;
  sp.detached_objects = {{"data.bin", "some bytes"}};
  const auto text = samples::flattened(sign(sp));
  EXPECT_EQ(outcome(text, {{"data.bin", "some bytes"}}).first, "TOTAL_PASSED");
  EXPECT_EQ(outcome(text, {{"data.bin", "some bytez"}}),
            std::make_pair(std::string("TOTAL_FAILED"), std::string("SIG_CRYPTO_FAILURE")));
  EXPECT_EQ(outcome(text), std::make_pair(std::string("INDETERMINATE"), std::string("SIGNED_DATA_NOT_FOUND")));
}

TEST(JadesReader, UnsupportedSigDMechanismIsSignedDataNotFound) {
  auto sp = spec();
  sp.detached = JadesSpec::Detached::kObjIdByUri;
  sp.detached_objects = {{"data.bin", "some bytes"}};
  sp.extra["sigD"] = boost::json::object{{"mId", "http://uri.etsi.org/19182/HttpHeaders"},
                                          {"pars", boost::json::array{"(request-target)", "digest"}}};
  const auto text = samples::compact(sign(sp));
  const auto doc = read(text);
  ASSERT_EQ(doc.signatures.size(), 1u);
  EXPECT_TRUE(has_finding(doc.signatures[0], jades::finding::kSigDMechanismUnsupported));
  EXPECT_EQ(outcome(text, {{"data.bin", "some bytes"}}),
            std::make_pair(std::string("INDETERMINATE"), std::string("SIGNED_DATA_NOT_FOUND")));
}

engine::Result<std::string> token(std::string_view covered, const engine::PrivateKey& tsa_key,
                                  const engine::Certificate& tsa) {
  engine::cms::TimestampTokenSpec t;
  t.covered_bytes = std::string(covered);
  t.gen_time = day(2025, 6, 2);
  return engine::cms::build_timestamp_token(t, tsa, tsa_key);
}

TEST(JadesReader, EtsiUTimestampsAndValidationDataGiveLevels) {
  // A TSA certificate under the test CA (id-kp-timeStamping, critical).
  auto tsa_spec = ee_spec("TSA");
  tsa_spec.serial_hex = "0b";
  tsa_spec.extended_key_usages = {"1.3.6.1.5.5.7.3.8"};
  auto tsa = engine::build_certificate(tsa_spec, test_key(4).public_key_der(), *pki().ca, test_key(2));
  ASSERT_TRUE(tsa.has_value()) << tsa.error().message();
  const auto s = sign(spec());
  auto sig_tst = token(samples::signature_timestamp_input(s), test_key(4), **tsa);
  ASSERT_TRUE(sig_tst.has_value());
  std::vector<std::string> etsi_u{samples::etsiu_element("sigTst", samples::timestamp_container(*sig_tst))};
  auto t = read(samples::flattened(s, etsi_u));
  ASSERT_EQ(t.signatures.size(), 1u);
  EXPECT_EQ(t.signatures[0].level, "JAdES-BASELINE-T");
  ASSERT_EQ(t.signatures[0].timestamps.size(), 1u);
  EXPECT_EQ(t.signatures[0].timestamps[0].kind, EmbeddedTimestamp::Kind::kSignature);
  EXPECT_EQ(t.signatures[0].timestamps[0].covered_bytes, s.signature_b64);
  EXPECT_EQ(t.signatures[0].timestamps[0].token_der, *sig_tst);

  boost::json::array certs{boost::json::object{{"x509Cert", boost::json::object{{"val", engine::base64_encode(pki().root->der())}}}}};
  etsi_u.push_back(samples::etsiu_element("xVals", certs));
  etsi_u.push_back(samples::etsiu_element("rVals", boost::json::object{{"crlVals", boost::json::array{}}}));
  auto lt = read(samples::flattened(s, etsi_u));
  EXPECT_EQ(lt.signatures[0].level, "JAdES-BASELINE-LT");
  EXPECT_EQ(lt.signatures[0].certificates.size(), 3u);  // x5c (2) + xVals (1)

  auto arc = token(samples::archive_timestamp_input(s, etsi_u), test_key(4), **tsa);
  ASSERT_TRUE(arc.has_value());
  etsi_u.push_back(samples::etsiu_element("arcTst", samples::timestamp_container(*arc)));
  auto lta = read(samples::flattened(s, etsi_u));
  EXPECT_EQ(lta.signatures[0].level, "JAdES-BASELINE-LTA");
  ASSERT_EQ(lta.signatures[0].timestamps.size(), 2u);
  EXPECT_EQ(lta.signatures[0].timestamps[1].kind, EmbeddedTimestamp::Kind::kArchive);
  EXPECT_EQ(lta.signatures[0].timestamps[1].covered_bytes, samples::archive_timestamp_input(s, {etsi_u[0], etsi_u[1], etsi_u[2]}));
  auto report = validate_document(samples::flattened(s, etsi_u), {}, context());
  ASSERT_TRUE(report.has_value());
  ASSERT_EQ(report->signatures.size(), 1u);
  EXPECT_EQ(report->signatures[0].level, "JAdES-BASELINE-LTA");
  EXPECT_EQ(report->signatures[0].format, SignatureFormat::kJAdES);
}

TEST(JadesReader, WrongCertificateReference) {
  auto sp = spec();
  sp.x5t_s256 = false;
  const auto& fp = pki().ca->sha256_fingerprint();
  sp.extra["x5t#S256"] = engine::jws::base64url_encode(std::string_view(reinterpret_cast<const char*>(fp.data()), fp.size()));
  // x5t#S256 names the CA, whose key did not sign: the certificate the value verifies with (the
  // first x5c one) is the signer, and the signed reference does not name it (ISC).
  const auto doc = read(samples::compact(sign(sp)));
  ASSERT_EQ(doc.signatures.size(), 1u);
  ASSERT_NE(doc.signatures[0].signing_certificate, nullptr);
  EXPECT_EQ(doc.signatures[0].signing_certificate->der(), pki().ee->der());
  EXPECT_TRUE(doc.signatures[0].signature_value_valid);
  EXPECT_FALSE(doc.signatures[0].attributes.signing_certificate_digest_matches);
  EXPECT_EQ(outcome(samples::compact(sign(sp))),
            std::make_pair(std::string("INDETERMINATE"), std::string("NO_SIGNING_CERTIFICATE_FOUND")));
  // The signer's certificate only in the unsigned xVals, the CA in x5c: found by its reference.
  auto only_ca = spec();
  only_ca.x5c = {pki().ca};
  only_ca.x5t_s256 = false;
  const auto& ee_fp = pki().ee->sha256_fingerprint();
  only_ca.extra["x5t#S256"] =
      engine::jws::base64url_encode(std::string_view(reinterpret_cast<const char*>(ee_fp.data()), ee_fp.size()));
  const boost::json::array certs{boost::json::object{{"x509Cert", boost::json::object{{"val", engine::base64_encode(pki().ee->der())}}}}};
  const auto text = samples::flattened(sign(only_ca), {samples::etsiu_element("xVals", certs)});
  const auto via_xvals = read(text);
  ASSERT_NE(via_xvals.signatures[0].signing_certificate, nullptr);
  EXPECT_EQ(via_xvals.signatures[0].signing_certificate->der(), pki().ee->der());
  EXPECT_TRUE(via_xvals.signatures[0].signature_value_valid);
  EXPECT_TRUE(via_xvals.signatures[0].attributes.signing_certificate_digest_matches);
}

TEST(JadesReader, NoCertificateAtAll) {
  auto sp = spec();
  const auto s = sign(sp);
  // Rebuild the header without x5c: the signature is not verifiable by anything.
  boost::json::object h{{"alg", "ES256"}, {"sigT", "2025-06-01T10:00:00Z"}, {"crit", boost::json::array{"sigT"}}};
  const std::string text = engine::jws::base64url_encode(boost::json::serialize(h)) + "." + s.payload + "." + s.signature_b64;
  EXPECT_EQ(outcome(text), std::make_pair(std::string("INDETERMINATE"), std::string("NO_SIGNING_CERTIFICATE_FOUND")));
}

// --- hostile inputs -------------------------------------------------------------------------

std::string with_header(const std::string& header_json, const std::string& payload = "eyJhIjoxfQ") {
  return engine::jws::base64url_encode(header_json) + "." + payload + ".c2ln";
}

TEST(JadesHostile, FormatFailures) {
  struct Case {
    std::string name, text, finding;
  };
  const std::vector<Case> cases{
      {"alg none", with_header(R"({"alg":"none"})"), std::string(jades::finding::kAlgorithmUnsupported)},
      {"alg HS256", with_header(R"({"alg":"HS256"})"), std::string(jades::finding::kAlgorithmUnsupported)},
      {"no alg", with_header(R"({"x5c":[]})"), std::string(jades::finding::kAlgorithmUnsupported)},
      {"duplicate member", with_header(R"({"alg":"ES256","alg":"none"})"), std::string(jades::finding::kProtectedHeaderMalformed)},
      {"header not JSON", with_header("{\"alg\":"), std::string(jades::finding::kProtectedHeaderMalformed)},
      {"header padding", "eyJhbGciOiJFUzI1NiJ9==.eyJhIjoxfQ.c2ln", std::string(jades::finding::kProtectedHeaderMalformed)},
      {"header std alphabet", "eyJhbGciOiJFUzI1NiJ9+.eyJhIjoxfQ.c2ln", std::string(jades::finding::kProtectedHeaderMalformed)},
      {"payload bad base64url", with_header(R"({"alg":"ES256"})", "a+b/"), std::string(jades::finding::kPayloadMalformed)},
      {"crit unknown", with_header(R"({"alg":"ES256","crit":["exp"],"exp":1})"), std::string(jades::finding::kCritUnknown)},
      {"crit registered", with_header(R"({"alg":"ES256","crit":["alg"]})"), std::string(jades::finding::kCritMalformed)},
      {"crit absent member", with_header(R"({"alg":"ES256","crit":["sigT"]})"), std::string(jades::finding::kCritMalformed)},
      {"b64 not in crit", with_header(R"({"alg":"ES256","b64":false})"), std::string(jades::finding::kCritIncomplete)},
      {"sigT not a time", with_header(R"({"alg":"ES256","sigT":"yesterday","crit":["sigT"]})"),
       std::string(jades::finding::kSigningTimeMalformed)},
      {"deep header", with_header(R"({"alg":"ES256","x":)" + std::string(60, '[') + std::string(60, ']') + "}"),
       std::string(jades::finding::kProtectedHeaderMalformed)},
      {"huge header", with_header(R"({"alg":"ES256","x":")" + std::string(2u << 20, 'a') + "\"}"),
       std::string(jades::finding::kProtectedHeaderMalformed)},
  };
  for (const auto& c : cases) {
    const auto doc = read(c.text);
    ASSERT_EQ(doc.signatures.size(), 1u) << c.name;
    EXPECT_TRUE(has_finding(doc.signatures[0], c.finding)) << c.name;
    EXPECT_EQ(outcome(c.text), std::make_pair(std::string("TOTAL_FAILED"), std::string("FORMAT_FAILURE"))) << c.name;
  }
}

TEST(JadesHostile, ClearErrors) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"truncated compact", "eyJhbGciOiJFUzI1NiJ9"},
      {"two parts", "eyJhbGciOiJFUzI1NiJ9.eyJhIjoxfQ"},
      {"four parts", "eyJhbGciOiJFUzI1NiJ9.a.b.c"},
      {"truncated JSON", R"({"payload":"eyJhIjoxfQ","protected":"eyJhbGciOiJFUzI1NiJ9","signa)"},
      {"duplicate member", R"({"payload":"a","protected":"eyJhbGciOiJFUzI1NiJ9","signature":"a","signature":"b"})"},
      {"deep JSON", "{\"a\":" + std::string(5000, '[') + std::string(5000, ']') + "}"},
      {"not an object", "{\"signatures\":5}"},
      {"no signature", R"({"payload":"a","protected":"eyJhbGciOiJFUzI1NiJ9"})"},
      {"mixed syntax", R"({"payload":"a","signatures":[],"signature":"x"})"},
  };
  std::string many = R"({"payload":"a","signatures":[)";
  for (int i = 0; i < 10000; ++i) many += std::string(i ? "," : "") + R"({"protected":"eyJhbGciOiJFUzI1NiJ9","signature":"a"})";
  many += "]}";
  auto too_many = jades::read_jades(many);
  ASSERT_FALSE(too_many.has_value());
  EXPECT_EQ(too_many.error().code(), engine::Code::kResourceExhausted);
  for (const auto& [name, text] : cases) {
    auto r = jades::read_jades(text);
    EXPECT_FALSE(r.has_value()) << name;
    auto v = validate_document(text, {}, context());
    ASSERT_FALSE(v.has_value()) << name;
    EXPECT_TRUE(v.error().code() == engine::Code::kMalformed || v.error().code() == engine::Code::kResourceExhausted)
        << name << ": " << v.error().message();
  }
  EXPECT_EQ(detect_document_kind("  {\"payload\":1}"), DocumentKind::kJws);
  EXPECT_EQ(detect_document_kind("eyJhbGciOi"), DocumentKind::kJws);
  EXPECT_EQ(detect_document_kind("<x/>"), DocumentKind::kXml);
  EXPECT_EQ(detect_document_kind("hello"), DocumentKind::kUnknown);
}

// TS 119 182-1 5.3.2: a cSig is a JAdES signature over the parent's JWS Signature Value, read and
// validated as a counter-signature of the parent; a tampered one is not TOTAL_PASSED and leaves
// the parent alone.
TEST(JadesCounterSignature, IsReadAndValidatedOverTheParentSignatureValue) {
  const auto parent = sign(spec());
  auto counter_spec = spec();
  counter_spec.signing_time = "2025-06-02T10:00:00Z";
  auto counter = samples::counter_signature(parent, counter_spec);
  ASSERT_TRUE(counter) << counter.error().message();
  const auto text = samples::flattened(parent, {samples::etsiu_element("cSig", boost::json::string(*counter))});

  const auto doc = read(text);
  ASSERT_EQ(doc.signatures.size(), 1u);
  ASSERT_EQ(doc.signatures[0].counter_signatures.size(), 1u);
  const auto& c = doc.signatures[0].counter_signatures[0];
  EXPECT_FALSE(has_finding(doc.signatures[0], jades::finding::kUnsignedUnknown));
  EXPECT_FALSE(has_finding(c, jades::finding::kDetachedWithoutSigD));
  EXPECT_TRUE(c.signature_value_valid);
  EXPECT_EQ(c.level, "JAdES-BASELINE-B");
  ASSERT_EQ(c.scope.size(), 1u);
  EXPECT_EQ(c.scope[0].kind, "counter-signature");

  auto report = validate_document(text, {}, context());
  ASSERT_TRUE(report);
  ASSERT_EQ(report->signatures.size(), 1u);
  EXPECT_EQ(report->signatures[0].indication, MainIndication::kTotalPassed) << report->signatures[0].subindication;
  ASSERT_EQ(report->signatures[0].counter_signatures.size(), 1u);
  EXPECT_EQ(report->signatures[0].counter_signatures[0].indication, MainIndication::kTotalPassed)
      << report->signatures[0].counter_signatures[0].subindication;

  // Tampered counter-signature value: the counter-signature fails, the parent still passes.
  std::string tampered = *counter;
  char& ch = tampered[tampered.size() - 10];
  ch = ch == 'A' ? 'B' : 'A';
  const auto bad_text = samples::flattened(parent, {samples::etsiu_element("cSig", boost::json::string(tampered))});
  auto bad = validate_document(bad_text, {}, context());
  ASSERT_TRUE(bad);
  ASSERT_EQ(bad->signatures.at(0).counter_signatures.size(), 1u);
  EXPECT_NE(bad->signatures[0].counter_signatures[0].indication, MainIndication::kTotalPassed);
  EXPECT_EQ(bad->signatures[0].indication, MainIndication::kTotalPassed);

  // A counter-signature of another signature, moved onto this one: not over this signature value.
  auto other = samples::counter_signature(sign(spec("{\"title\":\"Other\"}")), counter_spec);
  ASSERT_TRUE(other);
  auto moved = validate_document(
      samples::flattened(parent, {samples::etsiu_element("cSig", boost::json::string(*other))}), {}, context());
  ASSERT_TRUE(moved);
  ASSERT_EQ(moved->signatures.at(0).counter_signatures.size(), 1u);
  EXPECT_EQ(moved->signatures[0].counter_signatures[0].indication, MainIndication::kTotalFailed);

  // Not a JWS: reported, never a crash.
  auto junk = read(samples::flattened(parent, {samples::etsiu_element("cSig", boost::json::string("not.a-jws"))}));
  EXPECT_TRUE(junk.signatures.at(0).counter_signatures.empty() ||
              !junk.signatures[0].counter_signatures[0].signature_value_valid);
}

}  // namespace
}  // namespace assay::validation
