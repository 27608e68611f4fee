// EN 319 102-1 steps the first version of the processes took shortcuts on (issue 15, item 3):
// - 5.2.6 XCV: a signing certificate that is itself a trust anchor (a trusted list's signer
//   given with --anchor) is a prospective chain of its own, needing no path and no revocation;
// - 5.6.3.4 step 2: the archival process takes up statuses the long-term process does not go on
//   with (NO_CERTIFICATE_CHAIN_FOUND_NO_POE: an anchor that was one only before the validation
//   time is rescued by an archive time-stamp from when it was);
// - REVOCATION_OUT_OF_BOUNDS_NO_POE: the revocation data's issuer is outside its validity at the
//   validation time; past signature validation resolves it with a POE from when it was valid;
// - 5.5.4 step 5 TRY_LATER: a certificate on hold, the signature proven older than the suspension;
// - 5.2.7 CV: Manifest entries (a changed one is HASH_FAILURE).
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/validation/signature/signature_test_support.h"
#include "validation/signature/signature_validator.h"

namespace assay::validation {
namespace {

using testing::day;
using testing::good_signature;
using testing::ScriptedTimestamps;
using testing::TestPki;
using Kind = EmbeddedTimestamp::Kind;

// Counts the revocation questions it gets and answers "good" with fresh data.
class CountingChecker final : public RevocationChecker {
 public:
  mutable int calls = 0;
  RevocationEvidence check(const RevocationQuery& q, const SignerPathValidator&) const override {
    ++calls;
    RevocationEvidence good;
    good.status = RevocationState::kGood;
    good.source = "crl";
    good.this_update = q.at - std::chrono::hours(1);
    good.next_update = q.at + std::chrono::hours(24);
    return good;
  }
};

TEST(AnchorItself, ACertificateThatIsItselfAnAnchorPassesWithoutPathOrRevocation) {
  TestPki pki;
  const ExplicitTrustAnchors anchors({pki.ee});
  CountingChecker checker;
  CertificateValidationContext ctx;
  ctx.anchors.push_back(&anchors);
  ctx.revocation = &checker;
  auto r = validate_certificate(CertificateValidationRequest{{pki.ee}, day(2024, 6, 1)}, ctx);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->indication, Indication::kPassed) << subindication_name(r->subindication);
  ASSERT_TRUE(r->anchor.has_value());
  EXPECT_EQ(r->anchor->certificate, pki.ee);
  EXPECT_TRUE(r->path.empty());
  EXPECT_EQ(checker.calls, 0);  // an anchor's revocation is not asked (RFC 5280 6.1.1 (d))

  // Same subject and key in another certificate (re-issued) is the same anchor; another key is not.
  auto spec = testing::ee_spec("Alice");
  spec.serial_hex = "0b";
  const auto reissued = *engine::build_certificate(spec, testing::test_key(3).public_key_der(), *pki.ca, testing::test_key(2));
  EXPECT_EQ(validate_certificate(CertificateValidationRequest{{reissued}, day(2024, 6, 1)}, ctx)->indication,
            Indication::kPassed);
  const auto other_key = *engine::build_certificate(spec, testing::test_key(4).public_key_der(), *pki.ca, testing::test_key(2));
  EXPECT_EQ(validate_certificate(CertificateValidationRequest{{other_key}, day(2024, 6, 1)}, ctx)->subindication,
            SubIndication::kNoCertificateChainFound);
}

TEST(AnchorItself, ASignatureWhoseSignerIsTheOnlyAnchorPasses) {
  TestPki pki;
  const ExplicitTrustAnchors anchors({pki.ee});
  SignatureValidationContext ctx;
  ctx.certificates.anchors.push_back(&anchors);
  ctx.at = day(2024, 6, 1);
  auto s = good_signature(pki);
  s.certificates = {pki.ee};  // the trusted list case: only the signer, no chain, no revocation data
  const auto r = validate_signature(s, ctx);
  EXPECT_EQ(r.indication, MainIndication::kTotalPassed) << r.subindication;
  ASSERT_TRUE(r.certificate.has_value());
  EXPECT_EQ(r.certificate->indication, Indication::kPassed);
}

// 5.2.7 CV over Manifest entries (XAdES): a changed entry is HASH_FAILURE, a missing one warns.
TEST(ManifestEntries, ChangedEntryIsHashFailureMissingEntryWarns) {
  TestPki pki;
  const ExplicitTrustAnchors anchors({pki.root});
  testing::ScriptedChecker checker;
  SignatureValidationContext ctx;
  ctx.certificates.anchors.push_back(&anchors);
  ctx.certificates.revocation = &checker;
  ctx.at = day(2024, 6, 1);
  auto s = good_signature(pki);
  s.references[0] = SignedReference{"r-manifest", "#manifest", "http://www.w3.org/2000/09/xmldsig#Manifest", "SHA-256",
                                    true, true, ""};
  SignedReference entry{"", "invoice.pdf", "", "SHA-256", true, false, "digest mismatch"};
  entry.manifest_entry = true;
  s.references.insert(s.references.begin() + 1, entry);
  auto r = validate_signature(s, ctx);
  EXPECT_EQ(r.indication, MainIndication::kTotalFailed);
  EXPECT_EQ(r.subindication, "HASH_FAILURE");

  s.references[1].found = false;
  s.references[1].message = "not supplied";
  r = validate_signature(s, ctx);
  EXPECT_EQ(r.indication, MainIndication::kTotalPassed) << r.subindication;
  const auto warnings = r.warnings();
  EXPECT_TRUE(std::any_of(warnings.begin(), warnings.end(),
                          [](const ConstraintResult& c) { return c.id == "signature.cv.manifest_entry_found"; }));
}

// 5.5.4 step 5 (TRY_LATER): a certificate on hold now; a signature time-stamp from before the
// suspension proves the signature was made while it was not suspended.
TEST(OnHold, SignatureTimestampBeforeTheSuspensionPasses) {
  TestPki pki;
  const ExplicitTrustAnchors anchors({pki.root});
  testing::ScriptedChecker checker;
  RevocationEvidence hold;
  hold.status = RevocationState::kRevoked;
  hold.source = "crl";
  hold.reason = "certificateHold";
  hold.revocation_time = day(2024, 5, 10);
  checker.answers[pki.ee->fingerprint_hex()] = hold;
  ScriptedTimestamps tsts;
  SignatureValidationContext ctx;
  ctx.certificates.anchors.push_back(&anchors);
  ctx.certificates.revocation = &checker;
  ctx.at = day(2024, 6, 1);
  ctx.validate_timestamp = tsts.validator();
  auto s = good_signature(pki);
  auto r = validate_signature(s, ctx);
  EXPECT_EQ(r.subindication, "TRY_LATER");
  ASSERT_TRUE(r.certificate.has_value());
  EXPECT_EQ(r.certificate->suspension_time, day(2024, 5, 10));

  s.timestamps.push_back(testing::timestamp(Kind::kSignature, "tst-sig"));
  tsts.pass("tst-sig", day(2024, 5, 2));
  r = validate_signature(s, ctx);
  EXPECT_EQ(r.indication, MainIndication::kTotalPassed) << r.subindication;

  tsts.pass("tst-sig", day(2024, 5, 20));  // after the suspension: proves nothing useful
  r = validate_signature(s, ctx);
  EXPECT_EQ(r.subindication, "TRY_LATER");
}

// Anchors trusted until a sunset (a trusted-list CA service withdrawn then).
class SunsetAnchors final : public TrustAnchorProvider {
 public:
  SunsetAnchors(engine::CertificatePtr root, engine::UtcTime sunset) : inner_({std::move(root)}), sunset_(sunset) {}
  std::vector<TrustAnchor> anchors_for(const engine::Certificate& child, engine::UtcTime at) const override {
    return at < sunset_ ? inner_.anchors_for(child, at) : std::vector<TrustAnchor>{};
  }
  std::vector<TrustAnchor> anchors_at_other_times(const engine::Certificate& child, engine::UtcTime at) const override {
    return at >= sunset_ ? inner_.anchors_for(child, at) : std::vector<TrustAnchor>{};
  }

 private:
  ExplicitTrustAnchors inner_;
  engine::UtcTime sunset_;
};

TEST(ArchivalTakesUpBasicStatuses, AnchorSunsetIsRescuedByAnArchiveTimestampFromBefore) {
  TestPki pki;
  const SunsetAnchors anchors(pki.root, day(2025, 1, 1));
  testing::ScriptedChecker checker;
  ScriptedTimestamps tsts;
  SignatureValidationContext ctx;
  ctx.certificates.anchors.push_back(&anchors);
  ctx.certificates.revocation = &checker;
  ctx.at = day(2026, 6, 1);
  ctx.validate_timestamp = tsts.validator();
  auto s = good_signature(pki);
  auto r = validate_signature(s, ctx);
  EXPECT_EQ(r.indication, MainIndication::kIndeterminate);
  EXPECT_EQ(r.subindication, "NO_CERTIFICATE_CHAIN_FOUND_NO_POE");

  s.timestamps.push_back(testing::timestamp(Kind::kArchive, "tst-arc"));
  tsts.pass("tst-arc", day(2024, 7, 1));
  r = validate_signature(s, ctx);
  EXPECT_EQ(r.indication, MainIndication::kTotalPassed) << r.subindication;
  ASSERT_NE(r.process("ARCHIVAL"), nullptr);
  EXPECT_EQ(r.best_signature_time, day(2024, 7, 1));
  ASSERT_TRUE(r.past_certificate.has_value());
  EXPECT_EQ(r.past_certificate->indication, Indication::kPassed);

  // An archive time-stamp from after the sunset proves nothing useful: the status stays.
  tsts.pass("tst-arc", day(2025, 7, 1));
  r = validate_signature(s, ctx);
  EXPECT_EQ(r.subindication, "NO_CERTIFICATE_CHAIN_FOUND_NO_POE");
}

TEST(ArchivalTakesUpBasicStatuses, NoChainFoundWithoutSunsetIsNotRescued) {
  TestPki pki;
  const ExplicitTrustAnchors anchors({});
  ScriptedTimestamps tsts;
  SignatureValidationContext ctx;
  ctx.certificates.anchors.push_back(&anchors);
  ctx.at = day(2024, 6, 1);
  ctx.validate_timestamp = tsts.validator();
  auto s = good_signature(pki);
  s.timestamps.push_back(testing::timestamp(Kind::kArchive, "tst-arc"));
  tsts.pass("tst-arc", day(2024, 5, 3));
  const auto r = validate_signature(s, ctx);
  EXPECT_EQ(r.subindication, "NO_CERTIFICATE_CHAIN_FOUND");
  EXPECT_EQ(r.process("ARCHIVAL"), nullptr);
}

// The signing certificate's status comes from an OCSP responder whose certificate expired on
// 2024-01-01; its response was produced on `produced`.
class ExpiredResponderChecker final : public RevocationChecker {
 public:
  ExpiredResponderChecker(const TestPki& pki, engine::UtcTime produced) : pki_(pki), produced_(produced) {
    auto spec = testing::ee_spec("OCSP Responder");
    spec.serial_hex = "0c";
    spec.not_before = day(2021, 1, 1);
    spec.not_after = day(2024, 1, 1);
    responder = *engine::build_certificate(spec, testing::test_key(5).public_key_der(), *pki.ca, testing::test_key(2));
  }
  RevocationEvidence check(const RevocationQuery& q, const SignerPathValidator& validate_signer) const override {
    RevocationEvidence e;
    e.status = RevocationState::kGood;
    e.source = "ocsp";
    e.this_update = q.at - std::chrono::hours(1);
    e.next_update = q.at + std::chrono::hours(24);
    if (q.certificate.fingerprint_hex() != pki_.ee->fingerprint_hex()) return e;  // the CAs: fine
    const std::vector<engine::CertificatePtr> extra{pki_.ca};
    std::string why;
    if (!validate_signer(responder, extra, q.at, q.depth + 1, &why)) {
      e.status = RevocationState::kUnknown;
      e.findings.push_back(engine::Finding{"test.responder", engine::Severity::kError, why, ""});
      return e;
    }
    e.signer = responder;
    e.produced_at = produced_;
    e.this_update = produced_;
    return e;
  }
  engine::CertificatePtr responder;

 private:
  const TestPki& pki_;
  engine::UtcTime produced_;
};

class RevocationIssuerOutOfBounds : public ::testing::Test {
 protected:
  SignatureValidationReport run(const SignatureUnderValidation& s, const RevocationChecker& checker) {
    SignatureValidationContext ctx;
    ctx.certificates.anchors.push_back(&anchors_);
    ctx.certificates.revocation = &checker;
    ctx.at = day(2024, 6, 1);
    ctx.validate_timestamp = tsts_.validator();
    return validate_signature(s, ctx);
  }
  TestPki pki_;
  ExplicitTrustAnchors anchors_{{pki_.root}};
  ScriptedTimestamps tsts_;
};

TEST_F(RevocationIssuerOutOfBounds, ResponderExpiredNowIsRevocationOutOfBoundsNoPoe) {
  const ExpiredResponderChecker checker(pki_, day(2023, 12, 1));
  const auto r = run(good_signature(pki_), checker);
  EXPECT_EQ(r.indication, MainIndication::kIndeterminate);
  EXPECT_EQ(r.subindication, "REVOCATION_OUT_OF_BOUNDS_NO_POE");
  ASSERT_TRUE(r.certificate.has_value());
  EXPECT_EQ(r.certificate->subindication, SubIndication::kRevocationOutOfBoundsNoPoe);
  EXPECT_TRUE(std::any_of(r.certificate->findings.begin(), r.certificate->findings.end(),
                          [](const engine::Finding& f) { return f.id == "validation.revocation.issuer_out_of_bounds"; }));
}

TEST_F(RevocationIssuerOutOfBounds, SignatureTimestampAloneDoesNotResolveIt) {
  // EN 319 102-1 5.5.4 step 2: not a status the long-term process takes up; no archival data.
  const ExpiredResponderChecker checker(pki_, day(2023, 12, 1));
  auto s = good_signature(pki_);
  s.timestamps.push_back(testing::timestamp(Kind::kSignature, "tst-sig"));
  tsts_.pass("tst-sig", day(2023, 12, 2));
  EXPECT_EQ(run(s, checker).subindication, "REVOCATION_OUT_OF_BOUNDS_NO_POE");
}

TEST_F(RevocationIssuerOutOfBounds, ArchiveTimestampFromWhenTheResponderWasValidResolvesIt) {
  const ExpiredResponderChecker checker(pki_, day(2023, 12, 1));
  auto s = good_signature(pki_);
  s.timestamps.push_back(testing::timestamp(Kind::kArchive, "tst-arc"));
  tsts_.pass("tst-arc", day(2023, 12, 15));
  const auto r = run(s, checker);
  EXPECT_EQ(r.indication, MainIndication::kTotalPassed) << r.subindication;
  ASSERT_TRUE(r.past_certificate.has_value());
  EXPECT_EQ(r.past_certificate->indication, Indication::kPassed);
  EXPECT_EQ(r.best_signature_time, day(2023, 12, 15));
}

TEST_F(RevocationIssuerOutOfBounds, DataProducedAfterTheResponderExpiredIsNoData) {
  const ExpiredResponderChecker checker(pki_, day(2024, 3, 1));
  const auto r = run(good_signature(pki_), checker);
  EXPECT_EQ(r.subindication, "CERTIFICATE_CHAIN_GENERAL_FAILURE");
}

}  // namespace
}  // namespace assay::validation
