// Hostile and broken inputs: every one gives a named error or finding, never a crash.
#include <gtest/gtest.h>

#include "engine/x509/certificate_builder.h"
#include "engine/x509/internal/der.h"
#include "engine/x509/x509_findings.h"
#include "tests/engine/x509/x509_test_support.h"

namespace assay::engine {
namespace {

using testing_x509::ec_key;

bool has_finding(const Certificate& c, std::string_view id, std::string_view path) {
  for (const auto& f : c.findings()) {
    if (f.id == id && f.path == path) return true;
  }
  return false;
}

CertificatePtr with_raw(std::vector<RawExtension> raw) {
  CertificateSpec s = testing_x509::ca_spec("Raw");
  s.raw_extensions = std::move(raw);
  auto c = build_self_signed(s, ec_key());
  EXPECT_TRUE(c.has_value()) << c.error().message();
  return c ? *c : nullptr;
}

TEST(CertificateMalformed, EmptyAndGarbageAreErrors) {
  EXPECT_EQ(Certificate::parse_der("").error().code(), Code::kMalformed);
  EXPECT_EQ(Certificate::parse_der("hello world").error().code(), Code::kMalformed);
  EXPECT_EQ(Certificate::parse_der(std::string("\x30\x80\x00\x00", 4)).error().code(), Code::kMalformed);
  EXPECT_EQ(Certificate::parse_pem_chain("").error().code(), Code::kNotFound);
  EXPECT_EQ(Certificate::parse_pem_chain(" \n").error().code(), Code::kNotFound);
  EXPECT_EQ(Certificate::parse_pem_chain("hello world!").error().code(), Code::kMalformed);
  EXPECT_EQ(Certificate::parse_pem_chain("-----BEGIN CERTIFICATE-----\nAAAA\n").error().code(), Code::kMalformed);
  EXPECT_EQ(Certificate::parse_pem_chain("-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----").error().code(),
            Code::kMalformed);
  EXPECT_EQ(Certificate::parse_pem_chain("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----").error().code(),
            Code::kNotFound);
}

TEST(CertificateMalformed, EveryTruncationIsAnError) {
  const std::string der = testing_x509::root_ca()->der();
  for (std::size_t n = 0; n < der.size(); ++n) {
    auto c = Certificate::parse_der(std::string_view(der).substr(0, n));
    ASSERT_FALSE(c.has_value()) << "prefix " << n;
    EXPECT_EQ(c.error().code(), Code::kMalformed);
  }
  EXPECT_EQ(Certificate::parse_der(der + "x").error().code(), Code::kMalformed);  // trailing bytes
}

TEST(CertificateMalformed, ByteFlipsNeverCrash) {
  // Every single-byte corruption either parses (then has a usable certificate) or is kMalformed.
  const std::string der = testing_x509::root_ca()->der();
  int parsed = 0;
  for (std::size_t i = 0; i < der.size(); ++i) {
    for (const std::uint8_t x : {0x01, 0x80, 0xff}) {
      std::string bad = der;
      bad[i] = static_cast<char>(static_cast<std::uint8_t>(bad[i]) ^ x);
      auto c = Certificate::parse_der(bad);
      if (c) {
        ++parsed;
        (void)(*c)->subject().rfc4514.size();
      } else {
        EXPECT_EQ(c.error().code(), Code::kMalformed);
      }
    }
  }
  EXPECT_GT(parsed, 0);
}

TEST(CertificateMalformed, GarbageQcStatementsIsAFinding) {
  auto c = with_raw({{std::string(qc_oid::kQcStatementsExtension), false, "garbage!"}});
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->qc_statements().present);
  EXPECT_FALSE(c->qc_statements().well_formed);
  EXPECT_FALSE(c->qc_statements().compliance);
  EXPECT_TRUE(has_finding(*c, x509_findings::kQcStatementsMalformed, qc_oid::kQcStatementsExtension));
  // A valid start followed by a broken tail: nothing of it is used.
  const std::string partial = der::sequence({der::sequence({*der::oid(qc_oid::kCompliance)}), "\x30\x05\x06"});
  auto c2 = with_raw({{std::string(qc_oid::kQcStatementsExtension), false, partial}});
  ASSERT_TRUE(c2);
  EXPECT_FALSE(c2->qc_statements().compliance);
  EXPECT_TRUE(has_finding(*c2, x509_findings::kQcStatementsMalformed, qc_oid::kQcStatementsExtension));
}

TEST(CertificateMalformed, BadStatementInfoIsAFindingOnThatStatement) {
  QcStatementsSpec qc;
  qc.compliance = true;
  qc.extra = {{std::string(qc_oid::kType), der::integer(1)},
              {std::string(qc_oid::kPds), der::sequence({der::sequence({der::utf8_string("x")})})},
              {std::string(qc_oid::kCcLegislation), der::sequence({der::printable_string("EUR")})},
              {std::string(qc_oid::kCompliance), ""}};
  CertificateSpec s = testing_x509::ca_spec("QC");
  s.qc_statements = qc;
  auto c = build_self_signed(s, ec_key());
  ASSERT_TRUE(c.has_value());
  const auto& q = (*c)->qc_statements();
  EXPECT_TRUE(q.well_formed);
  EXPECT_TRUE(q.compliance);
  EXPECT_TRUE(q.type_present);
  EXPECT_TRUE(q.types.empty());
  EXPECT_TRUE(has_finding(**c, x509_findings::kQcStatementInfoMalformed, qc_oid::kType));
  EXPECT_TRUE(has_finding(**c, x509_findings::kQcStatementInfoMalformed, qc_oid::kPds));
  EXPECT_TRUE(has_finding(**c, x509_findings::kQcStatementInfoMalformed, qc_oid::kCcLegislation));
  EXPECT_TRUE(has_finding(**c, x509_findings::kQcStatementDuplicate, qc_oid::kCompliance));
}

TEST(CertificateMalformed, BrokenStandardExtensionsAreFindings) {
  auto c = with_raw({{"2.5.29.37", false, "\x04\x00"},
                     {"2.5.29.32", false, "\x30\x03\x02\x01\x01"},
                     {"1.3.6.1.5.5.7.1.1", false, "\x31\x00"},
                     {"1.2.3.4", true, "\x05\x00"}});
  ASSERT_TRUE(c);
  EXPECT_TRUE(has_finding(*c, x509_findings::kExtensionMalformed, "2.5.29.37"));
  EXPECT_TRUE(has_finding(*c, x509_findings::kExtensionMalformed, "2.5.29.32"));
  EXPECT_TRUE(has_finding(*c, x509_findings::kExtensionMalformed, "1.3.6.1.5.5.7.1.1"));
  EXPECT_TRUE(has_finding(*c, x509_findings::kExtensionUnknownCritical, "1.2.3.4"));
  EXPECT_TRUE(c->extended_key_usages().empty());
  // The generated keyUsage comes first; the injected one is a duplicate and ignored.
  auto d = with_raw({{"2.5.29.15", true, "\x03\x02\x07\x80"}});
  ASSERT_TRUE(d);
  EXPECT_TRUE(has_finding(*d, x509_findings::kExtensionDuplicate, "2.5.29.15"));
  EXPECT_EQ(d->key_usage().names(), (std::vector<std::string_view>{"keyCertSign", "cRLSign"}));
  CertificateSpec s = testing_x509::ca_spec("KU");
  s.key_usage = 0;
  s.raw_extensions = {{"2.5.29.15", true, "\x03\x01\x08"}};  // unused bits > 7
  auto e = build_self_signed(s, ec_key());
  ASSERT_TRUE(e.has_value());
  EXPECT_TRUE(has_finding(**e, x509_findings::kExtensionMalformed, "2.5.29.15"));
  EXPECT_FALSE((*e)->key_usage().present);
}

TEST(Der, OidTextAndContentsRoundTrip) {
  for (std::string_view oid : {"0.4.0.1862.1.6.1", "2.5.29.15", "1.2.840.113549.1.1.11", "2.999.3", "0.4.0.194112.1.2"}) {
    auto c = der::oid_contents(oid);
    ASSERT_TRUE(c.has_value()) << oid;
    EXPECT_EQ(der::oid_text(*c), oid);
  }
  EXPECT_FALSE(der::oid_contents("1").has_value());
  EXPECT_FALSE(der::oid_contents("3.1").has_value());
  EXPECT_FALSE(der::oid_contents("1..2").has_value());
  EXPECT_FALSE(der::oid_text(std::string("\x80\x01", 2)).has_value());  // non-minimal
  EXPECT_FALSE(der::oid_text(std::string("\x2b\x81", 2)).has_value());  // unterminated arc
  EXPECT_EQ(der::integer(0), std::string("\x02\x01\x00", 3));
  EXPECT_EQ(der::integer(128), std::string("\x02\x02\x00\x80", 4));
  EXPECT_EQ(der::integer(-1), std::string("\x02\x01\xff", 3));
}

}  // namespace
}  // namespace assay::engine
