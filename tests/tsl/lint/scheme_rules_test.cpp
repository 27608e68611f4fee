// Scheme rules: each test breaks exactly one rule of a conformant fixture list and expects
// exactly that finding id among the errors (or the named warning / note).
#include "tests/tsl/lint/lint_test_support.h"
#include "tests/tsl/support/finding_matchers.h"
#include "tsl/finding_ids.h"

namespace assay::testing {
namespace {

namespace id = tsl::lint::id;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(LintScheme, CleanFixtureHasNoFindingAtAll) {
  const auto l = lint_xml(xml_of(clean_fixture()));
  EXPECT_THAT(ids(l), IsEmpty());
  EXPECT_FALSE(l.has_errors());
}

TEST(LintScheme, WrongTslTag) {
  auto f = clean_fixture();
  f.extra_root_attributes = R"( TSLTag="http://uri.etsi.org/02231/TSLTag")";
  const auto l = lint_xml(xml_of(f));
  EXPECT_THAT(error_ids(l), ElementsAre(id::kBadTslTag));
  EXPECT_EQ(find(l, id::kBadTslTag)->value, "http://uri.etsi.org/02231/TSLTag");
  EXPECT_EQ(find(l, id::kBadTslTag)->rule, "TS 119 612 5.2.1");
}

TEST(LintScheme, Version5IssuedAfterTheV6Deadline) {
  auto f = clean_fixture();
  f.version = "5";
  f.issued = "2026-04-28T22:00:00Z";
  f.next_update = "<dateTime>2026-10-01T00:00:00Z</dateTime>";
  const auto l = lint_xml(xml_of(f), at("2026-06-01T00:00:00Z"));
  EXPECT_THAT(error_ids(l), ElementsAre(id::kV5IssuedAfterDeadline));
  EXPECT_EQ(find(l, id::kV5IssuedAfterDeadline)->path, "/TrustServiceStatusList/SchemeInformation/TSLVersionIdentifier");
}

TEST(LintScheme, Version5StillInForceAfterTheDeadlineIsAWarning) {
  auto f = clean_fixture();
  f.version = "5";
  const auto before = lint_xml(xml_of(f), at("2026-04-28T21:59:59Z"));
  EXPECT_THAT(ids(before), IsEmpty());
  const auto after = lint_xml(xml_of(f), at("2026-04-28T22:00:00Z"));
  EXPECT_THAT(ids(after), ElementsAre(id::kV5InForceAfterDeadline));
  EXPECT_EQ(find(after, id::kV5InForceAfterDeadline)->severity, engine::Severity::kWarning);
}

TEST(LintScheme, SequenceNumberZero) {
  auto f = clean_fixture();
  f.sequence = "0";
  EXPECT_THAT(error_ids(lint_xml(xml_of(f))), ElementsAre(id::kBadSequenceNumber));
}

TEST(LintScheme, UnparsableSequenceNumberIsOnlyTheParserFinding) {
  auto f = clean_fixture();
  f.sequence = "seven";
  EXPECT_THAT(error_ids(lint_xml(xml_of(f))), ElementsAre(tsl::finding::kBadNumber));
}

TEST(LintScheme, NationalListWithAnotherTslType) {
  auto f = clean_fixture();
  f.type = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/CClist";
  EXPECT_THAT(error_ids(lint_xml(xml_of(f))), ElementsAre(id::kBadTslType));
}

TEST(LintScheme, OperatorNameWithoutEnglish) {
  const auto l = lint_xml(xml_of(clean_fixture(), R"(<Name xml:lang="en">Sample operator</Name>)",
                                 R"(<Name xml:lang="de">Beispiel</Name>)"));
  EXPECT_THAT(error_ids(l), ElementsAre(id::kOperatorNameNoEnglish));
}

TEST(LintScheme, OperatorAddressWithoutElectronicAddress) {
  const auto l = lint_xml(xml_of(clean_fixture(),
                                 R"(<ElectronicAddress><URI xml:lang="en">mailto:tl@example.invalid</URI></ElectronicAddress>)", ""));
  EXPECT_THAT(error_ids(l), ElementsAre(id::kOperatorAddressIncomplete));
}

TEST(LintScheme, SchemeNameWithoutTerritoryPrefix) {
  const auto l = lint_xml(xml_of(clean_fixture(), "XA:Sample list", "Sample list"));
  EXPECT_THAT(error_ids(l), ElementsAre(id::kSchemeNameWithoutTerritory));
  EXPECT_EQ(find(l, id::kSchemeNameWithoutTerritory)->value, "Sample list");
}

TEST(LintScheme, WrongStatusDeterminationApproach) {
  const auto l = lint_xml(xml_of(clean_fixture(), "StatusDetn/EUappropriate", "StatusDetn/appropriate"));
  EXPECT_THAT(error_ids(l), ElementsAre(id::kBadStatusDetermination));
}

TEST(LintScheme, MissingTerritoryCommunityRules) {
  const auto l = lint_xml(xml_of(clean_fixture(), "schemerules/XA", "schemerules/XB"));
  EXPECT_THAT(error_ids(l), ElementsAre(id::kMissingCommunityRule));
  EXPECT_THAT(find(l, id::kMissingCommunityRule)->message, ::testing::HasSubstr("schemerules/XA"));
}

TEST(LintScheme, MissingEuCommonRules) {
  const auto l = lint_xml(xml_of(clean_fixture(), "schemerules/EUcommon", "schemerules/EUother"));
  EXPECT_THAT(error_ids(l), ElementsAre(id::kMissingCommunityRule));
}

TEST(LintScheme, HistoricalInformationPeriodNot65535) {
  const auto l = lint_xml(xml_of(clean_fixture(), "<HistoricalInformationPeriod>65535", "<HistoricalInformationPeriod>365"));
  EXPECT_THAT(error_ids(l), ElementsAre(id::kBadHistoricalPeriod));
  EXPECT_EQ(find(l, id::kBadHistoricalPeriod)->value, "365");
}

TEST(LintScheme, NationalListWithoutPointerToTheLotl) {
  auto f = clean_fixture();
  f.pointers.clear();
  EXPECT_THAT(error_ids(lint_xml(xml_of(f))), ElementsAre(id::kNoLotlPointer));
}

TEST(LintScheme, NextUpdateMoreThanSixMonthsAfterIssue) {
  auto f = clean_fixture();
  f.next_update = "<dateTime>2026-07-02T00:00:00Z</dateTime>";
  EXPECT_THAT(error_ids(lint_xml(xml_of(f))), ElementsAre(id::kNextUpdateTooFar));
  // The same calendar day is tolerated (local time across a DST change).
  f.next_update = "<dateTime>2026-07-01T23:00:00Z</dateTime>";
  EXPECT_THAT(error_ids(lint_xml(xml_of(f))), IsEmpty());
}

TEST(LintScheme, NextUpdatePassedAtTrustTime) {
  const auto l = lint_xml(xml_of(clean_fixture()), at("2026-07-01T00:00:01Z"));
  EXPECT_THAT(error_ids(l), ElementsAre(id::kNextUpdatePassed));
  EXPECT_EQ(find(l, id::kNextUpdatePassed)->value, "2026-07-01T00:00:00Z");
}

TEST(LintScheme, IssuedAfterTrustTime) {
  EXPECT_THAT(error_ids(lint_xml(xml_of(clean_fixture()), at("2025-12-31T00:00:00Z"))), ElementsAre(id::kIssuedInFuture));
}

TEST(LintScheme, ClosedListIsANote) {
  auto f = clean_fixture();
  f.next_update = "";
  EXPECT_THAT(ids(lint_xml(xml_of(f))), ElementsAre(id::kClosedList));
}

TEST(LintScheme, NoDistributionPoints) {
  const auto l = lint_xml(xml_of(clean_fixture(), "<DistributionPoints><URI>https://example.invalid/tl.xml</URI></DistributionPoints>", ""));
  EXPECT_THAT(error_ids(l), ElementsAre(id::kNoDistributionPoints));
}

TEST(LintScheme, BadLanguageTag) {
  const auto l = lint_xml(xml_of(clean_fixture(), R"(<Name xml:lang="fr">)", R"(<Name xml:lang="french">)"));
  EXPECT_THAT(error_ids(l), ElementsAre(id::kBadLanguageTag));
  EXPECT_EQ(find(l, id::kBadLanguageTag)->value, "french");
  EXPECT_THAT(error_ids(lint_xml(xml_of(clean_fixture(), R"(<Name xml:lang="fr">)", R"(<Name xml:lang="fr-BE">)"))),
              IsEmpty());
}

// Parser findings are part of the lint output, once, under the parser's id.
TEST(LintScheme, ParserFindingsAreReportedOnce) {
  auto f = clean_fixture();
  f.issued = "2026-01-01T00:00:00";
  const auto l = lint_xml(xml_of(f));
  EXPECT_THAT(ids(l), ElementsAre(tsl::finding::kDateWithoutZone));
  EXPECT_EQ(find(l, tsl::finding::kDateWithoutZone)->rule, "TS 119 612 5.1.5");

  f = clean_fixture();
  f.version = "4";
  EXPECT_THAT(error_ids(lint_xml(xml_of(f))), ElementsAre(tsl::finding::kUnsupportedVersion));
}

}  // namespace
}  // namespace assay::testing
