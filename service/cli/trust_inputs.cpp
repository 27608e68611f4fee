#include "service/cli/trust_inputs.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "engine/file.h"
#include "engine/x509/certificate.h"

namespace assay::service::cli {
namespace {

constexpr std::size_t kMaxCertificateFile = 4u << 20;

bool is_fingerprint(const std::string& s) {
  std::string hex;
  for (const char c : s) {
    if (c != ':') hex.push_back(c);
  }
  return hex.size() == 64 && std::all_of(hex.begin(), hex.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

engine::Result<void> add_file(tsl::SignerSet& set, const std::filesystem::path& path) {
  auto bytes = engine::read_file(path, kMaxCertificateFile);
  if (!bytes) return std::unexpected(std::move(bytes.error()).with_context(path.string()));
  auto certs = engine::Certificate::parse_pem_chain(*bytes);
  if (!certs) return std::unexpected(std::move(certs.error()).with_context(path.string()));
  for (const auto& c : *certs) set.add_certificate(c);
  return {};
}

}  // namespace

engine::Result<tsl::SignerSet> read_signer_set(const std::vector<std::string>& items) {
  tsl::SignerSet set;
  for (const auto& item : items) {
    std::error_code ec;
    if (std::filesystem::is_directory(item, ec)) {
      std::vector<std::filesystem::path> files;
      for (const auto& e : std::filesystem::directory_iterator(item, ec)) {
        if (e.is_regular_file()) files.push_back(e.path());
      }
      std::sort(files.begin(), files.end());
      if (files.empty()) return engine::fail(engine::Code::kInvalidArgument, item + ": directory holds no certificate files");
      for (const auto& f : files) {
        if (auto r = add_file(set, f); !r) return std::unexpected(r.error());
      }
    } else if (std::filesystem::exists(item, ec)) {
      if (auto r = add_file(set, item); !r) return std::unexpected(r.error());
    } else if (is_fingerprint(item)) {
      if (auto r = set.add_fingerprint(item); !r) return std::unexpected(r.error());
    } else {
      return engine::fail(engine::Code::kInvalidArgument,
                          item + ": neither a certificate file, a directory, nor a SHA-256 fingerprint");
    }
  }
  return set;
}

engine::Result<engine::UtcTime> parse_instant(const std::string& text, const char* flag_name) {
  if (text.empty() || text == "now") return engine::system_now();
  auto t = engine::parse_utc_time(text);
  if (!t) {
    return engine::fail(engine::Code::kInvalidArgument,
                        std::string(flag_name) + " '" + text + "' is not an RFC 3339 time such as 2026-08-21T00:00:00Z");
  }
  return *t;
}

CLI::Option* add_trust_time_option(CLI::App* command, std::string& value) {
  return command->add_option("--trust-time", value,
                             "Instant at which lists are judged (RFC 3339, e.g. 2026-08-21T00:00:00Z; default: now)");
}

}  // namespace assay::service::cli
