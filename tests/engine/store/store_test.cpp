// Store: blobs, catalogue round trips, in-force bookkeeping, check() and gc().
#include "engine/store/store.h"

#include <gtest/gtest.h>

#include <fstream>

#include "engine/digest.h"
#include "tests/engine/store/store_test_util.h"

namespace assay::engine::store {
namespace {

using testutil::at;
namespace fs = std::filesystem;

class StoreTest : public testutil::StoreDirTest {};

VersionRecord version(const std::string& url, const std::string& sha, const char* recorded, std::int64_t seq) {
  VersionRecord v;
  v.url = url;
  v.territory = "AT";
  v.kind = "tl";
  v.sequence = seq;
  v.issued = at("2026-01-01T00:00:00Z");
  v.next_update = at("2026-07-01T00:00:00Z");
  v.sha256 = sha;
  v.auth_status = "authenticated";
  v.findings_json = R"([{"id":"x"}])";
  v.trust_time = at("2026-02-01T00:00:00Z");
  v.recorded_at = at(recorded);
  return v;
}

TEST_F(StoreTest, BlobsAreContentAddressedAndIdempotent) {
  auto store = Store::open(dir_);
  ASSERT_TRUE(store.has_value()) << store.error().message();
  auto a = (*store)->put_blob("<list/>", at("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(a.has_value()) << a.error().message();
  EXPECT_EQ(*a, sha256_hex("<list/>"));
  EXPECT_TRUE(fs::is_regular_file(dir_ / "blobs" / a->substr(0, 2) / *a));
  auto again = (*store)->put_blob("<list/>", at("2026-04-01T00:00:00Z"));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, *a);
  EXPECT_EQ(*(*store)->get_blob(*a), "<list/>");
  auto missing = (*store)->get_blob(sha256_hex("never stored"));
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), Code::kNotFound);
  EXPECT_EQ((*store)->get_blob("../../etc/passwd").error().code(), Code::kInvalidArgument);
  // The empty document is a valid blob too.
  auto empty = (*store)->put_blob("", at("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(*(*store)->get_blob(*empty), "");
}

TEST_F(StoreTest, RecordsRoundTripAndSurviveReopen) {
  std::string sha;
  std::int64_t run_id = 0;
  {
    auto store = Store::open(dir_);
    ASSERT_TRUE(store.has_value()) << store.error().message();
    Store& s = **store;
    sha = *s.put_blob("<v1/>", at("2026-03-01T00:00:00Z"));
    FetchRecord f;
    f.url = "https://example.eu/AT.xml";
    f.time = at("2026-03-01T00:00:00Z");
    f.http_status = 200;
    f.etag = "\"e1\"";
    f.size = 5;
    f.sha256 = sha;
    f.duration_ms = 42;
    ASSERT_TRUE(s.record_fetch(f).has_value());
    FetchRecord failed;
    failed.url = f.url;
    failed.time = at("2026-03-02T00:00:00Z");
    failed.error = "HTTP 503 after 3 attempts";
    ASSERT_TRUE(s.record_fetch(failed).has_value());
    ASSERT_TRUE(s.record_version(version(f.url, sha, "2026-03-01T00:00:01Z", 7)).has_value());
    auto run = s.begin_run(at("2026-03-01T00:00:00Z"), at("2026-03-01T00:00:00Z"));
    ASSERT_TRUE(run.has_value());
    run_id = *run;
    PivotStepRecord p;
    p.run_id = run_id;
    p.position = 0;
    p.url = "https://example.eu/pivot-1.xml";
    p.sequence = 300;
    p.verdict = "trusted";
    ASSERT_TRUE(s.record_pivot_step(p).has_value());
    EXPECT_EQ(s.record_pivot_step(p).error().code(), Code::kInvalidArgument);  // same (run, position)
    ASSERT_TRUE(s.finish_run(run_id, at("2026-03-01T00:01:00Z"), R"({"ok":1})").has_value());
    EXPECT_EQ(s.finish_run(run_id + 100, at("2026-03-01T00:01:00Z"), "{}").error().code(), Code::kNotFound);
    ASSERT_TRUE(s.set_in_force({{f.url, sha, at("2026-03-01T00:00:01Z"), std::nullopt, "authenticated"}}).has_value());
  }
  auto store = Store::open(dir_);  // reopen after close
  ASSERT_TRUE(store.has_value()) << store.error().message();
  Store& s = **store;
  auto versions = s.versions_for(VersionKey::kUrl, "https://example.eu/AT.xml");
  ASSERT_TRUE(versions.has_value());
  ASSERT_EQ(versions->size(), 1u);
  const VersionRecord& v = versions->front();
  EXPECT_EQ(v.sha256, sha);
  EXPECT_EQ(v.sequence, 7);
  EXPECT_EQ(v.issued, at("2026-01-01T00:00:00Z"));
  EXPECT_EQ(v.next_update, at("2026-07-01T00:00:00Z"));
  EXPECT_EQ(v.trust_time, at("2026-02-01T00:00:00Z"));
  EXPECT_EQ(v.findings_json, R"([{"id":"x"}])");
  EXPECT_EQ(s.versions_for(VersionKey::kTerritory, "AT")->size(), 1u);
  EXPECT_TRUE(s.versions_for(VersionKey::kTerritory, "BE")->empty());
  auto fetches = s.fetches_for("https://example.eu/AT.xml");
  ASSERT_EQ(fetches->size(), 2u);
  EXPECT_EQ(fetches->front().error, "HTTP 503 after 3 attempts");  // newest first
  EXPECT_EQ(fetches->back().etag, "\"e1\"");
  EXPECT_EQ(fetches->back().duration_ms, 42);
  auto force = s.in_force("https://example.eu/AT.xml");
  ASSERT_TRUE(force.has_value() && force->has_value());
  EXPECT_EQ((*force)->sha256, sha);
  EXPECT_EQ((*force)->reason, "authenticated");
  EXPECT_FALSE((*s.in_force("https://example.eu/BE.xml")).has_value());
  auto run = s.run(run_id);
  ASSERT_TRUE(run.has_value() && run->has_value());
  EXPECT_EQ((*run)->finished, at("2026-03-01T00:01:00Z"));
  EXPECT_EQ((*run)->summary_json, R"({"ok":1})");
  EXPECT_TRUE(s.check()->empty());
}

TEST_F(StoreTest, InForceIsTransactionalAndNeedsStoredBlobs) {
  auto store = Store::open(dir_);
  ASSERT_TRUE(store.has_value());
  Store& s = **store;
  const std::string a = *s.put_blob("<a/>", at("2026-03-01T00:00:00Z"));
  const std::string b = *s.put_blob("<b/>", at("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(s.set_in_force({{"u1", a, at("2026-03-01T00:00:00Z"), std::nullopt, "first"}}).has_value());
  // The second entry refers to an unstored blob: nothing of the batch is applied.
  auto bad = s.set_in_force({{"u1", b, at("2026-03-02T00:00:00Z"), std::nullopt, "second"},
                             {"u2", sha256_hex("nope"), at("2026-03-02T00:00:00Z"), std::nullopt, "x"}});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), Code::kInvalidArgument);
  EXPECT_EQ((*s.in_force("u1"))->sha256, a);
  EXPECT_EQ(s.all_in_force()->size(), 1u);
  // Stale marking replaces the entry in place.
  ASSERT_TRUE(s.set_in_force({{"u1", a, at("2026-03-01T00:00:00Z"), at("2026-03-05T00:00:00Z"), "unreachable"}}).has_value());
  EXPECT_EQ((*s.in_force("u1"))->stale_since, at("2026-03-05T00:00:00Z"));
  EXPECT_EQ(s.record_version(version("u1", sha256_hex("nope"), "2026-03-01T00:00:00Z", 1)).error().code(),
            Code::kInvalidArgument);
}

TEST_F(StoreTest, CheckFindsTamperedAndMissingBlobs) {
  auto store = Store::open(dir_);
  ASSERT_TRUE(store.has_value());
  Store& s = **store;
  const std::string a = *s.put_blob("<a/>", at("2026-03-01T00:00:00Z"));
  const std::string b = *s.put_blob("<b/>", at("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(s.record_version(version("u", b, "2026-03-01T00:00:00Z", 1)).has_value());
  ASSERT_TRUE(s.check()->empty());
  std::ofstream(dir_ / "blobs" / a.substr(0, 2) / a, std::ios::trunc) << "<tampered/>";
  fs::remove(dir_ / "blobs" / b.substr(0, 2) / b);
  const auto problems = *s.check();
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0], "blob " + a + " is corrupt: its bytes hash to " + sha256_hex("<tampered/>"));
  EXPECT_EQ(problems[1], "document refers to missing blob " + b);
  EXPECT_EQ(problems[2], "version refers to missing blob " + b);
}

TEST_F(StoreTest, GcKeepsNewestAndInForceAndPrunesTheRest) {
  auto store = Store::open(dir_);
  ASSERT_TRUE(store.has_value());
  Store& s = **store;
  std::vector<std::string> shas;
  for (int i = 0; i < 5; ++i) {
    shas.push_back(*s.put_blob("<v" + std::to_string(i) + "/>", at("2026-03-01T00:00:00Z")));
    const std::string when = "2026-03-0" + std::to_string(i + 1) + "T00:00:00Z";
    ASSERT_TRUE(s.record_version(version("u", shas.back(), when.c_str(), i)).has_value());
    FetchRecord f;
    f.url = "u";
    f.time = at(when.c_str());
    f.sha256 = shas.back();
    ASSERT_TRUE(s.record_fetch(f).has_value());
  }
  const std::string orphan = *s.put_blob("<html>error page</html>", at("2026-03-01T00:00:00Z"));
  // The oldest version is in force (newer ones failed authentication, say).
  ASSERT_TRUE(s.set_in_force({{"u", shas[0], at("2026-03-01T00:00:00Z"), std::nullopt, "only good one"}}).has_value());
  auto report = s.gc(2);
  ASSERT_TRUE(report.has_value()) << report.error().message();
  EXPECT_EQ(report->versions_removed, 2u);  // v1, v2
  EXPECT_EQ(report->blobs_removed, 3u);     // v1, v2, orphan
  const auto kept = *s.versions_for(VersionKey::kUrl, "u");
  ASSERT_EQ(kept.size(), 3u);
  EXPECT_EQ(kept[0].sha256, shas[4]);
  EXPECT_EQ(kept[1].sha256, shas[3]);
  EXPECT_EQ(kept[2].sha256, shas[0]);  // in force: never pruned
  EXPECT_TRUE(s.has_blob(shas[0]));
  EXPECT_FALSE(s.has_blob(shas[1]));
  EXPECT_FALSE(s.has_blob(orphan));
  const auto fetches = *s.fetches_for("u");
  int pruned = 0;
  for (const auto& f : fetches) pruned += f.body_pruned ? 1 : 0;
  EXPECT_EQ(pruned, 2);
  EXPECT_TRUE(s.check()->empty());
  // Even keep 0 keeps what is in force.
  ASSERT_TRUE(s.gc(0).has_value());
  EXPECT_EQ(s.versions_for(VersionKey::kUrl, "u")->size(), 1u);
  EXPECT_TRUE(s.has_blob(shas[0]));
  EXPECT_TRUE(s.check()->empty());
}

TEST_F(StoreTest, OpenFailsClearly) {
  auto first = Store::open(dir_);
  ASSERT_TRUE(first.has_value());
  auto second = Store::open(dir_);
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code(), Code::kUnavailable);
  EXPECT_NE(second.error().message().find("is locked"), std::string::npos) << second.error().message();
  first->reset();

  // A file where the directory should be: cannot create.
  fs::create_directories(dir_);
  std::ofstream(dir_ / "plain-file") << "x";
  auto unwritable = Store::open(dir_ / "plain-file" / "store");
  ASSERT_FALSE(unwritable.has_value());
  EXPECT_EQ(unwritable.error().code(), Code::kUnavailable);

  // A catalogue that is not a database.
  const auto corrupt_dir = dir_ / "corrupt";
  fs::create_directories(corrupt_dir);
  std::ofstream(corrupt_dir / "catalogue.sqlite") << std::string(8192, 'Z');
  auto corrupt = Store::open(corrupt_dir);
  ASSERT_FALSE(corrupt.has_value());
  EXPECT_EQ(corrupt.error().code(), Code::kMalformed);
  EXPECT_NE(corrupt.error().message().find("not a database"), std::string::npos) << corrupt.error().message();
}

}  // namespace
}  // namespace assay::engine::store

namespace assay::engine::store {
namespace {

// Conditional GET takes its validators from the NEWEST fetch that stored the version in force.
TEST_F(StoreTest, LatestFetchOfABodyIsTheNewestOneWithThatBody) {
  auto store = Store::open(dir_);
  ASSERT_TRUE(store.has_value()) << store.error().message();
  Store& s = **store;
  const std::string v1 = *s.put_blob("<v1/>", at("2026-03-01T00:00:00Z"));
  const std::string v2 = *s.put_blob("<v2/>", at("2026-03-03T00:00:00Z"));
  auto fetch = [&](const char* time, const std::string& sha, const char* etag) {
    FetchRecord f;
    f.url = "https://example.eu/AT.xml";
    f.time = at(time);
    f.http_status = 200;
    f.sha256 = sha;
    f.etag = etag;
    return f;
  };
  FetchRecord rejected = fetch("2026-03-04T00:00:00Z", v1, "\"rejected\"");
  rejected.error = "served as application/pdf, not a trusted list";
  ASSERT_TRUE(s.record_fetches({fetch("2026-03-01T00:00:00Z", v1, "\"old\""), fetch("2026-03-02T00:00:00Z", v1, "\"new\""),
                                fetch("2026-03-03T00:00:00Z", v2, "\"other\""), rejected})
                  .has_value());
  auto latest = s.latest_fetch_of("https://example.eu/AT.xml", v1);
  ASSERT_TRUE(latest.has_value() && latest->has_value());
  EXPECT_EQ((*latest)->etag, "\"new\"");
  auto none = s.latest_fetch_of("https://example.eu/AT.xml", std::string(64, '0'));
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->has_value());
  EXPECT_EQ(s.fetches_for("https://example.eu/AT.xml")->size(), 4u);
}

}  // namespace
}  // namespace assay::engine::store
