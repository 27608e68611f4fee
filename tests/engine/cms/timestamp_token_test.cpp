// engine/cms: the strict CMS SignedData / RFC 3161 reader against tokens from the builder,
// including wrong and hostile ones. Keys are EC P-256 (fast); times are pinned.
#include <gtest/gtest.h>

#include "engine/cms/cms_findings.h"
#include "engine/cms/timestamp_builder.h"
#include "engine/cms/timestamp_token.h"
#include "engine/x509/certificate_builder.h"
#include "tests/engine/cms/tst_fixture.h"

namespace assay::engine::cms {
namespace {

using testing_cms::at;
using testing_cms::TsaFixture;

bool has_finding(const Findings& findings, std::string_view id) {
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.id == id; });
}

TEST(TimestampToken, RoundTripsEveryTstInfoField) {
  TsaFixture f;
  TimestampTokenSpec spec = f.spec("hello");
  spec.serial_hex = "0a1b2c";
  spec.accuracy = Accuracy{1, 500, 0};
  spec.ordering = true;
  spec.nonce_hex = "00ff01";
  spec.include_tsa_name = true;
  auto der = build_timestamp_token(spec, *f.tsa, f.tsa_key);
  ASSERT_TRUE(der) << der.error().message();
  auto token = TimestampToken::parse_der(*der);
  ASSERT_TRUE(token) << token.error().message();
  const TstInfo& info = (*token)->tst_info();
  EXPECT_EQ(info.policy_oid, "0.4.0.2023.1.1");
  EXPECT_EQ(info.imprint_algorithm, "SHA-256");
  EXPECT_EQ(info.hashed_message, std::string(reinterpret_cast<const char*>(sha256("hello").data()), 32));
  EXPECT_EQ(info.serial_hex, "0a1b2c");
  EXPECT_EQ(info.gen_time, at("2025-06-01T12:00:00Z"));
  ASSERT_TRUE(info.accuracy);
  EXPECT_EQ(info.accuracy->seconds, 1);
  EXPECT_EQ(info.accuracy->millis, 500);
  EXPECT_TRUE(info.ordering);
  EXPECT_EQ(info.nonce, std::string("\x00\xff\x01", 3));  // INTEGER contents (0x00 keeps it positive)
  EXPECT_TRUE(info.tsa_der);
  ASSERT_TRUE((*token)->signing_certificate());
  EXPECT_EQ((*token)->signing_certificate()->version, 2);
  EXPECT_EQ((*token)->signing_certificate()->certs.front().match(*f.tsa), EssCertId::Match::kMatch);
  EXPECT_EQ((*token)->signed_data().certificates().size(), 1u);
}

TEST(TimestampToken, VerifiesWithTheTsaCertificate) {
  TsaFixture f;
  for (auto sid : {TimestampTokenSpec::SignerId::kIssuerAndSerialNumber, TimestampTokenSpec::SignerId::kSubjectKeyIdentifier}) {
    TimestampTokenSpec spec = f.spec("data");
    spec.signer_id = sid;
    auto token = TimestampToken::parse_der(*build_timestamp_token(spec, *f.tsa, f.tsa_key));
    ASSERT_TRUE(token) << token.error().message();
    const auto& sd = (*token)->signed_data();
    auto signers = sd.find_signer_certificates((*token)->signer());
    ASSERT_EQ(signers.size(), 1u);
    const auto v = sd.verify((*token)->signer(), *signers[0]);
    EXPECT_TRUE(v.ok()) << (v.findings.empty() ? "" : v.findings[0].message);
    EXPECT_TRUE((*token)->signer().findings.empty());
  }
}

TEST(TimestampToken, RsaSignerVerifies) {
  TsaFixture f(KeyAlgorithm::kRsa2048);
  auto token = TimestampToken::parse_der(*build_timestamp_token(f.spec("x"), *f.tsa, f.tsa_key));
  ASSERT_TRUE(token);
  EXPECT_EQ((*token)->signer().signature_algorithm.name, "sha256WithRSAEncryption");
  EXPECT_TRUE((*token)->signed_data().verify((*token)->signer(), *f.tsa).ok());
}

TEST(TimestampToken, CorruptSignatureIsReported) {
  TsaFixture f;
  TimestampTokenSpec spec = f.spec("data");
  spec.corrupt_signature = true;
  auto token = TimestampToken::parse_der(*build_timestamp_token(spec, *f.tsa, f.tsa_key));
  ASSERT_TRUE(token);
  const auto v = (*token)->signed_data().verify((*token)->signer(), *f.tsa);
  EXPECT_FALSE(v.signature_ok);
  EXPECT_TRUE(v.message_digest_ok);
  EXPECT_TRUE(has_finding(v.findings, cms_findings::kSignatureInvalid));
}

TEST(TimestampToken, WrongCertificateIsASidMismatchAndBadSignature) {
  TsaFixture f;
  auto token = TimestampToken::parse_der(*build_timestamp_token(f.spec("data"), *f.tsa, f.tsa_key));
  ASSERT_TRUE(token);
  EXPECT_FALSE((*token)->signed_data().verify((*token)->signer(), *f.root).ok());
  const auto v = (*token)->signed_data().verify((*token)->signer(), *f.root);
  EXPECT_TRUE(has_finding(v.findings, cms_findings::kSignerIdMismatch));
  EXPECT_TRUE(has_finding(v.findings, cms_findings::kSignatureInvalid));
}

TEST(TimestampToken, UnsortedSignedAttributesAreNotDer) {
  TsaFixture f;
  TimestampTokenSpec spec = f.spec("data");
  spec.unsorted_signed_attributes = true;
  auto token = TimestampToken::parse_der(*build_timestamp_token(spec, *f.tsa, f.tsa_key));
  ASSERT_TRUE(token);
  EXPECT_TRUE(has_finding((*token)->signer().findings, cms_findings::kSignedAttributesNotDer));
  // The signature covers the attributes as sent, so it still verifies; the finding stays.
  EXPECT_TRUE((*token)->signed_data().verify((*token)->signer(), *f.tsa).signature_ok);
}

TEST(TimestampToken, EssCertIdV1AndWrongHash) {
  TsaFixture f;
  TimestampTokenSpec spec = f.spec("data");
  spec.ess = TimestampTokenSpec::EssVersion::kV1;
  auto v1 = TimestampToken::parse_der(*build_timestamp_token(spec, *f.tsa, f.tsa_key));
  ASSERT_TRUE(v1);
  ASSERT_TRUE((*v1)->signing_certificate());
  EXPECT_EQ((*v1)->signing_certificate()->version, 1);
  EXPECT_EQ((*v1)->signing_certificate()->certs.front().match(*f.tsa), EssCertId::Match::kMatch);
  spec.ess = TimestampTokenSpec::EssVersion::kV2;
  spec.ess_hashed_certificate_der = f.root->der();
  auto wrong = TimestampToken::parse_der(*build_timestamp_token(spec, *f.tsa, f.tsa_key));
  ASSERT_TRUE(wrong);
  EXPECT_EQ((*wrong)->signing_certificate()->certs.front().match(*f.tsa), EssCertId::Match::kHashDiffers);
  spec.ess = TimestampTokenSpec::EssVersion::kNone;
  auto none = TimestampToken::parse_der(*build_timestamp_token(spec, *f.tsa, f.tsa_key));
  ASSERT_TRUE(none);
  EXPECT_FALSE((*none)->signing_certificate());
  EXPECT_FALSE((*none)->signing_certificate_error().empty());
}

TEST(TimestampTokenHostile, TruncatedAtEveryLengthIsAnError) {
  TsaFixture f;
  const std::string der = *build_timestamp_token(f.spec("data"), *f.tsa, f.tsa_key);
  for (std::size_t n = 0; n < der.size(); ++n) {
    auto token = TimestampToken::parse_der(std::string_view(der).substr(0, n));
    ASSERT_FALSE(token) << "prefix of " << n << " bytes parsed";
  }
}

TEST(TimestampTokenHostile, TrailingBytesIndefiniteLengthAndGarbage) {
  TsaFixture f;
  const std::string der = *build_timestamp_token(f.spec("data"), *f.tsa, f.tsa_key);
  auto trailing = TimestampToken::parse_der(der + std::string(1, '\0'));
  ASSERT_FALSE(trailing);
  EXPECT_EQ(trailing.error().code(), Code::kMalformed);
  // BER indefinite length on the outer ContentInfo: 0x30 0x80 ... 0x00 0x00.
  ASSERT_EQ(static_cast<unsigned char>(der[1]), 0x82u);  // the builder writes a two-octet length
  const std::string indefinite = std::string("\x30\x80", 2) + der.substr(4) + std::string(2, '\0');
  auto ber = TimestampToken::parse_der(indefinite);
  ASSERT_FALSE(ber);
  EXPECT_EQ(ber.error().code(), Code::kMalformed);
  for (std::string_view junk : {std::string_view(""), std::string_view("garbage"), std::string_view("\x30\x03\x02\x01\x01"),
                                std::string_view("\x30\x84\xff\xff\xff\xff", 6)}) {
    EXPECT_FALSE(TimestampToken::parse_der(junk));
  }
  // Every single-byte flip either fails to parse or parses into something the reader can hold.
  for (std::size_t i = 0; i < der.size(); i += 7) {
    std::string flipped = der;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x5a);
    auto token = TimestampToken::parse_der(flipped);
    if (token) (void)(*token)->signed_data().verify((*token)->signer(), *f.tsa);
  }
}

TEST(TimestampTokenHostile, NotATimestampToken) {
  TsaFixture f;
  // A SignedData whose content is not TSTInfo: forge it from a good token by swapping the OID bytes.
  std::string der = *build_timestamp_token(f.spec("data"), *f.tsa, f.tsa_key);
  const std::string tst_oid("\x06\x0b\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x01\x04", 13);
  const auto pos = der.find(tst_oid);
  ASSERT_NE(pos, std::string::npos);
  der[pos + 12] = 0x05;
  auto token = TimestampToken::parse_der(der);
  ASSERT_FALSE(token);
  EXPECT_NE(token.error().message().find("id-ct-TSTInfo"), std::string::npos);
  EXPECT_FALSE(SignedData::parse_der(std::string("\x30\x0d\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x01\xa0\x00", 15)));
}

TEST(TstInfo, StrictFieldRules) {
  const auto tst = [](std::string_view gen_time, std::string_view extra = {}) {
    std::string body = std::string("\x02\x01\x01", 3) + std::string("\x06\x03\x2a\x03\x04", 5) +
                       std::string("\x30\x07\x30\x03\x06\x01\x00\x04\x00", 9) + std::string("\x02\x01\x01", 3) + "\x18" +
                       static_cast<char>(gen_time.size()) + std::string(gen_time) + std::string(extra);
    return std::string("\x30", 1) + static_cast<char>(body.size()) + body;
  };
  EXPECT_TRUE(parse_tst_info(tst("20250601120000Z")));
  EXPECT_TRUE(parse_tst_info(tst("20250601120000.25Z")));
  EXPECT_FALSE(parse_tst_info(tst("20250601120000.250Z")));  // trailing zero
  EXPECT_FALSE(parse_tst_info(tst("20250601120000")));       // no Z
  EXPECT_FALSE(parse_tst_info(tst("20250601120000+0100")));
  EXPECT_FALSE(parse_tst_info(tst("20251301120000Z")));
  EXPECT_FALSE(parse_tst_info(tst("20250601120000Z", std::string("\x01\x01\x00", 3))));  // ordering FALSE written
  EXPECT_TRUE(parse_tst_info(tst("20250601120000Z", std::string("\x01\x01\xff", 3))));
  EXPECT_FALSE(parse_tst_info(tst("20250601120000Z", std::string("\x30\x04\x80\x02\x03\xe8", 6))));  // millis 1000
  EXPECT_FALSE(parse_tst_info(tst("20250601120000Z", std::string("\x02\x02\x00\x01", 4))));  // non-minimal INTEGER
}

TEST(StrictDer, RejectsNonMinimalLengths) {
  EXPECT_TRUE(is_strict_der(std::string("\x30\x03\x02\x01\x01", 5)));
  EXPECT_FALSE(is_strict_der(std::string("\x30\x81\x03\x02\x01\x01", 6)));
  EXPECT_FALSE(is_strict_der(std::string("\x30\x03\x02\x81\x01\x01", 6)));
  EXPECT_FALSE(is_strict_der(std::string("\x30\x80\x02\x01\x01\x00\x00", 7)));
  EXPECT_FALSE(is_strict_der(std::string("\x01\x01\x01", 3)));  // BOOLEAN neither 00 nor ff
}

}  // namespace
}  // namespace assay::engine::cms
