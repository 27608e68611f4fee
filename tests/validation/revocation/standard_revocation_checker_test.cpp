// StandardRevocationChecker on CRLs and OCSP responses built by engine/x509/revocation_builder.h:
// status, evidence, scope (distribution points, reasons, indirect CRLs, delta CRLs), signers
// (separate CRL keys, delegated responders, nocheck), time selection, hostile data, online.
#include "validation/revocation/standard_revocation_checker.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/x509/revocation_builder.h"
#include "tests/engine/x509/x509_test_support.h"
#include "validation/revocation/revocation_findings.h"

namespace assay::validation {
namespace {

using engine::CertificatePtr;
using engine::CrlReason;
using engine::CrlSpec;
using engine::OcspCertStatus;
using engine::OcspResponseSpec;
using engine::OcspSingleResponse;
using engine::RevokedCertificate;
using engine::testing_x509::at;
using engine::testing_x509::ca_spec;
using engine::testing_x509::ec_key;
using engine::testing_x509::root_ca;
using engine::testing_x509::rsa_key;
namespace rf = revocation_findings;

const engine::UtcTime kAt = at("2025-01-03T00:00:00Z");

bool has_finding(const RevocationEvidence& e, std::string_view id) {
  for (const auto& f : e.findings) {
    if (f.id == id) return true;
  }
  return false;
}

std::string ids(const RevocationEvidence& e) {
  std::string out;
  for (const auto& f : e.findings) out += f.id + ": " + f.message + "\n";
  return out;
}

CertificatePtr leaf(std::string serial, std::vector<engine::RawExtension> extensions = {}) {
  engine::CertificateSpec s;
  s.subject = {{"C", "LU"}, {"CN", "Leaf " + serial}};
  s.serial_hex = std::move(serial);
  s.not_before = at("2024-01-01T00:00:00Z");
  s.not_after = at("2026-01-01T00:00:00Z");
  s.raw_extensions = std::move(extensions);
  return *engine::build_certificate(s, ec_key().public_key_der(), *root_ca(), rsa_key(0));
}

CrlSpec crl_spec(std::vector<RevokedCertificate> revoked = {}) {
  CrlSpec spec;
  spec.this_update = at("2025-01-01T00:00:00Z");
  spec.next_update = at("2025-01-08T00:00:00Z");
  spec.crl_number = 10;
  spec.revoked = std::move(revoked);
  return spec;
}

engine::CrlPtr crl(const CrlSpec& spec, const engine::Certificate& issuer = *root_ca(),
                   const engine::PrivateKey& key = rsa_key(0)) {
  return *engine::Crl::parse_der(*engine::build_crl(spec, issuer, key));
}

engine::OcspResponsePtr ocsp(const engine::Certificate& subject, OcspCertStatus status, const engine::Certificate& responder,
                             const engine::PrivateKey& key, const engine::Certificate* issuer = nullptr) {
  OcspResponseSpec spec;
  spec.produced_at = at("2025-01-02T00:00:00Z");
  OcspSingleResponse s;
  s.subject = &subject;
  s.issuer = issuer != nullptr ? issuer : root_ca().get();
  s.status = status;
  s.revocation_time = at("2024-12-01T00:00:00Z");
  s.reason = CrlReason::kKeyCompromise;
  s.this_update = at("2025-01-02T00:00:00Z");
  s.next_update = at("2025-01-09T00:00:00Z");
  spec.responses = {s};
  return *engine::OcspResponse::parse_der(*engine::build_ocsp_response(spec, responder, key));
}

// Records calls; accepts the signers whose subject CN is in `accept`.
struct SignerRecorder {
  std::vector<std::string> accept;
  mutable std::vector<std::string> asked;
  SignerPathValidator fn() const {
    return [this](const CertificatePtr& signer, std::span<const CertificatePtr>, engine::UtcTime, int depth,
                  std::string* why) {
      EXPECT_EQ(depth, 1);
      asked.push_back(signer->subject().rfc4514);
      for (const auto& a : accept) {
        if (signer->subject().rfc4514.find(a) != std::string::npos) return true;
      }
      if (why != nullptr) *why = "not accepted by the test";
      return false;
    };
  }
};

struct Fixture {
  CertificatePtr ee = leaf("1234");
  std::vector<CertificatePtr> known;
  RevocationEvidence run(const StandardRevocationChecker& c, const SignerRecorder& s = {}, int depth = 0,
                         const engine::Certificate* cert = nullptr) const {
    RevocationQuery q{cert != nullptr ? *cert : *ee, root_ca().get(), nullptr, kAt, depth, known, {}};
    return c.check(q, s.fn());
  }
};

TEST(RevocationCrl, GoodWhenNotListedWithEvidence) {
  Fixture f;
  auto c = crl(crl_spec({{"99", at("2024-01-01T00:00:00Z"), CrlReason::kKeyCompromise}}));
  StandardRevocationChecker checker({c}, {});
  auto e = f.run(checker);
  EXPECT_EQ(e.status, RevocationState::kGood) << ids(e);
  EXPECT_EQ(e.source, "crl");
  EXPECT_EQ(e.sha256, c->sha256());
  EXPECT_EQ(e.this_update, at("2025-01-01T00:00:00Z"));
  EXPECT_EQ(e.next_update, at("2025-01-08T00:00:00Z"));
}

// RFC 5280 3.3: a CRL issued after the certificate expired may have dropped its entry; unless
// it declares ExpiredCertsOnCRL (X.509 9.6.2.9), not being listed says nothing.
TEST(RevocationCrl, CrlIssuedAfterExpiryDoesNotCoverTheCertificate) {
  Fixture f;  // the leaf expires 2026-01-01
  const auto after = at("2026-02-02T00:00:00Z");
  auto spec = crl_spec();
  spec.this_update = at("2026-02-01T00:00:00Z");
  spec.next_update = at("2026-02-08T00:00:00Z");
  RevocationQuery q{*f.ee, root_ca().get(), nullptr, after, 0, f.known, {}};
  const SignerRecorder signers;
  auto silent = StandardRevocationChecker({crl(spec)}, {}).check(q, signers.fn());
  EXPECT_NE(silent.status, RevocationState::kGood) << ids(silent);
  EXPECT_TRUE(has_finding(silent, rf::kCrlExpiredCertificateNotCovered)) << ids(silent);

  auto keeping = spec;
  keeping.extensions.push_back({"2.5.29.60", false, std::string("\x18\x0f" "20200101000000Z", 17)});
  auto covered = StandardRevocationChecker({crl(keeping)}, {}).check(q, signers.fn());
  EXPECT_EQ(covered.status, RevocationState::kGood) << ids(covered);

  auto listed = crl_spec({{"1234", at("2025-06-01T00:00:00Z"), CrlReason::kKeyCompromise}});
  listed.this_update = spec.this_update;
  listed.next_update = spec.next_update;
  auto revoked = StandardRevocationChecker({crl(listed)}, {}).check(q, signers.fn());
  EXPECT_EQ(revoked.status, RevocationState::kRevoked) << ids(revoked);
}

TEST(RevocationCrl, RevokedWithTimeAndReason) {
  Fixture f;
  StandardRevocationChecker checker({crl(crl_spec({{"1234", at("2024-06-01T00:00:00Z"), CrlReason::kKeyCompromise}}))}, {});
  auto e = f.run(checker);
  EXPECT_EQ(e.status, RevocationState::kRevoked);
  EXPECT_EQ(e.revocation_time, at("2024-06-01T00:00:00Z"));
  EXPECT_EQ(e.reason, "keyCompromise");
}

TEST(RevocationCrl, RevokedAfterTheValidationTimeIsGoodAtThatTime) {
  Fixture f;
  auto spec = crl_spec({{"1234", at("2025-01-05T00:00:00Z"), CrlReason::kSuperseded}});
  spec.this_update = at("2025-01-06T00:00:00Z");
  spec.next_update = at("2025-01-13T00:00:00Z");
  StandardRevocationChecker checker({crl(spec)}, {});
  auto e = f.run(checker);
  EXPECT_EQ(e.status, RevocationState::kGood) << ids(e);
  EXPECT_TRUE(has_finding(e, rf::kRevokedAfterTime));
}

TEST(RevocationCrl, PrefersTheCrlInForceAtTheValidationTime) {
  Fixture f;
  auto older = crl_spec();
  older.this_update = at("2024-12-20T00:00:00Z");
  older.next_update = at("2024-12-27T00:00:00Z");  // stale at kAt
  auto current = crl_spec();
  auto later = crl_spec({{"1234", at("2025-01-20T00:00:00Z"), CrlReason::kKeyCompromise}});
  later.this_update = at("2025-01-21T00:00:00Z");
  later.next_update = at("2025-01-28T00:00:00Z");
  auto in_force = crl(current);
  StandardRevocationChecker checker({crl(older), crl(later), in_force}, {});
  auto e = f.run(checker);
  EXPECT_EQ(e.status, RevocationState::kGood);
  EXPECT_EQ(e.sha256, in_force->sha256());
  EXPECT_TRUE(has_finding(e, rf::kCrlStale));
}

TEST(RevocationCrl, StaleOnlyIsUnknown) {
  Fixture f;
  auto spec = crl_spec();
  spec.this_update = at("2024-12-20T00:00:00Z");
  spec.next_update = at("2024-12-27T00:00:00Z");
  StandardRevocationChecker checker({crl(spec)}, {});
  auto e = f.run(checker);
  EXPECT_EQ(e.status, RevocationState::kUnknown);
  EXPECT_TRUE(has_finding(e, rf::kCrlStale));
}

TEST(RevocationCrl, SignedByTheWrongKeyIsNotUsed) {
  Fixture f;
  auto impostor = *engine::build_self_signed(ca_spec("Test Root"), rsa_key(1));
  StandardRevocationChecker checker({crl(crl_spec(), *impostor, rsa_key(1))}, {});
  auto e = f.run(checker);
  EXPECT_EQ(e.status, RevocationState::kUnknown);
  EXPECT_TRUE(has_finding(e, rf::kCrlSignatureInvalid)) << ids(e);
}

TEST(RevocationCrl, UnknownCriticalExtensionsMakeTheCrlUnusable) {
  Fixture f;
  auto spec = crl_spec();
  spec.extensions = {{"1.2.3.4", true, std::string("\x05\x00", 2)}};
  StandardRevocationChecker checker({crl(spec)}, {});
  auto e = f.run(checker);
  EXPECT_EQ(e.status, RevocationState::kUnknown);
  EXPECT_TRUE(has_finding(e, rf::kCrlUnknownCriticalExtension));
}

TEST(RevocationCrl, NoDataIsNotChecked) {
  Fixture f;
  StandardRevocationChecker checker({}, {});
  auto e = f.run(checker);
  EXPECT_EQ(e.status, RevocationState::kNotChecked);
  EXPECT_TRUE(has_finding(e, rf::kNoData));
}

TEST(RevocationCrl, SeparateCrlSigningKeyNeedsAValidSignerPath) {
  Fixture f;
  // Same name as the CA, another key, issued by the CA: RFC 5280 6.3.3 (f) separate CRL key.
  auto spec = ca_spec("Test Root");
  spec.serial_hex = "77";
  spec.ca = std::nullopt;
  spec.key_usage = engine::key_usage_bits({engine::KeyUsageBit::kCrlSign});
  auto crl_signer = *engine::build_certificate(spec, rsa_key(1).public_key_der(), *root_ca(), rsa_key(0));
  f.known = {crl_signer};
  StandardRevocationChecker checker({crl(crl_spec(), *crl_signer, rsa_key(1))}, {});
  SignerRecorder accept;
  accept.accept = {"Test Root"};
  auto e = f.run(checker, accept);
  EXPECT_EQ(e.status, RevocationState::kGood) << ids(e);
  EXPECT_EQ(e.signer, crl_signer);
  EXPECT_EQ(accept.asked.size(), 1u);
  SignerRecorder refuse;
  auto refused = f.run(checker, refuse);
  EXPECT_EQ(refused.status, RevocationState::kUnknown);
  EXPECT_TRUE(has_finding(refused, rf::kCrlSignerPathInvalid)) << ids(refused);
}

std::string der_len(std::size_t n) {
  if (n < 0x80) return std::string(1, static_cast<char>(n));
  return std::string("\x81") + static_cast<char>(n);
}
std::string tlv(char tag, const std::string& body) { return std::string(1, tag) + der_len(body.size()) + body; }

TEST(RevocationCrlHostile, ManyCertificatesWithTheIssuersNameAreBounded) {
  Fixture f;
  // 100 certificates named like the CA (another key), none of which signed the CRL.
  auto spec = ca_spec("Test Root");
  spec.ca = std::nullopt;
  for (int i = 0; i < 100; ++i) {
    spec.serial_hex = "1" + std::to_string(1000 + i);
    f.known.push_back(*engine::build_certificate(spec, rsa_key(1).public_key_der(), *root_ca(), rsa_key(0)));
  }
  auto impostor = *engine::build_self_signed(ca_spec("Test Root"), rsa_key(2));
  StandardRevocationChecker checker({crl(crl_spec(), *impostor, rsa_key(2))}, {});
  SignerRecorder accept;
  accept.accept = {"Test Root"};
  auto e = f.run(checker, accept);
  EXPECT_EQ(e.status, RevocationState::kUnknown);
  EXPECT_TRUE(accept.asked.empty());
  bool bounded = false;
  for (const auto& finding : e.findings) bounded = bounded || finding.message.find("more than 16") != std::string::npos;
  EXPECT_TRUE(bounded) << ids(e);
}

TEST(RevocationCrl, IndirectCrlWithCertificateIssuerEntries) {
  Fixture f;
  // EE's CRLDistributionPoints: { cRLIssuer [2] { directoryName "CRL Authority" } }
  auto authority_spec = ca_spec("CRL Authority");
  authority_spec.serial_hex = "55";
  authority_spec.ca = std::nullopt;
  authority_spec.key_usage = engine::key_usage_bits({engine::KeyUsageBit::kCrlSign});
  auto authority = *engine::build_certificate(authority_spec, rsa_key(2).public_key_der(), *root_ca(), rsa_key(0));
  const std::string dir = tlv('\xa4', authority->subject().der);
  const std::string dps = tlv('\x30', tlv('\x30', tlv('\xa2', dir)));
  auto ee = leaf("4321", {{"2.5.29.31", false, dps}});
  // The indirect CRL: IDP { indirectCRL TRUE }, the entry names the root as certificate issuer.
  auto spec = crl_spec();
  spec.issuing_distribution_point_der = tlv('\x30', std::string("\x84\x01\xff", 3));
  RevokedCertificate entry{"4321", at("2024-10-01T00:00:00Z"), CrlReason::kCaCompromise};
  entry.certificate_issuer_der = tlv('\x30', tlv('\xa4', root_ca()->subject().der));
  spec.revoked = {entry};
  f.known = {authority};
  StandardRevocationChecker checker({crl(spec, *authority, rsa_key(2))}, {});
  SignerRecorder accept;
  accept.accept = {"CRL Authority"};
  auto e = f.run(checker, accept, 0, ee.get());
  EXPECT_EQ(e.status, RevocationState::kRevoked) << ids(e);
  EXPECT_EQ(e.reason, "cACompromise");
  // The same CRL without indirectCRL is out of scope for a DP with cRLIssuer.
  auto direct = crl_spec();
  StandardRevocationChecker not_indirect({crl(direct, *authority, rsa_key(2))}, {});
  EXPECT_NE(f.run(not_indirect, accept, 0, ee.get()).status, RevocationState::kGood);
}

TEST(RevocationCrl, OnlySomeReasonsNeedsEveryReasonCovered) {
  Fixture f;
  auto part = [&](std::string reasons_bits) {
    auto spec = crl_spec();
    spec.issuing_distribution_point_der = tlv('\x30', std::string("\x83") + der_len(reasons_bits.size()) + reasons_bits);
    return crl(spec);
  };
  // onlySomeReasons: keyCompromise + cACompromise (bits 1, 2) and everything else (bits 3..8).
  auto first = part(std::string("\x05\x60", 2));
  auto rest = part(std::string("\x07\x1f\x80", 3));
  StandardRevocationChecker half({first}, {});
  auto e = f.run(half);
  EXPECT_EQ(e.status, RevocationState::kUnknown);
  EXPECT_TRUE(has_finding(e, rf::kCrlReasonsIncomplete)) << ids(e);
  StandardRevocationChecker both({first, rest}, {});
  EXPECT_EQ(f.run(both).status, RevocationState::kGood) << ids(f.run(both));
}

TEST(RevocationCrl, DeltaCrlListsTheCertificate) {
  Fixture f;
  auto base = crl_spec();
  base.crl_number = 10;
  auto delta = crl_spec({{"1234", at("2025-01-02T00:00:00Z"), CrlReason::kKeyCompromise}});
  delta.crl_number = 11;
  delta.delta_base = 10;
  delta.this_update = at("2025-01-02T12:00:00Z");
  auto base_crl = crl(base);
  auto delta_crl = crl(delta);
  StandardRevocationChecker checker({base_crl, delta_crl}, {});
  auto e = f.run(checker);
  EXPECT_EQ(e.status, RevocationState::kRevoked) << ids(e);
  EXPECT_EQ(e.source, "crl+delta");
  EXPECT_EQ(e.sha256, base_crl->sha256());
  EXPECT_EQ(e.delta_sha256, delta_crl->sha256());
  // removeFromCRL on the delta un-revokes what the base lists as on hold.
  auto held = crl_spec({{"1234", at("2024-12-01T00:00:00Z"), CrlReason::kCertificateHold}});
  auto released = crl_spec({{"1234", at("2025-01-02T00:00:00Z"), CrlReason::kRemoveFromCrl}});
  released.crl_number = 11;
  released.delta_base = 10;
  StandardRevocationChecker removed({crl(held), crl(released)}, {});
  EXPECT_EQ(f.run(removed).status, RevocationState::kGood);
  // A delta alone is no complete CRL.
  StandardRevocationChecker delta_only({delta_crl}, {});
  EXPECT_NE(f.run(delta_only).status, RevocationState::kGood);
}

TEST(RevocationCrl, StaleDeltaLeavesTheStatusOpen) {
  Fixture f;
  auto delta = crl_spec();
  delta.crl_number = 11;
  delta.delta_base = 10;
  delta.this_update = at("2024-12-30T00:00:00Z");
  delta.next_update = at("2025-01-01T00:00:00Z");
  StandardRevocationChecker checker({crl(crl_spec()), crl(delta)}, {});
  auto e = f.run(checker);
  EXPECT_EQ(e.status, RevocationState::kUnknown);
  EXPECT_TRUE(has_finding(e, rf::kCrlDeltaUnusable)) << ids(e);
}

TEST(RevocationOcsp, SignedByTheCa) {
  Fixture f;
  auto r = ocsp(*f.ee, OcspCertStatus::kGood, *root_ca(), rsa_key(0));
  StandardRevocationChecker checker({}, {r});
  auto e = f.run(checker);
  EXPECT_EQ(e.status, RevocationState::kGood) << ids(e);
  EXPECT_EQ(e.source, "ocsp");
  EXPECT_EQ(e.sha256, r->sha256());
  EXPECT_EQ(e.produced_at, at("2025-01-02T00:00:00Z"));
  StandardRevocationChecker revoked({}, {ocsp(*f.ee, OcspCertStatus::kRevoked, *root_ca(), rsa_key(0))});
  auto rv = f.run(revoked);
  EXPECT_EQ(rv.status, RevocationState::kRevoked);
  EXPECT_EQ(rv.reason, "keyCompromise");
  StandardRevocationChecker unknown({}, {ocsp(*f.ee, OcspCertStatus::kUnknown, *root_ca(), rsa_key(0))});
  auto un = f.run(unknown);
  EXPECT_EQ(un.status, RevocationState::kUnknown);
  EXPECT_TRUE(has_finding(un, rf::kOcspStatusUnknown));
}

TEST(RevocationOcsp, ResponseForAnotherCertificateIsNotUsed) {
  Fixture f;
  auto other = leaf("999");
  StandardRevocationChecker checker({}, {ocsp(*other, OcspCertStatus::kGood, *root_ca(), rsa_key(0))});
  EXPECT_EQ(f.run(checker).status, RevocationState::kNotChecked);
  // Same serial, another issuer key in the CertID.
  auto rekeyed = *engine::build_self_signed(ca_spec("Test Root"), rsa_key(1));
  StandardRevocationChecker wrong_issuer({}, {ocsp(*f.ee, OcspCertStatus::kGood, *root_ca(), rsa_key(0), rekeyed.get())});
  auto e = f.run(wrong_issuer);
  EXPECT_EQ(e.status, RevocationState::kUnknown);
  EXPECT_TRUE(has_finding(e, rf::kOcspCertIdMismatch)) << ids(e);
}

TEST(RevocationOcsp, SignedByTheWrongKey) {
  Fixture f;
  auto impostor = *engine::build_self_signed(ca_spec("Test Root"), rsa_key(1));
  StandardRevocationChecker checker({}, {ocsp(*f.ee, OcspCertStatus::kGood, *impostor, rsa_key(1))});
  auto e = f.run(checker);
  EXPECT_EQ(e.status, RevocationState::kUnknown);
  EXPECT_TRUE(has_finding(e, rf::kOcspSignatureInvalid)) << ids(e);
}

CertificatePtr responder(std::vector<std::string> ekus, bool nocheck, const engine::Certificate& issuer = *root_ca(),
                         const engine::PrivateKey& issuer_key = rsa_key(0)) {
  engine::CertificateSpec s;
  s.subject = {{"C", "LU"}, {"CN", "OCSP Responder"}};
  s.serial_hex = "0100";
  s.not_before = at("2024-01-01T00:00:00Z");
  s.not_after = at("2026-01-01T00:00:00Z");
  s.extended_key_usages = std::move(ekus);
  if (nocheck) s.raw_extensions = {{"1.3.6.1.5.5.7.48.1.5", false, std::string("\x05\x00", 2)}};
  return *engine::build_certificate(s, rsa_key(2).public_key_der(), issuer, issuer_key);
}

TEST(RevocationOcsp, DelegatedResponderNeedsOcspSigningAndAValidPath) {
  Fixture f;
  auto delegated = responder({"1.3.6.1.5.5.7.3.9"}, true);
  StandardRevocationChecker checker({}, {ocsp(*f.ee, OcspCertStatus::kGood, *delegated, rsa_key(2))});
  SignerRecorder accept;
  accept.accept = {"OCSP Responder"};
  auto e = f.run(checker, accept);
  EXPECT_EQ(e.status, RevocationState::kGood) << ids(e);
  EXPECT_EQ(e.signer->subject().rfc4514, delegated->subject().rfc4514);
  SignerRecorder refuse;
  auto refused = f.run(checker, refuse);
  EXPECT_EQ(refused.status, RevocationState::kUnknown);
  EXPECT_TRUE(has_finding(refused, rf::kOcspResponderPathInvalid)) << ids(refused);

  auto no_eku = responder({}, false);
  StandardRevocationChecker unauthorised({}, {ocsp(*f.ee, OcspCertStatus::kGood, *no_eku, rsa_key(2))});
  auto u = f.run(unauthorised, accept);
  EXPECT_EQ(u.status, RevocationState::kUnknown);
  EXPECT_TRUE(has_finding(u, rf::kOcspResponderNotAuthorized)) << ids(u);

  // Issued by another CA of the same name (not the certificate's issuer).
  auto other_ca = *engine::build_self_signed(ca_spec("Test Root"), rsa_key(1));
  auto foreign = responder({"1.3.6.1.5.5.7.3.9"}, false, *other_ca, rsa_key(1));
  StandardRevocationChecker foreign_checker({}, {ocsp(*f.ee, OcspCertStatus::kGood, *foreign, rsa_key(2))});
  EXPECT_TRUE(has_finding(f.run(foreign_checker, accept), rf::kOcspResponderNotAuthorized));
}

TEST(RevocationOcsp, ResponderWithNoCheckIsGoodOnlyAsASigner) {
  Fixture f;
  auto delegated = responder({"1.3.6.1.5.5.7.3.9"}, true);
  StandardRevocationChecker checker({}, {});
  auto as_signer = f.run(checker, {}, 1, delegated.get());
  EXPECT_EQ(as_signer.status, RevocationState::kGood);
  EXPECT_EQ(as_signer.source, "ocsp-nocheck");
  EXPECT_EQ(f.run(checker, {}, 0, delegated.get()).status, RevocationState::kNotChecked);
}

TEST(RevocationOcsp, OcspFirstThenCrl) {
  Fixture f;
  // An unusable OCSP response and a good CRL: the CRL decides, the OCSP rejection stays visible.
  auto impostor = *engine::build_self_signed(ca_spec("Test Root"), rsa_key(1));
  StandardRevocationChecker checker({crl(crl_spec())}, {ocsp(*f.ee, OcspCertStatus::kGood, *impostor, rsa_key(1))});
  auto e = f.run(checker);
  EXPECT_EQ(e.status, RevocationState::kGood);
  EXPECT_EQ(e.source, "crl");
  EXPECT_TRUE(has_finding(e, rf::kOcspSignatureInvalid));
}

TEST(RevocationData, FromDerRefusesBadInputWithItsIndex) {
  auto ok = StandardRevocationChecker::from_der(std::vector<std::string>{*engine::build_crl(crl_spec(), *root_ca(), rsa_key(0))}, {});
  ASSERT_TRUE(ok.has_value());
  auto bad = StandardRevocationChecker::from_der(std::vector<std::string>{"garbage"}, {});
  ASSERT_FALSE(bad.has_value());
  EXPECT_THAT(bad.error().message(), ::testing::HasSubstr("CRL #1"));
  auto bad_ocsp = StandardRevocationChecker::from_der({}, std::vector<std::string>{"\x30\x00"});
  ASSERT_FALSE(bad_ocsp.has_value());
  EXPECT_THAT(bad_ocsp.error().message(), ::testing::HasSubstr("OCSP response #1"));
}

class FakeOnline final : public OnlineSource {
 public:
  std::map<std::string, engine::Result<std::string>> answers;
  mutable std::vector<OnlineRequest> asked;
  std::vector<OnlineResponse> fetch(std::span<const OnlineRequest> requests) const override {
    std::vector<OnlineResponse> out;
    for (const auto& r : requests) {
      asked.push_back(r);
      auto it = answers.find(r.url);
      out.push_back({r.url, it != answers.end() ? it->second
                                                 : engine::Result<std::string>(engine::fail(engine::Code::kNotFound, "404"))});
    }
    return out;
  }
};

TEST(RevocationOnline, FetchesOcspThenCrlAndCachesByUrl) {
  engine::CertificateSpec s;
  s.subject = {{"C", "LU"}, {"CN", "Online leaf"}};
  s.serial_hex = "4242";
  s.not_before = at("2024-01-01T00:00:00Z");
  s.not_after = at("2026-01-01T00:00:00Z");
  s.crl_urls = {"http://127.0.0.1:1/root.crl", "ldap://example/cn=x"};
  s.ocsp_urls = {"http://127.0.0.1:1/ocsp"};
  auto ee = *engine::build_certificate(s, ec_key().public_key_der(), *root_ca(), rsa_key(0));
  FakeOnline online;
  online.answers.emplace("http://127.0.0.1:1/root.crl", *engine::build_crl(crl_spec(), *root_ca(), rsa_key(0)));
  online.answers.emplace("http://127.0.0.1:1/ocsp", std::string("junk"));
  StandardRevocationChecker checker({}, {}, &online);
  RevocationQuery q{*ee, root_ca().get(), nullptr, kAt, 0, {}, {}};
  auto e = checker.check(q, {});
  EXPECT_EQ(e.status, RevocationState::kGood) << ids(e);
  EXPECT_EQ(e.source, "crl");
  EXPECT_TRUE(has_finding(e, rf::kOnlineUnparseable)) << ids(e);
  ASSERT_EQ(online.asked.size(), 2u);  // the ldap: URL is not fetched
  EXPECT_EQ(online.asked[0].kind, OnlineKind::kOcsp);
  EXPECT_FALSE(online.asked[0].ocsp_request_der.empty());
  EXPECT_EQ(online.asked[1].kind, OnlineKind::kCrl);
  checker.check(q, {});
  EXPECT_EQ(online.asked.size(), 2u);  // cached

  FakeOnline down;
  StandardRevocationChecker offline_answer({}, {}, &down);
  auto failed = offline_answer.check(q, {});
  EXPECT_NE(failed.status, RevocationState::kGood);
  EXPECT_TRUE(has_finding(failed, rf::kOnlineFetchFailed)) << ids(failed);
}

}  // namespace
}  // namespace assay::validation
