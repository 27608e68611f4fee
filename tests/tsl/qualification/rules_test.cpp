// One rule per test, on small hand-made lists and certificates (QUALIFICATION.md steps 1-9,
// chain matching with verified signatures, combination, labels, reasons).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/base64.h"
#include "engine/crypto/private_key.h"
#include "engine/x509/certificate_builder.h"
#include "tests/tsl/qualification/rules_fixture.h"
#include "tests/tsl/support/list_fixture.h"
#include "tsl/parser.h"
#include "tsl/qualification/criteria.h"
#include "tsl/qualification/explain.h"
#include "tsl/qualification/qualification.h"
#include "tsl/qualification/reason_ids.h"

namespace assay::tsl {
namespace {

using engine::CertificatePtr;
using engine::KeyUsageBit;

TEST_F(Rules, QcForESigOnQscdFromTheCertificate) {
  auto s = snapshot(service(asi({"ForeSignatures"})));
  auto r = run(*s, {ee(esig_qscd()), *ca_});
  EXPECT_EQ(r.label, "QESig");
  ASSERT_EQ(r.candidates.size(), 1u);
  EXPECT_EQ(r.candidates[0].how, CandidateMatch::kCertificate);
  EXPECT_EQ(r.candidates[0].chain_index, 1u);
  EXPECT_EQ(r.at_time.qc_rule.id, reason::kQcFromCertificate);
  EXPECT_EQ(r.at_time.type_rule.id, reason::kTypeFromQcType);
  EXPECT_EQ(r.at_time.qscd_rule.id, reason::kQscdFromCertificate);
  EXPECT_EQ(r.trust.lists_used.size(), 1u);
}

TEST_F(Rules, ChainGivenCaFirstIsReordered) {
  auto s = snapshot(service(asi({"ForeSignatures"})));
  auto r = run(*s, {*ca_, ee(esig_qscd())});
  EXPECT_TRUE(r.chain.reordered);
  EXPECT_TRUE(has_reason(r.reasons, reason::kChainReordered));
  EXPECT_EQ(r.label, "QESig");
}

TEST_F(Rules, EndEntityAloneFindsItsIssuerByTheListedCertificateSignature) {
  auto s = snapshot(service(asi({"ForeSignatures"})));
  auto r = run(*s, {ee(esig_qscd())});
  ASSERT_EQ(r.candidates.size(), 1u);
  EXPECT_EQ(r.candidates[0].how, CandidateMatch::kListedIssuer);
  EXPECT_EQ(r.label, "QESig");
}

TEST_F(Rules, ForgedCertificateNamingTheListedIssuerIsNotIssuedByIt) {
  auto s = snapshot(service(asi({"ForeSignatures"})));
  const auto forged = ee(esig_qscd(), "2024-01-10T00:00:00Z", {}, other_key_);
  auto alone = run(*s, {forged});
  EXPECT_TRUE(alone.candidates.empty());
  EXPECT_TRUE(has_reason(alone.reasons, reason::kListedIssuerSignatureMismatch));
  EXPECT_EQ(alone.label, "AdESig");
  EXPECT_EQ(alone.at_time.qc_rule.id, reason::kNoListedService);
  auto with_ca = run(*s, {forged, *ca_});
  EXPECT_TRUE(with_ca.candidates.empty());
  EXPECT_TRUE(has_reason(with_ca.reasons, reason::kChainSignatureMismatch));
  EXPECT_TRUE(has_reason(with_ca.reasons, reason::kChainUnlinkedCertificate));
}

TEST_F(Rules, NoStateInForceAtIssuanceSaysNothing) {
  auto s = snapshot(service(asi({"ForeSignatures"}), "granted", "2024-06-01T00:00:00Z"));
  auto r = run(*s, {ee(esig_qscd()), *ca_});
  EXPECT_EQ(r.at_issuance.answer.qc, QcStatus::kNo);
  EXPECT_EQ(r.at_issuance.qc_rule.id, reason::kNoStateInForce);
  EXPECT_EQ(r.at_time.answer.qc, QcStatus::kYes);
  EXPECT_EQ(r.label, "AdESig");
  EXPECT_EQ(r.combination.id, reason::kCombinedDiffer);
}

TEST_F(Rules, NonCaQcServiceMeansNotQualified) {
  auto s = snapshot(service(asi({"ForeSignatures"}), "granted", "2020-01-01T00:00:00Z", "CA/PKC"));
  auto r = run(*s, {ee(esig_qscd()), *ca_});
  EXPECT_EQ(r.at_time.qc_rule.id, reason::kNoCaQcService);
  EXPECT_EQ(r.at_time.states[0].excluded_id, reason::kFilteredNotCaQc);
  EXPECT_EQ(r.label, "AdESig");
}

TEST_F(Rules, TypeFilterDropsAnESealServiceForAnESigCertificate) {
  auto s = snapshot(service(asi({"ForeSeals"})));
  auto r = run(*s, {ee(esig_qscd()), *ca_});
  EXPECT_EQ(r.at_time.states[0].excluded_id, reason::kFilteredTypeNotCovered);
  EXPECT_EQ(r.at_time.qc_rule.id, reason::kNoServiceForType);
  EXPECT_EQ(r.label, "AdESig");
}

TEST_F(Rules, OverruleWithMatchingAsiMakesTheStateRelevantAndSetsTheType) {
  auto s = snapshot(service(asi({"ForeSignatures", "ForeSeals"}) + quals({"QCForESeal"})));
  auto r = run(*s, {ee(esig_qscd()), *ca_});
  EXPECT_EQ(r.at_time.answer.type, QcUse::kESeal);
  EXPECT_EQ(r.at_time.type_rule.id, reason::kTypeQualifier);
  EXPECT_EQ(r.label, "QESeal");
}

TEST_F(Rules, PostEidasStatusInAPreEidasPeriodIsNotGranted) {
  auto s = snapshot(service(asi({"ForeSignatures"}), "granted", "2015-01-01T00:00:00Z"));
  auto r = run(*s, {ee(esig_qscd(), "2015-06-01T00:00:00Z"), *ca_});
  EXPECT_EQ(r.at_time.states[0].excluded_id, reason::kFilteredRegimeMismatch);
  EXPECT_EQ(r.at_time.answer.qc, QcStatus::kNo);
}

TEST_F(Rules, PreEidasQcpPlusAloneIsAQcOnAQscd) {
  auto s = snapshot(service("", "accredited", "2010-01-01T00:00:00Z"));
  auto r = run(*s, {ee({}, "2012-01-01T00:00:00Z", {"0.4.0.1456.1.1"}), *ca_}, "2014-01-01T00:00:00Z");
  EXPECT_EQ(r.at_time.qc_rule.id, reason::kQcPreEidasPolicy);
  EXPECT_EQ(r.at_time.type_rule.id, reason::kTypePreEidasState);
  EXPECT_EQ(r.label, "QESig");
}

TEST_F(Rules, ContradictoryQscdQualifiersMakeQscdNoButKeepTheState) {
  auto s = snapshot(service(asi({"ForeSignatures"}) + quals({"QCWithQSCD", "QCNoQSCD"})));
  auto r = run(*s, {ee(esig_qscd()), *ca_});
  EXPECT_TRUE(r.at_time.states[0].excluded_id.empty());
  EXPECT_EQ(r.at_time.answer.qc, QcStatus::kYes);
  EXPECT_EQ(r.at_time.answer.qscd, QscdStatus::kNo);
  EXPECT_EQ(r.at_time.qscd_rule.id, reason::kDroppedQscdContradiction);
}

TEST_F(Rules, UsageQualifierWithoutItsAsiIsNotApplicable) {
  auto s = snapshot(service(asi({"ForeSignatures"}) + quals({"QCForESeal"})));
  auto r = run(*s, {ee(esig_qscd()), *ca_});
  EXPECT_TRUE(r.at_time.states[0].excluded_id.empty());
  EXPECT_EQ(r.at_time.states[0].qc_rule.id, reason::kDroppedUsageWithoutAsi);
  EXPECT_EQ(r.label, "N/A");
}

TEST_F(Rules, NotQualifiedAndQcStatementOverrules) {
  auto notq = snapshot(service(asi({"ForeSignatures"}) + quals({"NotQualified"})));
  EXPECT_EQ(run(*notq, {ee(esig_qscd()), *ca_}).at_time.qc_rule.id, reason::kQcNotQualifiedQualifier);
  auto qcs = snapshot(service(asi({"ForeSignatures"}) + quals({"QCStatement"})));
  auto r = run(*qcs, {ee({}), *ca_});
  EXPECT_EQ(r.at_time.qc_rule.id, reason::kQcStatementQualifier);
  EXPECT_EQ(r.label, "Unknown-QC");
}

TEST_F(Rules, QscdQualifiersOverruleTheCertificate) {
  auto s = snapshot(service(asi({"ForeSignatures"}) + quals({"QCNoQSCD"})));
  auto r = run(*s, {ee(esig_qscd()), *ca_});
  EXPECT_EQ(r.at_time.qscd_rule.id, reason::kQscdQualifier);
  EXPECT_EQ(r.label, "AdESig-QC");
}

TEST_F(Rules, CcLegislationIsNotAnEuQc) {
  auto q = esig_qscd();
  q.cc_legislation = {"ZZ"};
  auto s = snapshot(service(asi({"ForeSignatures"})));
  EXPECT_EQ(run(*s, {ee(q), *ca_}).at_time.qc_rule.id, reason::kQcCcLegislation);
}

TEST_F(Rules, ServicesLeadingToDifferentAnswersAreAConflict) {
  auto s = snapshot(service(asi({"ForeSignatures"}) + quals({"QCWithQSCD"})) +
                    service(asi({"ForeSignatures"}) + quals({"QCNoQSCD"})));
  auto r = run(*s, {ee(esig_qscd()), *ca_});
  EXPECT_TRUE(r.at_time.conflict);
  EXPECT_EQ(r.at_time.conflicting.size(), 2u);
  EXPECT_EQ(r.label, "N/A");
  EXPECT_TRUE(has_reason(r.at_time.reasons, reason::kConflict));
}

TEST_F(Rules, CriteriaThatDoNotMatchApplyNoQualifier) {
  const std::string crit =
      R"(<sie:CriteriaList assert="all"><sie:PolicySet><sie:PolicyIdentifier><xades:Identifier>2.999.1</xades:Identifier></sie:PolicyIdentifier></sie:PolicySet></sie:CriteriaList>)";
  auto s = snapshot(service(asi({"ForeSignatures"}) + quals({"NotQualified"}, crit)));
  auto r = run(*s, {ee(esig_qscd()), *ca_});
  EXPECT_EQ(r.label, "QESig");
  ASSERT_EQ(r.at_time.states[0].unmatched_criteria.size(), 1u);
  EXPECT_EQ(r.at_time.states[0].unmatched_criteria[0], "all[PolicySet(2.999.1):no]=no");
  auto matching = run(*s, {ee(esig_qscd(), "2024-01-10T00:00:00Z", {"2.999.1"}), *ca_});
  EXPECT_EQ(matching.label, "AdESig");
}

TEST_F(Rules, OldSnapshotIsFlagged) {
  auto s = snapshot(service(asi({"ForeSignatures"})), "2025-01-01T00:00:00Z");
  auto r = run(*s, {ee(esig_qscd()), *ca_});
  EXPECT_TRUE(has_reason(r.reasons, reason::kTrustSnapshotOld));
}

TEST_F(Rules, MalformedExtensionIsAReason) {
  engine::CertificateSpec spec;
  spec.subject = {{"CN", "broken"}};
  spec.not_before = t("2024-01-01T00:00:00Z");
  spec.not_after = t("2030-01-01T00:00:00Z");
  spec.raw_extensions = {{"1.3.6.1.5.5.7.1.3", false, "\x30\x05garbage"}};
  auto c = engine::build_certificate(spec, other_key_->public_key_der(), **ca_, *ca_key_);
  ASSERT_TRUE(c.has_value());
  auto s = snapshot(service(asi({"ForeSignatures"})));
  auto r = run(*s, {*c, *ca_});
  EXPECT_TRUE(has_reason(r.reasons, reason::kCertificateMalformedExtension));
  EXPECT_FALSE(explain(r).empty());
}

TEST_F(Rules, TimestampNeedsAGrantedQtstService) {
  auto s = snapshot(testing::service_xml("TSA/QTST", "granted", "2020-01-01T00:00:00Z", "", "", identity()));
  EXPECT_TRUE(qualify_timestamp(*s, std::vector<CertificatePtr>{*ca_}, t("2021-01-01T00:00:00Z")).qualified);
  auto before = qualify_timestamp(*s, std::vector<CertificatePtr>{*ca_}, t("2019-01-01T00:00:00Z"));
  EXPECT_FALSE(before.qualified);
  EXPECT_EQ(before.rule.id, reason::kTstNoQtstService);
}

// --- Criteria, combination, labels (no lists) ---------------------------------------------

TEST(Criteria, AssertionsOverChildren) {
  CriteriaList empty;
  engine::CertificateSpec spec;
  spec.subject = {{"CN", "x"}, {"organizationIdentifier", "VATXA-1"}};
  spec.not_before = t("2024-01-01T00:00:00Z");
  spec.not_after = t("2030-01-01T00:00:00Z");
  spec.key_usage = engine::key_usage_bits({KeyUsageBit::kDigitalSignature});
  spec.extended_key_usages = {"1.3.6.1.5.5.7.3.1"};
  auto key = engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256);
  auto c = *engine::build_self_signed(spec, *key);
  EXPECT_TRUE(criteria_match(empty, *c));
  empty.assert_ = CriteriaList::Assert::kAtLeastOne;
  EXPECT_FALSE(criteria_match(empty, *c));
  empty.assert_ = CriteriaList::Assert::kNone;
  EXPECT_TRUE(criteria_match(empty, *c));

  CriteriaList ku;
  ku.key_usage = {{{"digitalSignature", true}, {"nonRepudiation", false}}};
  EXPECT_TRUE(criteria_match(ku, *c));
  ku.key_usage = {{{"nonRepudiation", true}}};
  EXPECT_FALSE(criteria_match(ku, *c));

  CriteriaList eku;
  eku.extended_key_usage = {{"urn:oid:1.3.6.1.5.5.7.3.1"}};
  EXPECT_TRUE(criteria_match(eku, *c));
  CriteriaList dn;
  dn.cert_subject_dn_attributes = {{"2.5.4.97"}};
  EXPECT_TRUE(criteria_match(dn, *c));
  dn.cert_subject_dn_attributes = {{"2.5.4.97", "2.5.4.5"}};
  EXPECT_FALSE(criteria_match(dn, *c));

  CriteriaList unknown;
  unknown.unknown_criteria = {"urn:x#Mystery"};
  EXPECT_FALSE(criteria_match(unknown, *c));  // an unknown criterion never matches
  unknown.assert_ = CriteriaList::Assert::kNone;
  EXPECT_TRUE(criteria_match(unknown, *c));

  CriteriaList nested;  // all[ none[PolicySet(2.999.8.9)] ]
  CriteriaList none;
  none.assert_ = CriteriaList::Assert::kNone;
  none.policy_sets = {{"2.999.8.9"}};
  nested.nested = {none};
  std::string trace;
  EXPECT_TRUE(criteria_match(nested, *c, &trace));
  EXPECT_EQ(trace, "all[none[PolicySet(2.999.8.9):no]=yes:yes]=yes");
}

TEST(Combination, RulesOfQualificationMd) {
  const QualificationAnswer qes{QcStatus::kYes, QcUse::kESig, QscdStatus::kYes};
  const QualificationAnswer qc_no_qscd{QcStatus::kYes, QcUse::kESig, QscdStatus::kNo};
  const QualificationAnswer seal{QcStatus::kYes, QcUse::kESeal, QscdStatus::kYes};
  const QualificationAnswer not_qc{QcStatus::kNo, QcUse::kESig, QscdStatus::kNotApplicable};
  const QualificationAnswer na{QcStatus::kNotApplicable, QcUse::kUnknown, QscdStatus::kNotApplicable};
  Rule rule;
  EXPECT_EQ(combine(qes, qes, &rule), qes);
  EXPECT_EQ(rule.id, reason::kCombinedEqual);
  EXPECT_EQ(combine(qes, na, &rule), na);
  EXPECT_EQ(combine(qes, qc_no_qscd, &rule), qc_no_qscd);  // QSCD from time T
  EXPECT_EQ(combine(qes, seal, &rule).type, QcUse::kUnknown);
  EXPECT_EQ(combine(qes, not_qc, &rule), not_qc);
}

TEST(Labels, EuVocabulary) {
  EXPECT_EQ(eu_label({QcStatus::kYes, QcUse::kESig, QscdStatus::kYes}), "QESig");
  EXPECT_EQ(eu_label({QcStatus::kYes, QcUse::kESeal, QscdStatus::kYes}), "QESeal");
  EXPECT_EQ(eu_label({QcStatus::kYes, QcUse::kUnknown, QscdStatus::kYes}), "Unknown-QC-QSCD");
  EXPECT_EQ(eu_label({QcStatus::kYes, QcUse::kESig, QscdStatus::kNo}), "AdESig-QC");
  EXPECT_EQ(eu_label({QcStatus::kYes, QcUse::kESeal, QscdStatus::kNo}), "AdESeal-QC");
  EXPECT_EQ(eu_label({QcStatus::kYes, QcUse::kUnknown, QscdStatus::kNo}), "Unknown-QC");
  EXPECT_EQ(eu_label({QcStatus::kYes, QcUse::kWsa, QscdStatus::kNo}), "Not AdES");
  EXPECT_EQ(eu_label({QcStatus::kNo, QcUse::kWsa, QscdStatus::kNotApplicable}), "Not AdES");
  EXPECT_EQ(eu_label({QcStatus::kNo, QcUse::kESig, QscdStatus::kNotApplicable}), "AdESig");
  EXPECT_EQ(eu_label({QcStatus::kNo, QcUse::kESeal, QscdStatus::kNotApplicable}), "AdESeal");
  EXPECT_EQ(eu_label({QcStatus::kNo, QcUse::kUnknown, QscdStatus::kNotApplicable}), "Unknown");
  EXPECT_EQ(eu_label({QcStatus::kNotApplicable, QcUse::kUnknown, QscdStatus::kNotApplicable}), "N/A");
}

}  // namespace
}  // namespace assay::tsl
