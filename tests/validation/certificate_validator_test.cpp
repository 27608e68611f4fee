// validate_certificate: the EN 319 102-1 outcome over built PKIs, including hostile path inputs.
#include "validation/certificate_validator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "service/config/validation_policy_toml.h"
#include "service/json/certificate_validation_json.h"
#include "tests/validation/validation_test_pki.h"
#include "validation/validation_findings.h"

namespace assay::validation {
namespace {

using testing::ScriptedChecker;
using testing::TestPki;
using testing::day;
using testing::test_key;

bool has_finding(const CertificateValidationReport& r, std::string_view id) {
  return std::any_of(r.findings.begin(), r.findings.end(), [&](const auto& f) { return f.id == id; });
}

class Validate : public ::testing::Test {
 protected:
  CertificateValidationReport run(std::vector<engine::CertificatePtr> certs, engine::UtcTime at = day(2024, 6, 1)) {
    CertificateValidationContext ctx;
    ctx.anchors.push_back(&anchors_);
    ctx.revocation = &checker_;
    ctx.policy = &policy_;
    auto r = validate_certificate(CertificateValidationRequest{std::move(certs), at}, ctx);
    EXPECT_TRUE(r.has_value());
    return r ? *r : CertificateValidationReport{};
  }

  TestPki pki_;
  ExplicitTrustAnchors anchors_{{pki_.root}};
  ScriptedChecker checker_;
  ValidationPolicy policy_ = default_validation_policy();
};

TEST_F(Validate, PassesAGoodChainWithEvidence) {
  const auto r = run({pki_.ee, pki_.ca});
  EXPECT_EQ(r.indication, Indication::kPassed);
  EXPECT_EQ(r.subindication, SubIndication::kNone);
  ASSERT_EQ(r.path.size(), 2u);
  EXPECT_EQ(r.path[0].certificate, pki_.ee);
  EXPECT_EQ(r.path[0].revocation.status, RevocationState::kGood);
  ASSERT_TRUE(r.anchor.has_value());
  EXPECT_EQ(r.anchor->certificate, pki_.root);
  EXPECT_EQ(r.anchor->source, AnchorSource::kExplicit);
  ASSERT_EQ(r.paths_tried.size(), 1u);
  EXPECT_TRUE(r.paths_tried[0].rejected_by.empty());
}

TEST_F(Validate, NoAnchorIsNoChainFound) {
  ExplicitTrustAnchors other{{*engine::build_self_signed(testing::ca_spec("Other Root"), test_key(9))}};
  CertificateValidationContext ctx;
  ctx.anchors.push_back(&other);
  ctx.revocation = &checker_;
  auto r = validate_certificate(CertificateValidationRequest{{pki_.ee, pki_.ca}, day(2024, 6, 1)}, ctx);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->indication, Indication::kIndeterminate);
  EXPECT_EQ(r->subindication, SubIndication::kNoCertificateChainFound);
  EXPECT_TRUE(has_finding(*r, findings::kNoIssuer));
  EXPECT_EQ(r->path.size(), 2u);  // the longest chain built
}

TEST_F(Validate, RevokedEndEntityAndCa) {
  RevocationEvidence revoked;
  revoked.status = RevocationState::kRevoked;
  revoked.source = "crl";
  revoked.revocation_time = day(2023, 3, 1);
  revoked.reason = "keyCompromise";
  checker_.answers[pki_.ee->fingerprint_hex()] = revoked;
  auto r = run({pki_.ee, pki_.ca});
  EXPECT_EQ(r.subindication, SubIndication::kRevokedNoPoe);
  EXPECT_EQ(r.revocation_time, day(2023, 3, 1));
  EXPECT_TRUE(has_finding(r, findings::kRevoked));
  checker_.answers.clear();
  checker_.answers[pki_.ca->fingerprint_hex()] = revoked;
  r = run({pki_.ee, pki_.ca});
  EXPECT_EQ(r.subindication, SubIndication::kRevokedCaNoPoe);
}

TEST_F(Validate, OnHoldIsTryLater) {
  RevocationEvidence hold;
  hold.status = RevocationState::kRevoked;
  hold.reason = "certificateHold";
  hold.revocation_time = day(2024, 1, 1);
  checker_.answers[pki_.ee->fingerprint_hex()] = hold;
  const auto r = run({pki_.ee, pki_.ca});
  EXPECT_EQ(r.subindication, SubIndication::kTryLater);
  EXPECT_TRUE(has_finding(r, findings::kOnHold));
}

TEST_F(Validate, MissingRevocationDataWhenRequired) {
  RevocationEvidence none;  // kNotChecked
  checker_.answers[pki_.ee->fingerprint_hex()] = none;
  auto r = run({pki_.ee, pki_.ca});
  EXPECT_EQ(r.subindication, SubIndication::kCertificateChainGeneralFailure);
  EXPECT_TRUE(has_finding(r, findings::kRevocationMissing));
  policy_.revocation.end_entity = RevocationRequirement::kIfAvailable;
  r = run({pki_.ee, pki_.ca});
  EXPECT_EQ(r.indication, Indication::kPassed);
}

TEST_F(Validate, StaleRevocationDataIsTryLater) {
  RevocationEvidence old;
  old.status = RevocationState::kGood;
  old.this_update = day(2024, 1, 1);
  old.next_update = day(2024, 2, 1);
  checker_.answers[pki_.ee->fingerprint_hex()] = old;
  EXPECT_EQ(run({pki_.ee, pki_.ca}).subindication, SubIndication::kTryLater);
}

TEST_F(Validate, ExpiredEndEntityIsOutOfBounds) {
  const auto r = run({pki_.ee, pki_.ca}, day(2028, 1, 1));
  EXPECT_EQ(r.subindication, SubIndication::kOutOfBoundsNotRevoked);
  EXPECT_EQ(r.out_of_bounds_time, day(2027, 1, 1));
  EXPECT_TRUE(has_finding(r, findings::kExpired));
}

TEST_F(Validate, ForgedSignatureIsChainGeneralFailure) {
  auto forged = *engine::build_certificate(testing::ee_spec("Mallory"), test_key(4).public_key_der(), *pki_.ca, test_key(5));
  const auto r = run({forged, pki_.ca});
  EXPECT_EQ(r.subindication, SubIndication::kCertificateChainGeneralFailure);
  EXPECT_TRUE(has_finding(r, findings::kSignature));
  ASSERT_FALSE(r.paths_tried.empty());
  EXPECT_EQ(r.paths_tried[0].rejected_by, findings::kSignature);
}

TEST_F(Validate, IntermediateThatIsNoCaIsRejected) {
  auto spec = testing::ca_spec("Not A CA", "03");
  spec.ca = false;
  auto not_ca = *engine::build_certificate(spec, test_key(6).public_key_der(), *pki_.root, test_key(1));
  auto ee = *engine::build_certificate(testing::ee_spec("Bob"), test_key(3).public_key_der(), *not_ca, test_key(6));
  const auto r = run({ee, not_ca});
  EXPECT_TRUE(has_finding(r, findings::kNotCa));
  EXPECT_NE(r.indication, Indication::kPassed);
}

TEST_F(Validate, PathLengthConstraint) {
  auto spec = testing::ca_spec("Issuing CA", "02");
  spec.path_length = 0;
  auto ca0 = *engine::build_certificate(spec, test_key(2).public_key_der(), *pki_.root, test_key(1));
  auto sub = *engine::build_certificate(testing::ca_spec("Sub CA", "04"), test_key(7).public_key_der(), *ca0, test_key(2));
  auto ee = *engine::build_certificate(testing::ee_spec("Carol"), test_key(3).public_key_der(), *sub, test_key(7));
  const auto r = run({ee, sub, ca0});
  EXPECT_TRUE(has_finding(r, findings::kPathLength));
  EXPECT_EQ(r.subindication, SubIndication::kCertificateChainGeneralFailure);
}

TEST_F(Validate, CryptoConstraintsWithExpiry) {
  policy_.crypto.digests = {{"SHA-256", 0, day(2023, 1, 1)}};
  auto r = run({pki_.ee, pki_.ca});
  EXPECT_EQ(r.subindication, SubIndication::kCryptoConstraintsFailureNoPoe);
  EXPECT_EQ(r.crypto_expiry, day(2023, 1, 1));
  EXPECT_TRUE(has_finding(r, findings::kAlgorithmExpired));
  policy_.crypto.apply_expiry = false;  // --no-algorithm-expiry
  r = run({pki_.ee, pki_.ca});
  EXPECT_EQ(r.indication, Indication::kPassed);
  EXPECT_TRUE(has_finding(r, findings::kAlgorithmExpired));  // still reported, as a warning
}

// Hostile: 1,000 certificates with the issuer's name, one of them the real issuer, no AKI help.
TEST_F(Validate, AThousandCandidateIssuersWithOneNameAreBounded) {
  std::vector<engine::CertificatePtr> certs;
  auto spec = testing::ca_spec("Issuing CA");
  spec.key_identifiers = engine::KeyIdentifiers::kNone;
  for (int i = 0; i < 1000; ++i) {
    char serial[16];
    std::snprintf(serial, sizeof serial, "%04x", i + 16);
    spec.serial_hex = serial;
    certs.push_back(*engine::build_certificate(spec, test_key(8).public_key_der(), *pki_.root, test_key(1)));
  }
  auto real = *engine::build_certificate(spec, test_key(2).public_key_der(), *pki_.root, test_key(1));
  certs.insert(certs.begin() + 777, real);
  auto ee_s = testing::ee_spec("Dave");
  ee_s.key_identifiers = engine::KeyIdentifiers::kNone;
  auto ee = *engine::build_certificate(ee_s, test_key(3).public_key_der(), *real, test_key(2));
  certs.insert(certs.begin(), ee);
  const auto r = run(certs);
  EXPECT_TRUE(has_finding(r, findings::kCandidateLimit));
  EXPECT_EQ(r.indication, Indication::kPassed);  // the verifying candidate is tried first
  EXPECT_LE(r.paths_tried.size(), static_cast<std::size_t>(policy_.limits.max_candidates_per_step));
}

// Hostile: two CAs cross-certifying each other and no anchor above them.
TEST_F(Validate, CrossCertificateLoopTerminates) {
  auto a_spec = testing::ca_spec("CA A", "10");
  auto b_spec = testing::ca_spec("CA B", "11");
  auto a_self = *engine::build_self_signed(a_spec, test_key(10));
  auto b_self = *engine::build_self_signed(b_spec, test_key(11));
  auto a_by_b = *engine::build_certificate(a_spec, test_key(10).public_key_der(), *b_self, test_key(11));
  auto b_by_a = *engine::build_certificate(b_spec, test_key(11).public_key_der(), *a_self, test_key(10));
  auto ee = *engine::build_certificate(testing::ee_spec("Eve"), test_key(3).public_key_der(), *a_self, test_key(10));
  const auto r = run({ee, a_by_b, b_by_a, a_self, b_self});
  EXPECT_EQ(r.subindication, SubIndication::kNoCertificateChainFound);
  EXPECT_TRUE(has_finding(r, findings::kLoop));
}

TEST_F(Validate, UnusableRequestsAreErrors) {
  CertificateValidationContext ctx;
  EXPECT_FALSE(validate_certificate(CertificateValidationRequest{{}, day(2024, 1, 1)}, ctx));
  EXPECT_FALSE(validate_certificate(CertificateValidationRequest{{pki_.ee}, day(2024, 1, 1)}, ctx));  // no anchors
}

TEST_F(Validate, JsonHasTheDocumentedShape) {
  const auto j = service::json::certificate_validation_json(run({pki_.ee, pki_.ca}));
  for (const char* key : {"indication", "subindication", "validation_time", "path", "anchor", "paths_tried", "findings"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j.at("indication").as_string(), "PASSED");
  EXPECT_TRUE(j.at("subindication").is_null());
  const auto& first = j.at("path").as_array().at(0).as_object();
  for (const char* key : {"sha256", "subject", "issuer", "serial", "not_before", "not_after", "revocation"}) {
    EXPECT_TRUE(first.contains(key)) << key;
  }
  EXPECT_EQ(first.at("revocation").as_object().at("status").as_string(), "good");
  EXPECT_EQ(j.at("anchor").as_object().at("source").as_string(), "explicit");
}

TEST(ValidationPolicyToml, ReadsSettingsAndRefusesUnknownKeys) {
  auto p = service::config::parse_validation_policy(R"(
name = "pkits"
[path]
initial_explicit_policy = true
initial_policy_set = ["2.16.840.1.101.3.2.1.48.1"]
[revocation]
end_entity = "if_available"
ca = "none"
max_age_seconds = 86400
[crypto]
apply_expiry = false
[[crypto.digest]]
name = "SHA-256"
expires = "2030-01-01T00:00:00Z"
[limits]
max_depth = 5
)",
                                                    "test.toml");
  ASSERT_TRUE(p) << p.error().message();
  EXPECT_EQ(p->name, "pkits");
  EXPECT_TRUE(p->path.initial_explicit_policy);
  EXPECT_EQ(p->path.user_initial_policy_set.size(), 1u);
  EXPECT_EQ(p->revocation.end_entity, RevocationRequirement::kIfAvailable);
  EXPECT_EQ(p->revocation.ca, RevocationRequirement::kNone);
  EXPECT_EQ(p->revocation.max_age, std::chrono::seconds(86400));
  EXPECT_FALSE(p->crypto.apply_expiry);
  ASSERT_EQ(p->crypto.digests.size(), 1u);
  EXPECT_EQ(p->crypto.digests[0].expires, day(2030, 1, 1));
  EXPECT_FALSE(p->crypto.keys.empty());  // the default key list is kept
  EXPECT_EQ(p->limits.max_depth, 5);

  auto bad = service::config::parse_validation_policy("[revocation]\nend_entiti = \"none\"\n", "typo.toml");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message().find("end_entiti"), std::string::npos);
  EXPECT_FALSE(service::config::parse_validation_policy("[revocation]\nca = \"sometimes\"\n", "x.toml"));
  EXPECT_FALSE(service::config::parse_validation_policy("[path\n", "broken.toml"));
}

}  // namespace
}  // namespace assay::validation
