// Memory held by the models of a whole list set: builds every model, keeps them all, and prints
// JSON with the input size, heap in use by the models (mallinfo2) and the peak RSS growth.
#include <malloc.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "benchmarks/support/corpus_files.h"
#include "engine/library_scope.h"
#include "tsl/parser.h"

namespace {

long status_kib(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) == 0) return std::stol(line.substr(std::string(key).size()));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  assay::engine::LibraryScope libraries;
  const std::string subdir = argc > 1 ? argv[1] : "corpus/eu-2026-08";
  auto files = assay::bench::load_xml_files(assay::bench::shared_dir_or_exit() / subdir);
  const std::size_t input = assay::bench::total_bytes(files);
  malloc_trim(0);
  const auto heap_before = mallinfo2().uordblks;
  const long hwm_before = status_kib("VmHWM:");
  const long rss_before = status_kib("VmRSS:");
  std::vector<std::shared_ptr<const assay::tsl::TrustedList>> models;
  for (const auto& f : files) {
    auto list = assay::tsl::parse_trusted_list(f.bytes);
    if (!list) {
      std::fprintf(stderr, "%s: %s\n", f.name.c_str(), list.error().message().c_str());
      return 1;
    }
    models.push_back(*list);
  }
  const auto heap_after = mallinfo2().uordblks;
  const long hwm_after = status_kib("VmHWM:");
  std::printf("{\"files\": %zu, \"input_bytes\": %zu, \"model_heap_bytes\": %zu, \"peak_rss_growth_bytes\": %ld, "
              "\"rss_before_bytes\": %ld}\n",
              files.size(), input, heap_after - heap_before, (hwm_after - std::max(hwm_before, rss_before)) * 1024,
              rss_before * 1024);
  return 0;
}
