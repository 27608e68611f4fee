// Builder -> reader round trips of every certificate field (RFC 5280, EN 319 412-5).
#include <gtest/gtest.h>

#include "engine/base64.h"
#include "engine/x509/certificate_builder.h"
#include "engine/x509/internal/der.h"
#include "engine/x509/x509_findings.h"
#include "tests/engine/x509/x509_test_support.h"

namespace assay::engine {
namespace {

using testing_x509::at;
using testing_x509::ec_key;
using testing_x509::root_ca;
using testing_x509::rsa_key;

std::string hex(std::string_view s) { return to_hex(std::span(reinterpret_cast<const std::uint8_t*>(s.data()), s.size())); }

CertificateSpec qc_spec() {
  CertificateSpec s;
  s.subject = {{"C", "BE"},
               {"O", "Example, Inc."},
               {"organizationIdentifier", "VATBE-0123456789"},
               {"serialNumber", "PNOBE-1234"},
               {"GN", "Jean"},
               {"SN", "Dupont"},
               {"CN", "Jean Dupont"},
               {"emailAddress", "jean@example.be"}};
  s.serial_hex = "80aa";
  s.not_before = at("2024-10-25T23:00:06Z");
  s.not_after = at("2026-10-26T00:00:06Z");
  s.ca = false;
  s.key_usage = key_usage_bits({KeyUsageBit::kNonRepudiation});
  s.extended_key_usages = {"1.3.6.1.5.5.7.3.4", "1.3.6.1.4.1.311.10.3.12"};
  s.policies = {"0.4.0.194112.1.2", "1.3.171.1.1.10.3.26"};
  s.crl_urls = {"http://crl.example/ca.crl"};
  s.ocsp_urls = {"http://ocsp.example"};
  s.ca_issuer_urls = {"http://certs.example/ca.crt"};
  QcStatementsSpec qc;
  qc.compliance = true;
  qc.sscd = true;
  qc.type_oids = {std::string(qc_oid::kTypeESign), std::string(qc_oid::kTypeESeal)};
  qc.cc_legislation = {"CH", "LI"};
  qc.pds = {{"https://example.be/pds_en.pdf", "en"}, {"https://example.be/pds_fr.pdf", "fr"}};
  qc.retention_period_years = 15;
  qc.limit_value = QcLimitValue{"EUR", 1000, 3};
  s.qc_statements = qc;
  return s;
}

TEST(CertificateBuilder, RoundTripsSubjectSerialAndValidity) {
  auto cert = build_certificate(qc_spec(), ec_key().public_key_der(), *root_ca(), rsa_key(0));
  ASSERT_TRUE(cert.has_value()) << cert.error().message();
  const Certificate& c = **cert;
  EXPECT_EQ(c.version(), 3);
  EXPECT_EQ(c.serial_hex(), "80aa");
  EXPECT_EQ(hex(c.serial_der()), "02030080aa");
  EXPECT_EQ(c.subject().rfc4514,
            "emailAddress=jean@example.be,CN=Jean Dupont,SN=Dupont,GN=Jean,serialNumber=PNOBE-1234,"
            "organizationIdentifier=VATBE-0123456789,O=Example\\, Inc.,C=BE");
  ASSERT_EQ(c.subject().attributes.size(), 8u);
  EXPECT_EQ(c.subject().attributes[0], (NameAttribute{"2.5.4.6", "BE", der::kPrintableString, 0}));
  EXPECT_EQ(c.subject().attributes[2], (NameAttribute{"2.5.4.97", "VATBE-0123456789", der::kUtf8String, 2}));
  EXPECT_EQ(c.subject().attributes[3].value_tag, der::kPrintableString);
  EXPECT_EQ(c.subject().attributes[7].value_tag, der::kIa5String);
  EXPECT_EQ(c.subject().find("CN"), "Jean Dupont");
  EXPECT_EQ(c.subject().find("2.5.4.4"), "Dupont");
  EXPECT_FALSE(c.subject().find("L").has_value());
  EXPECT_EQ(c.issuer().rfc4514, "CN=Test Root,O=Test TSP,C=LU");
  EXPECT_EQ(c.issuer().der, root_ca()->subject().der);
  EXPECT_EQ(format_utc_time(c.not_before()), "2024-10-25T23:00:06Z");
  EXPECT_EQ(format_utc_time(c.not_after()), "2026-10-26T00:00:06Z");
  EXPECT_TRUE(c.is_valid_at(at("2024-10-25T23:00:06Z")));
  EXPECT_TRUE(c.is_valid_at(at("2026-10-26T00:00:06Z")));
  EXPECT_FALSE(c.is_valid_at(at("2024-10-25T23:00:05Z")));
  EXPECT_FALSE(c.is_valid_at(at("2026-10-26T00:00:07Z")));
  EXPECT_TRUE(c.findings().empty());
  EXPECT_EQ(c.fingerprint_hex(), sha256_hex(c.der()));
}

TEST(CertificateBuilder, RoundTripsExtensions) {
  auto cert = build_certificate(qc_spec(), ec_key().public_key_der(), *root_ca(), rsa_key(0));
  ASSERT_TRUE(cert.has_value());
  const Certificate& c = **cert;
  EXPECT_TRUE(c.basic_constraints().present);
  EXPECT_TRUE(c.basic_constraints().critical);
  EXPECT_FALSE(c.is_ca());
  EXPECT_TRUE(c.key_usage().present);
  EXPECT_TRUE(c.key_usage().critical);
  EXPECT_EQ(c.key_usage().names(), std::vector<std::string_view>{"nonRepudiation"});
  EXPECT_EQ(c.extended_key_usages(), (std::vector<std::string>{"1.3.6.1.5.5.7.3.4", "1.3.6.1.4.1.311.10.3.12"}));
  EXPECT_EQ(c.policies(), (std::vector<std::string>{"0.4.0.194112.1.2", "1.3.171.1.1.10.3.26"}));
  EXPECT_TRUE(c.has_policy("0.4.0.194112.1.2"));
  EXPECT_FALSE(c.has_policy("0.4.0.194112.1.0"));
  EXPECT_EQ(c.crl_distribution_points(), std::vector<std::string>{"http://crl.example/ca.crl"});
  EXPECT_EQ(c.ocsp_urls(), std::vector<std::string>{"http://ocsp.example"});
  EXPECT_EQ(c.ca_issuer_urls(), std::vector<std::string>{"http://certs.example/ca.crt"});
  ASSERT_TRUE(c.subject_key_id().has_value());
  EXPECT_EQ(c.subject_key_id()->size(), 20u);
  ASSERT_TRUE(c.authority_key_id().has_value());
  EXPECT_EQ(*c.authority_key_id(), *root_ca()->subject_key_id());
  EXPECT_EQ(root_ca()->authority_key_id(), root_ca()->subject_key_id());
  EXPECT_TRUE(root_ca()->is_ca());
  EXPECT_EQ(root_ca()->key_usage().names(), (std::vector<std::string_view>{"keyCertSign", "cRLSign"}));
  EXPECT_EQ(c.public_key().algorithm, "EC");
  EXPECT_EQ(c.public_key().curve, "P-256");
  EXPECT_EQ(c.public_key().bits, 256);
  EXPECT_EQ(c.public_key().der, ec_key().public_key_der());
  EXPECT_EQ(root_ca()->public_key().algorithm, "RSA");
  EXPECT_EQ(root_ca()->public_key().bits, 2048);
  EXPECT_EQ(c.signature_algorithm().name, "sha256WithRSAEncryption");
  EXPECT_EQ(c.signature_algorithm().oid, "1.2.840.113549.1.1.11");
  EXPECT_EQ(c.signature_algorithm().digest, "SHA-256");
}

TEST(CertificateBuilder, RoundTripsEveryQcStatementForm) {
  auto cert = build_certificate(qc_spec(), ec_key().public_key_der(), *root_ca(), rsa_key(0));
  ASSERT_TRUE(cert.has_value());
  const QcStatements& qc = (*cert)->qc_statements();
  EXPECT_TRUE(qc.present);
  EXPECT_TRUE(qc.well_formed);
  EXPECT_TRUE(qc.compliance);
  EXPECT_TRUE(qc.sscd);
  EXPECT_TRUE(qc.type_present);
  EXPECT_EQ(qc.types, (std::vector<QcType>{QcType::kESign, QcType::kESeal}));
  EXPECT_TRUE(qc.has_type(QcType::kESeal));
  EXPECT_FALSE(qc.has_type(QcType::kWeb));
  EXPECT_TRUE(qc.cc_legislation_present);
  EXPECT_EQ(qc.cc_legislation, (std::vector<std::string>{"CH", "LI"}));
  EXPECT_EQ(qc.pds, (std::vector<PdsLocation>{{"https://example.be/pds_en.pdf", "en"},
                                              {"https://example.be/pds_fr.pdf", "fr"}}));
  EXPECT_EQ(qc.retention_period_years, 15);
  ASSERT_TRUE(qc.limit_value.has_value());
  EXPECT_EQ(qc.limit_value->currency, "EUR");
  EXPECT_EQ(qc.limit_value->amount, 1000);
  EXPECT_EQ(qc.limit_value->exponent, 3);
  EXPECT_TRUE(qc.unknown_oids.empty());
  ASSERT_EQ(qc.statements.size(), 7u);
  EXPECT_EQ(qc.statements[0].oid, qc_oid::kCompliance);
  EXPECT_EQ(qc.statements[0].info_der, "");
  EXPECT_EQ(qc.statements[5].oid, qc_oid::kType);
  EXPECT_EQ(hex(qc.statements[5].info_der), "3012060704008e46010601060704008e46010602");
}

TEST(CertificateBuilder, EncodesQcStatementsExactlyAsRealQcs) {
  // The exact bytes of the EU test suite's CERT-TEST-3.2.1 (compliance, SSCD, QcType esign).
  QcStatementsSpec qc;
  qc.compliance = true;
  qc.sscd = true;
  qc.type_oids = {std::string(qc_oid::kTypeESign)};
  auto der = encode_qc_statements(qc);
  ASSERT_TRUE(der.has_value());
  EXPECT_EQ(hex(*der), "30293008060604008e4601013008060604008e4601043013060604008e4601063009060704008e46010601");
  // QcPDS with two locations, as in a Spanish DNIe certificate.
  QcStatementsSpec pds;
  pds.pds = {{"https://www.dnie.es/pds", "en"}, {"https://www.dnie.es/pds", "es"}};
  auto pds_der = encode_qc_statements(pds);
  ASSERT_TRUE(pds_der.has_value());
  EXPECT_EQ(hex(*pds_der),
            "304a3048060604008e460105303e301d161768747470733a2f2f7777772e646e69652e65732f7064731302656e301d16176874"
            "7470733a2f2f7777772e646e69652e65732f70647313026573");
}

TEST(CertificateBuilder, ReportsPsd2AndUnknownStatements) {
  CertificateSpec s = qc_spec();
  QcStatementsSpec qc;
  qc.compliance = true;
  const std::string role = der::sequence({*der::oid("0.4.0.19495.1.1"), der::utf8_string("PSP_AS")});
  const std::string psd2 =
      der::sequence({der::sequence({role}), der::utf8_string("Banque de France"), der::utf8_string("FR-BDF")});
  qc.extra = {{std::string(qc_oid::kPsd2), psd2}, {"1.3.6.1.5.5.7.11.2", der::sequence({*der::oid("0.4.0.194121.1.2")})}};
  s.qc_statements = qc;
  auto cert = build_certificate(s, ec_key().public_key_der(), *root_ca(), rsa_key(0));
  ASSERT_TRUE(cert.has_value());
  const QcStatements& q = (*cert)->qc_statements();
  ASSERT_TRUE(q.psd2.has_value());
  ASSERT_EQ(q.psd2->roles.size(), 1u);
  EXPECT_EQ(q.psd2->roles[0].oid, "0.4.0.19495.1.1");
  EXPECT_EQ(q.psd2->roles[0].name, "PSP_AS");
  EXPECT_EQ(q.psd2->nca_name, "Banque de France");
  EXPECT_EQ(q.psd2->nca_id, "FR-BDF");
  EXPECT_EQ(q.psd2->raw_info, psd2);
  EXPECT_EQ(q.unknown_oids, std::vector<std::string>{"1.3.6.1.5.5.7.11.2"});
  EXPECT_FALSE(q.sscd);
  EXPECT_FALSE(q.type_present);
  EXPECT_TRUE((*cert)->findings().empty());
}

TEST(CertificateBuilder, RoundTripsEachKeyUsageBit) {
  for (int bit = 0; bit <= 8; ++bit) {
    CertificateSpec s = testing_x509::ca_spec("KU");
    s.key_usage = static_cast<std::uint16_t>(1u << bit);
    auto cert = build_self_signed(s, ec_key());
    ASSERT_TRUE(cert.has_value());
    const auto b = static_cast<KeyUsageBit>(bit);
    EXPECT_EQ((*cert)->key_usage().bits, 1u << bit) << key_usage_name(b);
    EXPECT_EQ((*cert)->key_usage().names(), std::vector<std::string_view>{key_usage_name(b)});
    EXPECT_EQ(key_usage_from_name(key_usage_name(b)), b);
  }
  EXPECT_EQ(key_usage_from_name("contentCommitment"), KeyUsageBit::kNonRepudiation);
  EXPECT_EQ(key_usage_from_name("sign"), std::nullopt);
  CertificateSpec all = testing_x509::ca_spec("KU all");
  all.key_usage = 0x1ff;
  auto cert = build_self_signed(all, ec_key());
  ASSERT_TRUE(cert.has_value());
  EXPECT_EQ((*cert)->key_usage().bits, 0x1ff);
}

TEST(CertificateBuilder, CaPathLengthTimesAndOldCrypto) {
  CertificateSpec s = testing_x509::ca_spec("Old CA");
  s.path_length = 0;
  s.digest = DigestAlgorithm::kSha1;
  s.not_before = at("1999-12-31T23:59:59Z");
  s.not_after = at("2050-01-01T00:00:00Z");  // GeneralizedTime from 2050 (RFC 5280 4.1.2.5)
  s.key_identifiers = KeyIdentifiers::kNone;
  auto cert = build_certificate(s, rsa_key(1).public_key_der(), *root_ca(), rsa_key(0));
  ASSERT_TRUE(cert.has_value());
  const Certificate& c = **cert;
  EXPECT_TRUE(c.is_ca());
  EXPECT_EQ(c.basic_constraints().path_length, 0);
  EXPECT_EQ(c.signature_algorithm().name, "sha1WithRSAEncryption");
  EXPECT_EQ(c.signature_algorithm().digest, "SHA-1");
  EXPECT_EQ(format_utc_time(c.not_before()), "1999-12-31T23:59:59Z");
  EXPECT_EQ(format_utc_time(c.not_after()), "2050-01-01T00:00:00Z");
  EXPECT_FALSE(c.subject_key_id().has_value());
  EXPECT_FALSE(c.authority_key_id().has_value());
  EXPECT_EQ(c.verify_signed_by(*root_ca()), true);
}

TEST(CertificateBuilder, EcIssuerSignsWithEcdsa) {
  const PrivateKey p384 = *PrivateKey::generate(KeyAlgorithm::kEcP384);
  CertificateSpec s = testing_x509::ca_spec("EC Root");
  s.digest = DigestAlgorithm::kSha384;
  auto root = build_self_signed(s, p384);
  ASSERT_TRUE(root.has_value());
  EXPECT_EQ((*root)->signature_algorithm().name, "ecdsa-with-SHA384");
  EXPECT_EQ((*root)->public_key().curve, "P-384");
  EXPECT_EQ((*root)->public_key().bits, 384);
  EXPECT_EQ((*root)->verify_signed_by(**root), true);
}

TEST(CertificateBuilder, VerifiesRealIssuerAndRejectsForgery) {
  auto intermediate = build_certificate(testing_x509::ca_spec("Issuing CA"), rsa_key(1).public_key_der(), *root_ca(),
                                        rsa_key(0));
  ASSERT_TRUE(intermediate.has_value());
  auto genuine = build_certificate(qc_spec(), ec_key().public_key_der(), **intermediate, rsa_key(1));
  // Same issuer name and AKI, signed with another key.
  auto forged = build_certificate(qc_spec(), ec_key().public_key_der(), **intermediate, rsa_key(2));
  ASSERT_TRUE(genuine.has_value());
  ASSERT_TRUE(forged.has_value());
  EXPECT_EQ((*forged)->issuer().der, (*genuine)->issuer().der);
  EXPECT_EQ((*forged)->authority_key_id(), (*genuine)->authority_key_id());
  EXPECT_EQ((*genuine)->verify_signed_by(**intermediate), true);
  EXPECT_EQ((*forged)->verify_signed_by(**intermediate), false);
  EXPECT_TRUE((*forged)->issued_by_name(**intermediate));
  EXPECT_FALSE((*genuine)->issued_by_name(*root_ca()));
  // Wrong key type (EC certificate as "issuer" of an RSA signature): a definite no.
  EXPECT_EQ((*genuine)->verify_signed_by(**genuine), false);
  EXPECT_EQ((*intermediate)->verify_signed_by(*root_ca()), true);
  EXPECT_EQ(root_ca()->verify_signed_by(*root_ca()), true);
}

TEST(CertificateBuilder, MatchesSubjectAndKeyOfReissuedCa) {
  CertificateSpec s = testing_x509::ca_spec("Test Root");
  s.serial_hex = "02";
  s.not_after = at("2040-01-01T00:00:00Z");
  auto reissued = build_self_signed(s, rsa_key(0));
  ASSERT_TRUE(reissued.has_value());
  EXPECT_NE((*reissued)->der(), root_ca()->der());
  EXPECT_TRUE((*reissued)->matches_subject_and_key(*root_ca()));
  auto other_key = build_self_signed(s, rsa_key(1));
  ASSERT_TRUE(other_key.has_value());
  EXPECT_FALSE((*other_key)->matches_subject_and_key(*root_ca()));
}

TEST(DistinguishedName, EquivalenceFoldsCaseAndSpaces) {
  auto a = parse_distinguished_name(*encode_name({{"C", "LU"}, {"CN", "Test  Root "}}));
  auto b = parse_distinguished_name(*encode_name({{"C", "lu"}, {"CN", "test root"}}));
  auto c = parse_distinguished_name(*encode_name({{"CN", "test root"}, {"C", "lu"}}));
  ASSERT_TRUE(a && b && c);
  EXPECT_NE(a->der, b->der);
  EXPECT_TRUE(equivalent_names(*a, *b));
  EXPECT_FALSE(equivalent_names(*a, *c));  // RDN order matters
  EXPECT_EQ(encode_name({{"nickname", "x"}}).error().code(), Code::kInvalidArgument);
}

// RFC 5280 7.1 comparison as fold() defines it: leading, trailing and repeated white space and
// ASCII case do not matter; anything else does. (equivalent_names compares without copies.)
TEST(DistinguishedName, EquivalenceEdgeCases) {
  auto name = [](const std::vector<NameEntry>& attrs) {
    auto n = parse_distinguished_name(*encode_name(attrs));
    EXPECT_TRUE(n.has_value());
    return *n;
  };
  EXPECT_TRUE(equivalent_names(name({{"CN", "a b"}}), name({{"CN", "  A \t  B  "}})));
  EXPECT_TRUE(equivalent_names(name({{"CN", "ab "}}), name({{"CN", "AB"}})));
  EXPECT_TRUE(equivalent_names(name({{"CN", " "}}), name({{"CN", "   "}})));
  EXPECT_FALSE(equivalent_names(name({{"CN", "ab"}}), name({{"CN", "a b"}})));
  EXPECT_FALSE(equivalent_names(name({{"CN", "a b"}}), name({{"CN", "a bc"}})));
  EXPECT_FALSE(equivalent_names(name({{"CN", "a bc"}}), name({{"CN", "a b"}})));
  EXPECT_FALSE(equivalent_names(name({{"CN", "x"}}), name({{"O", "x"}})));
  EXPECT_FALSE(equivalent_names(name({{"CN", "x"}, {"CN", "x"}}), name({{"CN", "x"}, {"CN", "y"}})));
  EXPECT_TRUE(equivalent_names(name({{"C", "LU"}, {"CN", "X"}}), name({{"C", "lu"}, {"CN", "x"}})));
  // More attributes than the allocation-free matcher takes: the sorted comparison decides.
  std::vector<NameEntry> many, many_folded, many_other;
  for (int i = 0; i < 20; ++i) {
    many.push_back({"OU", "Unit " + std::to_string(i)});
    many_folded.push_back({"OU", " unit  " + std::to_string(i)});
    many_other.push_back({"OU", "Unit " + std::to_string(i == 19 ? 99 : i)});
  }
  EXPECT_TRUE(equivalent_names(name(many), name(many_folded)));
  EXPECT_FALSE(equivalent_names(name(many), name(many_other)));
}

// A verdict is remembered per key: asking again gives the same answer (true and false alike),
// and another key is still checked for real.
TEST(CertificateBuilder, RepeatedSignatureChecksGiveTheSameVerdicts) {
  CertificateSpec s = testing_x509::ca_spec("Memo Root");
  auto other = build_self_signed(s, rsa_key(1));
  ASSERT_TRUE(other.has_value());
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(root_ca()->verify_signed_by(*root_ca()), true);
    EXPECT_EQ(root_ca()->verify_signed_by(**other), false);
    EXPECT_EQ(root_ca()->verify_signed_by_key(root_ca()->public_key().der), true);
    EXPECT_EQ(root_ca()->verify_signed_by_key((*other)->public_key().der), false);
    EXPECT_EQ((*other)->verify_signed_by(*root_ca()), false);
    EXPECT_EQ((*other)->verify_signed_by(**other), true);
  }
  EXPECT_FALSE(root_ca()->verify_signed_by_key("not a key").has_value());
  EXPECT_FALSE(root_ca()->verify_signed_by_key("not a key").has_value());
}

TEST(CertificateBuilder, RejectsBadInputs) {
  CertificateSpec s = testing_x509::ca_spec("Bad");
  s.serial_hex = "xyz";
  EXPECT_EQ(build_self_signed(s, ec_key()).error().code(), Code::kInvalidArgument);
  s = testing_x509::ca_spec("Bad");
  s.policies = {"not.an.oid"};
  EXPECT_EQ(build_self_signed(s, ec_key()).error().code(), Code::kInvalidArgument);
}

TEST(PrivateKey, PemRoundTrip) {
  auto pem = ec_key().to_pem();
  ASSERT_TRUE(pem.has_value());
  EXPECT_TRUE(pem->starts_with("-----BEGIN PRIVATE KEY-----"));
  auto back = PrivateKey::from_pem(*pem);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->public_key_der(), ec_key().public_key_der());
  EXPECT_EQ(back->algorithm(), "EC");
  EXPECT_EQ(rsa_key(0).bits(), 2048);
  EXPECT_EQ(PrivateKey::from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").error().code(),
            Code::kMalformed);
}

TEST(Certificate, ParsesPemChainDerAndBase64) {
  auto to_pem = [](const Certificate& c) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const std::string& d = c.der();
    std::string b64;
    for (std::size_t i = 0; i < d.size(); i += 3) {
      std::uint32_t v = static_cast<std::uint8_t>(d[i]) << 16;
      if (i + 1 < d.size()) v |= static_cast<std::uint8_t>(d[i + 1]) << 8;
      if (i + 2 < d.size()) v |= static_cast<std::uint8_t>(d[i + 2]);
      b64 += kAlphabet[(v >> 18) & 63];
      b64 += kAlphabet[(v >> 12) & 63];
      b64 += i + 1 < d.size() ? kAlphabet[(v >> 6) & 63] : '=';
      b64 += i + 2 < d.size() ? kAlphabet[v & 63] : '=';
      if (b64.size() % 65 == 64) b64 += '\n';
    }
    return b64;
  };
  auto leaf = build_certificate(qc_spec(), ec_key().public_key_der(), *root_ca(), rsa_key(0));
  ASSERT_TRUE(leaf.has_value());
  const std::string chain = "subject=whatever\n-----BEGIN CERTIFICATE-----\n" + to_pem(**leaf) +
                            "\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----\n"
                            "-----BEGIN CERTIFICATE-----\r\n" + to_pem(*root_ca()) + "\r\n-----END CERTIFICATE-----\r\n";
  auto parsed = Certificate::parse_pem_chain(chain);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message();
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[0]->der(), (*leaf)->der());
  EXPECT_EQ((*parsed)[1]->der(), root_ca()->der());
  auto der = Certificate::parse_pem_chain(root_ca()->der());
  ASSERT_TRUE(der.has_value());
  EXPECT_EQ(der->at(0)->der(), root_ca()->der());
  auto b64 = Certificate::parse_pem_chain(to_pem(*root_ca()));
  ASSERT_TRUE(b64.has_value());
  EXPECT_EQ(b64->at(0)->der(), root_ca()->der());

  // pem_chain_der: the same blobs, unparsed, with the same framing rules.
  auto blobs = Certificate::pem_chain_der(chain);
  ASSERT_TRUE(blobs.has_value()) << blobs.error().message();
  EXPECT_EQ(*blobs, (std::vector<std::string>{(*leaf)->der(), root_ca()->der()}));
  EXPECT_EQ(Certificate::pem_chain_der(root_ca()->der()).value(), std::vector<std::string>{root_ca()->der()});
  EXPECT_EQ(Certificate::pem_chain_der(to_pem(*root_ca())).value(), std::vector<std::string>{root_ca()->der()});
  EXPECT_EQ(Certificate::pem_chain_der(root_ca()->der() + "x").error().code(), Code::kMalformed);  // trailing bytes
  EXPECT_EQ(Certificate::pem_chain_der("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").error().code(),
            Code::kMalformed);  // base64, but not a DER SEQUENCE
  EXPECT_EQ(Certificate::pem_chain_der(" \n").error().code(), Code::kNotFound);
  // A SEQUENCE that is no certificate passes the framing; parse_pem_chain then names it.
  const std::string not_a_certificate("\x30\x03\x02\x01\x05", 5);
  auto to_pem_bytes = [](std::string_view der) {
    return "-----BEGIN CERTIFICATE-----\n" + base64_encode(der) + "\n-----END CERTIFICATE-----\n";
  };
  ASSERT_TRUE(Certificate::pem_chain_der(to_pem_bytes(not_a_certificate)).has_value());
  auto broken = Certificate::parse_pem_chain(to_pem_bytes(not_a_certificate));
  ASSERT_FALSE(broken.has_value());
  EXPECT_NE(broken.error().message().find("certificate 1 of 1"), std::string::npos) << broken.error().message();
}

}  // namespace
}  // namespace assay::engine
