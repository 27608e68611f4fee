// engine/jws (strict base64url, the accepted algorithms, the JWS signature check) and
// engine/json (strict JSON: duplicates, depth, size). Built into validation_jades_tests.
#include <gtest/gtest.h>

#include "engine/json/strict_json.h"
#include "engine/jws/jws.h"
#include "tests/validation/validation_test_pki.h"

namespace assay::engine {
namespace {

using jws::Algorithm;
using validation::testing::TestPki;
using validation::testing::ee_spec;
using validation::testing::test_key;

const TestPki& pki() {
  static const TestPki p;
  return p;
}

TEST(Base64Url, StrictDecoding) {
  EXPECT_EQ(jws::base64url_decode("eyJhIjoxfQ"), "{\"a\":1}");
  EXPECT_EQ(jws::base64url_decode(""), "");
  EXPECT_FALSE(jws::base64url_decode("eyJhIjoxfQ==").has_value());  // padding
  EXPECT_FALSE(jws::base64url_decode("eyJh+joxfQ").has_value());    // standard alphabet
  EXPECT_FALSE(jws::base64url_decode("eyJh Ijox").has_value());     // white space
  EXPECT_FALSE(jws::base64url_decode("a").has_value());             // 1 mod 4
  EXPECT_FALSE(jws::base64url_decode("QR").has_value());            // non-zero pad bits
  EXPECT_EQ(jws::base64url_decode("QQ"), "A");
  for (const std::string& s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\xff\xfe\x00", 3)}) {
    EXPECT_EQ(jws::base64url_decode(jws::base64url_encode(s)), s);
  }
}

TEST(Jws, AlgorithmsNeverNoneOrHmac) {
  for (std::string_view a : {"none", "HS256", "HS512", "rs256", "EdDSA", ""}) {
    EXPECT_FALSE(jws::parse_algorithm(a).has_value()) << a;
  }
  EXPECT_EQ(jws::parse_algorithm("PS384"), Algorithm::kPS384);
}

TEST(Jws, SignAndVerifyEveryFamily) {
  auto rsa = PrivateKey::generate(KeyAlgorithm::kRsa2048);
  ASSERT_TRUE(rsa.has_value());
  auto rsa_cert = build_certificate(ee_spec("Bob"), rsa->public_key_der(), *pki().ca, test_key(2));
  ASSERT_TRUE(rsa_cert.has_value());
  for (Algorithm a : {Algorithm::kRS256, Algorithm::kRS512, Algorithm::kPS256, Algorithm::kPS384}) {
    auto sig = jws::sign(a, *rsa, "input");
    ASSERT_TRUE(sig.has_value());
    EXPECT_EQ(jws::verify(a, **rsa_cert, "input", *sig), true) << jws::algorithm_name(a);
    EXPECT_EQ(jws::verify(a, **rsa_cert, "inpuT", *sig), false);
    EXPECT_EQ(jws::verify(Algorithm::kES256, **rsa_cert, "input", *sig), false);  // wrong key type
  }
  auto es = jws::sign(Algorithm::kES256, test_key(3), "input");
  ASSERT_TRUE(es.has_value());
  EXPECT_EQ(es->size(), 64u);  // RFC 7518 3.4: r||s, 32 bytes each
  EXPECT_EQ(jws::verify(Algorithm::kES256, *pki().ee, "input", *es), true);
  EXPECT_EQ(jws::verify(Algorithm::kES384, *pki().ee, "input", *es), false);  // P-256 key, ES384
  EXPECT_EQ(jws::verify(Algorithm::kES256, *pki().ee, "input", es->substr(1)), false);
}

TEST(StrictJson, RefusesDuplicatesDepthAndSize) {
  auto dup = json::parse_strict(R"({"a":1,"b":{"c":1,"c":2}})");
  ASSERT_FALSE(dup.has_value());
  EXPECT_NE(dup.error().message().find("duplicate member \"c\""), std::string::npos);
  const std::string deep = std::string(100, '[') + std::string(100, ']');
  auto d = json::parse_strict(deep);
  ASSERT_FALSE(d.has_value());
  EXPECT_EQ(d.error().code(), Code::kResourceExhausted);
  auto big = json::parse_strict("\"0123456789\"", {32, 5});
  ASSERT_FALSE(big.has_value());
  EXPECT_EQ(big.error().code(), Code::kResourceExhausted);
  EXPECT_TRUE(json::parse_strict(R"({"a":[1,{"a":2}]})").has_value());
  EXPECT_FALSE(json::parse_strict(R"({"a":1} x)").has_value());
}

}  // namespace
}  // namespace assay::engine
