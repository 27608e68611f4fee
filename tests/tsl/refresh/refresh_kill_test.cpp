// Crash safety of a whole refresh: `assay refresh` is SIGKILLed at random (seeded) moments while it
// downloads, stores and authenticates the real eu-2026-08 set from a slowed-down loopback server.
// After each kill the store must open and check clean, and the next refresh must complete with
// the 28 lists in force.
#include <gtest/gtest.h>
#include <signal.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "engine/store/store.h"
#include "tests/support/corpus.h"
#include "tests/tsl/support/corpus_http_server.h"

extern char** environ;

namespace assay::tsl {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr char kLotlUrl[] = "https://ec.europa.eu/tools/lotl/eu-lotl.xml";

// Starts `assay` with `args`, output discarded; returns the child's pid (or -1).
pid_t spawn_assay(const std::vector<std::string>& args) {
  std::vector<std::string> all{ASSAY_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

// Lists in force in the store (neither the LOTL nor a pivot), or -1 when the store fails.
int lists_in_force(const fs::path& store_dir) {
  auto store = engine::store::Store::open(store_dir);
  if (!store) return -1;
  auto all = (*store)->all_in_force();
  if (!all) return -1;
  int n = 0;
  for (const auto& r : *all) n += r.url != kLotlUrl && r.url.find("eu-lotl-pivot") == std::string::npos ? 1 : 0;
  return n;
}

TEST(RefreshKillTest, SurvivesSigkillAtRandomPoints) {
  ASSAY_REQUIRE_SHARED();
  const fs::path corpus = assay::testing::shared_dir() / "corpus";
  std::string error;
  auto server = assay::testing::CorpusHttpServer::start(corpus / "eu-2026-08/urls.tsv", error);
  ASSERT_NE(server, nullptr) << error;
  // Small seeded delays per response, so that a refresh is spread over time and the kills land
  // in every phase (LOTL, pivots, concurrent downloads, parsing, storing, recording in force).
  std::mutex rng_mutex;
  std::mt19937 delays(7);
  server->set_delay([&] {
    std::lock_guard lock(rng_mutex);
    return std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 80)(delays));
  });
  const fs::path dir = fs::temp_directory_path() / ("assay-refresh-kill-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  server->write_mirror(dir / "mirror.tsv");
  const fs::path store_dir = dir / "store";
  const std::vector<std::string> args{"refresh", "--mirror", (dir / "mirror.tsv").string(), "--oj",
                                      (corpus / "oj-2019").string(), "--trust-time", "2026-08-21T00:00:00Z",
                                      "--store", store_dir.string(), "--timeout", "10", "--connect-timeout", "2",
                                      "--json"};

  std::mt19937 rng(20260821);
  std::chrono::milliseconds window = 1500ms;  // then: as long as the last complete refresh took
  int killed_mid_run = 0;
  for (int round = 0; round < 10; ++round) {
    const pid_t child = spawn_assay(args);
    ASSERT_GT(child, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(
        std::uniform_int_distribution<long>(20, std::max<long>(21, window.count()))(rng)));
    ASSERT_EQ(::kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    killed_mid_run += WIFSIGNALED(status) ? 1 : 0;

    {
      auto store = engine::store::Store::open(store_dir);  // the kernel released the dead child's lock
      ASSERT_TRUE(store.has_value()) << "round " << round << ": " << store.error().message();
      const auto problems = (*store)->check();
      ASSERT_TRUE(problems.has_value()) << problems.error().message();
      EXPECT_TRUE(problems->empty()) << "round " << round << ": " << problems->front();
    }

    const auto t0 = std::chrono::steady_clock::now();
    const pid_t again = spawn_assay(args);
    ASSERT_GT(again, 0);
    ASSERT_EQ(::waitpid(again, &status, 0), again);
    window = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
    ASSERT_TRUE(WIFEXITED(status)) << "round " << round;
    EXPECT_EQ(WEXITSTATUS(status), 0) << "round " << round;
    EXPECT_EQ(lists_in_force(store_dir), 28) << "round " << round;
  }
  EXPECT_GE(killed_mid_run, 8);  // the kills did land while the refresh was running
  auto store = engine::store::Store::open(store_dir);
  ASSERT_TRUE(store.has_value());
  const auto problems = (*store)->check();
  ASSERT_TRUE(problems.has_value());
  EXPECT_TRUE(problems->empty());
  store->reset();
  fs::remove_all(dir);
  // No time limit here: a loaded CI machine makes the rounds slow (CTest's timeout catches a hang).
}

}  // namespace
}  // namespace assay::tsl
