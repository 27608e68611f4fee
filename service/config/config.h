// assay.toml: every setting of the trust source, with built-in EU defaults. Each key can be
// overridden by a command-line flag of the same meaning.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "engine/error.h"

namespace assay::service::config {

// The EU LOTL and the eight certificates of OJ C 276, 16.8.2019 (SHA-256 of the DER): the
// current LOTL is reached from them through its pivots.
inline constexpr char kEuLotlUrl[] = "https://ec.europa.eu/tools/lotl/eu-lotl.xml";
std::vector<std::string> eu_oj_2019_fingerprints();

struct Config {
  std::vector<std::string> lotl_urls{kEuLotlUrl};
  std::vector<std::string> oj_anchors = eu_oj_2019_fingerprints();  // files, directories or SHA-256 fingerprints
  std::string store;         // empty: $XDG_DATA_HOME/assay or ~/.local/share/assay
  std::string mirror;        // optional url<TAB>file map used instead of the network
  std::size_t concurrency = 8;
  unsigned threads = 2;      // parse/verify workers
  double connect_timeout_seconds = 10;
  double timeout_seconds = 120;   // per attempt
  std::size_t max_body_bytes = std::size_t{32} << 20;
  int max_attempts = 3;
  std::size_t max_pivots = 10;
  double refresh_interval_seconds = 3600;
  std::string trust_time;    // empty: now
  std::string ca_bundle;     // empty: the system's
  // HTTP service (assay serve)
  std::string listen = "127.0.0.1:8080";
  std::string refresh_token;  // empty: POST /api/v1/refresh is disabled
  double readiness_min_fraction = 0.9;
};

// Reads a TOML file. Unknown keys and values of the wrong type or range are errors that name the
// key (kInvalidArgument); a syntax error names line and column (kMalformed).
engine::Result<Config> load_config(const std::string& path);
// Parses TOML text (for tests); `origin` names the source in messages.
engine::Result<Config> parse_config(std::string_view text, const std::string& origin);

// The default store folder: $XDG_DATA_HOME/assay, else $HOME/.local/share/assay, else ./assay-store.
std::string default_store_dir();

}  // namespace assay::service::config
