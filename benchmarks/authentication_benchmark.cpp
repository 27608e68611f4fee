// Authenticating the whole eu-2026-08 backbone (LOTL, 5 pivots, 29 lists) from memory, single
// thread and two threads, next to bare libxml2 parsing of the same 35 documents. (The xmlsec1
// command-line loop over the same files is timed by benchmarks/run.sh.)
#include <benchmark/benchmark.h>
#include <libxml/parser.h>

#include <fstream>
#include <map>
#include <sstream>

#include "benchmarks/support/corpus_files.h"
#include "engine/x509/certificate.h"
#include "tsl/federation_authentication.h"

namespace assay::bench {
namespace {

struct Backbone {
  std::map<std::string, std::string> by_url;  // url -> bytes
  tsl::SignerSet anchors;
  std::size_t bytes = 0;
};

const Backbone& backbone() {
  static const Backbone b = [] {
    Backbone out;
    const auto shared = shared_dir_or_exit();
    const auto dir = shared / "corpus/eu-2026-08";
    std::ifstream tsv(dir / "urls.tsv");
    std::string line;
    while (std::getline(tsv, line)) {
      if (line.empty() || line[0] == '#') continue;
      const auto tab = line.find('\t');
      std::ifstream in(dir / line.substr(tab + 1), std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      out.bytes += s.str().size();
      out.by_url[line.substr(0, tab)] = s.str();
    }
    for (const auto& e : std::filesystem::directory_iterator(shared / "corpus/oj-2019")) {
      std::ifstream in(e.path(), std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      auto certs = engine::Certificate::parse_pem_chain(s.str());
      if (certs) {
        for (const auto& c : *certs) out.anchors.add_certificate(c);
      }
    }
    return out;
  }();
  return b;
}

void BM_BareLibxml2ParseBackbone(benchmark::State& state) {
  const auto& b = backbone();
  for (auto _ : state) {
    for (const auto& [url, bytes] : b.by_url) {
      xmlDocPtr doc = xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr, XML_PARSE_NONET);
      benchmark::DoNotOptimize(doc);
      xmlFreeDoc(doc);
    }
  }
  state.counters["documents"] = static_cast<double>(b.by_url.size());
}
BENCHMARK(BM_BareLibxml2ParseBackbone)->Unit(benchmark::kMillisecond);

void BM_AuthenticateBackbone(benchmark::State& state) {
  const auto& b = backbone();
  tsl::DocumentSource source = [&b](const std::string& url) -> engine::Result<std::string> {
    auto it = b.by_url.find(url);
    if (it == b.by_url.end()) return engine::fail(engine::Code::kNotFound, url);
    return it->second;
  };
  tsl::FederationOptions options;
  options.lotl.trust_time = *engine::parse_utc_time("2026-08-21T00:00:00Z");
  options.threads = static_cast<unsigned>(state.range(0));
  std::size_t authenticated = 0;
  for (auto _ : state) {
    const auto run = tsl::authenticate_federation("https://ec.europa.eu/tools/lotl/eu-lotl.xml", b.anchors, source, options);
    authenticated = 0;
    for (const auto& l : run.lists) authenticated += l.authentication.authenticated() ? 1 : 0;
    if (!run.lotl.lotl.authenticated()) state.SkipWithError("LOTL not authenticated");
  }
  state.counters["lists_authenticated"] = static_cast<double>(authenticated);
}
BENCHMARK(BM_AuthenticateBackbone)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace assay::bench
