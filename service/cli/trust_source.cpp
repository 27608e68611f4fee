#include "service/cli/trust_source.h"

#include <cctype>
#include <chrono>

#include "engine/net/http_fetcher.h"
#include "engine/net/mirror_fetcher.h"
#include "engine/store/store_fetcher.h"
#include "service/cli/trust_inputs.h"
#include "tsl/authentication.h"
#include "tsl/qualification/snapshot_sources.h"

namespace assay::service::cli {

void add_store_options(CLI::App* command, TrustSourceFlags& flags) {
  command->add_option("--config", flags.config_path, "assay.toml with the trust-source settings (default: built-in EU)");
  command->add_option("--store", flags.store, "Document store folder (default: $XDG_DATA_HOME/assay or ~/.local/share/assay)");
}

void add_trust_source_options(CLI::App* command, TrustSourceFlags& flags) {
  add_store_options(command, flags);
  command->add_option("--mirror", flags.mirror, "Mirror map (url<TAB>file or url<TAB>url) used instead of the network");
  command->add_option("--oj", flags.oj, "Official Journal anchors: certificate files, directories, or SHA-256 fingerprints");
  command->add_option("--lotl-url", flags.lotl_urls, "LOTL URL (repeatable; default: the EU LOTL)");
  add_trust_time_option(command, flags.trust_time);
  command->add_option("--concurrency", flags.concurrency, "Downloads in flight at once (default 8)")->check(CLI::Range(1, 64));
  command->add_option("--threads", flags.threads, "Parse/verify threads (default 2)")->check(CLI::Range(1, 64));
  command->add_option("--timeout", flags.timeout_seconds, "Seconds per download attempt (default 120)")->check(CLI::PositiveNumber);
  command->add_option("--connect-timeout", flags.connect_timeout_seconds, "Seconds to connect (default 10)")->check(CLI::PositiveNumber);
  command->add_option("--max-body", flags.max_body_bytes, "Largest accepted document in bytes (default 33554432)")
      ->check(CLI::Range(1024ul, 1ul << 30));
  command->add_option("--max-pivots", flags.max_pivots, "Most pivot LOTLs to walk (default 10)");
  command->add_option("--ca-bundle", flags.ca_bundle, "PEM file of TLS trust anchors (default: the system's)");
  command->add_flag("--offline", flags.offline, "Use only the store: re-derive trust from the versions in force");
}

engine::Result<config::Config> resolve_config(const TrustSourceFlags& flags) {
  config::Config c;
  if (!flags.config_path.empty()) {
    auto loaded = config::load_config(flags.config_path);
    if (!loaded) return std::unexpected(loaded.error());
    c = std::move(*loaded);
  }
  if (!flags.store.empty()) c.store = flags.store;
  if (!flags.mirror.empty()) c.mirror = flags.mirror;
  if (!flags.oj.empty()) c.oj_anchors = flags.oj;
  if (!flags.lotl_urls.empty()) c.lotl_urls = flags.lotl_urls;
  if (!flags.trust_time.empty()) c.trust_time = flags.trust_time;
  if (flags.concurrency) c.concurrency = *flags.concurrency;
  if (flags.threads) c.threads = *flags.threads;
  if (flags.timeout_seconds) c.timeout_seconds = *flags.timeout_seconds;
  if (flags.connect_timeout_seconds) c.connect_timeout_seconds = *flags.connect_timeout_seconds;
  if (flags.max_body_bytes) c.max_body_bytes = *flags.max_body_bytes;
  if (flags.max_pivots) c.max_pivots = *flags.max_pivots;
  if (!flags.ca_bundle.empty()) c.ca_bundle = flags.ca_bundle;
  if (c.store.empty()) c.store = config::default_store_dir();
  if (c.lotl_urls.empty()) return engine::fail(engine::Code::kInvalidArgument, "no LOTL URL configured");
  return c;
}

engine::Result<std::unique_ptr<engine::store::Store>> open_store(const config::Config& config) {
  auto store = engine::store::Store::open(config.store);
  if (!store) return std::unexpected(std::move(store.error()).with_context("store " + config.store));
  return store;
}

engine::Result<std::unique_ptr<engine::store::Store>> open_configured_store(const TrustSourceFlags& flags) {
  auto config = resolve_config(flags);
  if (!config) return std::unexpected(config.error());
  return open_store(*config);
}

engine::Result<TrustSource> open_trust_source(const config::Config& config, FetchMode mode) {
  TrustSource source;
  source.config = config;
  auto trust_time = parse_instant(config.trust_time, "--trust-time");
  if (!trust_time) return std::unexpected(trust_time.error());
  source.trust_time = *trust_time;
  auto anchors = read_signer_set(config.oj_anchors);
  if (!anchors) return std::unexpected(std::move(anchors.error()).with_context("Official Journal anchors"));
  if (anchors->empty()) return engine::fail(engine::Code::kInvalidArgument, "no Official Journal anchors configured");
  source.anchors = std::move(*anchors);
  auto store = open_store(config);
  if (!store) return std::unexpected(store.error());
  source.store = std::move(*store);

  if (mode == FetchMode::kStoreOnly) {
    source.fetchers.push_back(std::make_unique<engine::store::StoreFetcher>(*source.store));
    return source;
  }
  engine::net::HttpFetcherOptions http;
  http.max_concurrency = config.concurrency;
  http.connect_timeout = std::chrono::milliseconds(static_cast<long>(config.connect_timeout_seconds * 1000));
  http.total_timeout = std::chrono::milliseconds(static_cast<long>(config.timeout_seconds * 1000));
  http.max_body_bytes = config.max_body_bytes;
  http.max_attempts = config.max_attempts;
  http.ca_bundle = config.ca_bundle;
  source.fetchers.push_back(std::make_unique<engine::net::HttpFetcher>(http));
  if (!config.mirror.empty()) {
    engine::net::MirrorFetcherOptions mirror_options;
    mirror_options.max_body_bytes = config.max_body_bytes;
    auto mirror = engine::net::MirrorFetcher::open(config.mirror, source.fetchers.back().get(), mirror_options);
    if (!mirror) return std::unexpected(std::move(mirror.error()).with_context("mirror map"));
    source.mirror = mirror->get();
    source.fetchers.push_back(std::move(*mirror));
  }
  return source;
}

tsl::RefreshOptions refresh_options(const TrustSource& source, const std::string& lotl_url) {
  tsl::RefreshOptions options;
  options.lotl_url = lotl_url;
  options.anchors = source.anchors;
  options.trust_time = source.trust_time;
  options.max_pivots = source.config.max_pivots;
  options.threads = source.config.threads;
  options.parse.limits.max_bytes = source.config.max_body_bytes;
  options.clock = [] { return engine::system_now(); };
  return options;
}

// Why a refresh of `lotl_url` gave no authenticated list, in one sentence a new user can act on:
// the LOTL's own reason (and, when a mirror map is used and the URL is not in it, what the map
// holds and that --lotl-url names the mirror's LOTL), else each list's reason.
namespace {

std::string why_no_list(const TrustSource& source, const std::string& lotl_url, const tsl::TrustState& state) {
  std::string out;
  if (!state.lotl_authenticated()) {
    out = "the LOTL " + lotl_url + " could not be authenticated";
    if (!state.lotl.reason.empty()) out += " (" + state.lotl.reason + ")";
    if (source.mirror && !source.mirror->contains(lotl_url)) {
      const auto urls = source.mirror->urls();
      std::vector<std::string> lotls;
      for (const auto& u : urls) {
        std::string lower = u;
        for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (lower.find("lotl") != std::string::npos) lotls.push_back(u);
      }
      const auto& shown = lotls.empty() ? urls : lotls;
      out += ": that URL is not in the mirror map " + source.config.mirror + ", which holds " + std::to_string(urls.size()) +
             " URL(s)" + (lotls.empty() ? "" : ", these naming a LOTL") + ": ";
      for (std::size_t i = 0; i < shown.size() && i < 10; ++i) out += (i ? ", " : "") + shown[i];
      if (shown.size() > 10) out += ", ... (" + std::to_string(shown.size() - 10) + " more)";
      out += "; name the mirror's LOTL with --lotl-url URL (the default is the EU LOTL)";
    }
    return out;
  }
  out = "the LOTL " + lotl_url + " was authenticated, but none of its " + std::to_string(state.lists.size()) +
        " list(s) was";
  for (std::size_t i = 0; i < state.lists.size(); ++i) {
    const auto& l = state.lists[i];
    out += (i ? "; " : ": ") + l.url + (l.territory.empty() ? "" : " (" + l.territory + ")") + " " +
           std::string(tsl::auth_status_name(l.attempt_status)) + (l.reason.empty() ? "" : ": " + l.reason);
  }
  return out;
}

}  // namespace

engine::Result<LoadedTrust> load_trust_snapshot(const TrustSourceFlags& flags) {
  auto config = resolve_config(flags);
  if (!config) return std::unexpected(config.error());
  const bool offline = flags.offline || config->mirror.empty();
  auto source = open_trust_source(*config, offline ? FetchMode::kStoreOnly : FetchMode::kNetworkOrMirror);
  if (!source) return std::unexpected(source.error());
  LoadedTrust out;
  out.source = std::make_unique<TrustSource>(std::move(*source));
  tsl::Refresher refresher(out.source->fetcher(), *out.source->store);
  tsl::SnapshotInput input;
  input.trust_time = out.source->trust_time;
  std::string why;
  for (const auto& lotl_url : out.source->config.lotl_urls) {
    auto state = refresher.refresh(refresh_options(*out.source, lotl_url));
    if (!state) return std::unexpected(state.error());
    auto part = tsl::snapshot_input(**state);
    if (part.lists.empty()) why += (why.empty() ? "" : "; ") + why_no_list(*out.source, lotl_url, **state);
    if (!input.lotl) input.lotl = std::move(part.lotl);
    for (auto& l : part.lists) input.lists.push_back(std::move(l));
  }
  if (input.lists.empty()) {
    return engine::fail(engine::Code::kNotFound,
                        offline ? "no authenticated list in force in the store (run `assay refresh` first, or give --mirror): " + why
                                : "no list could be authenticated: " + why);
  }
  out.snapshot = tsl::TrustSnapshot::build(std::move(input));
  return out;
}

}  // namespace assay::service::cli
