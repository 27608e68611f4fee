// A refresh of the real eu-2026-08 set served by a loopback server (one Refresher, one store in a
// temporary folder, short timeouts), shared by the refresh fault tests.
#pragma once

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/net/http_fetcher.h"
#include "engine/net/mirror_fetcher.h"
#include "engine/store/store.h"
#include "service/cli/trust_inputs.h"
#include "tests/support/corpus.h"
#include "tests/tsl/support/corpus_http_server.h"
#include "tsl/refresh.h"

namespace assay::tsl::testing {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

inline constexpr char kLotlUrl[] = "https://ec.europa.eu/tools/lotl/eu-lotl.xml";
inline constexpr char kAtUrl[] = "https://www.signatur.rtr.at/vertrauensliste.xml";
// Lists of eu-2026-08 that authenticate at the trust time (all pointed XML lists but HR, DE, LI).
inline constexpr std::size_t kListsInForce = 28;

inline engine::UtcTime trust_time() { return *engine::parse_utc_time("2026-08-21T00:00:00Z"); }

// Short, test-sized fetch settings: every fault ends within a few seconds.
inline engine::net::HttpFetcherOptions short_timeouts() {
  engine::net::HttpFetcherOptions o;
  o.max_concurrency = 8;
  o.connect_timeout = 1s;
  o.total_timeout = 3s;
  o.low_speed_limit = 1024;
  o.low_speed_time = 1s;
  o.max_attempts = 2;
  o.backoff_initial = 50ms;
  o.backoff_max = 200ms;
  o.retry_after_max = 1500ms;
  o.random_seed = 20260821;
  return o;
}
// The longest a refresh with one faulty document may take with short_timeouts(): two attempts of
// at most total_timeout plus backoff (or Retry-After), plus slack for the other (local) documents.
inline constexpr auto kFaultyRefreshBound = 9s;

// Forwards to a fetcher a test may swap between refreshes (e.g. a mirror map pointing one URL at
// a closed port), so one Refresher, and its cache, serves the whole test.
class SwitchFetcher final : public engine::net::Fetcher {
 public:
  engine::net::Fetcher* target = nullptr;
  void fetch(engine::net::FetchRequest r, engine::net::FetchCallback done) override {
    target->fetch(std::move(r), std::move(done));
  }
  std::vector<engine::net::FetchResult> fetch_all(std::vector<engine::net::FetchRequest> r) override {
    return target->fetch_all(std::move(r));
  }
  void cancel_all() override { target->cancel_all(); }
};

inline const ListState* find_list(const TrustState& state, const std::string& url) {
  for (const auto& l : state.lists) {
    if (l.url == url) return &l;
  }
  return nullptr;
}

inline std::size_t lists_in_force(const TrustState& state) {
  std::size_t n = 0;
  for (const auto& l : state.lists) n += l.in_force && l.in_force_authentication.authenticated() ? 1 : 0;
  return n;
}

class RefreshFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSAY_REQUIRE_SHARED();
    corpus_ = assay::testing::shared_dir() / "corpus";
    std::string error;
    server_ = assay::testing::CorpusHttpServer::start(corpus_ / "eu-2026-08/urls.tsv", error);
    ASSERT_NE(server_, nullptr) << error;
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("assay-refresh-" + std::to_string(::getpid()) + "-" + info->test_suite_name() + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    ASSERT_NO_FATAL_FAILURE(use_mirror({}));
    auto store = engine::store::Store::open(dir_ / "store");
    ASSERT_TRUE(store.has_value()) << store.error().message();
    store_ = std::move(*store);
    refresher_ = std::make_unique<Refresher>(switch_, *store_);
    auto anchors = service::cli::read_signer_set({(corpus_ / "oj-2019").string()});
    ASSERT_TRUE(anchors.has_value()) << anchors.error().message();
    options_.lotl_url = kLotlUrl;
    options_.anchors = std::move(*anchors);
    options_.trust_time = trust_time();
    options_.threads = 2;
    options_.clock = [this] { return at_hour(hour_.load()); };
  }

  void TearDown() override {
    refresher_.reset();
    store_.reset();
    fetchers_.clear();
    if (closed_fd_ >= 0) ::close(closed_fd_);
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  static engine::UtcTime at_hour(int hour) { return trust_time() + std::chrono::hours(hour); }

  // Fetches through a fresh HTTP fetcher and a mirror map pointing at the server, with `overrides`.
  void use_mirror(const std::map<std::string, std::string>& overrides,
                  engine::net::HttpFetcherOptions http = short_timeouts()) {
    const fs::path tsv = dir_ / ("mirror-" + std::to_string(fetchers_.size()) + ".tsv");
    server_->write_mirror(tsv, overrides);
    fetchers_.push_back(std::make_unique<engine::net::HttpFetcher>(http));
    auto mirror = engine::net::MirrorFetcher::open(tsv, fetchers_.back().get());
    ASSERT_TRUE(mirror.has_value()) << mirror.error().message();
    fetchers_.push_back(std::move(*mirror));
    switch_.target = fetchers_.back().get();
  }

  // A port on 127.0.0.1 that refuses connections: bound for the test's lifetime, never listening.
  std::uint16_t refusing_port() {
    closed_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(closed_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(closed_fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
      return 0;
    }
    return ntohs(a.sin_port);
  }

  // Runs a refresh at the given hour after the trust time (the pinned clock).
  std::shared_ptr<const TrustState> refresh(int hour) {
    hour_ = hour;
    auto r = refresher_->refresh(options_);
    EXPECT_TRUE(r.has_value()) << r.error().message();
    return r ? *r : nullptr;
  }

  // The cold refresh every fault test starts from: LOTL authenticated, 28 lists in force.
  void baseline() {
    baseline_ = refresh(0);
    ASSERT_NE(baseline_, nullptr);
    ASSERT_TRUE(baseline_->lotl_authenticated()) << baseline_->lotl.reason;
    ASSERT_EQ(lists_in_force(*baseline_), kListsInForce);
    ASSERT_NE(find_list(*baseline_, kAtUrl), nullptr);
    ASSERT_TRUE(find_list(*baseline_, kAtUrl)->in_force.has_value());
  }

  void expect_store_clean() {
    auto problems = store_->check();
    ASSERT_TRUE(problems.has_value()) << problems.error().message();
    EXPECT_TRUE(problems->empty()) << problems->front();
  }

  // Every list but `except` is as in the baseline: same version in force, unchanged, not stale.
  void expect_others_unaffected(const TrustState& state, const std::string& except = kAtUrl) {
    ASSERT_EQ(state.lists.size(), baseline_->lists.size());
    for (const auto& before : baseline_->lists) {
      if (before.url == except) continue;
      const ListState* now = find_list(state, before.url);
      ASSERT_NE(now, nullptr) << before.url;
      EXPECT_EQ(now->in_force_sha256(), before.in_force_sha256()) << before.url;
      EXPECT_FALSE(now->stale_since.has_value()) << before.url;
      EXPECT_EQ(now->outcome, before.in_force ? RefreshOutcome::kUnchanged : RefreshOutcome::kMissing)
          << before.url << ": " << now->reason;
    }
  }

  // The fault is in place: refreshes and checks the failure semantics for AT. Then lifts the fault
  // and checks that the next refresh goes back to "unchanged, not stale" (via a 304 for the
  // version in force, never for the rejected body).
  void expect_kept_previous(const std::string& reason_part, std::chrono::milliseconds bound = kFaultyRefreshBound) {
    const ListState& before = *find_list(*baseline_, kAtUrl);
    const auto start = std::chrono::steady_clock::now();
    auto state = refresh(1);
    elapsed_ = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    ASSERT_NE(state, nullptr);
    EXPECT_LT(elapsed_, bound);
    EXPECT_TRUE(state->lotl_authenticated());
    EXPECT_EQ(state->lotl.outcome, RefreshOutcome::kUnchanged);
    const ListState* at = find_list(*state, kAtUrl);
    ASSERT_NE(at, nullptr);
    EXPECT_EQ(at->outcome, RefreshOutcome::kKeptPrevious) << at->reason;
    EXPECT_THAT(at->reason, ::testing::HasSubstr(reason_part));
    EXPECT_EQ(at->in_force_sha256(), before.in_force_sha256());
    EXPECT_TRUE(at->in_force_authentication.authenticated());
    EXPECT_EQ(at->in_force_since, before.in_force_since);
    EXPECT_EQ(at->stale_since, at_hour(1));
    ASSERT_NO_FATAL_FAILURE(expect_others_unaffected(*state));
    EXPECT_EQ(lists_in_force(*state), kListsInForce);
    auto record = store_->in_force(kAtUrl);
    ASSERT_TRUE(record.has_value() && record->has_value());
    EXPECT_EQ((*record)->sha256, before.in_force_sha256());
    EXPECT_EQ((*record)->stale_since, at_hour(1));
    EXPECT_EQ((*record)->reason, at->reason);
    ASSERT_NO_FATAL_FAILURE(expect_store_clean());
    faulty_ = state;

    server_->clear(kAtUrl);
    if (overridden_) {
      ASSERT_NO_FATAL_FAILURE(use_mirror({}));
    }
    auto recovered = refresh(2);
    ASSERT_NE(recovered, nullptr);
    const ListState* again = find_list(*recovered, kAtUrl);
    EXPECT_EQ(again->outcome, RefreshOutcome::kUnchanged) << again->reason;
    EXPECT_EQ(again->in_force_sha256(), before.in_force_sha256());
    EXPECT_FALSE(again->stale_since.has_value());
    EXPECT_EQ(store_->fetches_for(kAtUrl)->front().http_status, 304);
    ASSERT_NO_FATAL_FAILURE(expect_others_unaffected(*recovered));
    ASSERT_NO_FATAL_FAILURE(expect_store_clean());
  }

  const ListState& faulty_at() const { return *find_list(*faulty_, kAtUrl); }

  fs::path corpus_;
  fs::path dir_;
  std::unique_ptr<assay::testing::CorpusHttpServer> server_;
  std::vector<std::unique_ptr<engine::net::Fetcher>> fetchers_;
  SwitchFetcher switch_;
  std::unique_ptr<engine::store::Store> store_;
  std::unique_ptr<Refresher> refresher_;
  RefreshOptions options_;
  std::atomic<int> hour_{0};
  std::shared_ptr<const TrustState> baseline_;
  std::shared_ptr<const TrustState> faulty_;
  std::chrono::milliseconds elapsed_{0};
  bool overridden_ = false;  // the mirror map was changed for the fault: restore it to recover
  int closed_fd_ = -1;
};

}  // namespace assay::tsl::testing
