// Parse + model building of the whole eu-2026-08 set, next to the bare libxml2 parse of the same
// bytes (the parse floor of the stack). Benchmarks may use the C libraries directly: the peer
// measurement must not go through our code.
#include <benchmark/benchmark.h>
#include <libxml/parser.h>

#include "benchmarks/support/corpus_files.h"
#include "tsl/parser.h"

namespace assay::bench {
namespace {

const std::vector<LoadedFile>& eu2026() {
  static const auto files = load_xml_files(shared_dir_or_exit() / "corpus/eu-2026-08");
  return files;
}

void BM_BareLibxml2Parse(benchmark::State& state) {
  const auto& files = eu2026();
  for (auto _ : state) {
    for (const auto& f : files) {
      xmlDocPtr doc = xmlReadMemory(f.bytes.data(), static_cast<int>(f.bytes.size()), nullptr, nullptr, XML_PARSE_NONET);
      benchmark::DoNotOptimize(doc);
      xmlFreeDoc(doc);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes(files)));
  state.counters["files"] = static_cast<double>(files.size());
}
BENCHMARK(BM_BareLibxml2Parse)->Unit(benchmark::kMillisecond);

void BM_AssayParseAndModel(benchmark::State& state) {
  const auto& files = eu2026();
  for (auto _ : state) {
    for (const auto& f : files) {
      auto list = tsl::parse_trusted_list(f.bytes);
      if (!list) state.SkipWithError(f.name.c_str());
      benchmark::DoNotOptimize(list);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes(files)));
}
BENCHMARK(BM_AssayParseAndModel)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace assay::bench

namespace assay::bench {
namespace {

void BM_AssaySecureParseOnly(benchmark::State& state) {
  const auto& files = eu2026();
  for (auto _ : state) {
    for (const auto& f : files) {
      auto doc = engine::xml::Document::parse(f.bytes);
      benchmark::DoNotOptimize(doc);
    }
  }
}
BENCHMARK(BM_AssaySecureParseOnly)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace assay::bench
