// Crash safety: a child process writes blobs and records in a loop and is killed with SIGKILL at
// random (seeded) moments; after each kill the store must check clean, reopen and accept writes.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "engine/store/store.h"
#include "tests/engine/store/store_test_util.h"

namespace assay::engine::store {
namespace {

using testutil::at;

class StoreCrashTest : public testutil::StoreDirTest {};

// Runs in the forked child: never returns.
[[noreturn]] void write_forever(const std::filesystem::path& dir, int round) {
  auto store = Store::open(dir);
  if (!store) _exit(3);
  Store& s = **store;
  std::mt19937_64 rng(static_cast<std::uint64_t>(round));
  for (int i = 0;; ++i) {
    std::string body = "<doc round='" + std::to_string(round) + "' i='" + std::to_string(i) + "'>";
    body.append(static_cast<std::size_t>(rng() % 65536), static_cast<char>('a' + i % 26));
    const auto when = at("2026-03-01T00:00:00Z") + std::chrono::seconds(round * 100000 + i);
    auto sha = s.put_blob(body, when);
    if (!sha) _exit(4);
    FetchRecord f;
    f.url = "https://example.eu/" + std::to_string(i % 3) + ".xml";
    f.time = when;
    f.http_status = 200;
    f.sha256 = *sha;
    f.size = static_cast<std::int64_t>(body.size());
    if (!s.record_fetch(f)) _exit(5);
    VersionRecord v;
    v.url = f.url;
    v.territory = "XX";
    v.kind = "doc";
    v.sequence = i;
    v.sha256 = *sha;
    v.auth_status = "ok";
    v.recorded_at = when;
    if (!s.record_version(v)) _exit(6);
    if (!s.set_in_force({{f.url, *sha, when, std::nullopt, "latest"}})) _exit(7);
  }
}

TEST_F(StoreCrashTest, SurvivesSigkillAtRandomPoints) {
  std::mt19937 rng(20260301);
  std::uniform_int_distribution<int> delay_ms(30, 250);
  for (int round = 0; round < 10; ++round) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) write_forever(dir_, round);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    ASSERT_EQ(::kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited early with status " << WEXITSTATUS(status);

    auto store = Store::open(dir_);  // the kernel released the dead child's lock
    ASSERT_TRUE(store.has_value()) << "round " << round << ": " << store.error().message();
    const auto problems = (*store)->check();
    ASSERT_TRUE(problems.has_value()) << problems.error().message();
    EXPECT_TRUE(problems->empty()) << "round " << round << ": " << problems->front();
  }
  auto store = Store::open(dir_);
  ASSERT_TRUE(store.has_value());
  Store& s = **store;
  const auto in_force = *s.all_in_force();
  EXPECT_FALSE(in_force.empty());  // the children did get work done
  for (const auto& e : in_force) EXPECT_TRUE(s.has_blob(e.sha256));
  auto sha = s.put_blob("<after-the-crashes/>", at("2026-04-01T00:00:00Z"));
  ASSERT_TRUE(sha.has_value());
  ASSERT_TRUE(s.set_in_force({{"https://example.eu/0.xml", *sha, at("2026-04-01T00:00:00Z"), std::nullopt, "new"}}));
  ASSERT_TRUE(s.gc(1).has_value());
  EXPECT_TRUE(s.check()->empty());
}

}  // namespace
}  // namespace assay::engine::store
