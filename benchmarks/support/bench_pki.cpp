#include "benchmarks/support/bench_pki.h"

#include "engine/x509/certificate_builder.h"
#include "engine/x509/revocation_builder.h"

namespace assay::bench {
namespace {

engine::UtcTime at(const char* text) { return *engine::parse_utc_time(text); }

engine::Error failed(const char* step, const engine::Error& e) {
  return engine::Error(engine::Code::kInternal, std::string("bench PKI: ") + step + ": " + e.message());
}

}  // namespace

engine::Result<BenchPki> make_bench_pki() {
  auto root_key = engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256);
  auto signer_key = engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256);
  if (!root_key) return std::unexpected(failed("root key", root_key.error()));
  if (!signer_key) return std::unexpected(failed("signer key", signer_key.error()));

  engine::CertificateSpec r;
  r.subject = {{"C", "LU"}, {"O", "Assay Bench"}, {"CN", "Bench Root"}};
  r.not_before = at("2020-01-01T00:00:00Z");
  r.not_after = at("2035-01-01T00:00:00Z");
  r.ca = true;
  r.key_usage = engine::key_usage_bits({engine::KeyUsageBit::kKeyCertSign, engine::KeyUsageBit::kCrlSign});
  auto root = engine::build_self_signed(r, *root_key);
  if (!root) return std::unexpected(failed("root certificate", root.error()));

  engine::CertificateSpec e;
  e.subject = {{"C", "LU"}, {"O", "Assay Bench"}, {"CN", "Bench Signer"}};
  e.serial_hex = "1001";
  e.not_before = at("2024-01-01T00:00:00Z");
  e.not_after = at("2030-01-01T00:00:00Z");
  e.key_usage = engine::key_usage_bits({engine::KeyUsageBit::kDigitalSignature, engine::KeyUsageBit::kNonRepudiation});
  auto signer = engine::build_certificate(e, signer_key->public_key_der(), **root, *root_key);
  if (!signer) return std::unexpected(failed("signer certificate", signer.error()));

  engine::OcspResponseSpec o;
  o.produced_at = at("2025-05-01T00:00:00Z");
  o.responses.push_back({signer->get(), root->get(), engine::OcspCertStatus::kGood, {}, std::nullopt,
                         at("2025-05-01T00:00:00Z"), at("2025-06-01T00:00:00Z")});
  auto ocsp = engine::build_ocsp_response(o, **root, *root_key);
  if (!ocsp) return std::unexpected(failed("OCSP response", ocsp.error()));

  return BenchPki{std::move(*root_key), std::move(*signer_key), std::move(*root), std::move(*signer), std::move(*ocsp)};
}

}  // namespace assay::bench
