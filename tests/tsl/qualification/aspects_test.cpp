// The corrected rules of QUALIFICATION.md (issue 13): the TS 119 612 KeyUsage bit vocabulary and
// three-valued criteria (step 4), status coherence (step 1), "not applicable" propagation and
// conflicts among every state left after the type filter (step 5), and consistency decided one
// aspect at a time (steps 7-8).
#include <gtest/gtest.h>

#include "tests/tsl/qualification/rules_fixture.h"
#include "tsl/qualification/criteria.h"
#include "tsl/qualification/explain.h"
#include "tsl/qualification/reason_ids.h"

namespace assay::tsl {
namespace {

using Kb = engine::KeyUsageBit;
using engine::CertificatePtr;

std::string key_usage_xml(std::initializer_list<std::pair<const char*, bool>> bits) {
  std::string s = "<sie:KeyUsage>";
  for (const auto& [name, value] : bits) {
    s += "<sie:KeyUsageBit name=\"" + std::string(name) + "\">" + (value ? "true" : "false") + "</sie:KeyUsageBit>";
  }
  return s + "</sie:KeyUsage>";
}

std::string policy_xml(std::initializer_list<const char*> oids) {
  std::string s = "<sie:PolicySet>";
  for (auto o : oids) s += "<sie:PolicyIdentifier><xades:Identifier>" + std::string(o) + "</xades:Identifier></sie:PolicyIdentifier>";
  return s + "</sie:PolicySet>";
}

std::string criteria_xml(const char* assert_, const std::string& children) {
  return "<sie:CriteriaList assert=\"" + std::string(assert_) + "\">" + children + "</sie:CriteriaList>";
}

std::string history_xml(const char* status, const char* start) {
  return "<ServiceHistoryInstance><ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</ServiceTypeIdentifier>"
         "<ServiceName><Name xml:lang=\"en\">Sample CA/QC</Name></ServiceName><ServiceDigitalIdentity>" +
         Rules::identity_xml() + "</ServiceDigitalIdentity><ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/" +
         status + "</ServiceStatus><StatusStartingTime>" + start + "</StatusStartingTime></ServiceHistoryInstance>";
}

bool state_has(const InstantResult& in, std::string_view id) {
  return std::any_of(in.states.begin(), in.states.end(), [&](const StateEvaluation& s) { return has_reason(s.findings, id); });
}

class Aspects : public Rules {
 protected:
  static engine::QcStatementsSpec esig(bool sscd) {
    auto q = esig_qscd();
    q.sscd = sscd;
    return q;
  }
  // A post-eIDAS eSig certificate with `policies` and key usage `ku`.
  static CertificatePtr cert(bool sscd, std::vector<std::string> policies, std::uint16_t ku) {
    return ee(esig(sscd), "2024-01-10T00:00:00Z", std::move(policies), nullptr, ku);
  }
  static std::uint16_t nr() { return engine::key_usage_bits({Kb::kNonRepudiation}); }
  static std::uint16_t nr_crl() { return engine::key_usage_bits({Kb::kNonRepudiation, Kb::kCrlSign}); }
};

// --- Step 4: criteria -----------------------------------------------------------------------

TEST_F(Aspects, TlBitNamesAreTheSchemaVocabulary) {
  EXPECT_EQ(tl_key_usage_bit("crlSign"), Kb::kCrlSign);
  EXPECT_EQ(tl_key_usage_bit("contentCommitment"), Kb::kNonRepudiation);
  EXPECT_EQ(tl_key_usage_bit("nonRepudiation"), Kb::kNonRepudiation);
  EXPECT_EQ(tl_key_usage_bit("decipherOnly"), Kb::kDecipherOnly);
  EXPECT_EQ(tl_key_usage_bit("cRLSign"), std::nullopt);  // RFC 5280's spelling is not the list's
  EXPECT_EQ(tl_key_usage_bit(""), std::nullopt);
}

TEST_F(Aspects, CrlSignIsEvaluatedWithEitherValueUnderEveryAssertion) {
  const auto with = cert(true, {}, nr_crl());
  const auto without = cert(true, {}, nr());
  auto ku = [](const char* assert_, bool value) {
    CriteriaList c;
    c.assert_ = assert_ == std::string("all")          ? CriteriaList::Assert::kAll
                : assert_ == std::string("atLeastOne") ? CriteriaList::Assert::kAtLeastOne
                                                       : CriteriaList::Assert::kNone;
    c.key_usage = {{{"crlSign", value}}};
    return c;
  };
  EXPECT_TRUE(criteria_match(ku("all", true), *with));
  EXPECT_FALSE(criteria_match(ku("all", true), *without));
  EXPECT_TRUE(criteria_match(ku("all", false), *without));
  EXPECT_FALSE(criteria_match(ku("all", false), *with));
  EXPECT_TRUE(criteria_match(ku("atLeastOne", true), *with));
  EXPECT_TRUE(criteria_match(ku("atLeastOne", false), *without));
  EXPECT_FALSE(criteria_match(ku("atLeastOne", false), *with));
  EXPECT_FALSE(criteria_match(ku("none", true), *with));
  EXPECT_TRUE(criteria_match(ku("none", true), *without));
  EXPECT_FALSE(criteria_match(ku("none", false), *without));
  EXPECT_TRUE(criteria_match(ku("none", false), *with));
}

TEST_F(Aspects, TwoBitKeyUsageNeedsBothAndContentCommitmentIsNonRepudiation) {
  CriteriaList two;
  two.key_usage = {{{"nonRepudiation", true}, {"crlSign", false}}};
  EXPECT_TRUE(criteria_match(two, *cert(true, {}, nr())));
  EXPECT_FALSE(criteria_match(two, *cert(true, {}, nr_crl())));
  CriteriaList alias;
  alias.key_usage = {{{"contentCommitment", true}}};
  EXPECT_TRUE(criteria_match(alias, *cert(true, {}, nr())));
  EXPECT_FALSE(criteria_match(alias, *cert(true, {}, engine::key_usage_bits({Kb::kDigitalSignature}))));
}

TEST_F(Aspects, NoKeyUsageExtensionMeansNoBitSet) {
  CriteriaList c;
  c.key_usage = {{{"crlSign", false}, {"nonRepudiation", false}}};
  EXPECT_TRUE(criteria_match(c, *cert(true, {}, 0)));
}

TEST_F(Aspects, UnknownBitNameIsNeitherTrueNorFalse) {
  const auto c = cert(true, {"2.999.1"}, nr());
  CriteriaList alone;
  alone.key_usage = {{{"cRLSign", false}}};
  auto e = evaluate_criteria(alone, *c);
  EXPECT_EQ(e.outcome, CriteriaOutcome::kUndetermined);
  EXPECT_EQ(e.unknown_key_usage_bits, std::vector<std::string>{"cRLSign"});
  EXPECT_EQ(e.trace, "all[KeyUsage(cRLSign=false):undetermined]=undetermined");
  alone.assert_ = CriteriaList::Assert::kNone;
  EXPECT_EQ(evaluate_criteria(alone, *c).outcome, CriteriaOutcome::kUndetermined);
  // A known bit that differs decides the KeyUsage whatever the unknown one says.
  CriteriaList known_differs;
  known_differs.key_usage = {{{"cRLSign", true}, {"digitalSignature", true}}};
  EXPECT_EQ(evaluate_criteria(known_differs, *c).outcome, CriteriaOutcome::kFalse);
  // Siblings decide when they can (three-valued logic).
  CriteriaList all_false;
  all_false.key_usage = {{{"cRLSign", true}}};
  all_false.policy_sets = {{"2.999.2"}};
  EXPECT_EQ(evaluate_criteria(all_false, *c).outcome, CriteriaOutcome::kFalse);
  CriteriaList any_true = all_false;
  any_true.assert_ = CriteriaList::Assert::kAtLeastOne;
  any_true.policy_sets = {{"2.999.1"}};
  EXPECT_EQ(evaluate_criteria(any_true, *c).outcome, CriteriaOutcome::kTrue);
  CriteriaList none_false = any_true;
  none_false.assert_ = CriteriaList::Assert::kNone;
  EXPECT_EQ(evaluate_criteria(none_false, *c).outcome, CriteriaOutcome::kFalse);
  CriteriaList nested;  // all[ none[KeyUsage(bogus)] ]
  nested.nested = {alone};
  EXPECT_EQ(evaluate_criteria(nested, *c).outcome, CriteriaOutcome::kUndetermined);
}

TEST_F(Aspects, MultiOidPolicySetIsAConjunctionAndSeveralChildrenAreEachOneCriterion) {
  const auto c = cert(true, {"2.999.1", "2.999.2"}, nr());
  CriteriaList both;
  both.policy_sets = {{"2.999.1", "2.999.2"}};
  EXPECT_TRUE(criteria_match(both, *c));
  both.policy_sets = {{"2.999.1", "2.999.3"}};
  EXPECT_FALSE(criteria_match(both, *c));
  CriteriaList any;  // atLeastOne[PolicySet(1,3) PolicySet(2)]
  any.assert_ = CriteriaList::Assert::kAtLeastOne;
  any.policy_sets = {{"2.999.1", "2.999.3"}, {"2.999.2"}};
  EXPECT_TRUE(criteria_match(any, *c));
  CriteriaList none = any;  // none[...]: PolicySet(2) is true
  none.assert_ = CriteriaList::Assert::kNone;
  EXPECT_FALSE(criteria_match(none, *c));
  // In a list: NotQualified under all[PolicySet(1, 2)] needs both policies.
  auto s = snapshot(service(asi({"ForeSignatures"}) +
                            quals({"NotQualified"}, criteria_xml("all", policy_xml({"2.999.1", "2.999.2"})))));
  EXPECT_EQ(run(*s, {c, *ca_}).label, "AdESig");
  EXPECT_EQ(run(*s, {cert(true, {"2.999.1"}, nr()), *ca_}).label, "QESig");
  CriteriaList all;  // all[KeyUsage(nonRepudiation) KeyUsage(crlSign=false) PolicySet(1)]
  all.key_usage = {{{"nonRepudiation", true}}, {{"crlSign", false}}};
  all.policy_sets = {{"2.999.1"}};
  EXPECT_TRUE(criteria_match(all, *c));
}

TEST_F(Aspects, CrlSignCriterionInAListAppliesItsOverrule) {
  // The case: KeyUsage(crlSign=false) with NotQualified. The old engine lost it.
  auto s = snapshot(service(asi({"ForeSignatures"}) +
                            quals({"NotQualified"}, criteria_xml("all", key_usage_xml({{"crlSign", false}})))));
  EXPECT_EQ(run(*s, {cert(true, {}, nr()), *ca_}).label, "AdESig");
  EXPECT_EQ(run(*s, {cert(true, {}, nr_crl()), *ca_}).label, "QESig");
  // ... and under none it must not be applied wrongly.
  auto none = snapshot(service(asi({"ForeSignatures"}) +
                               quals({"QCNoQSCD"}, criteria_xml("none", key_usage_xml({{"crlSign", false}})))));
  EXPECT_EQ(run(*none, {cert(true, {}, nr()), *ca_}).label, "QESig");
  EXPECT_EQ(run(*none, {cert(true, {}, nr_crl()), *ca_}).label, "AdESig-QC");
}

TEST_F(Aspects, ElementsOfSeveralQualificationsExtensionsUnite) {
  auto s = snapshot(service(asi({"ForeSignatures"}) + quals({"QCStatement"}) + quals({"QCWithQSCD"})));
  auto r = run(*s, {ee({}), *ca_});
  EXPECT_EQ(r.label, "Unknown-QC-QSCD");
  EXPECT_EQ(r.at_time.states[0].matched.size(), 2u);
}

TEST_F(Aspects, UnknownBitThatDecidesMakesTheAnswerNotApplicable) {
  auto s = snapshot(service(asi({"ForeSignatures"}) +
                            quals({"QCWithQSCD"}, criteria_xml("all", key_usage_xml({{"cRLSign", false}})))));
  auto decides = run(*s, {cert(false, {}, nr()), *ca_});
  EXPECT_EQ(decides.label, "N/A");
  EXPECT_EQ(decides.at_time.qc_rule.id, reason::kCriteriaUndetermined);
  EXPECT_TRUE(state_has(decides.at_time, reason::kUnknownKeyUsageBit));
  EXPECT_EQ(decides.at_time.states[0].undetermined_criteria.size(), 1u);
  // With QcSSCD the answer is QSCD yes with or without the qualifier: decided, and reported.
  auto irrelevant = run(*s, {cert(true, {}, nr()), *ca_});
  EXPECT_EQ(irrelevant.label, "QESig");
  EXPECT_TRUE(state_has(irrelevant.at_time, reason::kUnknownKeyUsageBit));
  bool said = false;
  for (const auto& line : explain(irrelevant)) said = said || line.find("cRLSign") != std::string::npos;
  EXPECT_TRUE(said);
}

// --- Step 1: status coherence -------------------------------------------------------------

TEST_F(Aspects, PreEidasStatusStillInForceAfterEidasIsNotApplicable) {
  auto s = snapshot(service("", "accredited", "2010-01-01T00:00:00Z"));
  const auto c = ee({}, "2012-01-01T00:00:00Z", {"0.4.0.1456.1.1"});
  auto before = run(*s, {c, *ca_}, "2014-01-01T00:00:00Z");
  EXPECT_EQ(before.label, "QESig");
  auto after = run(*s, {c, *ca_}, "2016-06-30T22:00:00Z");  // the instant itself
  EXPECT_EQ(after.at_time.answer.qc, QcStatus::kNotApplicable);
  EXPECT_EQ(after.at_time.qc_rule.id, reason::kIncoherentStatusAfterEidas);
  EXPECT_TRUE(state_has(after.at_time, reason::kIncoherentStatusAfterEidas));
  EXPECT_NE(after.at_time.qc_rule.text.find("'accredited' (since 2010-01-01T00:00:00Z)"), std::string::npos)
      << after.at_time.qc_rule.text;
  EXPECT_EQ(after.label, "N/A");
  for (const char* status : {"undersupervision", "supervisionincessation"}) {
    auto r = run(*snapshot(service("", status, "2010-01-01T00:00:00Z")), {c, *ca_}, "2017-01-01T00:00:00Z");
    EXPECT_EQ(r.at_time.qc_rule.id, reason::kIncoherentStatusAfterEidas) << status;
  }
  // Replaced at eIDAS by granted: coherent.
  auto replaced = snapshot(service(asi({"ForeSignatures"}), "granted", "2016-06-30T22:00:00Z", "CA/QC",
                                   history_xml("accredited", "2010-01-01T00:00:00Z")));
  EXPECT_EQ(run(*replaced, {c, *ca_}, "2017-01-01T00:00:00Z").label, "QESig");
  // Not a CA/QC service: the rule does not concern it.
  auto pkc = run(*snapshot(service("", "accredited", "2010-01-01T00:00:00Z", "CA/PKC")), {c, *ca_}, "2017-01-01T00:00:00Z");
  EXPECT_NE(pkc.at_time.answer.qc, QcStatus::kNotApplicable);
}

// --- Step 5: conflicts and "not applicable" ----------------------------------------------------

TEST_F(Aspects, GrantedAndWithdrawnServicesForOneCaConflict) {
  auto s = snapshot(service(asi({"ForeSignatures"})) +
                    service(asi({"ForeSignatures"}), "withdrawn", "2023-01-01T00:00:00Z", "CA/QC",
                            history_xml("granted", "2020-01-01T00:00:00Z")));
  auto r = run(*s, {ee(esig_qscd()), *ca_});
  EXPECT_TRUE(r.at_time.conflict);
  EXPECT_EQ(r.at_time.conflicting.size(), 2u);
  EXPECT_EQ(r.label, "N/A");
  EXPECT_NE(r.at_time.qc_rule.text.find("(withdrawn) says QC no"), std::string::npos) << r.at_time.qc_rule.text;
  // Both withdrawn: the same answer, no conflict.
  auto both = snapshot(service(asi({"ForeSignatures"}), "withdrawn", "2023-01-01T00:00:00Z") +
                       service(asi({"ForeSignatures"}), "withdrawn", "2023-01-01T00:00:00Z"));
  auto b = run(*both, {ee(esig_qscd()), *ca_});
  EXPECT_FALSE(b.at_time.conflict);
  EXPECT_EQ(b.label, "AdESig");
}

TEST_F(Aspects, ANotApplicableStateMakesTheInstantNotApplicable) {
  auto s = snapshot(service(asi({"ForeSignatures"})) + service("", "accredited", "2010-01-01T00:00:00Z"));
  auto r = run(*s, {ee(esig_qscd()), *ca_});
  EXPECT_EQ(r.at_time.answer.qc, QcStatus::kNotApplicable);
  EXPECT_TRUE(r.at_time.not_applicable);
  EXPECT_FALSE(r.at_time.conflict);
  EXPECT_TRUE(has_reason(r.at_time.reasons, reason::kStateNotApplicable));
}

// --- Steps 7-8: consistency one aspect at a time -----------------------------------------------

TEST_F(Aspects, QcStatementWithNotQualifiedTakesAwayTheQcOnly) {
  auto s = snapshot(service(asi({"ForeSignatures"}) + quals({"QCStatement", "NotQualified"})));
  auto r = run(*s, {ee(esig_qscd()), *ca_});
  EXPECT_EQ(r.label, "AdESig");
  EXPECT_EQ(r.at_time.qc_rule.id, reason::kDroppedQcStatementWithNotQualified);
  EXPECT_TRUE(r.at_time.states[0].excluded_id.empty());
  EXPECT_TRUE(state_has(r.at_time, reason::kDroppedQcStatementWithNotQualified));
}

TEST_F(Aspects, QscdContradictionsLeaveAQcWithoutQscd) {
  struct Case {
    std::initializer_list<const char*> qualifiers;
    const char* id;
  };
  for (const Case& c : {Case{{"QCWithQSCD", "QCNoQSCD"}, reason::kDroppedQscdContradiction},
                        Case{{"QCQSCDManagedOnBehalf", "QCNoSSCD"}, reason::kDroppedQscdContradiction},
                        Case{{"QCQSCDStatusAsInCert", "QCWithQSCD"}, reason::kDroppedAsInCertWithExplicit},
                        Case{{"QCWithSSCD"}, reason::kSscdQualifiersOnPostEidasState}}) {
    auto s = snapshot(service(asi({"ForeSignatures"}) + quals(c.qualifiers)));
    auto r = run(*s, {ee(esig_qscd()), *ca_});
    EXPECT_EQ(r.label, "AdESig-QC") << c.id;
    EXPECT_EQ(r.at_time.qscd_rule.id, c.id);
    EXPECT_EQ(r.at_time.qc_rule.id, reason::kQcFromCertificate);
  }
  // QCWithSSCD on a state that started before eIDAS is its own regime's qualifier.
  auto pre_sscd = snapshot(service(quals({"QCWithSSCD"}), "accredited", "2010-01-01T00:00:00Z"));
  auto r = run(*pre_sscd, {ee({}, "2012-01-01T00:00:00Z", {"0.4.0.1456.1.2"}), *ca_}, "2014-01-01T00:00:00Z");
  EXPECT_EQ(r.label, "QESig");
  EXPECT_EQ(r.at_time.qscd_rule.id, reason::kQscdQualifier);
}

TEST_F(Aspects, UsageContradictionsAreNotApplicable) {
  struct Case {
    std::string extensions;
    std::vector<std::string> policies;
    const char* id;
  };
  for (const Case& c :
       {Case{asi({"ForeSignatures", "ForeSeals"}) + quals({"QCForESig", "QCForESeal"}), {}, reason::kDroppedTwoUsages},
        Case{asi({"ForeSignatures", "ForeSeals"}) + quals({"QCForLegalPerson", "QCForESig"}), {}, reason::kDroppedLegalPersonWithESig},
        Case{asi({"ForeSignatures"}) + quals({"QCForESeal"}), {}, reason::kDroppedUsageWithoutAsi}}) {
    auto r = run(*snapshot(service(c.extensions)), {ee(esig_qscd()), *ca_});
    EXPECT_EQ(r.label, "N/A") << c.id;
    EXPECT_EQ(r.at_time.qc_rule.id, c.id);
    EXPECT_TRUE(state_has(r.at_time, c.id));
    EXPECT_FALSE(r.at_time.conflict);
  }
}

TEST_F(Aspects, UsageQualifierOnAStateWithoutAnyAsiIsNoContradiction) {
  auto q = esig_qscd();
  q.type_oids.push_back(std::string(engine::qc_oid::kTypeESeal));  // several QcTypes: unknown type
  auto r = run(*snapshot(service(quals({"QCForESeal"}))), {ee(q), *ca_});
  EXPECT_EQ(r.label, "QESeal");
  EXPECT_EQ(r.at_time.type_rule.id, reason::kTypeQualifier);
  EXPECT_TRUE(r.at_time.states[0].findings.empty());
}

}  // namespace
}  // namespace assay::tsl
