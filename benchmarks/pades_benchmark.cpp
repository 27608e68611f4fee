// PAdES validation (issue 18), side by side with OpenSSL in one run:
// - a 5 MB, 100-page PDF with one PAdES-BASELINE-B signature, an explicit anchor and the
//   signer's OCSP response supplied: assay's validate_document (qpdf parse, ByteRange checks,
//   CAdES reader, EN 319 102-1 processes, OCSP) against hashing the covered bytes (SHA-256) plus
//   one CMS_verify over them (CMS_NO_SIGNER_CERT_VERIFY). Target: assay <= 2x.
// - a 20-revision PDF with 10 signatures (form fills between them: the modification analysis
//   runs for 10 revisions) through validate_document. Target: <= 200 ms.
// The PDFs come from the sample generators (samples/internal/pades_samples.h).
// Run: build/benchmarks/pades_benchmark (no ../shared needed).
#include <benchmark/benchmark.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>

#include <optional>
#include <string>
#include <vector>

#include "benchmarks/support/bench_pki.h"
#include "samples/internal/pades_samples.h"
#include "validation/document/document_validator.h"
#include "validation/explicit_anchors.h"
#include "validation/revocation/standard_revocation_checker.h"

namespace {

using namespace assay;

engine::UtcTime at(const char* text) { return *engine::parse_utc_time(text); }

struct Inputs {
  std::optional<bench::BenchPki> pki;
  std::string large, many, ocsp, covered, cms;
  std::string error;

  Inputs() {
    auto made = bench::make_bench_pki();
    if (!made) {
      error = made.error().message();
      return;
    }
    pki = std::move(*made);
    samples::PdfSigner signer;
    signer.certificate = pki->signer.get();
    signer.key = &pki->signer_key;
    signer.signed_at = at("2025-05-01T00:00:00Z");
    auto l = samples::benchmark_large_pdf(signer);
    auto m = samples::benchmark_many_revisions_pdf(signer);
    if (!l || !m) {
      error = "cannot build the PAdES inputs: " + (!l ? l.error().message() : m.error().message());
      return;
    }
    large = std::move(*l);
    many = std::move(*m);
    ocsp = pki->signer_ocsp_good;
    // The peer's input: the ByteRange bytes and the CMS (found as a reader would, once).
    const auto br = large.rfind("/ByteRange");
    long a = 0, b = 0, c = 0, d = 0;
    std::sscanf(large.c_str() + large.find('[', br), "[%ld %ld %ld %ld]", &a, &b, &c, &d);
    covered = large.substr(static_cast<std::size_t>(a), static_cast<std::size_t>(b)) +
              large.substr(static_cast<std::size_t>(c), static_cast<std::size_t>(d));
    const std::string hex = large.substr(static_cast<std::size_t>(a + b + 1), static_cast<std::size_t>(c - a - b - 2));
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) cms.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
};

const Inputs& inputs() {
  static const Inputs in;
  return in;
}

void BM_AssayPadesB5MB100Pages(benchmark::State& state) {
  const auto& in = inputs();
  if (!in.error.empty()) return state.SkipWithError(in.error.c_str());
  validation::ExplicitTrustAnchors anchors({in.pki->root});
  const std::vector<std::string> ocsp{in.ocsp};
  auto checker = validation::StandardRevocationChecker::from_der({}, ocsp);
  if (!checker) return state.SkipWithError("OCSP response unusable");
  validation::SignatureValidationContext ctx;
  ctx.certificates.anchors.push_back(&anchors);
  ctx.certificates.revocation = checker->get();
  ctx.at = at("2025-05-02T00:00:00Z");
  auto first = validation::validate_document(in.large, {}, ctx);
  if (!first || first->signatures.size() != 1 || first->signatures[0].indication != validation::MainIndication::kTotalPassed) {
    return state.SkipWithError(first ? ("not TOTAL_PASSED: " + first->signatures.at(0).subindication).c_str() : first.error().message().c_str());
  }
  for (auto _ : state) {
    auto r = validation::validate_document(in.large, {}, ctx);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_AssayPadesB5MB100Pages)->Unit(benchmark::kMillisecond);

void BM_OpenSslHashAndCmsVerify5MB(benchmark::State& state) {
  const auto& in = inputs();
  if (!in.error.empty()) return state.SkipWithError(in.error.c_str());
  for (auto _ : state) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    EVP_Digest(in.covered.data(), in.covered.size(), md, &md_len, EVP_sha256(), nullptr);
    benchmark::DoNotOptimize(md);
    const auto* p = reinterpret_cast<const unsigned char*>(in.cms.data());
    CMS_ContentInfo* cms = d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(in.cms.size()));
    BIO* content = BIO_new_mem_buf(in.covered.data(), static_cast<int>(in.covered.size()));
    const int ok = CMS_verify(cms, nullptr, nullptr, content, nullptr, CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY);
    if (ok != 1) state.SkipWithError("OpenSSL did not verify");
    BIO_free(content);
    CMS_ContentInfo_free(cms);
  }
}
BENCHMARK(BM_OpenSslHashAndCmsVerify5MB)->Unit(benchmark::kMillisecond);

void BM_AssayPades20Revisions10Signatures(benchmark::State& state) {
  const auto& in = inputs();
  if (!in.error.empty()) return state.SkipWithError(in.error.c_str());
  validation::ExplicitTrustAnchors anchors({in.pki->root});
  const std::vector<std::string> ocsp{in.ocsp};
  auto checker = validation::StandardRevocationChecker::from_der({}, ocsp);
  validation::SignatureValidationContext ctx;
  ctx.certificates.anchors.push_back(&anchors);
  ctx.certificates.revocation = checker ? checker->get() : nullptr;
  ctx.at = at("2025-05-02T00:00:00Z");
  auto first = validation::validate_document(in.many, {}, ctx);
  if (!first || first->signatures.size() != 10) return state.SkipWithError("not 10 signatures");
  for (const auto& s : first->signatures) {
    if (s.indication != validation::MainIndication::kTotalPassed) return state.SkipWithError("not TOTAL_PASSED");
  }
  for (auto _ : state) {
    auto r = validation::validate_document(in.many, {}, ctx);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_AssayPades20Revisions10Signatures)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
