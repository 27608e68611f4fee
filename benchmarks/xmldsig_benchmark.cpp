// Signature verification alone on the eu-2026-08 backbone (documents parsed once, outside the
// timing), and the exclusive canonicalisation of each whole document minus its signature: the
// direct walk next to libxml2's xmlC14NExecute.
#include <benchmark/benchmark.h>

#include "benchmarks/support/corpus_files.h"
#include "engine/xml/document.h"
#include "engine/xmldsig/internal/c14n.h"
#include "engine/xmldsig/verifier.h"

namespace assay::bench {
namespace {

struct Parsed {
  std::vector<std::shared_ptr<const engine::xml::Document>> docs;
  std::size_t bytes = 0;
};

const Parsed& parsed_backbone() {
  static const Parsed p = [] {
    Parsed out;
    for (const auto& f : load_xml_files(shared_dir_or_exit() / "corpus/eu-2026-08")) {
      auto doc = engine::xml::Document::parse(f.bytes);
      if (!doc) continue;
      out.bytes += f.bytes.size();
      out.docs.push_back(*doc);
    }
    return out;
  }();
  return p;
}

void BM_VerifyBackboneSignatures(benchmark::State& state) {
  const auto& p = parsed_backbone();
  std::size_t valid = 0;
  for (auto _ : state) {
    valid = 0;
    for (const auto& doc : p.docs) {
      auto report = engine::xmldsig::verify_enveloped_signature(*doc);
      if (report && report->status == engine::xmldsig::SignatureStatus::kValid) ++valid;
    }
  }
  state.counters["documents"] = static_cast<double>(p.docs.size());
  state.counters["valid"] = static_cast<double>(valid);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * p.bytes));
}
BENCHMARK(BM_VerifyBackboneSignatures)->Unit(benchmark::kMillisecond);

class CountingSink final : public engine::xmldsig::internal::ByteSink {
 public:
  void write(std::string_view bytes) override { size += bytes.size(); }
  std::size_t size = 0;
};

// Arg 0: the direct walk (canonicalize); 1: libxml2 (canonicalize_with_libxml2).
void BM_ExcC14nBackbone(benchmark::State& state) {
  namespace in = engine::xmldsig::internal;
  const auto& p = parsed_backbone();
  const in::C14nMethod method{in::C14nMode::kExclusive10, false};
  for (auto _ : state) {
    for (const auto& doc : p.docs) {
      const auto signature =
          doc->root().child("http://www.w3.org/2000/09/xmldsig#", "Signature").raw();
      CountingSink sink;
      const in::NodeSubset subset{nullptr, signature};
      auto ok = state.range(0) == 0 ? in::canonicalize(doc->raw(), subset, method, {}, sink)
                                    : in::canonicalize_with_libxml2(doc->raw(), subset, method, {}, sink);
      benchmark::DoNotOptimize(ok);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * p.bytes));
}
BENCHMARK(BM_ExcC14nBackbone)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace assay::bench
