// Timelines, histories and diffs on real lists (../shared/corpus). Every expected count below was
// computed independently with xmllint over local names while writing the test; the commands are
// next to the numbers. Helper used for services (one line per TSPService):
//
//   svc.sh FILE:  for i in 1..count(//*[local-name()='TSPService']):
//     S="(//*[local-name()='TSPService'])[$i]"
//     tsp   = string($S/../../*[local-name()='TSPInformation']/*[local-name()='TSPName']/*[local-name()='Name'][@xml:lang='en'])
//     type  = string($S/*[local-name()='ServiceInformation']/*[local-name()='ServiceTypeIdentifier'])
//     cert  = string(($S/*[local-name()='ServiceInformation']/*[local-name()='ServiceDigitalIdentity']
//                       /*[local-name()='DigitalId']/*[local-name()='X509Certificate'])[1])   (blanks removed)
//     status= string($S/*[local-name()='ServiceInformation']/*[local-name()='ServiceStatus'])
//     echo "$tsp|$type|$cert|$status"
//   added   = comm -13 <(cut -d'|' -f1-3 OLD.svc | sort) <(cut -d'|' -f1-3 NEW.svc | sort) | wc -l
//   removed = comm -23 (same)
//   status changes = join on "tsp|type|cert#occurrence" of both files, count lines whose status differs:
//     ord() { awk -F'|' '{k=$1"|"$2"|"$3; n[k]++; print k"#"n[k]"\t"$4}' $1.svc | sort -t$'\t' -k1,1; }
//     join -t$'\t' <(ord OLD) <(ord NEW) | awk -F'\t' '$2!=$3' | wc -l
//   TSPs: tsps() { xmllint --xpath "//*[local-name()='TSPInformation']/*[local-name()='TSPName']
//                    /*[local-name()='Name'][@xml:lang='en']/text()" $1 | sort -u; }
//         added = comm -13 <(tsps OLD) <(tsps NEW) | wc -l, removed = comm -23 ...
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include "engine/file.h"
#include "tests/support/corpus.h"
#include "tsl/list_diff.h"
#include "tsl/list_history.h"
#include "tsl/parser.h"
#include "tsl/timeline_findings.h"
#include "tsl/trust_snapshot.h"

namespace assay::tsl {
namespace {

namespace fs = std::filesystem;
using ::testing::SizeIs;

std::shared_ptr<const ListTimelines> timelines(const std::string& relative) {
  auto loaded = load_versions_from_files({testing::shared_dir() / "corpus" / relative});
  EXPECT_TRUE(loaded.has_value()) << relative;
  return build_timelines(loaded->front().list);
}

ListDiff diff(const std::string& older, const std::string& newer) {
  return diff_lists(*timelines("tl-history/" + older + ".xml"), *timelines("tl-history/" + newer + ".xml"));
}

TEST(TimelineCorpus, DiffCzech172To181) {
  ASSAY_REQUIRE_SHARED();
  const auto d = diff("CZ-seq172", "CZ-seq181");
  EXPECT_THAT(d.services_added, SizeIs(32));    // svc.sh: added = 32 (515 -> 547 services)
  EXPECT_THAT(d.services_removed, SizeIs(0));   // svc.sh: removed = 0
  EXPECT_THAT(d.status_changes, SizeIs(0));     // svc.sh join: 0
  EXPECT_THAT(d.tsps_added, SizeIs(0));         // tsps: 0
  EXPECT_THAT(d.tsps_removed, SizeIs(0));       // tsps: 0
  EXPECT_EQ(d.older.sequence, 172u);
  EXPECT_EQ(d.newer.sequence, 181u);
}

TEST(TimelineCorpus, DiffBelgium67To81) {
  ASSAY_REQUIRE_SHARED();
  const auto d = diff("BE-seq67", "BE-seq81");
  // svc.sh: added = 36, removed = 2 by key; the 2 removed are the services of "CONNECTIVE",
  // listed again under "Nitro Software Belgium" with the same type and certificate
  //   grep CONNECTIVE BE-seq67.svc | wc -l  -> 2;  grep '^Nitro' BE-seq81.svc -> same certificates
  // which the diff matches as a provider rename: 36 - 2 = 34 added, 0 removed, 2 tsp renames.
  EXPECT_THAT(d.services_added, SizeIs(34));
  EXPECT_THAT(d.services_removed, SizeIs(0));
  // svc.sh join: 22 status changes by key, + 1 in the renamed provider (Connective Validation
  // Service, granted -> withdrawn) = 23.
  EXPECT_THAT(d.status_changes, SizeIs(23));
  EXPECT_EQ(std::count_if(d.name_changes.begin(), d.name_changes.end(), [](const NameChange& c) { return c.what == "tsp"; }), 2);
  EXPECT_THAT(d.tsps_added, SizeIs(2));    // tsps: 2 (Banqup SA, Nitro Software Belgium)
  EXPECT_THAT(d.tsps_removed, SizeIs(1));  // tsps: 1 (CONNECTIVE)
  // v5 -> v6 list: TSLVersionIdentifier changed.
  ASSERT_FALSE(d.scheme_changes.empty());
  EXPECT_EQ(d.scheme_changes[0].field, "version");
  EXPECT_EQ(d.scheme_changes[0].to, "6");
}

TEST(TimelineCorpus, DiffAustriaSwedenFinland) {
  ASSAY_REQUIRE_SHARED();
  const auto at = diff("AT-seq64", "AT-seq72");
  EXPECT_THAT(at.services_added, SizeIs(10));   // svc.sh: added = 10 (81 -> 91)
  EXPECT_THAT(at.services_removed, SizeIs(0));  // svc.sh: removed = 0
  EXPECT_THAT(at.status_changes, SizeIs(0));    // svc.sh join: 0
  EXPECT_THAT(at.tsps_added, SizeIs(1));        // tsps: 1
  const auto se = diff("SE-seq49", "SE-seq62");
  EXPECT_THAT(se.services_added, SizeIs(11));   // svc.sh: added = 11 (7 -> 18)
  EXPECT_THAT(se.services_removed, SizeIs(0));
  EXPECT_THAT(se.tsps_added, SizeIs(2));        // tsps: 2
  const auto fi = diff("FI-seq45", "FI-seq54");
  EXPECT_THAT(fi.services_added, SizeIs(0));    // svc.sh: added = 0, removed = 0
  EXPECT_THAT(fi.services_removed, SizeIs(0));
  EXPECT_THAT(fi.status_changes, SizeIs(5));    // svc.sh join: 5
}

TEST(TimelineCorpus, DiffLotl375To386) {
  ASSAY_REQUIRE_SHARED();
  const auto d = diff_lists(*timelines("lotl-history/eu-lotl-375.xml"), *timelines("lotl-history/eu-lotl-386.xml"));
  std::map<PointerChange::Kind, int> kinds;
  for (const auto& p : d.pointer_changes) ++kinds[p.kind];
  // loc() { xmllint --xpath "//*[local-name()='OtherTSLPointer']/*[local-name()='TSLLocation']/text()" $1 | sort; }
  // comm -13 <(loc 375) <(loc 386) | wc -l -> 19; comm -23 ... -> 19
  EXPECT_EQ(kinds[PointerChange::Kind::kAdded], 19);
  EXPECT_EQ(kinds[PointerChange::Kind::kRemoved], 19);
  // for loc in $(comm -12 ...): compare
  //   xmllint --xpath "//*[local-name()='OtherTSLPointer'][*[local-name()='TSLLocation']='$loc']
  //     //*[local-name()='X509Certificate']/text()" FILE | tr -d ' \r\t' | sort | md5sum
  // between the two files -> 13 locations differ.
  EXPECT_EQ(kinds[PointerChange::Kind::kSignersChanged], 13);
  ASSERT_THAT(d.scheme_changes, SizeIs(5));
  EXPECT_EQ(d.scheme_changes[1].field, "sequence");
  EXPECT_EQ(d.scheme_changes[4].field, "scheme_information_uris");  // the 2026 OJ reference and pivots
}

// A status change seen in a diff is also in the newer version's timeline, and the history across
// all versions answers with the version in force.
TEST(TimelineCorpus, TimelinesOfServicesWhoseStatusChanged) {
  ASSAY_REQUIRE_SHARED();
  std::vector<fs::path> files;
  for (const char* seq : {"45", "47", "49", "51", "53", "54"}) {
    files.push_back(testing::shared_dir() / "corpus/tl-history" / (std::string("FI-seq") + seq + ".xml"));
  }
  auto loaded = load_versions_from_files(files, "FI");
  ASSERT_TRUE(loaded.has_value());
  const auto history = ListHistory::build(std::move(*loaded));
  ASSERT_THAT(history.versions(), SizeIs(6));
  EXPECT_THAT(history.findings(), ::testing::IsEmpty());
  for (std::size_t i = 1; i < history.versions().size(); ++i) {
    EXPECT_GT(history.versions()[i].list().scheme.sequence_number, history.versions()[i - 1].list().scheme.sequence_number);
    EXPECT_EQ(history.versions()[i - 1].to, history.versions()[i].from);
  }
  const auto& oldest = history.versions().front();
  const auto& newest = history.versions().back();
  const auto d = diff_lists(*oldest.timelines, *newest.timelines);
  ASSERT_THAT(d.status_changes, SizeIs(5));
  for (const auto& c : d.status_changes) {
    const auto* t = newest.timelines->find(c.service.id);
    ASSERT_NE(t, nullptr);
    ASSERT_TRUE(c.since.has_value());
    ASSERT_NE(t->at(*c.since), nullptr);
    EXPECT_EQ(t->at(*c.since)->state->status, c.to) << c.service.name;
    const auto* before = t->at(*c.since - std::chrono::seconds(1));
    ASSERT_NE(before, nullptr) << c.service.name;
    EXPECT_EQ(before->state->status, c.from) << c.service.name;  // the newer list keeps the old status as history
    EXPECT_EQ(before->end, c.since);
    // What did the FI list say at the change? The version in force then, not the newest.
    const auto said = history.service_at(c.service.id, *c.since);
    ASSERT_NE(said.version, nullptr);
    EXPECT_LE(said.version->from, *c.since);
    if (said.state != nullptr && said.version != &newest) {
      // Lists announce changes after the fact: the version in force may still say c.from.
      EXPECT_TRUE(said.state->state->status == c.from || said.state->state->status == c.to);
    }
  }
}

TEST(TimelineCorpus, WholeEu2026SetBuildsWithOnlyRealFindings) {
  ASSAY_REQUIRE_SHARED();
  SnapshotInput input;
  input.trust_time = *engine::parse_utc_time("2026-08-21T00:00:00Z");
  std::size_t services = 0;
  for (const auto& entry : fs::directory_iterator(testing::shared_dir() / "corpus/eu-2026-08")) {
    if (entry.path().extension() != ".xml" || entry.path().filename() == "eu-lotl.xml") continue;
    auto loaded = load_versions_from_files({entry.path()});
    ASSERT_TRUE(loaded.has_value()) << entry.path();
    services += loaded->front().list->service_count();
    input.lists.push_back({entry.path().string(), loaded->front().list, "authenticated", {}});
  }
  ASSERT_THAT(input.lists, SizeIs(29));
  const auto snapshot = TrustSnapshot::build(std::move(input));
  EXPECT_EQ(snapshot->services().size(), services);
  EXPECT_EQ(services, 3918u);  // corpus README / facts-2026.tsv: 3,918 TSPService elements (the LOTL has none)
  // Real findings only, all confirmed independently:
  // - zero_length_state: a history instance starting when the newer state starts. Per list
  //   (xmllint over each XX.xml):
  //   count(//*[local-name()='ServiceHistoryInstance'][*[local-name()='StatusStartingTime'] =
  //     preceding-sibling::*[local-name()='ServiceHistoryInstance'][1]/*[local-name()='StatusStartingTime'] or
  //     (not(preceding-sibling::*[local-name()='ServiceHistoryInstance']) and *[local-name()='StatusStartingTime'] =
  //     ../../*[local-name()='ServiceInformation']/*[local-name()='StatusStartingTime'])])
  //   -> BE=1 BG=2 EE=9 FI=2 FR=21 IE=2 IT=1 LV=1 NL=30 PL=3 PT=14 RO=7 UK=1, total 94.
  // - duplicate_service_id: one provider lists the same type and first identity twice (the
  //   parser's tsl.service.duplicate, which compares every id, agrees for BE 23, BG 1, PT 1,
  //   RO 6, UK 1; IE has two services sharing type and first certificate but differing in other
  //   ids). No out-of-order history and no unparsable start in the 2026 set.
  std::map<std::string, int> by_id;
  for (const auto& f : snapshot->findings()) ++by_id[f.id];
  EXPECT_EQ(by_id, (std::map<std::string, int>{{finding::kTimelineDuplicateServiceId, 33},
                                               {finding::kTimelineZeroLengthState, 94}}));
  std::map<std::string, int> zero_by_territory;
  for (std::uint32_t i = 0; i < snapshot->lists().size(); ++i) {
    for (const auto& f : snapshot->lists()[i].timelines->findings) {
      if (f.id == finding::kTimelineZeroLengthState) ++zero_by_territory[snapshot->lists()[i].list().scheme.territory];
    }
  }
  EXPECT_EQ(zero_by_territory, (std::map<std::string, int>{{"BE", 1}, {"BG", 2}, {"EE", 9}, {"FI", 2}, {"FR", 21},
                                                           {"IE", 2}, {"IT", 1}, {"LV", 1}, {"NL", 30}, {"PL", 3},
                                                           {"PT", 14}, {"RO", 7}, {"UK", 1}}));
}

}  // namespace
}  // namespace assay::tsl
