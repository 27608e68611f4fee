#include "fuzz/support/federation_trust.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "engine/net/mirror_fetcher.h"
#include "engine/x509/certificate.h"
#include "tsl/federation_authentication.h"
#include "tsl/qualification/snapshot_sources.h"
#include "validation/document/document_validator.h"
#include "validation/revocation/standard_revocation_checker.h"

namespace assay::fuzz {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void setup_failed(const std::string& what) {
  std::fprintf(stderr, "fuzz setup: %s\n", what.c_str());
  std::abort();
}

FederationTrust authenticate() {
  const fs::path samples = fs::path(source_dir()) / "samples" / "federation";
  auto mirror = engine::net::MirrorFetcher::open(samples / "urls.tsv", nullptr);
  if (!mirror) setup_failed(mirror.error().message());
  std::ifstream in(samples / "oj" / "old-anchor.pem", std::ios::binary);
  const std::string pem{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto certificates = engine::Certificate::parse_pem_chain(pem);
  if (!certificates) setup_failed(certificates.error().message());
  tsl::SignerSet signers;
  for (const auto& c : *certificates) signers.add_certificate(c);
  FederationTrust trust;
  trust.trust_time = *engine::parse_utc_time("2026-01-15T00:00:00Z");
  tsl::FederationOptions options;
  options.lotl.trust_time = trust.trust_time;
  auto& fetcher = **mirror;
  const auto run = tsl::authenticate_federation(
      "https://federation.assay.invalid/lotl.xml", signers,
      [&](const std::string& url) { return engine::net::fetch_body(fetcher, url); }, options);
  if (!run.lotl.lotl.authenticated()) setup_failed("sample LOTL: " + run.lotl.lotl.detail);
  trust.snapshot = tsl::TrustSnapshot::build(tsl::snapshot_input(run, trust.trust_time));
  trust.anchors = validation::TrustedListAnchors::build(trust.snapshot);
  return trust;
}

}  // namespace

std::string source_dir() { return ASSAY_SOURCE_DIR; }

const FederationTrust& federation_trust() {
  static const FederationTrust trust = authenticate();
  return trust;
}

void validate_with_federation(std::string_view document) {
  const auto& trust = federation_trust();
  auto checker = validation::StandardRevocationChecker::from_der({}, {});
  if (!checker) setup_failed(checker.error().message());
  validation::SignatureValidationContext context;
  context.certificates.anchors.push_back(trust.anchors.get());
  context.certificates.revocation = checker->get();
  context.snapshot = trust.snapshot.get();
  context.at = trust.trust_time;
  const std::vector<validation::DetachedFile> detached{{"content.txt", "detached content"}};
  (void)validation::validate_document(document, detached, context);
}

}  // namespace assay::fuzz
