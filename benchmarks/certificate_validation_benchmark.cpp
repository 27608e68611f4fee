// Certificate validation, side by side with OpenSSL in one run: PKITS 4.1.1 (end entity,
// GoodCA, the trust anchor; GoodCACRL and TrustAnchorRootCRL), everything parsed from DER in
// every iteration, validated at 2020-06-01 with revocation required for every certificate —
// assay's validate_certificate against X509_verify_cert with X509_V_FLAG_CRL_CHECK |
// X509_V_FLAG_CRL_CHECK_ALL. Goal (issue 14): assay <= 1.0x OpenSSL.
// Run: build/benchmarks/certificate_validation_benchmark (needs ../shared).
#include <benchmark/benchmark.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/library_scope.h"
#include "validation/certificate_validator.h"
#include "validation/explicit_anchors.h"
#include "validation/revocation/standard_revocation_checker.h"

namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Inputs {
  std::string ee, ca, root, ca_crl, root_crl;
  bool ok() const { return !ee.empty() && !ca.empty() && !root.empty() && !ca_crl.empty() && !root_crl.empty(); }
};

const Inputs& inputs() {
  static const Inputs in = [] {
    const fs::path d = fs::path(ASSAY_SOURCE_DIR) / ".." / "shared" / "validation-conformance" / "pkits";
    return Inputs{read(d / "certs" / "ValidCertificatePathTest1EE.crt"), read(d / "certs" / "GoodCACert.crt"),
                  read(d / "certs" / "TrustAnchorRootCertificate.crt"), read(d / "crls" / "GoodCACRL.crl"),
                  read(d / "crls" / "TrustAnchorRootCRL.crl")};
  }();
  return in;
}

constexpr std::time_t kAt = 1590969600;  // 2020-06-01T00:00:00Z

void BM_AssayPkits411(benchmark::State& state) {
  const auto& in = inputs();
  if (!in.ok()) return state.SkipWithError("../shared/validation-conformance/pkits not found");
  assay::validation::ValidationPolicy policy = assay::validation::default_validation_policy();
  policy.crypto.apply_expiry = false;
  const auto at = assay::engine::UtcTime(std::chrono::seconds(kAt));
  for (auto _ : state) {
    auto ee = assay::engine::Certificate::parse_der(in.ee);
    auto ca = assay::engine::Certificate::parse_der(in.ca);
    auto root = assay::engine::Certificate::parse_der(in.root);
    const std::string crls[] = {in.ca_crl, in.root_crl};
    auto checker = assay::validation::StandardRevocationChecker::from_der(crls, {});
    assay::validation::ExplicitTrustAnchors anchors({*root});
    assay::validation::CertificateValidationContext ctx;
    ctx.anchors.push_back(&anchors);
    ctx.revocation = checker->get();
    ctx.policy = &policy;
    auto r = assay::validation::validate_certificate({{*ee, *ca}, at}, ctx);
    if (!r || r->indication != assay::validation::Indication::kPassed) return state.SkipWithError("assay did not pass 4.1.1");
    benchmark::DoNotOptimize(r);
  }
}

X509* x509(const std::string& der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  return d2i_X509(nullptr, &p, static_cast<long>(der.size()));
}

X509_CRL* crl(const std::string& der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  return d2i_X509_CRL(nullptr, &p, static_cast<long>(der.size()));
}

void BM_OpenSslPkits411(benchmark::State& state) {
  const auto& in = inputs();
  if (!in.ok()) return state.SkipWithError("../shared/validation-conformance/pkits not found");
  for (auto _ : state) {
    X509* ee = x509(in.ee);
    X509* ca = x509(in.ca);
    X509* root = x509(in.root);
    X509_CRL* c1 = crl(in.ca_crl);
    X509_CRL* c2 = crl(in.root_crl);
    X509_STORE* store = X509_STORE_new();
    X509_STORE_add_cert(store, root);
    X509_STORE_add_crl(store, c1);
    X509_STORE_add_crl(store, c2);
    STACK_OF(X509)* untrusted = sk_X509_new_null();
    sk_X509_push(untrusted, ca);
    X509_STORE_CTX* ctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(ctx, store, ee, untrusted);
    X509_STORE_CTX_set_flags(ctx, X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL);
    X509_STORE_CTX_set_time(ctx, 0, kAt);
    const int ok = X509_verify_cert(ctx);
    X509_STORE_CTX_free(ctx);
    sk_X509_free(untrusted);
    X509_STORE_free(store);
    X509_CRL_free(c1);
    X509_CRL_free(c2);
    X509_free(ee);
    X509_free(ca);
    X509_free(root);
    if (ok != 1) return state.SkipWithError("OpenSSL did not verify 4.1.1");
  }
}

BENCHMARK(BM_AssayPkits411)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_OpenSslPkits411)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  assay::engine::LibraryScope scope;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
