// Classification of observed answers (service/audit/classification.h): the default rule table
// of issue 17 item 3, a replaced table, normalisation, and the campaign runner's order and counts.
#include "service/audit/classification.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "service/audit/audit_report.h"
#include "service/audit/campaign.h"

namespace assay::service::audit {
namespace {

SuiteCase make_case(std::string indication, std::string sub, std::string qualification = "",
                    Question q = Question::kSignature) {
  SuiteCase c;
  c.id = "case-1";
  c.question = q;
  c.expected = ExpectedOutcome{std::move(indication), std::move(sub), std::move(qualification), {}, {}};
  c.requirement = Requirement{"EN 319 102-1 5.2.6", "A revoked signer is rejected."};
  return c;
}

Observation answered(std::string indication, std::string sub = "", std::string qualification = "") {
  Observation o;
  o.status = Observation::Status::kAnswered;
  o.indication = std::move(indication);
  o.subindication = std::move(sub);
  o.qualification = std::move(qualification);
  return o;
}

struct Row {
  const char* name;
  SuiteCase c;
  Observation observed;
  Classification classification;
  const char* rule;
};

// Alternatives in the expected outcome (PKITS "invalid": FAILED or INDETERMINATE; "revoked": any
// revocation sub-indication) are Conforming answers; passing stays accepting the invalid.
TEST(Classification, ExpectedAlternativesAreConforming) {
  SuiteCase invalid = make_case("FAILED", "", "", Question::kCertificate);
  invalid.expected.also_indications = {"INDETERMINATE"};
  EXPECT_EQ(classify(invalid, answered("FAILED", "NOT_YET_VALID")).classification, Classification::kConforming);
  EXPECT_EQ(classify(invalid, answered("INDETERMINATE", "NO_POE")).classification, Classification::kConforming);
  const AuditFinding passed = classify(invalid, answered("PASSED"));
  EXPECT_EQ(passed.classification, Classification::kMajorNonConformity);
  EXPECT_EQ(passed.rule, "accepts-invalid");

  SuiteCase revoked = make_case("INDETERMINATE", "REVOKED_NO_POE", "", Question::kCertificate);
  revoked.expected.also_indications = {"FAILED"};
  revoked.expected.also_subindications = {"REVOKED", "TRY_LATER"};
  EXPECT_EQ(classify(revoked, answered("INDETERMINATE", "REVOKED_NO_POE")).classification, Classification::kConforming);
  EXPECT_EQ(classify(revoked, answered("FAILED", "REVOKED")).classification, Classification::kConforming);
  EXPECT_EQ(classify(revoked, answered("INDETERMINATE", "TRY_LATER")).classification, Classification::kConforming);
  const AuditFinding wrong_sub = classify(revoked, answered("INDETERMINATE", "NO_POE"));
  EXPECT_EQ(wrong_sub.classification, Classification::kMinorNonConformity);
  EXPECT_EQ(wrong_sub.rule, "wrong-subindication");
}

TEST(Classification, DefaultRuleTable) {
  Observation timeout;
  timeout.status = Observation::Status::kTimeout;
  timeout.detail = "no answer within 30 s";
  SuiteCase tolerant = make_case("INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND");
  tolerant.tolerance.subindications = {"NO_CERTIFICATE_CHAIN_FOUND_NO_POE"};
  const std::vector<Row> rows = {
      {"equal", make_case("TOTAL_FAILED", "REVOKED"), answered("TOTAL_FAILED", "REVOKED"), Classification::kConforming, "conforming"},
      {"accepts revoked", make_case("TOTAL_FAILED", "REVOKED"), answered("TOTAL_PASSED"), Classification::kMajorNonConformity,
       "accepts-invalid"},
      {"accepts indeterminate", make_case("INDETERMINATE", "TRY_LATER"), answered("TOTAL_PASSED"),
       Classification::kMajorNonConformity, "accepts-invalid"},
      {"certificate accepted", make_case("FAILED", "REVOKED", "", Question::kCertificate), answered("PASSED"),
       Classification::kMajorNonConformity, "accepts-invalid"},
      {"over-claim", make_case("TOTAL_PASSED", "", "AdESig"), answered("TOTAL_PASSED", "", "QESig"),
       Classification::kMajorNonConformity, "qualification-over-claim"},
      {"indeterminate over-claim", make_case("TOTAL_PASSED", "", "AdESig"),
       answered("TOTAL_PASSED", "", "Indeterminate QESig"), Classification::kMajorNonConformity, "qualification-over-claim"},
      {"under-claim", make_case("TOTAL_PASSED", "", "QESig"), answered("TOTAL_PASSED", "", "AdESig-QC"),
       Classification::kMinorNonConformity, "wrong-qualification"},
      {"rejects valid", make_case("TOTAL_PASSED", ""), answered("INDETERMINATE", "TRY_LATER"), Classification::kMinorNonConformity,
       "rejects-valid"},
      {"wrong sub", make_case("TOTAL_FAILED", "REVOKED"), answered("TOTAL_FAILED", "HASH_FAILURE"),
       Classification::kMinorNonConformity, "wrong-subindication"},
      {"wrong main, both rejected", make_case("TOTAL_FAILED", "REVOKED"), answered("INDETERMINATE", "REVOKED_NO_POE"),
       Classification::kMinorNonConformity, "wrong-indication"},
      {"sub not asserted", make_case("INDETERMINATE", ""), answered("INDETERMINATE", "TRY_LATER"), Classification::kConforming,
       "conforming"},
      {"tolerated", tolerant, answered("INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND_NO_POE"), Classification::kObservation,
       "tolerated"},
      {"timeout", make_case("TOTAL_FAILED", "REVOKED"), timeout, Classification::kObservation, "no-answer"},
      {"nonsense indication", make_case("TOTAL_FAILED", "REVOKED"), answered("MAYBE"), Classification::kObservation, "no-answer"},
      {"normalised DSS spelling", make_case("TOTAL_PASSED", "", "QESig"), answered("TOTAL-PASSED", "", "QESIG"),
       Classification::kConforming, "conforming"},
      {"qualification question", make_case("", "", "QESig", Question::kQualification), answered("", "", "QESig"),
       Classification::kConforming, "conforming"},
  };
  for (const auto& row : rows) {
    const AuditFinding f = classify(row.c, row.observed);
    EXPECT_EQ(f.classification, row.classification) << row.name << ": " << f.explanation;
    EXPECT_EQ(f.rule, row.rule) << row.name << ": " << f.explanation;
    EXPECT_EQ(f.case_id, "case-1");
    EXPECT_EQ(f.requirement.clause, "EN 319 102-1 5.2.6");
    EXPECT_NE(f.explanation.find("Expected"), std::string::npos) << row.name;
  }
}

TEST(Classification, TheExplanationSaysExpectedAndObserved) {
  const AuditFinding f = classify(make_case("TOTAL_FAILED", "REVOKED"), answered("TOTAL_PASSED"));
  EXPECT_EQ(f.explanation, "Expected TOTAL_FAILED / REVOKED, observed TOTAL_PASSED: accepts what must be rejected.");
}

// A case the target was not asked is Not assessed whatever the rule table says (nothing was
// observed), explains why, and is no finding; a service error stays an Observation.
TEST(Classification, ACaseNotAskedIsNotAssessedAndNoFinding) {
  Observation o;
  o.status = Observation::Status::kNotAsked;
  o.detail = "not supported by this target: SiVa has no certificate validation";
  const AuditFinding f = classify(make_case("TOTAL_FAILED", "REVOKED"), o);
  EXPECT_EQ(f.classification, Classification::kNotAssessed);
  EXPECT_EQ(f.rule, "not-asked");
  EXPECT_EQ(f.explanation, "Not asked: not supported by this target: SiVa has no certificate validation.");
  EXPECT_EQ(classification_name(f.classification), "Not assessed");
  RuleTable everything_major;
  for (const auto& r : default_rule_table()) everything_major.push_back({r.id, Classification::kMajorNonConformity});
  EXPECT_EQ(classify(make_case("TOTAL_PASSED", ""), o, everything_major).classification, Classification::kNotAssessed);
  Observation error;
  error.status = Observation::Status::kServiceError;
  EXPECT_EQ(classify(make_case("TOTAL_FAILED", "REVOKED"), error).classification, Classification::kObservation);

  CampaignResult r;
  r.findings.push_back(classify(make_case("TOTAL_PASSED", ""), answered("TOTAL_PASSED")));
  r.findings.push_back(f);
  EXPECT_TRUE(r.no_findings());
  EXPECT_EQ(campaign_summary_line(r), "2 cases: 1 Conforming, 1 Not assessed");
  r.findings.push_back(classify(make_case("TOTAL_FAILED", "REVOKED"), error));
  EXPECT_FALSE(r.no_findings());
  // A rule table cannot make anything "Not assessed": that is the runner's fact, not a rule.
  std::string text;
  for (const auto& rule : default_rule_table()) {
    text += "[[rule]]\nid = \"" + rule.id + "\"\nclassification = \"" +
            std::string(rule.id == "no-answer" ? "Not assessed" : classification_name(rule.classification)) + "\"\n";
  }
  const auto table = parse_rule_table(text, "rules.toml");
  ASSERT_FALSE(table);
  EXPECT_NE(table.error().message().find("Not assessed"), std::string::npos) << table.error().message();
}

TEST(Classification, ARuleTableFromTomlReplacesTheDefaults) {
  std::string text;
  for (const auto& r : default_rule_table()) {
    text += "[[rule]]\nid = \"" + r.id + "\"\nclassification = \"" + std::string(r.id == "wrong-subindication" ? "Observation" : classification_name(r.classification)) + "\"\n";
  }
  auto table = parse_rule_table(text, "rules.toml");
  ASSERT_TRUE(table) << table.error().message();
  const AuditFinding f = classify(make_case("TOTAL_FAILED", "REVOKED"), answered("TOTAL_FAILED", "HASH_FAILURE"), *table);
  EXPECT_EQ(f.classification, Classification::kObservation);
  EXPECT_EQ(f.rule, "wrong-subindication");
}

TEST(Classification, ABadRuleTableIsRefusedNamingTheRule) {
  auto unknown = parse_rule_table("[[rule]]\nid = \"lenient\"\nclassification = \"Conforming\"\n", "rules.toml");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message().find("unknown rule id 'lenient'"), std::string::npos) << unknown.error().message();
  auto incomplete = parse_rule_table("[[rule]]\nid = \"no-answer\"\nclassification = \"Observation\"\n", "rules.toml");
  ASSERT_FALSE(incomplete);
  EXPECT_NE(incomplete.error().message().find("missing"), std::string::npos) << incomplete.error().message();
  auto bad_class = parse_rule_table("[[rule]]\nid = \"no-answer\"\nclassification = \"Fine\"\n", "rules.toml");
  ASSERT_FALSE(bad_class);
  EXPECT_NE(bad_class.error().message().find("'Fine'"), std::string::npos) << bad_class.error().message();
  EXPECT_FALSE(parse_rule_table("[[rule", "rules.toml"));
}

TEST(Classification, QualificationStrengthOrdersTheLabels) {
  EXPECT_GT(qualification_strength("QESig"), qualification_strength("Indeterminate QESig"));
  EXPECT_GT(qualification_strength("Indeterminate QESig"), qualification_strength("AdESig-QC"));
  EXPECT_GT(qualification_strength("AdESig-QC"), qualification_strength("AdESig"));
  EXPECT_GT(qualification_strength("AdESig"), qualification_strength("N/A"));
  EXPECT_EQ(qualification_strength("Not AdES"), qualification_strength("N/A"));
  EXPECT_EQ(qualification_strength("Fancy"), -1);
}

TEST(Classification, Normalisation) {
  EXPECT_EQ(normalise_indication("TOTAL-PASSED"), "TOTAL_PASSED");
  EXPECT_EQ(normalise_indication("urn:etsi:019102:mainindication:total-failed"), "TOTAL_FAILED");
  EXPECT_EQ(normalise_qualification("QESIG"), "QESig");
  EXPECT_EQ(normalise_qualification("NA"), "N/A");
  EXPECT_EQ(normalise_qualification("N/A"), "N/A");
  EXPECT_EQ(normalise_qualification("INDETERMINATE_ADESIG_QC"), "Indeterminate AdESig-QC");
  EXPECT_EQ(normalise_qualification("urn:cef:dss:signatureQualification:notAdESbutQC"), "Not AdES but QC");
  EXPECT_EQ(normalise_qualification("something else"), "something else");
}

// A target that answers from a table and counts its concurrent callers.
class TableTarget : public Target {
 public:
  std::string identity() const override { return "table"; }
  Observation ask(const Suite&, const SuiteCase& c) override {
    const int now = ++inside_;
    int seen = max_inside_.load();
    while (now > seen && !max_inside_.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    --inside_;
    if (c.id == "throws") throw std::runtime_error("adapter bug");
    return c.id == "wrong" ? answered("TOTAL_PASSED") : answered(c.expected.indication, c.expected.subindication);
  }
  std::atomic<int> inside_{0}, max_inside_{0};
};

TEST(Campaign, RunsEveryCaseInSuiteOrderWithinTheConcurrencyLimit) {
  Suite suite;
  suite.name = "s";
  for (int i = 0; i < 40; ++i) {
    SuiteCase c = make_case("TOTAL_FAILED", "REVOKED");
    c.id = i == 7 ? "wrong" : i == 9 ? "throws" : "c" + std::to_string(i);
    suite.cases.push_back(c);
  }
  TableTarget target;
  std::size_t last_done = 0;
  CampaignOptions options;
  options.concurrency = 3;
  options.progress = [&](std::size_t done, std::size_t total, const AuditFinding&) {
    EXPECT_EQ(done, last_done + 1);
    EXPECT_EQ(total, 40u);
    last_done = done;
  };
  const CampaignResult r = run_campaign(suite, target, {}, options);
  ASSERT_EQ(r.findings.size(), 40u);
  EXPECT_EQ(last_done, 40u);
  EXPECT_LE(target.max_inside_.load(), 3);
  for (std::size_t i = 0; i < 40; ++i) EXPECT_EQ(r.findings[i].case_id, suite.cases[i].id);
  EXPECT_EQ(r.findings[7].classification, Classification::kMajorNonConformity);
  EXPECT_EQ(r.findings[9].classification, Classification::kObservation);
  EXPECT_NE(r.findings[9].explanation.find("adapter bug"), std::string::npos) << r.findings[9].explanation;
  EXPECT_EQ(r.count(Classification::kConforming), 38u);
  EXPECT_FALSE(r.no_findings());
  EXPECT_EQ(r.target, "table");
  EXPECT_LE(r.started, r.finished);
}

}  // namespace
}  // namespace assay::service::audit
