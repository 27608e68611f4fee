// engine::Crl: CRLs built by revocation_builder.h read back field by field, plus hostile input
// (truncated, non-minimal DER, trailing bytes, over the limits, wrong signer).
#include "engine/x509/crl.h"

#include <gtest/gtest.h>

#include "engine/x509/revocation_builder.h"
#include "tests/engine/x509/x509_test_support.h"

namespace assay::engine {
namespace {

using testing_x509::at;
using testing_x509::ca_spec;
using testing_x509::root_ca;
using testing_x509::rsa_key;

std::string sample_crl(std::vector<RevokedCertificate> revoked = {{"0a", at("2024-06-01T12:00:00Z"), CrlReason::kKeyCompromise}}) {
  CrlSpec spec;
  spec.this_update = at("2025-01-01T00:00:00Z");
  spec.next_update = at("2025-01-08T00:00:00Z");
  spec.crl_number = 300;
  spec.revoked = std::move(revoked);
  return *build_crl(spec, *root_ca(), rsa_key(0));
}

TEST(Crl, ReadsWhatTheBuilderWrote) {
  auto crl = Crl::parse_der(sample_crl({{"0a", at("2024-06-01T12:00:00Z"), CrlReason::kKeyCompromise},
                                        {"80ff", at("2024-07-01T12:00:00Z"), std::nullopt}}));
  ASSERT_TRUE(crl.has_value()) << crl.error().message();
  const Crl& c = **crl;
  EXPECT_EQ(c.version(), 2);
  EXPECT_EQ(c.issuer().rfc4514, root_ca()->subject().rfc4514);
  EXPECT_EQ(c.this_update(), at("2025-01-01T00:00:00Z"));
  EXPECT_EQ(c.next_update(), at("2025-01-08T00:00:00Z"));
  EXPECT_EQ(c.crl_number(), std::string("\x01\x2c", 2));
  EXPECT_FALSE(c.is_delta());
  EXPECT_EQ(c.authority_key_id(), root_ca()->subject_key_id());
  ASSERT_EQ(c.entries().size(), 2u);
  EXPECT_EQ(c.entries()[0].serial, "\x0a");
  EXPECT_EQ(c.entries()[0].reason, CrlReason::kKeyCompromise);
  EXPECT_EQ(c.entries()[0].revocation_date, at("2024-06-01T12:00:00Z"));
  EXPECT_EQ(c.entries()[1].serial, std::string("\x00\x80\xff", 3));  // INTEGER contents keep the sign octet
  EXPECT_FALSE(c.entries()[1].reason.has_value());
  EXPECT_EQ(c.find("\x0a").size(), 1u);
  EXPECT_TRUE(c.find("\x0b").empty());
  EXPECT_FALSE(c.unknown_critical_extension());
  EXPECT_EQ(c.sha256(), sha256(c.der()));
}

TEST(Crl, VerifiesOnlyWithTheSignersKey) {
  auto crl = *Crl::parse_der(sample_crl());
  EXPECT_EQ(crl->verify_signed_by(*root_ca()), true);
  EXPECT_EQ(crl->verify_signed_by_key(root_ca()->public_key().der), true);
  // Same name, another key: what a CRL "signed by the wrong key" looks like.
  auto impostor = *build_self_signed(ca_spec("Test Root"), rsa_key(1));
  EXPECT_EQ(crl->verify_signed_by(*impostor), false);
  // A tampered signature.
  std::string der = sample_crl();
  der[der.size() - 5] ^= 0x01;
  EXPECT_EQ((*Crl::parse_der(der))->verify_signed_by(*root_ca()), false);
}

TEST(Crl, ReadsDeltaIndicatorIssuingDistributionPointAndIndirectEntries) {
  CrlSpec spec;
  spec.this_update = at("2025-01-01T00:00:00Z");
  spec.crl_number = 7;
  spec.delta_base = 5;
  // IssuingDistributionPoint { distributionPoint [0] { fullName [0] { URI } }, onlySomeReasons [3]
  // (keyCompromise, cACompromise), indirectCRL [4] TRUE }
  const std::string uri = "http://crl.example/a.crl";
  std::string full = std::string("\x86") + static_cast<char>(uri.size()) + uri;
  std::string dpn = std::string("\xa0") + static_cast<char>(full.size()) + full;
  std::string dp = std::string("\xa0") + static_cast<char>(dpn.size()) + dpn;
  std::string body = dp + std::string("\x83\x02\x01\x60", 4) + std::string("\x84\x01\xff", 3);
  spec.issuing_distribution_point_der = std::string("\x30") + static_cast<char>(body.size()) + body;
  const std::string other_issuer_name = *encode_name({{"C", "LU"}, {"CN", "Other CA"}});
  const std::string general_names = std::string("\x30") + static_cast<char>(other_issuer_name.size() + 2) + "\xa4" +
                                    static_cast<char>(other_issuer_name.size()) + other_issuer_name;
  RevokedCertificate first{"01", at("2024-01-01T00:00:00Z"), std::nullopt};
  RevokedCertificate second{"02", at("2024-01-01T00:00:00Z"), CrlReason::kRemoveFromCrl};
  second.certificate_issuer_der = general_names;
  RevokedCertificate third{"03", at("2024-01-01T00:00:00Z"), std::nullopt};
  spec.revoked = {first, second, third};
  auto crl = Crl::parse_der(*build_crl(spec, *root_ca(), rsa_key(0)));
  ASSERT_TRUE(crl.has_value()) << crl.error().message();
  const Crl& c = **crl;
  EXPECT_TRUE(c.is_delta());
  EXPECT_EQ(c.delta_base(), std::string("\x05"));
  ASSERT_TRUE(c.issuing_distribution_point().has_value());
  const auto& idp = *c.issuing_distribution_point();
  EXPECT_TRUE(idp.indirect_crl);
  EXPECT_EQ(idp.only_some_reasons, ReasonFlags((1u << 1) | (1u << 2)));
  ASSERT_TRUE(idp.name.has_value());
  ASSERT_EQ(idp.name->full_name.size(), 1u);
  EXPECT_EQ(idp.name->full_name[0].tag, 6);
  EXPECT_EQ(idp.name->full_name[0].value, uri);
  EXPECT_FALSE(c.unknown_critical_extension());  // deltaCRLIndicator and IDP are critical and known
  ASSERT_EQ(c.entries().size(), 3u);
  EXPECT_EQ(c.entries()[0].certificate_issuer, -1);
  EXPECT_EQ(c.entries()[1].certificate_issuer, 0);
  EXPECT_EQ(c.entries()[2].certificate_issuer, 0);  // inherited from the preceding entry (5.3.3)
  EXPECT_EQ(c.entries()[1].reason, CrlReason::kRemoveFromCrl);
  ASSERT_EQ(c.certificate_issuers().size(), 1u);
  ASSERT_TRUE(c.certificate_issuers()[0][0].directory.has_value());
  EXPECT_EQ(c.certificate_issuers()[0][0].directory->rfc4514, "CN=Other CA,C=LU");
}

TEST(Crl, FlagsUnknownCriticalCrlAndEntryExtensions) {
  CrlSpec spec;
  spec.this_update = at("2025-01-01T00:00:00Z");
  spec.extensions = {{"1.2.3.4", true, std::string("\x05\x00", 2)}};
  auto crl = *Crl::parse_der(*build_crl(spec, *root_ca(), rsa_key(0)));
  EXPECT_TRUE(crl->unknown_critical_extension());
  EXPECT_FALSE(crl->unknown_critical_entry_extension());

  CrlSpec entry_spec;
  entry_spec.this_update = at("2025-01-01T00:00:00Z");
  RevokedCertificate r{"05", at("2024-01-01T00:00:00Z"), std::nullopt};
  r.extensions = {{"1.2.3.5", true, std::string("\x05\x00", 2)}};
  entry_spec.revoked = {r};
  auto entry_crl = *Crl::parse_der(*build_crl(entry_spec, *root_ca(), rsa_key(0)));
  EXPECT_FALSE(entry_crl->unknown_critical_extension());
  EXPECT_TRUE(entry_crl->unknown_critical_entry_extension());
  EXPECT_TRUE(entry_crl->entries()[0].unknown_critical_extension);
}

TEST(CrlHostile, EveryTruncationIsAnErrorNotACrash) {
  const std::string der = sample_crl();
  for (std::size_t n = 0; n < der.size(); ++n) {
    auto crl = Crl::parse_der(std::string_view(der).substr(0, n));
    ASSERT_FALSE(crl.has_value()) << "prefix of " << n << " bytes parsed";
    EXPECT_EQ(crl.error().code(), Code::kMalformed);
  }
}

TEST(CrlHostile, TrailingBytesAndNonMinimalLengthsAreRefused) {
  const std::string der = sample_crl();
  auto trailing = Crl::parse_der(der + std::string("\x00", 1));
  ASSERT_FALSE(trailing.has_value());
  EXPECT_EQ(trailing.error().code(), Code::kMalformed);
  // Re-encode the outer length with a superfluous leading zero octet (BER, not DER).
  ASSERT_EQ(static_cast<std::uint8_t>(der[1]), 0x82);
  std::string padded = std::string("\x30\x83\x00", 3) + der.substr(2);
  auto non_minimal = Crl::parse_der(padded);
  ASSERT_FALSE(non_minimal.has_value());
  EXPECT_EQ(non_minimal.error().code(), Code::kMalformed);
  // Same for an inner element: tbsCertList's length in long form with a leading zero.
  ASSERT_EQ(static_cast<std::uint8_t>(der[4]), 0x30);
  std::string inner = der;
  if (static_cast<std::uint8_t>(inner[5]) == 0x81) {
    inner.replace(5, 1, std::string("\x82\x00", 2));
    const std::size_t outer_len = inner.size() - 4;
    inner[2] = static_cast<char>(outer_len >> 8);
    inner[3] = static_cast<char>(outer_len & 0xff);
    auto r = Crl::parse_der(inner);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), Code::kMalformed);
  }
  auto garbage = Crl::parse_der("not a CRL at all");
  ASSERT_FALSE(garbage.has_value());
  EXPECT_EQ(garbage.error().code(), Code::kMalformed);
}

TEST(CrlHostile, HugeCrlsHitTheLimitsBeforeParsing) {
  const std::string huge((64u << 20) + 1, '\x30');
  auto crl = Crl::parse_der(huge);
  ASSERT_FALSE(crl.has_value());
  EXPECT_EQ(crl.error().code(), Code::kResourceExhausted);
  EXPECT_NE(crl.error().message().find("limit"), std::string::npos);

  std::vector<RevokedCertificate> many;
  for (int i = 1; i <= 50; ++i) many.push_back({std::to_string(10 + i), at("2024-01-01T00:00:00Z"), std::nullopt});
  const std::string der = sample_crl(many);
  CrlLimits limits;
  limits.max_entries = 20;
  auto too_many = Crl::parse_der(der, limits);
  ASSERT_FALSE(too_many.has_value());
  EXPECT_EQ(too_many.error().code(), Code::kResourceExhausted);
  limits.max_entries = 50;
  EXPECT_TRUE(Crl::parse_der(der, limits).has_value());
  limits.max_bytes = der.size() - 1;
  EXPECT_EQ(Crl::parse_der(der, limits).error().code(), Code::kResourceExhausted);
}

TEST(DistributionPoints, ReadsNamesReasonsAndCrlIssuer) {
  // DistributionPoint { distributionPoint [0] { nameRelativeToCRLIssuer [1] { CN=dp1 } },
  //                     reasons [1] (keyCompromise), cRLIssuer [2] { directoryName } }
  const std::string issuer_name = *encode_name({{"C", "LU"}, {"CN", "CRL Issuer"}});
  const std::string rdn = std::string("\x30\x0a\x06\x03\x55\x04\x03\x0c\x03", 9) + "dp1";
  const std::string relative = std::string("\xa1") + static_cast<char>(rdn.size()) + rdn;
  const std::string dpn = std::string("\xa0") + static_cast<char>(relative.size()) + relative;
  const std::string issuer = std::string("\xa2") + static_cast<char>(issuer_name.size() + 2) + "\xa4" +
                             static_cast<char>(issuer_name.size()) + issuer_name;
  const std::string point_body = dpn + std::string("\x81\x02\x06\x40", 4) + issuer;
  const std::string point = std::string("\x30") + static_cast<char>(point_body.size()) + point_body;
  const std::string ext = std::string("\x30") + static_cast<char>(point.size()) + point;
  auto dps = parse_distribution_points(ext);
  ASSERT_TRUE(dps.has_value()) << dps.error().message();
  ASSERT_EQ(dps->size(), 1u);
  const auto& dp = (*dps)[0];
  EXPECT_EQ(dp.reasons, ReasonFlags(1u << 1));
  ASSERT_EQ(dp.crl_issuer.size(), 1u);
  ASSERT_TRUE(dp.name && dp.name->relative_rdn);
  auto crl_issuer = *parse_distinguished_name(issuer_name);
  auto full = dp.name->resolve(crl_issuer);
  ASSERT_EQ(full.size(), 1u);
  EXPECT_EQ(full[0].directory->rfc4514, "CN=dp1,CN=CRL Issuer,C=LU");
  EXPECT_FALSE(parse_distribution_points(std::string("\x30\x03\x30\x01", 4)).has_value());
}

TEST(CrlReasons, NamesAndFlags) {
  EXPECT_EQ(crl_reason_name(CrlReason::kCertificateHold), "certificateHold");
  EXPECT_EQ(crl_reason_name(CrlReason::kAaCompromise), "aACompromise");
  EXPECT_EQ(reason_flag(CrlReason::kKeyCompromise), 1u << 1);
  EXPECT_EQ(reason_flag(CrlReason::kRemoveFromCrl), 0u);
  EXPECT_EQ(compare_crl_numbers("\x05", "\x01\x00"), -1);
  EXPECT_EQ(compare_crl_numbers("\x05", "\x05"), 0);
}

}  // namespace
}  // namespace assay::engine
