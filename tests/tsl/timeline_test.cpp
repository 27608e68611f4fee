// Timelines, snapshots, list histories and diffs on hand-written lists: half-open intervals,
// repair of out-of-order and duplicate history, lookups at boundaries, identity indexes, and one
// case per change kind of the diff.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/base64.h"
#include "engine/crypto/private_key.h"
#include "engine/x509/certificate_builder.h"
#include "tests/tsl/support/finding_matchers.h"
#include "tests/tsl/support/list_fixture.h"
#include "tsl/list_diff.h"
#include "tsl/list_history.h"
#include "tsl/parser.h"
#include "tsl/timeline.h"
#include "tsl/timeline_findings.h"
#include "tsl/trust_snapshot.h"

namespace assay::tsl {
namespace {

using testing::HasFinding;
using testing::ListFixture;
using testing::provider_xml;
using testing::service_xml;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

void expect_only_finding(const engine::Findings& findings, const char* id) {
  EXPECT_THAT(findings, HasFinding(id));
  EXPECT_THAT(findings, SizeIs(1));
}

UtcTime at(const char* text) { return *engine::parse_utc_time(text); }

std::string status_uri(const std::string& s) { return "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/" + s; }

std::string history_xml(const std::string& status, const std::string& start, const std::string& type = "CA/QC",
                        const std::string& identity = "<DigitalId><X509SKI>AQIDBA==</X509SKI></DigitalId>") {
  return "<ServiceHistoryInstance><ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/" + type +
         "</ServiceTypeIdentifier><ServiceName><Name xml:lang=\"en\">Sample " + type +
         "</Name></ServiceName><ServiceDigitalIdentity>" + identity + "</ServiceDigitalIdentity><ServiceStatus>" +
         status_uri(status) + "</ServiceStatus><StatusStartingTime>" + start + "</StatusStartingTime></ServiceHistoryInstance>";
}

std::shared_ptr<const TrustedList> parse(const ListFixture& f) {
  auto list = parse_trusted_list(f.xml());
  EXPECT_TRUE(list.has_value()) << (list ? "" : list.error().message());
  return *list;
}

std::shared_ptr<const ListTimelines> timelines_of(const std::string& services, const std::string& name = "Sample TSP") {
  ListFixture f;
  f.providers = provider_xml(name, services);
  return build_timelines(parse(f));
}

TEST(Timeline, CurrentAndHistoryMakeContiguousHalfOpenIntervals) {
  const auto lt = timelines_of(service_xml("CA/QC", "withdrawn", "2020-01-01T00:00:00Z", "",
                                           history_xml("granted", "2016-06-30T22:00:00Z") +
                                               history_xml("accredited", "2010-05-01T00:00:00Z")));
  ASSERT_THAT(lt->services, SizeIs(1));
  const auto& t = lt->services[0];
  EXPECT_THAT(lt->findings, IsEmpty());
  ASSERT_THAT(t.states, SizeIs(3));
  EXPECT_EQ(t.states[0].start, at("2010-05-01T00:00:00Z"));
  EXPECT_EQ(t.states[0].end, at("2016-06-30T22:00:00Z"));
  EXPECT_EQ(t.states[0].history_index, 1);
  EXPECT_EQ(t.states[1].end, at("2020-01-01T00:00:00Z"));
  EXPECT_EQ(t.states[2].history_index, -1);
  EXPECT_FALSE(t.states[2].end.has_value());
  EXPECT_EQ(t.states[2].state->status, status_uri("withdrawn"));
  EXPECT_EQ(t.version->territory, "XA");
  EXPECT_EQ(t.version->sequence, 7u);
  EXPECT_EQ(t.version->sha256, lt->list->sha256);
}

TEST(Timeline, LookupsAreHalfOpenAtEveryBoundary) {
  const auto lt = timelines_of(service_xml("CA/QC", "withdrawn", "2020-01-01T00:00:00Z", "",
                                           history_xml("granted", "2016-06-30T22:00:00Z")));
  const auto& t = lt->services[0];
  EXPECT_EQ(t.at(at("2016-06-30T21:59:59Z")), nullptr);  // before the first start: not listed
  ASSERT_NE(t.at(at("2016-06-30T22:00:00Z")), nullptr);
  EXPECT_EQ(t.at(at("2016-06-30T22:00:00Z"))->state->status, status_uri("granted"));
  EXPECT_EQ(t.at(at("2019-12-31T23:59:59Z"))->state->status, status_uri("granted"));
  EXPECT_EQ(t.at(at("2020-01-01T00:00:00Z"))->state->status, status_uri("withdrawn"));  // end excluded
  EXPECT_EQ(t.at(at("2099-01-01T00:00:00Z"))->state->status, status_uri("withdrawn"));  // open end
  EXPECT_TRUE(t.states[0].contains(at("2016-06-30T22:00:00Z")));
  EXPECT_FALSE(t.states[0].contains(at("2020-01-01T00:00:00Z")));
}

TEST(Timeline, OutOfOrderHistoryIsSortedAndReported) {
  // History listed oldest first (wrong): 2012 then 2016.
  const auto lt = timelines_of(service_xml("CA/QC", "withdrawn", "2020-01-01T00:00:00Z", "",
                                           history_xml("accredited", "2012-01-01T00:00:00Z") +
                                               history_xml("granted", "2016-06-30T22:00:00Z")));
  const auto& t = lt->services[0];
  expect_only_finding(lt->findings, finding::kTimelineRepairedOrder);
  ASSERT_THAT(t.states, SizeIs(3));
  EXPECT_EQ(t.states[0].history_index, 0);
  EXPECT_EQ(t.states[1].history_index, 1);
  EXPECT_EQ(t.states[0].end, at("2016-06-30T22:00:00Z"));
  EXPECT_EQ(t.at(at("2014-01-01T00:00:00Z"))->state->status, status_uri("accredited"));
}

TEST(Timeline, DuplicateStartKeepsTheDocumentEarlierStateAndDropsTheZeroLengthOne) {
  // A real-world quirk: the history repeats the current state's start.
  const auto lt = timelines_of(service_xml("CA/QC", "granted", "2016-06-30T22:00:00Z", "",
                                           history_xml("accredited", "2016-06-30T22:00:00Z") +
                                               history_xml("accredited", "2010-01-01T00:00:00Z")));
  const auto& t = lt->services[0];
  expect_only_finding(lt->findings, finding::kTimelineZeroLengthState);
  EXPECT_EQ(lt->findings[0].path,
            "/TrustServiceStatusList/TrustServiceProviderList/TrustServiceProvider[1]/TSPServices/TSPService[1]"
            "/ServiceHistory/ServiceHistoryInstance[1]");
  ASSERT_THAT(t.states, SizeIs(2));
  EXPECT_EQ(t.states[1].history_index, -1);
  EXPECT_EQ(t.at(at("2016-06-30T22:00:00Z"))->state->status, status_uri("granted"));
  EXPECT_EQ(t.at(at("2016-06-30T21:59:59Z"))->history_index, 1);
}

TEST(Timeline, StateWithoutParsableStartIsReportedAndSkipped) {
  const auto lt = timelines_of(service_xml("CA/QC", "granted", "2020-01-01T00:00:00Z", "",
                                           history_xml("accredited", "not a date")));
  expect_only_finding(lt->findings, finding::kTimelineMissingStart);
  EXPECT_THAT(lt->services[0].states, SizeIs(1));
}

TEST(Timeline, StableIdsDependOnTerritoryTspTypeAndIdentityOnly) {
  const auto a = timelines_of(service_xml("CA/QC", "granted", "2020-01-01T00:00:00Z"));
  const auto b = timelines_of(service_xml("CA/QC", "withdrawn", "2021-01-01T00:00:00Z"));
  const auto c = timelines_of(service_xml("CA/QC", "granted", "2020-01-01T00:00:00Z"), "Other TSP");
  const auto d = timelines_of(service_xml("TSA/QTST", "granted", "2020-01-01T00:00:00Z"));
  EXPECT_EQ(a->services[0].id, b->services[0].id);
  EXPECT_NE(a->services[0].id, c->services[0].id);
  EXPECT_NE(a->services[0].id, d->services[0].id);
  EXPECT_EQ(a->services[0].id.size(), 16u);
  EXPECT_EQ(a->services[0].id, stable_service_id("XA", "Sample TSP", "http://uri.etsi.org/TrstSvc/Svctype/CA/QC", "k:01020304"));
}

TEST(Timeline, DuplicateServicesGetSuffixedIds) {
  const auto s = service_xml("CA/QC", "granted", "2020-01-01T00:00:00Z");
  const auto lt = timelines_of(s + s);
  expect_only_finding(lt->findings, finding::kTimelineDuplicateServiceId);
  EXPECT_EQ(lt->services[1].id, lt->services[0].id + "-2");
}

}  // namespace
}  // namespace assay::tsl
