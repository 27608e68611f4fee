// `assay lists [--store DIR] [--json]`: what is in force, read from the store alone (no network):
// the LOTL in force, then every XML list it points to with the version in force, or why none is.
#include <cstdio>
#include <memory>

#include "service/cli/commands.h"
#include "service/cli/output.h"
#include "service/cli/trust_source.h"
#include "tsl/federation_authentication.h"

namespace assay::service::cli {
namespace {

struct InForceFlags {
  TrustSourceFlags source;
  bool json = false;
};

// One row of the view, from the catalogue's records.
struct Row {
  std::string url;
  std::string territory;
  std::string status;   // the recorded authentication status, or "missing"
  std::int64_t sequence = 0;
  std::string sha256;
  std::string since;
  std::string stale_since;
  std::string reason;
};

boost::json::object row_json(const Row& r) {
  auto opt = [](const std::string& s) { return s.empty() ? boost::json::value(nullptr) : boost::json::value(s); };
  return {{"url", r.url},          {"territory", r.territory}, {"status", r.status}, {"sequence", r.sequence},
          {"in_force_sha256", opt(r.sha256)}, {"since", opt(r.since)}, {"stale_since", opt(r.stale_since)},
          {"reason", r.reason}};
}

Row row_for(const engine::store::Store& store, const std::string& url, const std::string& pointer_territory) {
  Row row;
  row.url = url;
  row.territory = pointer_territory;
  auto versions = store.versions_for(engine::store::VersionKey::kUrl, url);
  auto in_force = store.in_force(url);
  if (in_force && in_force->has_value()) {
    const auto& f = **in_force;
    row.sha256 = f.sha256;
    row.since = engine::format_utc_time(f.since);
    if (f.stale_since) row.stale_since = engine::format_utc_time(*f.stale_since);
    row.reason = f.reason;
    row.status = "in_force";
    if (versions) {
      for (const auto& v : *versions) {
        if (v.sha256 != f.sha256) continue;
        row.territory = v.territory;
        row.sequence = v.sequence.value_or(0);
        row.status = v.auth_status;
      }
    }
    return row;
  }
  row.status = "missing";
  if (versions && !versions->empty()) {
    const auto& latest = versions->back();
    row.status = latest.auth_status;
    row.sequence = latest.sequence.value_or(0);
    row.reason = "latest version (sequence " + std::to_string(row.sequence) + ") was " + latest.auth_status +
                 "; nothing in force";
    return row;
  }
  auto fetches = store.fetches_for(url);
  if (fetches && !fetches->empty() && fetches->back().error) {
    row.reason = "never loaded: " + *fetches->back().error;
  } else {
    row.reason = "never loaded";
  }
  return row;
}

int run_in_force(const InForceFlags& flags) {
  auto config = resolve_config(flags.source);
  if (!config) return print_error("lists", config.error()), kExitUsage;
  auto store = open_store(*config);
  if (!store) return print_error("lists", store.error()), kExitUsage;
  boost::json::array out;
  int exit_code = kExitOk;
  for (const auto& lotl_url : config->lotl_urls) {
    Row lotl = row_for(**store, lotl_url, "");
    std::vector<Row> rows;
    if (!lotl.sha256.empty()) {
      // The limit a refresh parses documents with (refresh_options): no stored LOTL is larger.
      tsl::ParseOptions parse;
      parse.limits.max_bytes = config->max_body_bytes;
      auto bytes = (*store)->get_blob(lotl.sha256, parse.limits.max_bytes);
      auto loaded = bytes ? tsl::load_list(lotl_url, std::move(*bytes), parse) : std::unexpected(bytes.error());
      if (!loaded) return print_error("lists", loaded.error()), kExitUsage;
      for (const auto& p : loaded->list->scheme.pointers) {
        if (tsl::is_xml_list_pointer(p)) rows.push_back(row_for(**store, p.location, p.territory));
      }
    } else {
      exit_code = kExitFindings;
    }
    if (flags.json) {
      boost::json::array lists;
      for (const auto& r : rows) lists.push_back(row_json(r));
      out.push_back(boost::json::object{{"lotl", row_json(lotl)}, {"lists", std::move(lists)}});
      continue;
    }
    std::printf("LOTL %s\n  %s, sequence %lld, in force since %s\n", lotl_url.c_str(), lotl.status.c_str(),
                static_cast<long long>(lotl.sequence), lotl.since.empty() ? "-" : lotl.since.c_str());
    if (lotl.sha256.empty()) {
      std::printf("  %s\n  run `assay refresh` first\n", lotl.reason.c_str());
      continue;
    }
    std::printf("\n%-4s %8s  %-20s %-20s %s\n", "terr", "sequence", "status", "in force since", "url");
    int in_force = 0;
    for (const auto& r : rows) {
      if (!r.sha256.empty()) ++in_force;
      std::printf("%-4s %8lld  %-20s %-20s %s\n", r.territory.c_str(), static_cast<long long>(r.sequence), r.status.c_str(),
                  r.since.empty() ? "-" : r.since.c_str(), r.url.c_str());
      if (!r.reason.empty()) {
        std::printf("      %s%s\n", r.reason.c_str(), r.stale_since.empty() ? "" : (" (stale since " + r.stale_since + ")").c_str());
      }
    }
    std::printf("\n%d of %zu lists in force\n", in_force, rows.size());
  }
  if (flags.json) print_json(out.size() == 1 ? out[0] : boost::json::value(std::move(out)));
  return exit_code;
}

}  // namespace

void add_lists_in_force_view(CLI::App& lists, CommandRegistry& registry) {
  auto flags = std::make_shared<InForceFlags>();
  add_store_options(&lists, flags->source);
  lists.add_option("--lotl-url", flags->source.lotl_urls, "LOTL URL (default: from the config, the EU LOTL)");
  lists.add_flag("--json", flags->json, "Print JSON");
  // Runs only when no subcommand (inspect, verify, lint) was given.
  lists.callback([flags, &registry, &lists] {
    if (lists.get_subcommands().empty()) registry.set_exit_code(run_in_force(*flags));
  });
}

}  // namespace assay::service::cli
