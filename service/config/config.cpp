#include "service/config/config.h"

#include <toml++/toml.h>

#include <cstdlib>
#include <functional>
#include <map>
#include <sstream>

#include "engine/file.h"

namespace assay::service::config {
namespace {

using engine::Code;

std::string where(const toml::node& node) {
  const auto& s = node.source();
  return " (line " + std::to_string(s.begin.line) + ")";
}

template <class T>
engine::Result<T> number(const std::string& key, const toml::node& node, double min, double max) {
  std::optional<double> v;
  // Exact node types: value<int64_t>() converts a float out of range with undefined behaviour
  // inside toml++ (found by fuzz/config).
  if (const auto* i = node.as_integer()) v = static_cast<double>(i->get());
  if (const auto* d = node.as_floating_point()) v = d->get();
  if (!v) return engine::fail(Code::kInvalidArgument, "config key '" + key + "' must be a number" + where(node));
  // Written so that NaN fails too (converting it to T would be undefined).
  if (!(*v >= min && *v <= max)) {
    return engine::fail(Code::kInvalidArgument, "config key '" + key + "' must be between " + std::to_string(min) +
                                                    " and " + std::to_string(max) + where(node));
  }
  return static_cast<T>(*v);
}

engine::Result<std::string> text(const std::string& key, const toml::node& node) {
  if (auto s = node.value<std::string>()) return *s;
  return engine::fail(Code::kInvalidArgument, "config key '" + key + "' must be a string" + where(node));
}

engine::Result<std::vector<std::string>> texts(const std::string& key, const toml::node& node) {
  const auto* array = node.as_array();
  if (array == nullptr) return engine::fail(Code::kInvalidArgument, "config key '" + key + "' must be an array of strings" + where(node));
  std::vector<std::string> out;
  for (const auto& item : *array) {
    auto s = item.value<std::string>();
    if (!s) return engine::fail(Code::kInvalidArgument, "config key '" + key + "' must hold only strings" + where(item));
    out.push_back(*s);
  }
  return out;
}

using Setter = std::function<engine::Result<void>(Config&, const std::string&, const toml::node&)>;

template <class Member>
Setter set_text(Member member) {
  return [member](Config& c, const std::string& key, const toml::node& node) -> engine::Result<void> {
    auto v = text(key, node);
    if (!v) return std::unexpected(v.error());
    c.*member = *v;
    return {};
  };
}

template <class Member>
Setter set_texts(Member member) {
  return [member](Config& c, const std::string& key, const toml::node& node) -> engine::Result<void> {
    auto v = texts(key, node);
    if (!v) return std::unexpected(v.error());
    c.*member = *v;
    return {};
  };
}

template <class T, class Member>
Setter set_number(Member member, double min, double max) {
  return [member, min, max](Config& c, const std::string& key, const toml::node& node) -> engine::Result<void> {
    auto v = number<T>(key, node, min, max);
    if (!v) return std::unexpected(v.error());
    c.*member = *v;
    return {};
  };
}

const std::map<std::string, Setter>& setters() {
  static const std::map<std::string, Setter> table = {
      {"lotl_urls", set_texts(&Config::lotl_urls)},
      {"oj_anchors", set_texts(&Config::oj_anchors)},
      {"store", set_text(&Config::store)},
      {"mirror", set_text(&Config::mirror)},
      {"concurrency", set_number<std::size_t>(&Config::concurrency, 1, 64)},
      {"threads", set_number<unsigned>(&Config::threads, 1, 64)},
      {"connect_timeout_seconds", set_number<double>(&Config::connect_timeout_seconds, 0.1, 600)},
      {"timeout_seconds", set_number<double>(&Config::timeout_seconds, 0.1, 3600)},
      {"max_body_bytes", set_number<std::size_t>(&Config::max_body_bytes, 1024, 1024.0 * 1024 * 1024)},
      {"max_attempts", set_number<int>(&Config::max_attempts, 1, 10)},
      {"max_pivots", set_number<std::size_t>(&Config::max_pivots, 0, 100)},
      {"refresh_interval_seconds", set_number<double>(&Config::refresh_interval_seconds, 10, 7 * 86400)},
      {"trust_time", set_text(&Config::trust_time)},
      {"ca_bundle", set_text(&Config::ca_bundle)},
      {"listen", set_text(&Config::listen)},
      {"refresh_token", set_text(&Config::refresh_token)},
      {"readiness_min_fraction", set_number<double>(&Config::readiness_min_fraction, 0, 1)},
  };
  return table;
}

}  // namespace

std::vector<std::string> eu_oj_2019_fingerprints() {
  return {"5400ab712c41aaf0c40b505e264d5494d8af4180f8f62955d16223b3290f97c3",
          "9c1a3b646eaf132398ef319e41c8e7ed725b64d5772580ae125d59c0f6845630",
          "59a1bf290b818b177ad61ac4b3e6dcddd46da6d5be9579f8564adea6f2cf073e",
          "8e508f03b132500c3403db66e9dd39cd78f4657c840958a77d34e7bd621468e7",
          "c1a37db48cd5e0479b97f4de32e3a7470c52aafb94c1656ef56f97503992c8a7",
          "d2064fdd70f6982dcc516b86d9d5c56aea939417c624b2e478c0b29de54f8474",
          "435504bfd802edf4db08cbd7c7729a0d45b227797b727e4e6ea1d31684166342",
          "ccd879b36bb553685becbd12901c7f41f7bd3e07f898fcbbe1eec456b03d7589"};
}

engine::Result<Config> parse_config(std::string_view source, const std::string& origin) {
  toml::table table;
  try {
    table = toml::parse(source, origin);
  } catch (const toml::parse_error& e) {
    return engine::fail(Code::kMalformed, origin + ": " + std::string(e.description()) + " (line " +
                                              std::to_string(e.source().begin.line) + ", column " +
                                              std::to_string(e.source().begin.column) + ")");
  }
  Config config;
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    auto it = setters().find(name);
    if (it == setters().end()) {
      return engine::fail(Code::kInvalidArgument, origin + ": unknown config key '" + name + "'" + where(node));
    }
    if (auto r = it->second(config, name, node); !r) return std::unexpected(std::move(r.error()).with_context(origin));
  }
  return config;
}

engine::Result<Config> load_config(const std::string& path) {
  auto bytes = engine::read_file(path, 1u << 20);
  if (!bytes) return std::unexpected(bytes.error());
  return parse_config(*bytes, path);
}

std::string default_store_dir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') return std::string(xdg) + "/assay";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') return std::string(home) + "/.local/share/assay";
  return "assay-store";
}

}  // namespace assay::service::config
