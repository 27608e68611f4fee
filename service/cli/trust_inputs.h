// Options shared by the commands that authenticate lists: trust anchors, the trust time, and the
// document source (a mirror map for now; the network and the store come with `refresh`).
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/time.h"
#include "tsl/signer_set.h"

namespace assay::service::cli {

// Reads certificates or fingerprints: each item is a certificate file (PEM with one or more
// certificates, or DER), a directory (every regular file in it is read as such a file), or a
// 64-hex-digit SHA-256 fingerprint. Errors name the item.
engine::Result<tsl::SignerSet> read_signer_set(const std::vector<std::string>& items);

// Parses --trust-time / --at values: RFC 3339, or "now" (the wall clock, read here in service/).
engine::Result<engine::UtcTime> parse_instant(const std::string& text, const char* flag_name);

// Adds `--trust-time` to a command, with the help text every command shares.
CLI::Option* add_trust_time_option(CLI::App* command, std::string& value);

}  // namespace assay::service::cli
