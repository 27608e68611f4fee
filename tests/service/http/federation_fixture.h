// Test support: the committed sample federation refreshed once into a temp store (the same way
// `assay serve` does it: tsl::Refresher over a MirrorFetcher), and an http::Context over it.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "engine/net/mirror_fetcher.h"
#include "engine/store/store.h"
#include "service/http/context.h"
#include "service/http/metrics.h"
#include "tsl/refresh.h"

namespace assay::testing {

inline constexpr char kSampleLotlUrl[] = "https://federation.assay.invalid/lotl.xml";
inline constexpr char kSampleTrustTime[] = "2026-01-15T00:00:00Z";

std::filesystem::path sample_federation_dir();

// A temp folder removed at destruction.
class TempFolder {
 public:
  explicit TempFolder(const std::string& prefix);
  ~TempFolder();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Writes a mirror map into `dir`: the sample federation's urls.tsv with absolute paths, except
// the URLs in `overrides`, which map to the given files.
std::filesystem::path write_mirror(const std::filesystem::path& dir, const std::map<std::string, std::filesystem::path>& overrides = {});

// A store, a refresher and a context over the sample federation.
class SampleFederation {
 public:
  SampleFederation();
  // Refreshes through `mirror_tsv` (default: the sample urls.tsv) with the OJ anchor `oj`
  // (default: the sample's oj/old-anchor.pem) and publishes the bundle.
  std::shared_ptr<const tsl::TrustState> refresh(const std::filesystem::path& mirror_tsv = {},
                                                 const std::filesystem::path& oj = {});

  engine::UtcTime trust_time() const;
  service::http::Context& context() { return context_; }
  service::http::SnapshotHolder& holder() { return holder_; }
  service::http::Metrics& metrics() { return metrics_; }
  engine::store::Store& store() { return *store_; }
  const std::filesystem::path& dir() const { return temp_.path(); }
  int refresh_triggers = 0;

 private:
  TempFolder temp_;
  std::unique_ptr<engine::store::Store> store_;
  service::http::SnapshotHolder holder_;
  service::http::Metrics metrics_;
  service::http::Context context_;
};

}  // namespace assay::testing
