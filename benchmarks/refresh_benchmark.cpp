// A full refresh of the eu-2026-08 backbone (LOTL, 5 pivots, 29 lists, 23 MB) from a loopback HTTP
// server into a fresh store: download, store (every body fsynced), parse, authenticate, record what
// is in force. Compared in benchmarks/table.py with BM_AuthenticateBackbone/1 (the same documents
// authenticated from memory, one thread): the refresh adds HTTP, the store and the bookkeeping.
//   BM_RefreshCold      a new store and a new Refresher per iteration (nothing cached)
//   BM_RefreshUnchanged the same Refresher again: every document answers 304, nothing is parsed
//   BM_StoreBackbone    only the store part: put_blob of the 35 bodies into a fresh store
// The store lives in the system temp folder (a disk), or in /dev/shm with tmpfs:1, where fsync is
// nearly free, to show what durability costs. The default store always fsyncs.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "benchmarks/support/corpus_files.h"
#include "engine/net/http_fetcher.h"
#include "engine/net/mirror_fetcher.h"
#include "engine/store/store.h"
#include "engine/x509/certificate.h"
#include "engine/file.h"
#include "tests/tsl/support/corpus_http_server.h"
#include "tsl/refresh.h"

namespace assay::bench {
namespace {

namespace fs = std::filesystem;

constexpr char kLotlUrl[] = "https://ec.europa.eu/tools/lotl/eu-lotl.xml";

struct Served {
  std::unique_ptr<testing::CorpusHttpServer> server;
  fs::path mirror;
  tsl::SignerSet anchors;
};

// The server runs for the whole process (its own thread), so it is started once.
Served& served() {
  static Served s = [] {
    Served out;
    const auto shared = shared_dir_or_exit();
    std::string error;
    out.server = testing::CorpusHttpServer::start(shared / "corpus/eu-2026-08/urls.tsv", error);
    if (!out.server) {
      std::fprintf(stderr, "cannot serve the corpus: %s\n", error.c_str());
      std::exit(1);
    }
    out.mirror = fs::temp_directory_path() / ("assay-refresh-bench-" + std::to_string(::getpid()) + ".tsv");
    out.server->write_mirror(out.mirror);
    for (const auto& e : fs::directory_iterator(shared / "corpus/oj-2019")) {
      auto pem = engine::read_file(e.path(), 1 << 20);
      if (!pem) continue;
      if (auto certs = engine::Certificate::parse_pem_chain(*pem)) {
        for (const auto& c : *certs) out.anchors.add_certificate(c);
      }
    }
    return out;
  }();
  return s;
}

fs::path fresh_dir(bool tmpfs) {
  static std::atomic<int> n{0};
  const fs::path base = tmpfs ? fs::path("/dev/shm") : fs::temp_directory_path();
  fs::path dir = base / ("assay-refresh-bench-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  fs::remove_all(dir);
  return dir;
}

// One refresher over a fresh store; destroyed outside the timed region.
struct Rig {
  fs::path dir;
  std::unique_ptr<engine::net::HttpFetcher> http;
  std::unique_ptr<engine::net::MirrorFetcher> mirror;
  std::unique_ptr<engine::store::Store> store;
  std::unique_ptr<tsl::Refresher> refresher;

  Rig(std::size_t concurrency, bool tmpfs) : dir(fresh_dir(tmpfs)) {
    engine::net::HttpFetcherOptions o;
    o.max_concurrency = concurrency;
    http = std::make_unique<engine::net::HttpFetcher>(o);
    mirror = std::move(*engine::net::MirrorFetcher::open(served().mirror, http.get()));
  }
  ~Rig() {
    refresher.reset();
    store.reset();
    fs::remove_all(dir);
  }
  bool open() {
    auto s = engine::store::Store::open(dir);
    if (!s) return false;
    store = std::move(*s);
    refresher = std::make_unique<tsl::Refresher>(*mirror, *store);
    return true;
  }
  std::size_t refresh(unsigned threads) {
    tsl::RefreshOptions options;
    options.lotl_url = kLotlUrl;
    options.anchors = served().anchors;
    options.trust_time = *engine::parse_utc_time("2026-08-21T00:00:00Z");
    options.threads = threads;
    auto state = refresher->refresh(options);
    if (!state || !(*state)->lotl_authenticated()) return 0;
    std::size_t n = 0;
    for (const auto& l : (*state)->lists) n += l.in_force && l.in_force_authentication.authenticated() ? 1 : 0;
    return n;
  }
};

void BM_RefreshCold(benchmark::State& state) {
  const auto concurrency = static_cast<std::size_t>(state.range(0));
  const auto threads = static_cast<unsigned>(state.range(1));
  const bool tmpfs = state.range(2) != 0;
  served();
  std::size_t in_force = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto rig = std::make_unique<Rig>(concurrency, tmpfs);
    state.ResumeTiming();
    if (!rig->open()) state.SkipWithError("cannot open the store");
    in_force = rig->refresh(threads);
    state.PauseTiming();
    rig.reset();
    state.ResumeTiming();
  }
  if (in_force != 28) state.SkipWithError("expected 28 lists in force");
  state.counters["lists_in_force"] = static_cast<double>(in_force);
}
BENCHMARK(BM_RefreshCold)
    ->ArgNames({"concurrency", "threads", "tmpfs"})
    ->Args({8, 2, 0})
    ->Args({1, 2, 0})
    ->Args({8, 1, 0})
    ->Args({8, 4, 0})
    ->Args({8, 8, 0})
    ->Args({8, 2, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_RefreshUnchanged(benchmark::State& state) {
  Rig rig(8, state.range(0) != 0);
  if (!rig.open() || rig.refresh(2) != 28) {
    state.SkipWithError("the cold refresh failed");
    return;
  }
  std::size_t in_force = 0;
  for (auto _ : state) in_force = rig.refresh(2);
  if (in_force != 28) state.SkipWithError("expected 28 lists in force");
  state.counters["lists_in_force"] = static_cast<double>(in_force);
}
BENCHMARK(BM_RefreshUnchanged)->ArgName("tmpfs")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_StoreBackbone(benchmark::State& state) {
  const bool tmpfs = state.range(0) != 0;
  const auto& docs = served().server->documents();
  const auto when = *engine::parse_utc_time("2026-08-21T00:00:00Z");
  for (auto _ : state) {
    state.PauseTiming();
    const fs::path dir = fresh_dir(tmpfs);
    state.ResumeTiming();
    {
      auto store = engine::store::Store::open(dir);
      if (!store) state.SkipWithError("cannot open the store");
      for (const auto& d : docs) benchmark::DoNotOptimize((*store)->put_blob(d.bytes, when));
    }
    state.PauseTiming();
    fs::remove_all(dir);
    state.ResumeTiming();
  }
  state.counters["documents"] = static_cast<double>(docs.size());
}
BENCHMARK(BM_StoreBackbone)->ArgName("tmpfs")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace assay::bench
