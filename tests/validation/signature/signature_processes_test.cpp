// EN 319 102-1 processes over hand-built SignatureUnderValidation values: every indication /
// sub-indication path of the basic, long-term and archival processes (VALIDATION.md §4).
#include "validation/signature/signature_validator.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/validation/signature/signature_test_support.h"

namespace assay::validation {
namespace {

using testing::day;
using testing::good_signature;
using testing::ScriptedTimestamps;
using testing::TestPki;
using Kind = EmbeddedTimestamp::Kind;

bool has_constraint(const SignatureValidationReport& r, std::string_view id, ConstraintStatus status) {
  const auto scan = [&](const std::vector<BlockResult>& list) {
    return std::any_of(list.begin(), list.end(), [&](const BlockResult& b) {
      return std::any_of(b.constraints.begin(), b.constraints.end(),
                         [&](const ConstraintResult& c) { return c.id == id && c.status == status; });
    });
  };
  return scan(r.blocks) || scan(r.processes);
}

// Answers from a table keyed by certificate SHA-256 hex, and "unknown" for the end entity after
// a cut-off (no revocation data once it expired, like a CA that drops expired certificates).
class TimedChecker final : public RevocationChecker {
 public:
  std::map<std::string, RevocationEvidence> answers;
  std::optional<engine::UtcTime> unknown_after;
  std::string unknown_for;
  RevocationEvidence check(const RevocationQuery& q, const SignerPathValidator&) const override {
    RevocationEvidence e;
    auto it = answers.find(q.certificate.fingerprint_hex());
    if (it != answers.end()) return it->second;
    if (unknown_after && q.at >= *unknown_after && q.certificate.fingerprint_hex() == unknown_for) {
      e.status = RevocationState::kUnknown;
      return e;
    }
    e.status = RevocationState::kGood;
    e.source = "crl";
    e.this_update = q.at - std::chrono::hours(1);
    e.next_update = q.at + std::chrono::hours(24);
    return e;
  }
};

class Processes : public ::testing::Test {
 protected:
  SignatureValidationReport run(const SignatureUnderValidation& s, engine::UtcTime at = day(2024, 6, 1)) {
    SignatureValidationContext ctx;
    ctx.certificates.anchors.push_back(&anchors_);
    ctx.certificates.revocation = &checker_;
    ctx.certificates.policy = &policy_;
    ctx.at = at;
    ctx.validate_timestamp = tsts_.validator();
    return validate_signature(s, ctx);
  }
  void revoke_ee(engine::UtcTime when) {
    RevocationEvidence revoked;
    revoked.status = RevocationState::kRevoked;
    revoked.source = "crl";
    revoked.revocation_time = when;
    revoked.reason = "keyCompromise";
    checker_.answers[pki_.ee->fingerprint_hex()] = revoked;
  }

  TestPki pki_;
  ExplicitTrustAnchors anchors_{{pki_.root}};
  TimedChecker checker_;
  ValidationPolicy policy_ = default_validation_policy();
  ScriptedTimestamps tsts_;
};

TEST_F(Processes, GoodSignaturePassesWithEveryBlock) {
  const auto r = run(good_signature(pki_));
  EXPECT_EQ(r.indication, MainIndication::kTotalPassed);
  EXPECT_EQ(r.subindication, "");
  for (const char* name : {"FC", "ISC", "VCI", "XCV", "CV", "SAV"}) {
    ASSERT_NE(r.block(name), nullptr) << name;
    EXPECT_EQ(r.block(name)->indication, Indication::kPassed) << name;
  }
  ASSERT_NE(r.process("BASIC"), nullptr);
  ASSERT_NE(r.process("LTV"), nullptr);
  EXPECT_EQ(r.process("ARCHIVAL"), nullptr);  // no archival material
  EXPECT_EQ(r.best_signature_time, day(2024, 6, 1));
  EXPECT_TRUE(r.errors().empty());
  ASSERT_TRUE(r.certificate.has_value());
  EXPECT_EQ(r.certificate->path.size(), 2u);
  EXPECT_EQ(r.qualification.label, "N/A");  // no trusted lists
}

TEST_F(Processes, FormatErrorIsFormatFailureFirst) {
  auto s = good_signature(pki_);
  s.format_check.findings.push_back(engine::Finding{"xades.duplicate_id", engine::Severity::kError, "Id used twice", ""});
  s.references[0].intact = false;  // FC decides before CV
  const auto r = run(s);
  EXPECT_EQ(r.indication, MainIndication::kTotalFailed);
  EXPECT_EQ(r.subindication, "FORMAT_FAILURE");
  EXPECT_TRUE(has_constraint(r, "signature.fc.xades.duplicate_id", ConstraintStatus::kNotOk));
  EXPECT_EQ(r.block("CV"), nullptr);
}

TEST_F(Processes, FormatWarningDoesNotFail) {
  auto s = good_signature(pki_);
  s.format_check.findings.push_back(engine::Finding{"xades.level", engine::Severity::kWarning, "odd", ""});
  const auto r = run(s);
  EXPECT_EQ(r.indication, MainIndication::kTotalPassed);
  EXPECT_EQ(r.warnings().size(), 1u);
}

TEST_F(Processes, NoSigningCertificate) {
  auto s = good_signature(pki_);
  s.signing_certificate = nullptr;
  s.signature_value_checked = false;
  const auto r = run(s);
  EXPECT_EQ(r.indication, MainIndication::kIndeterminate);
  EXPECT_EQ(r.subindication, "NO_SIGNING_CERTIFICATE_FOUND");
}

TEST_F(Processes, SigningCertificateReferenceMismatch) {
  auto s = good_signature(pki_);
  s.attributes.signing_certificate_digest_matches = false;
  const auto r = run(s);
  EXPECT_EQ(r.subindication, "NO_SIGNING_CERTIFICATE_FOUND");
  EXPECT_TRUE(has_constraint(r, "signature.isc.cert_digest_match", ConstraintStatus::kNotOk));
}

TEST_F(Processes, IssuerSerialMismatchOnlyWarns) {
  auto s = good_signature(pki_);
  s.attributes.signing_certificate_issuer_serial_present = true;
  s.attributes.signing_certificate_issuer_serial_matches = false;
  const auto r = run(s);
  EXPECT_EQ(r.indication, MainIndication::kTotalPassed);
  EXPECT_TRUE(has_constraint(r, "signature.isc.issuer_serial_match", ConstraintStatus::kWarning));
}

TEST_F(Processes, MissingSignedDataIsIndeterminate) {
  auto s = good_signature(pki_);
  s.references[0].found = false;
  s.references[0].intact = false;
  s.references[1].intact = false;  // the first reference problem wins
  const auto r = run(s);
  EXPECT_EQ(r.indication, MainIndication::kIndeterminate);
  EXPECT_EQ(r.subindication, "SIGNED_DATA_NOT_FOUND");
}

TEST_F(Processes, NoDataReferenceIsSignedDataNotFound) {
  auto s = good_signature(pki_);
  s.references.erase(s.references.begin());
  EXPECT_EQ(run(s).subindication, "SIGNED_DATA_NOT_FOUND");
}

TEST_F(Processes, HashFailureBeatsBadSignatureValueAndMissingTrust) {
  auto s = good_signature(pki_);
  s.references[0].intact = false;
  s.signature_value_valid = false;
  SignatureValidationContext ctx;  // no anchors at all
  ctx.at = day(2024, 6, 1);
  const auto r = validate_signature(s, ctx);
  EXPECT_EQ(r.indication, MainIndication::kTotalFailed);
  EXPECT_EQ(r.subindication, "HASH_FAILURE");
}

TEST_F(Processes, BadSignatureValue) {
  auto s = good_signature(pki_);
  s.signature_value_valid = false;
  const auto r = run(s);
  EXPECT_EQ(r.indication, MainIndication::kTotalFailed);
  EXPECT_EQ(r.subindication, "SIG_CRYPTO_FAILURE");
}

TEST_F(Processes, NoAnchorsIsNoChainFoundWhateverTheAttributes) {
  auto s = good_signature(pki_);
  s.attributes.signing_time.reset();  // SAV would fail, but XCV decides first
  SignatureValidationContext ctx;
  ctx.at = day(2024, 6, 1);
  const auto r = validate_signature(s, ctx);
  EXPECT_EQ(r.indication, MainIndication::kIndeterminate);
  EXPECT_EQ(r.subindication, "NO_CERTIFICATE_CHAIN_FOUND");
  EXPECT_EQ(r.process("LTV"), nullptr);  // not a status proof of existence can resolve
}

TEST_F(Processes, SignedAttributeConstraints) {
  auto no_time = good_signature(pki_);
  no_time.attributes.signing_time.reset();
  EXPECT_EQ(run(no_time).subindication, "SIG_CONSTRAINTS_FAILURE");
  auto out_of_range = good_signature(pki_);
  out_of_range.attributes.signing_time = day(2019, 1, 1);
  const auto r = run(out_of_range);
  EXPECT_EQ(r.indication, MainIndication::kIndeterminate);
  EXPECT_EQ(r.subindication, "SIG_CONSTRAINTS_FAILURE");
  EXPECT_TRUE(has_constraint(r, "signature.sav.signing_time_in_cert_range", ConstraintStatus::kNotOk));
  auto unsigned_properties = good_signature(pki_);
  unsigned_properties.references.pop_back();
  EXPECT_EQ(run(unsigned_properties).subindication, "SIG_CONSTRAINTS_FAILURE");
}

TEST_F(Processes, RevokedWithoutProofOfExistence) {
  revoke_ee(day(2024, 3, 1));
  const auto r = run(good_signature(pki_));
  EXPECT_EQ(r.indication, MainIndication::kIndeterminate);
  EXPECT_EQ(r.subindication, "REVOKED_NO_POE");
}

TEST_F(Processes, SignatureTimestampBeforeRevocationPasses) {
  revoke_ee(day(2024, 3, 1));
  auto s = good_signature(pki_);
  s.attributes.signing_time = day(2024, 1, 30);
  s.timestamps.push_back(testing::timestamp(Kind::kSignature, "tst-sig"));
  tsts_.pass("tst-sig", day(2024, 2, 1));
  const auto r = run(s);
  EXPECT_EQ(r.indication, MainIndication::kTotalPassed);
  EXPECT_EQ(r.best_signature_time, day(2024, 2, 1));
  ASSERT_EQ(r.timestamps.size(), 1u);
  EXPECT_TRUE(r.timestamps[0].used_as_poe);
  EXPECT_EQ(r.process("LTV")->proof_of_existence, day(2024, 2, 1));
}

TEST_F(Processes, SignatureTimestampAfterRevocationKeepsRevokedNoPoe) {
  revoke_ee(day(2024, 3, 1));
  auto s = good_signature(pki_);
  s.timestamps.push_back(testing::timestamp(Kind::kSignature, "tst-sig"));
  tsts_.pass("tst-sig", day(2024, 4, 1));
  EXPECT_EQ(run(s).subindication, "REVOKED_NO_POE");
}

TEST_F(Processes, InvalidTimestampGivesNoProofOfExistence) {
  revoke_ee(day(2024, 3, 1));
  auto s = good_signature(pki_);
  s.timestamps.push_back(testing::timestamp(Kind::kSignature, "tst-bad"));
  tsts_.fail("tst-bad", day(2024, 2, 1), "HASH_FAILURE");
  const auto r = run(s);
  EXPECT_EQ(r.subindication, "REVOKED_NO_POE");
  EXPECT_FALSE(r.timestamps[0].used_as_poe);
  EXPECT_TRUE(has_constraint(r, "signature.ltv.signature_timestamp", ConstraintStatus::kWarning));
}

TEST_F(Processes, ContentTimestampAfterRevocationIsRevoked) {
  revoke_ee(day(2024, 3, 1));
  auto s = good_signature(pki_);
  s.timestamps.push_back(testing::timestamp(Kind::kContent, "tst-content"));
  tsts_.pass("tst-content", day(2024, 4, 1));
  const auto r = run(s);
  EXPECT_EQ(r.indication, MainIndication::kTotalFailed);
  EXPECT_EQ(r.subindication, "REVOKED");
}

TEST_F(Processes, ContentTimestampAfterExpiryIsExpired) {
  auto s = good_signature(pki_);
  s.timestamps.push_back(testing::timestamp(Kind::kContent, "tst-content"));
  tsts_.pass("tst-content", day(2027, 6, 1));
  const auto r = run(s, day(2028, 1, 1));
  EXPECT_EQ(r.indication, MainIndication::kTotalFailed);
  EXPECT_EQ(r.subindication, "EXPIRED");
}

TEST_F(Processes, ExpiredSignerCoveredBySignatureTimestamp) {
  auto s = good_signature(pki_);
  EXPECT_EQ(run(s, day(2028, 1, 1)).subindication, "OUT_OF_BOUNDS_NOT_REVOKED");
  s.timestamps.push_back(testing::timestamp(Kind::kSignature, "tst-sig"));
  tsts_.pass("tst-sig", day(2024, 5, 2));
  const auto r = run(s, day(2028, 1, 1));
  EXPECT_EQ(r.indication, MainIndication::kTotalPassed);
  EXPECT_EQ(r.best_signature_time, day(2024, 5, 2));
}

TEST_F(Processes, ExpiredSignerWithoutRevocationNeedsArchivalData) {
  checker_.unknown_after = day(2027, 1, 1);
  checker_.unknown_for = pki_.ee->fingerprint_hex();
  auto s = good_signature(pki_);
  s.timestamps.push_back(testing::timestamp(Kind::kSignature, "tst-sig"));
  tsts_.pass("tst-sig", day(2024, 5, 2));
  auto r = run(s, day(2028, 1, 1));
  EXPECT_EQ(r.subindication, "OUT_OF_BOUNDS_NO_POE");  // T / LT without archival material
  EXPECT_EQ(r.process("ARCHIVAL"), nullptr);

  s.timestamps.push_back(testing::timestamp(Kind::kArchive, "tst-arc"));
  tsts_.pass("tst-arc", day(2026, 6, 1));
  r = run(s, day(2028, 1, 1));
  EXPECT_EQ(r.indication, MainIndication::kTotalPassed) << r.subindication;
  ASSERT_NE(r.process("ARCHIVAL"), nullptr);
  ASSERT_TRUE(r.past_certificate.has_value());
  EXPECT_EQ(r.past_certificate->indication, Indication::kPassed);
  EXPECT_EQ(r.best_signature_time, day(2024, 5, 2));
}

TEST_F(Processes, InvalidArchiveTimestampLeavesTheStatus) {
  checker_.unknown_after = day(2027, 1, 1);
  checker_.unknown_for = pki_.ee->fingerprint_hex();
  auto s = good_signature(pki_);
  s.timestamps.push_back(testing::timestamp(Kind::kArchive, "tst-arc"));
  tsts_.fail("tst-arc", day(2026, 6, 1), "SIG_CRYPTO_FAILURE");
  const auto r = run(s, day(2028, 1, 1));
  EXPECT_EQ(r.subindication, "OUT_OF_BOUNDS_NO_POE");
  EXPECT_TRUE(has_constraint(r, "signature.archival.archive_timestamp", ConstraintStatus::kWarning));
}

TEST_F(Processes, TimestampBeforeCertificateIssuanceIsNotYetValid) {
  auto s = good_signature(pki_);
  s.timestamps.push_back(testing::timestamp(Kind::kSignature, "tst-sig"));
  tsts_.pass("tst-sig", day(2020, 6, 1));
  const auto r = run(s);
  EXPECT_EQ(r.indication, MainIndication::kTotalFailed);
  EXPECT_EQ(r.subindication, "NOT_YET_VALID");
}

TEST_F(Processes, ExpiredAlgorithmRescuedByEarlierTimestamp) {
  for (auto& d : policy_.crypto.digests) {
    if (d.name == "SHA-224") d.expires = day(2023, 6, 1);
  }
  auto s = good_signature(pki_);
  s.digest_algorithm = "SHA-224";
  auto r = run(s);
  EXPECT_EQ(r.indication, MainIndication::kIndeterminate);
  EXPECT_EQ(r.subindication, "CRYPTO_CONSTRAINTS_FAILURE_NO_POE");

  s.timestamps.push_back(testing::timestamp(Kind::kContent, "tst-content"));
  tsts_.pass("tst-content", day(2023, 9, 1));
  EXPECT_EQ(run(s).subindication, "CRYPTO_CONSTRAINTS_FAILURE");  // proven made after the expiry

  s.timestamps.clear();
  s.timestamps.push_back(testing::timestamp(Kind::kSignature, "tst-sig"));
  s.attributes.signing_time = day(2022, 1, 1);
  tsts_.pass("tst-sig", day(2022, 1, 2));
  r = run(s);
  EXPECT_EQ(r.indication, MainIndication::kTotalPassed) << r.subindication;
}

// 5.5.4 step 5: revocation data that is not fresh at the validation time (TRY_LATER) is judged
// again at best-signature-time, as for a B-LT signature whose OCSP response was taken right
// after its signature time-stamp.
TEST_F(Processes, StaleRevocationIsJudgedAgainAtBestSignatureTime) {
  RevocationEvidence old;
  old.status = RevocationState::kGood;
  old.source = "ocsp";
  old.this_update = day(2024, 2, 1);
  old.next_update = day(2024, 2, 8);
  checker_.answers[pki_.ee->fingerprint_hex()] = old;
  auto s = good_signature(pki_);
  EXPECT_EQ(run(s).subindication, "TRY_LATER");  // no proof of existence
  s.timestamps.push_back(testing::timestamp(Kind::kSignature, "tst-sig"));
  tsts_.pass("tst-sig", day(2024, 3, 1));  // later than thisUpdate + the data's own interval
  EXPECT_EQ(run(s).subindication, "TRY_LATER");
  tsts_.pass("tst-sig", day(2024, 2, 2));
  const auto r = run(s);
  EXPECT_EQ(r.indication, MainIndication::kTotalPassed) << r.subindication;
  EXPECT_TRUE(has_constraint(r, "signature.ltv.revocation_freshness", ConstraintStatus::kOk));
}

TEST_F(Processes, WithoutTimestampValidatorTimestampsGiveNoProof) {
  revoke_ee(day(2024, 3, 1));
  auto s = good_signature(pki_);
  s.timestamps.push_back(testing::timestamp(Kind::kSignature, "tst-sig"));
  SignatureValidationContext ctx;
  ctx.certificates.anchors.push_back(&anchors_);
  ctx.certificates.revocation = &checker_;
  ctx.at = day(2024, 6, 1);
  const auto r = validate_signature(s, ctx);
  EXPECT_EQ(r.subindication, "REVOKED_NO_POE");
  ASSERT_EQ(r.timestamps.size(), 1u);
  EXPECT_EQ(r.timestamps[0].report.indication, Indication::kIndeterminate);
}

TEST_F(Processes, UnreadableEmbeddedRevocationDataIsAWarning) {
  auto s = good_signature(pki_);
  s.crls.push_back("not a CRL");
  const auto r = run(s);
  EXPECT_EQ(r.indication, MainIndication::kTotalPassed);
  EXPECT_TRUE(has_constraint(r, "signature.basic.embedded_revocation_data", ConstraintStatus::kWarning));
}

TEST_F(Processes, CounterSignatureIsValidatedOnItsOwn) {
  auto s = good_signature(pki_);
  auto counter = good_signature(pki_);
  counter.id = "CS-1";
  counter.references[0].intact = false;
  s.counter_signatures.push_back(counter);
  const auto r = run(s);
  EXPECT_EQ(r.indication, MainIndication::kTotalPassed);
  ASSERT_EQ(r.counter_signatures.size(), 1u);
  EXPECT_EQ(r.counter_signatures[0].indication, MainIndication::kTotalFailed);
  EXPECT_EQ(r.counter_signatures[0].subindication, "HASH_FAILURE");
}

TEST_F(Processes, DocumentWithoutSignatureIsAnAnswer) {
  SignatureValidationContext ctx;
  ctx.at = day(2024, 6, 1);
  const auto d = validate_signatures({}, ctx);
  EXPECT_TRUE(d.signatures.empty());
  EXPECT_EQ(d.valid_signatures(), 0u);
  EXPECT_FALSE(d.policy.empty());
}

}  // namespace
}  // namespace assay::validation
