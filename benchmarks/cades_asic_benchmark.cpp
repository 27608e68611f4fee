// CAdES and ASiC validation (issue 16), side by side with OpenSSL in one run:
// - CAdES-BASELINE-B detached over 1 MB, an explicit anchor and an embedded OCSP response:
//   assay's validate_document (reader, EN 319 102-1 processes, path validation, OCSP) against
//   OpenSSL's CMS_verify (CMS_NO_SIGNER_CERT_VERIFY) plus a separate X509_verify_cert on the same
//   input, both parsing from DER every iteration. Target: assay <= 1.2x.
// - An ASiC-E with 100 small files and one XAdES signature through validate_document. Target:
//   <= 5 ms.
// Run: build/benchmarks/cades_asic_benchmark (no ../shared needed).
#include <benchmark/benchmark.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <optional>

#include "benchmarks/support/bench_pki.h"
#include "engine/cms/cades_builder.h"
#include "samples/internal/asic_builder.h"
#include "validation/document/document_validator.h"
#include "validation/explicit_anchors.h"

namespace {

using namespace assay;

engine::UtcTime at(const char* text) { return *engine::parse_utc_time(text); }

struct Inputs {
  std::optional<bench::BenchPki> pki;
  std::string content, cades, asic;
  std::string error;

  Inputs() {
    auto made = bench::make_bench_pki();
    if (!made) {
      error = made.error().message();
      return;
    }
    pki = std::move(*made);
    content.resize(1u << 20);
    for (std::size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>((i * 2654435761u) >> 13);
    engine::cms::CadesSpec spec;
    spec.content = content;
    spec.detached = true;
    spec.signing_time = at("2025-05-01T00:00:00Z");
    auto b = engine::cms::build_cades(spec, *pki->signer, pki->signer_key);
    if (!b) {
      error = "cannot build the CAdES input: " + b.error().message();
      return;
    }
    cades = *engine::cms::add_validation_data(*b, {}, {}, {pki->signer_ocsp_good});
    samples::ContainerSpec c;
    for (int i = 0; i < 100; ++i) c.files.push_back({"file" + std::to_string(i) + ".txt", "small file number " + std::to_string(i) + "\n"});
    c.signing_time = at("2025-05-01T00:00:00Z");
    auto container = samples::build_container(c, *pki->signer, pki->signer_key);
    if (!container) {
      error = "cannot build the ASiC-E input: " + container.error().message();
      return;
    }
    asic = *container;
  }
};

const Inputs& inputs() {
  static const Inputs in;
  return in;
}

// Answers "good" for every certificate: the ASiC row measures the container and XAdES work.
class GoodChecker final : public validation::RevocationChecker {
 public:
  validation::RevocationEvidence check(const validation::RevocationQuery& q,
                                       const validation::SignerPathValidator&) const override {
    validation::RevocationEvidence good;
    good.status = validation::RevocationState::kGood;
    good.source = "crl";
    good.this_update = q.at - std::chrono::hours(1);
    good.next_update = q.at + std::chrono::hours(24);
    return good;
  }
};

bool passed(const engine::Result<validation::DocumentValidationReport>& r) {
  return r && r->signatures.size() == 1 && r->signatures[0].indication == validation::MainIndication::kTotalPassed;
}

void BM_AssayCadesBDetached1MB(benchmark::State& state) {
  const auto& in = inputs();
  if (!in.error.empty()) return state.SkipWithError(in.error.c_str());
  validation::ExplicitTrustAnchors anchors({in.pki->root});
  validation::SignatureValidationContext ctx;
  ctx.certificates.anchors.push_back(&anchors);
  ctx.at = at("2025-05-02T00:00:00Z");
  const std::vector<validation::DetachedFile> detached{{"content.bin", in.content}};
  if (!passed(validation::validate_document(in.cades, detached, ctx))) return state.SkipWithError("not TOTAL_PASSED");
  for (auto _ : state) {
    auto r = validation::validate_document(in.cades, detached, ctx);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_AssayCadesBDetached1MB)->Unit(benchmark::kMillisecond);

void BM_OpenSslCmsVerifyDetached1MB(benchmark::State& state) {
  const auto& in = inputs();
  if (!in.error.empty()) return state.SkipWithError(in.error.c_str());
  const std::string& root_der = in.pki->root->der();
  for (auto _ : state) {
    const auto* p = reinterpret_cast<const unsigned char*>(in.cades.data());
    CMS_ContentInfo* cms = d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(in.cades.size()));
    BIO* content = BIO_new_mem_buf(in.content.data(), static_cast<int>(in.content.size()));
    const int ok = CMS_verify(cms, nullptr, nullptr, content, nullptr, CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY);
    STACK_OF(X509)* signers = CMS_get0_signers(cms);
    STACK_OF(X509)* certs = CMS_get1_certs(cms);
    const auto* rp = reinterpret_cast<const unsigned char*>(root_der.data());
    X509* root = d2i_X509(nullptr, &rp, static_cast<long>(root_der.size()));
    X509_STORE* store = X509_STORE_new();
    X509_STORE_add_cert(store, root);
    X509_STORE_CTX* ctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(ctx, store, sk_X509_value(signers, 0), certs);
    X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx), 1746144000);  // 2025-05-02
    const int chain = X509_verify_cert(ctx);
    if (ok != 1 || chain != 1) state.SkipWithError("OpenSSL did not verify");
    X509_STORE_CTX_free(ctx);
    X509_STORE_free(store);
    X509_free(root);
    sk_X509_pop_free(certs, X509_free);
    sk_X509_free(signers);
    BIO_free(content);
    CMS_ContentInfo_free(cms);
  }
}
BENCHMARK(BM_OpenSslCmsVerifyDetached1MB)->Unit(benchmark::kMillisecond);

void BM_AssayAsicE100FilesXades(benchmark::State& state) {
  const auto& in = inputs();
  if (!in.error.empty()) return state.SkipWithError(in.error.c_str());
  validation::ExplicitTrustAnchors anchors({in.pki->root});
  GoodChecker good;
  validation::SignatureValidationContext ctx;
  ctx.certificates.anchors.push_back(&anchors);
  ctx.certificates.revocation = &good;
  ctx.at = at("2025-05-02T00:00:00Z");
  if (!passed(validation::validate_document(in.asic, {}, ctx))) return state.SkipWithError("not TOTAL_PASSED");
  for (auto _ : state) {
    auto r = validation::validate_document(in.asic, {}, ctx);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_AssayAsicE100FilesXades)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
