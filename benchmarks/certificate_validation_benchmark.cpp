// Certificate validation (issue 14), two rows of benchmarks/run.sh's table:
//
// 1. Side by side with OpenSSL: PKITS 4.1.1 (end entity, GoodCA, the trust anchor; GoodCACRL and
//    TrustAnchorRootCRL), everything parsed from DER in every iteration, validated at 2020-06-01
//    with revocation required for every certificate — assay's validate_certificate against
//    X509_verify_cert with X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL. Goal: <= 1.0x.
//
// 2. A real EU qualified certificate against the EU 2026 snapshot: the end entity (NL, a QC for
//    signatures with QcCompliance and QcSSCD, issued by "QuoVadis PKIoverheid Organisatie Persoon
//    CA - G3", a CA/QC service of the Dutch list) with the real OCSP response (QuoVadis delegated
//    responder, id-pkix-ocsp-nocheck) that DSS's test signature xades-extended-xl.xml carries
//    (../shared/validation-conformance/dss-signatures), validated at 2021-11-30T12:00Z, within the
//    response's validity. The snapshot is authenticated through the OJ 2019 anchors as
//    `assay certificates validate` does (LOTL, pivots, lists) — setup, not measured. Each
//    iteration parses the two certificates and the OCSP response from DER and validates with the
//    default policy (revocation required for the end entity, algorithm expiry on). Goal: <= 100 us.
//    BM_EuQcSignatureFloor is the reference below which no validation can go: the three
//    public-key operations it must do (end entity by the CA's RSA-4096 key, the responder
//    certificate by the same key, the response by the responder's RSA-2048 key) on keys already
//    decoded.
// Run: build/benchmarks/certificate_validation_benchmark (needs ../shared), or benchmarks/run.sh.
#include <benchmark/benchmark.h>
#include <openssl/ocsp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "benchmarks/support/corpus_files.h"
#include "engine/base64.h"
#include "engine/net/mirror_fetcher.h"
#include "tsl/federation_authentication.h"
#include "tsl/qualification/snapshot_sources.h"
#include "validation/certificate_validator.h"
#include "validation/explicit_anchors.h"
#include "validation/revocation/standard_revocation_checker.h"
#include "validation/trusted_list_anchors.h"

namespace {

namespace fs = std::filesystem;
using namespace assay;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path shared() { return bench::shared_dir_or_exit(); }  // $ASSAY_CORPUS or ../shared

// ---- 1. PKITS 4.1.1 next to OpenSSL ----

struct Inputs {
  std::string ee, ca, root, ca_crl, root_crl;
  bool ok() const { return !ee.empty() && !ca.empty() && !root.empty() && !ca_crl.empty() && !root_crl.empty(); }
};

const Inputs& inputs() {
  static const Inputs in = [] {
    const fs::path d = shared() / "validation-conformance" / "pkits";
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
  validation::ValidationPolicy policy = validation::default_validation_policy();
  policy.crypto.apply_expiry = false;
  const auto at = engine::UtcTime(std::chrono::seconds(kAt));
  const std::string crls[] = {in.ca_crl, in.root_crl};  // the caller's buffers, read in place
  for (auto _ : state) {
    auto ee = engine::Certificate::parse_der(in.ee);
    auto ca = engine::Certificate::parse_der(in.ca);
    auto root = engine::Certificate::parse_der(in.root);
    auto checker = validation::StandardRevocationChecker::from_der(crls, {});
    if (!ee || !ca || !root || !checker) return state.SkipWithError("PKITS 4.1.1 inputs do not parse");
    validation::ExplicitTrustAnchors anchors({*root});
    validation::CertificateValidationContext ctx;
    ctx.anchors.push_back(&anchors);
    ctx.revocation = checker->get();
    ctx.policy = &policy;
    auto r = validation::validate_certificate({{*ee, *ca}, at}, ctx);
    if (!r || r->indication != validation::Indication::kPassed) return state.SkipWithError("assay did not pass 4.1.1");
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

// ---- 2. A real EU qualified certificate with its real OCSP response ----

struct EuFixture {
  std::shared_ptr<const validation::TrustedListAnchors> anchors;
  std::string ee, issuer, ocsp;  // DER
  std::string error;             // why the fixture is unusable
};

// The base64 contents of every <...X509Certificate> and <...EncapsulatedOCSPValue> element.
std::vector<std::pair<std::string, std::string>> embedded_values(const std::string& xml) {
  static const std::regex element(R"(<(?:\w+:)?(X509Certificate|EncapsulatedX509Certificate|EncapsulatedOCSPValue)\b[^>]*>([^<]+)<)");
  std::vector<std::pair<std::string, std::string>> out;
  for (std::sregex_iterator it(xml.begin(), xml.end(), element), end; it != end; ++it) {
    auto der = engine::base64_decode((*it)[2].str());
    if (der) out.emplace_back((*it)[1].str(), std::string(der->begin(), der->end()));
  }
  return out;
}

const EuFixture& eu_fixture() {
  static const EuFixture f = [] {
    EuFixture out;
    const fs::path corpus = shared() / "corpus";
    auto mirror = engine::net::MirrorFetcher::open(corpus / "eu-2026-08" / "urls.tsv", nullptr);
    if (!mirror) {
      out.error = "../shared/corpus/eu-2026-08 not found";
      return out;
    }
    tsl::SignerSet oj;
    for (const auto& e : fs::directory_iterator(corpus / "oj-2019")) {
      if (auto certs = engine::Certificate::parse_pem_chain(read(e.path()))) {
        for (const auto& c : *certs) oj.add_certificate(c);
      }
    }
    const auto trust_time = *engine::parse_utc_time("2026-08-21T00:00:00Z");
    tsl::FederationOptions options;
    options.lotl.trust_time = trust_time;
    auto& fetcher = **mirror;
    const auto run = tsl::authenticate_federation(
        "https://ec.europa.eu/tools/lotl/eu-lotl.xml", oj,
        [&](const std::string& url) { return engine::net::fetch_body(fetcher, url); }, options);
    if (!run.lotl.lotl.authenticated()) {
      out.error = "the eu-2026-08 LOTL does not authenticate with the OJ 2019 anchors";
      return out;
    }
    out.anchors = validation::TrustedListAnchors::build(tsl::TrustSnapshot::build(tsl::snapshot_input(run, trust_time)));
    const auto values = embedded_values(
        read(shared() / "validation-conformance/dss-signatures/files/dss-xades__validation__xades-extended-xl.xml"));
    // KeyInfo holds the signing certificate and then its issuer; the one OCSP value is about it.
    for (const auto& [kind, der] : values) {
      if (kind == "X509Certificate" && out.ee.empty()) out.ee = der;
      else if (kind == "X509Certificate" && out.issuer.empty()) out.issuer = der;
      else if (kind == "EncapsulatedOCSPValue") out.ocsp = der;
    }
    if (out.ee.empty() || out.issuer.empty() || out.ocsp.empty()) out.error = "xades-extended-xl.xml not found or changed";
    return out;
  }();
  return f;
}

const engine::UtcTime kEuAt = *engine::parse_utc_time("2021-11-30T12:00:00Z");

void BM_EuQcWithOcsp(benchmark::State& state) {
  const auto& f = eu_fixture();
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  const validation::ValidationPolicy policy = validation::default_validation_policy();
  const std::string responses[] = {f.ocsp};
  for (auto _ : state) {
    auto ee = engine::Certificate::parse_der(f.ee);
    auto issuer = engine::Certificate::parse_der(f.issuer);
    auto checker = validation::StandardRevocationChecker::from_der({}, responses);
    if (!ee || !issuer || !checker) return state.SkipWithError("the EU inputs do not parse");
    validation::CertificateValidationContext ctx;
    ctx.anchors.push_back(f.anchors.get());
    ctx.revocation = checker->get();
    ctx.policy = &policy;
    auto r = validation::validate_certificate({{*ee, *issuer}, kEuAt}, ctx);
    if (!r || r->indication != validation::Indication::kPassed || r->path.empty() ||
        r->path.front().revocation.source != "ocsp" || !r->anchor || r->anchor->source != validation::AnchorSource::kTrustedList) {
      return state.SkipWithError("the EU certificate did not pass with its OCSP response through a trusted-list anchor");
    }
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_EuQcWithOcsp)->Unit(benchmark::kMicrosecond);

void BM_EuQcSignatureFloor(benchmark::State& state) {
  const auto& f = eu_fixture();
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  // OpenSSL objects built once (keys decoded once): only the three verifications are timed.
  X509* ee = x509(f.ee);
  X509* ca = x509(f.issuer);
  const unsigned char* p = reinterpret_cast<const unsigned char*>(f.ocsp.data());
  OCSP_RESPONSE* response = d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(f.ocsp.size()));
  OCSP_BASICRESP* basic = response ? OCSP_response_get1_basic(response) : nullptr;
  X509* responder = basic && sk_X509_num(OCSP_resp_get0_certs(basic)) > 0 ? sk_X509_value(OCSP_resp_get0_certs(basic), 0) : nullptr;
  X509_STORE* store = X509_STORE_new();
  EVP_PKEY* ca_key = ca ? X509_get0_pubkey(ca) : nullptr;
  if (ee == nullptr || ca_key == nullptr || responder == nullptr) {
    state.SkipWithError("OpenSSL does not read the EU inputs");
  } else {
    for (auto _ : state) {
      const bool ok = X509_verify(ee, ca_key) == 1 && X509_verify(responder, ca_key) == 1 &&
                      OCSP_basic_verify(basic, nullptr, store, OCSP_NOVERIFY | OCSP_NOCHECKS) == 1;
      if (!ok) {
        state.SkipWithError("a signature does not verify");
        break;
      }
    }
  }
  X509_STORE_free(store);
  OCSP_BASICRESP_free(basic);
  OCSP_RESPONSE_free(response);
  X509_free(ca);
  X509_free(ee);
}
BENCHMARK(BM_EuQcSignatureFloor)->Unit(benchmark::kMicrosecond);

}  // namespace
