// Test helper: authenticate a federation from a mirror map and build its TrustSnapshot.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "engine/net/mirror_fetcher.h"
#include "engine/x509/certificate.h"
#include "tests/support/corpus.h"
#include "tsl/federation_authentication.h"
#include "tsl/qualification/snapshot_sources.h"

namespace assay::tsl::testing_support {

namespace fs = std::filesystem;

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::vector<engine::CertificatePtr> read_chain(const fs::path& p) {
  auto certs = engine::Certificate::parse_pem_chain(slurp(p));
  EXPECT_TRUE(certs.has_value()) << p;
  return certs ? *certs : std::vector<engine::CertificatePtr>{};
}

inline TrustSnapshotPtr federation_snapshot(const fs::path& urls_tsv, const fs::path& anchor_pem, const std::string& lotl_url,
                                            engine::UtcTime trust_time) {
  auto mirror = engine::net::MirrorFetcher::open(urls_tsv, nullptr);
  EXPECT_TRUE(mirror.has_value()) << urls_tsv;
  if (!mirror) return nullptr;
  SignerSet anchors;
  for (const auto& c : read_chain(anchor_pem)) anchors.add_certificate(c);
  FederationOptions options;
  options.lotl.trust_time = trust_time;
  auto& fetcher = **mirror;
  const auto run = authenticate_federation(
      lotl_url, anchors, [&](const std::string& url) { return engine::net::fetch_body(fetcher, url); }, options);
  EXPECT_TRUE(run.lotl.lotl.authenticated()) << run.lotl.lotl.detail;
  return TrustSnapshot::build(snapshot_input(run, trust_time));
}

// Rows of a tab-separated file, '#' lines and the header (first line when `header`) skipped.
inline std::vector<std::vector<std::string>> read_tsv(const fs::path& p, bool header) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(slurp(p));
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (first && header) {
      first = false;
      continue;
    }
    first = false;
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (;;) {
      auto tab = line.find('\t', start);
      cells.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    rows.push_back(std::move(cells));
  }
  return rows;
}

}  // namespace assay::tsl::testing_support
