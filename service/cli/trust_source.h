// The trust source every trust-using command shares (refresh, lists, serve): configuration file
// plus flag overrides, the anchors, the store, and the fetcher (network, mirror map, or store).
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/net/fetcher.h"
#include "engine/net/mirror_fetcher.h"
#include "engine/store/store.h"
#include "engine/time.h"
#include "service/config/config.h"
#include "tsl/refresh.h"
#include "tsl/signer_set.h"
#include "tsl/trust_snapshot.h"

namespace assay::service::cli {

// Flags as given on the command line (empty / unset = take the config's value).
struct TrustSourceFlags {
  std::string config_path;
  std::string store;
  std::string mirror;
  std::vector<std::string> oj;
  std::vector<std::string> lotl_urls;
  std::string trust_time;
  std::optional<std::size_t> concurrency;
  std::optional<unsigned> threads;
  std::optional<double> timeout_seconds;
  std::optional<double> connect_timeout_seconds;
  std::optional<std::size_t> max_body_bytes;
  std::optional<std::size_t> max_pivots;
  std::string ca_bundle;
  bool offline = false;
};

// Adds --config, --store, --mirror, --oj, --lotl-url, --trust-time, --concurrency, --threads,
// --timeout, --connect-timeout, --max-body, --max-pivots, --ca-bundle, --offline.
void add_trust_source_options(CLI::App* command, TrustSourceFlags& flags);
// Adds only --config and --store (commands that read the store without fetching).
void add_store_options(CLI::App* command, TrustSourceFlags& flags);

// The config file (or the built-in EU defaults) with the flags applied.
engine::Result<config::Config> resolve_config(const TrustSourceFlags& flags);

// Everything a refresh needs, opened and ready. Owns the store and the fetchers.
struct TrustSource {
  config::Config config;
  tsl::SignerSet anchors;
  engine::UtcTime trust_time{};
  std::unique_ptr<engine::store::Store> store;
  std::vector<std::unique_ptr<engine::net::Fetcher>> fetchers;  // the last one is used
  const engine::net::MirrorFetcher* mirror = nullptr;            // the mirror map, when one is used (in fetchers)
  engine::net::Fetcher& fetcher() const { return *fetchers.back(); }
};

enum class FetchMode { kNetworkOrMirror, kStoreOnly };

engine::Result<TrustSource> open_trust_source(const config::Config& config, FetchMode mode);

// The refresh options every command uses for one LOTL of `source` (anchors, trust time, limits,
// worker threads, the wall clock for fetch records).
tsl::RefreshOptions refresh_options(const TrustSource& source, const std::string& lotl_url);
engine::Result<std::unique_ptr<engine::store::Store>> open_store(const config::Config& config);
// The store the flags name (--store, else the --config file's, else the default location).
engine::Result<std::unique_ptr<engine::store::Store>> open_configured_store(const TrustSourceFlags& flags);

// The trusted lists as `assay qualify` and `assay certificates validate` use them: the store's
// lists in force re-authenticated offline (with --offline, or when no --mirror is given), else a
// refresh from the mirror; then the snapshot of every LOTL's in-force authenticated lists.
// `source` stays open (it holds the store, which e.g. the online revocation source reuses).
struct LoadedTrust {
  std::unique_ptr<TrustSource> source;
  tsl::TrustSnapshotPtr snapshot;
};
// kNotFound when no list could be authenticated (with the hint to refresh first).
engine::Result<LoadedTrust> load_trust_snapshot(const TrustSourceFlags& flags);

}  // namespace assay::service::cli
