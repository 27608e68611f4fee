// Micro-benchmark: DER -> Certificate with every field (the qualification hot path).
// Run: build/benchmarks/x509_parse_benchmark (needs ../shared for the real QC).
#include <benchmark/benchmark.h>
#include <openssl/x509.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/library_scope.h"
#include "engine/x509/certificate.h"

namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The EU test suite's CERT-TEST-3.2.1 (QcCompliance, QcSSCD, QcType, KU, CRLDP, AIA, SKI) and
// the Spanish DNIe from the 2019 OJ (a larger real QC with PDS, retention, policies).
std::string der_of(const char* relative) {
  const auto path = std::filesystem::path(ASSAY_SOURCE_DIR) / ".." / "shared" / relative;
  auto chain = assay::engine::Certificate::parse_pem_chain(read(path));
  return chain ? chain->front()->der() : std::string();
}

void parse(benchmark::State& state, const char* relative) {
  const std::string der = der_of(relative);
  if (der.empty()) {
    state.SkipWithError("shared corpus not found");
    return;
  }
  for (auto _ : state) {
    auto c = assay::engine::Certificate::parse_der(der);
    benchmark::DoNotOptimize(c);
  }
}

// Reference point: OpenSSL's d2i_X509 alone (which gives none of the decoded fields).
void openssl_d2i(benchmark::State& state, const char* relative) {
  const std::string der = der_of(relative);
  for (auto _ : state) {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
    X509* x = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
    benchmark::DoNotOptimize(x);
    X509_free(x);
  }
}

// Signature check of a freshly parsed end-entity by an already parsed (cached key) issuer.
void verify(benchmark::State& state) {
  const auto path = std::filesystem::path(ASSAY_SOURCE_DIR) / ".." / "shared" / "conformance/eu-qualification/cases/3.2.1.pem";
  auto chain = assay::engine::Certificate::parse_pem_chain(read(path));
  if (!chain) {
    state.SkipWithError("shared corpus not found");
    return;
  }
  const auto issuer = chain->at(1);
  const std::string der = chain->at(0)->der();
  for (auto _ : state) {
    auto c = assay::engine::Certificate::parse_der(der);
    auto ok = (*c)->verify_signed_by(*issuer);
    benchmark::DoNotOptimize(ok);
  }
}
BENCHMARK(verify);

BENCHMARK_CAPTURE(openssl_d2i, eu_case_3_2_1, "conformance/eu-qualification/cases/3.2.1.pem");
BENCHMARK_CAPTURE(openssl_d2i, oj_dnie, "corpus/oj-2019/ec.europa.eu.5.cer");
BENCHMARK_CAPTURE(parse, eu_case_3_2_1, "conformance/eu-qualification/cases/3.2.1.pem");
BENCHMARK_CAPTURE(parse, oj_dnie, "corpus/oj-2019/ec.europa.eu.5.cer");

}  // namespace

int main(int argc, char** argv) {
  assay::engine::LibraryScope libraries;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
