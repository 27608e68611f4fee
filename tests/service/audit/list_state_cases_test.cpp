// The trusted-list-usage suite's list-state cases (issue 17): a list that fails authentication, a
// sequence rollback, a superseded list version, a CA only in a pivot LOTL's era. assay answers
// them right; a TL-user wrong in one documented way (faulty_list_user.h) is reported with a Major
// NC on exactly the case that concerns its fault; an HTTP target is not asked them.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "service/audit/builtin_suites.h"
#include "service/audit/campaign.h"
#include "service/audit/target.h"
#include "tests/service/audit/faulty_list_user.h"

namespace assay::service::audit {
namespace {

namespace fs = std::filesystem;
using assay::testing::FaultyListUser;
using assay::testing::ListFaults;

const char* const kAuthentication = "057-list-fails-authentication";
const char* const kRollback = "058-sequence-rollback";
const char* const kSuperseded = "059-superseded-list-version";
const char* const kPivot = "060-pivot-era-ca-pivot-era-esig";

class ListStateCases : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("assay-list-state-" + std::to_string(std::random_device{}())));
    auto written = generate_builtin_suites(*dir_, engine::parse_utc_time("2026-01-15T00:00:00Z").value());
    ASSERT_TRUE(written) << written.error().message();
    auto suite = read_suite(*dir_ / "trusted-list-usage");
    ASSERT_TRUE(suite) << suite.error().message();
    suite_ = new Suite(std::move(*suite));
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
    fs::remove_all(*dir_);
    delete dir_;
    dir_ = nullptr;
  }

  static std::map<std::string, const AuditFinding*> by_id(const CampaignResult& r) {
    std::map<std::string, const AuditFinding*> out;
    for (const auto& f : r.findings) out[f.case_id] = &f;
    return out;
  }

  static std::string explain(const CampaignResult& r) {
    std::string out;
    for (const auto& f : r.findings) {
      if (f.classification != Classification::kConforming) {
        out += f.case_id + ": " + std::string(classification_name(f.classification)) + " (" + f.rule + ") " + f.explanation + " | " +
               f.observed.detail + "\n";
      }
    }
    return out;
  }

  // The campaign against a TL-user with `faults`: the cases that are not Conforming.
  static std::set<std::string> non_conforming(ListFaults faults, std::string* why) {
    auto honest = make_target("assay", *suite_, {});
    EXPECT_TRUE(honest) << honest.error().message();
    FaultyListUser faulty(faults, std::move(*honest));
    CampaignOptions options;
    options.concurrency = 2;
    const CampaignResult r = run_campaign(*suite_, faulty, {}, options);
    std::set<std::string> out;
    for (const auto& f : r.findings) {
      if (f.classification == Classification::kConforming) continue;
      out.insert(f.case_id);
      EXPECT_EQ(f.classification, Classification::kMajorNonConformity) << f.case_id << ": " << f.explanation;
      EXPECT_EQ(f.rule, "qualification-over-claim") << f.case_id;
    }
    *why = explain(r);
    return out;
  }

  static fs::path* dir_;
  static Suite* suite_;
};

fs::path* ListStateCases::dir_ = nullptr;
Suite* ListStateCases::suite_ = nullptr;

TEST_F(ListStateCases, TheSuiteHasTheFourListStateCasesWithTheirRequirements) {
  EXPECT_EQ(suite_->cases.size(), 60u);
  std::map<std::string, const SuiteCase*> cases;
  for (const auto& c : suite_->cases) {
    if (c.trust) cases[c.id] = &c;
  }
  ASSERT_EQ(cases.size(), 4u);
  for (const char* id : {kAuthentication, kRollback, kSuperseded, kPivot}) {
    ASSERT_TRUE(cases.contains(id)) << id;
    const SuiteCase& c = *cases.at(id);
    EXPECT_EQ(c.question, Question::kQualification);
    EXPECT_EQ(c.expected.qualification, "AdESig") << id;
    EXPECT_TRUE(c.requirement.clause.starts_with("TS 119 612")) << c.requirement.clause;
    EXPECT_FALSE(c.requirement.text.empty());
    EXPECT_FALSE(c.trust->setup.empty());
  }
  // The rollback and the superseded version are the same two states in opposite orders.
  ASSERT_EQ(cases.at(kRollback)->trust->mirrors.size(), 2u);
  EXPECT_EQ(cases.at(kRollback)->trust->mirrors[0], cases.at(kSuperseded)->trust->mirrors[1]);
  EXPECT_EQ(cases.at(kRollback)->trust->mirrors[1], cases.at(kSuperseded)->trust->mirrors[0]);
}

TEST_F(ListStateCases, AssayAnswersThemRightAndKeepsTheListStateAsEvidence) {
  auto target = make_target("assay", *suite_, {});
  ASSERT_TRUE(target) << target.error().message();
  const CampaignResult r = run_campaign(*suite_, **target, {}, {});
  EXPECT_TRUE(r.no_findings()) << explain(r);
  const auto f = by_id(r);
  // Sequence 7 stays in force after the rollback, and replaces sequence 6 when it comes later.
  for (const char* id : {kRollback, kSuperseded}) {
    const auto& evidence = f.at(id)->observed.evidence;
    ASSERT_EQ(evidence.size(), 2u) << id;
    EXPECT_EQ(evidence[1].name, std::string("evidence/") + id + "/trust-state.txt");
    EXPECT_NE(evidence[1].bytes.find("XA #7 "), std::string::npos) << evidence[1].bytes;
    EXPECT_EQ(evidence[1].bytes.find("XA #6 "), std::string::npos) << evidence[1].bytes;
  }
  // The list that fails authentication is not in force at all.
  const auto& broken = f.at(kAuthentication)->observed.evidence.at(1).bytes;
  EXPECT_EQ(broken.find("XA #"), std::string::npos) << broken;
  EXPECT_NE(broken.find("XB #3 "), std::string::npos) << broken;
  const auto& pivot = f.at(kPivot)->observed.evidence.at(1).bytes;
  EXPECT_EQ(pivot.find("XD #"), std::string::npos) << pivot;
}

TEST_F(ListStateCases, EachFaultIsAMajorNonConformityOnExactlyItsCase) {
  std::string why;
  ListFaults ignore_authentication;
  ignore_authentication.ignore_authentication = true;
  EXPECT_EQ(non_conforming(ignore_authentication, &why), std::set<std::string>{kAuthentication}) << why;
  ListFaults accept_rollback;
  accept_rollback.accept_rollback = true;
  EXPECT_EQ(non_conforming(accept_rollback, &why), std::set<std::string>{kRollback}) << why;
  ListFaults keep_superseded;
  keep_superseded.keep_superseded = true;
  EXPECT_EQ(non_conforming(keep_superseded, &why), std::set<std::string>{kSuperseded}) << why;
  ListFaults follow_pivot;
  follow_pivot.follow_pivot_pointers = true;
  EXPECT_EQ(non_conforming(follow_pivot, &why), std::set<std::string>{kPivot}) << why;
  // Several faults at once add up.
  ListFaults careless = ignore_authentication;
  careless.accept_rollback = true;
  careless.follow_pivot_pointers = true;
  EXPECT_EQ(non_conforming(careless, &why), (std::set<std::string>{kAuthentication, kRollback, kPivot})) << why;
  // No fault: no finding (the double itself is sound).
  EXPECT_TRUE(non_conforming({}, &why).empty()) << why;
}

TEST_F(ListStateCases, AnHttpTargetIsNotAskedAndTheCaseIsNotAssessedNamingTheTrustSetup) {
  // Nothing listens on port 1: were a list-state case asked, it would be a connection error.
  auto target = make_target("dss:http://127.0.0.1:1/services/rest", *suite_, {});
  ASSERT_TRUE(target) << target.error().message();
  for (const auto& c : suite_->cases) {
    if (!c.trust) continue;
    const Observation o = (*target)->ask(*suite_, c);
    EXPECT_EQ(o.status, Observation::Status::kNotAsked) << c.id;
    EXPECT_TRUE(o.detail.starts_with("requires trust setup: " + c.trust->setup)) << o.detail;
    EXPECT_TRUE(o.evidence.empty()) << c.id;
    const AuditFinding f = classify(c, o);
    EXPECT_EQ(f.classification, Classification::kNotAssessed) << c.id;
    EXPECT_EQ(f.rule, "not-asked");
  }
}

}  // namespace
}  // namespace assay::service::audit
