// Timelines + indexes of the whole eu-2026-08 snapshot (compare with BM_AssayParseAndModel),
// "services for this certificate at T", and a diff of two CZ versions after parsing.
#include <benchmark/benchmark.h>

#include "benchmarks/support/corpus_files.h"
#include "engine/x509/certificate.h"
#include "tsl/list_diff.h"
#include "tsl/parser.h"
#include "tsl/trust_snapshot.h"

namespace assay::bench {
namespace {

const std::vector<std::shared_ptr<const tsl::TrustedList>>& eu2026_lists() {
  static const auto lists = [] {
    std::vector<std::shared_ptr<const tsl::TrustedList>> out;
    for (const auto& f : load_xml_files(shared_dir_or_exit() / "corpus/eu-2026-08")) {
      auto list = tsl::parse_trusted_list(f.bytes);
      if (list && (*list)->kind() == tsl::ListKind::kNational) out.push_back(*list);
    }
    return out;
  }();
  return lists;
}

tsl::SnapshotInput snapshot_input() {
  tsl::SnapshotInput input;
  for (const auto& l : eu2026_lists()) input.lists.push_back({l->scheme.territory, l, "authenticated", {}});
  return input;
}

void BM_SnapshotBuild(benchmark::State& state) {
  const auto& lists = eu2026_lists();
  for (auto _ : state) {
    auto snapshot = tsl::TrustSnapshot::build(snapshot_input());
    benchmark::DoNotOptimize(snapshot);
  }
  state.counters["lists"] = static_cast<double>(lists.size());
}
BENCHMARK(BM_SnapshotBuild)->Unit(benchmark::kMillisecond);

void BM_ServicesForCertificate(benchmark::State& state) {
  static const auto snapshot = tsl::TrustSnapshot::build(snapshot_input());
  // Every distinct listed CA/QC certificate, looked up in turn.
  static const auto certificates = [] {
    std::vector<engine::CertificatePtr> out;
    for (auto i : snapshot->by_type("http://uri.etsi.org/TrstSvc/Svctype/CA/QC")) {
      for (const auto& id : snapshot->service(i).service->current.identity.ids) {
        if (id.kind != tsl::DigitalId::Kind::kX509Certificate) continue;
        if (auto c = engine::Certificate::parse_der(id.certificate_der)) out.push_back(*c);
        break;
      }
    }
    return out;
  }();
  const auto t = *engine::parse_utc_time("2024-01-01T00:00:00Z");
  std::size_t i = 0;
  for (auto _ : state) {
    auto m = snapshot->services_for(*certificates[i++ % certificates.size()], t);
    benchmark::DoNotOptimize(m);
  }
  state.counters["certificates"] = static_cast<double>(certificates.size());
}
BENCHMARK(BM_ServicesForCertificate)->Unit(benchmark::kNanosecond);

void BM_ByCertificateHash(benchmark::State& state) {
  static const auto snapshot = tsl::TrustSnapshot::build(snapshot_input());
  std::vector<engine::Sha256> keys;
  for (auto i : snapshot->by_territory("AT")) {
    for (const auto& id : snapshot->service(i).service->current.identity.ids) {
      if (id.kind == tsl::DigitalId::Kind::kX509Certificate) keys.push_back(engine::sha256(id.certificate_der));
    }
  }
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(snapshot->by_certificate(keys[i++ % keys.size()]));
}
BENCHMARK(BM_ByCertificateHash)->Unit(benchmark::kNanosecond);

void BM_DiffCz172To181(benchmark::State& state) {
  const auto dir = shared_dir_or_exit() / "corpus/tl-history";
  std::shared_ptr<const tsl::TrustedList> lists[2];
  int n = 0;
  for (const auto& f : load_xml_files(dir)) {
    if (f.name == "CZ-seq172.xml" || f.name == "CZ-seq181.xml") lists[n++] = *tsl::parse_trusted_list(f.bytes);
  }
  for (auto _ : state) {
    auto d = tsl::diff_lists(*tsl::build_timelines(lists[0]), *tsl::build_timelines(lists[1]));
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(BM_DiffCz172To181)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace assay::bench
