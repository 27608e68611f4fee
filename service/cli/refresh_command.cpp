// `assay refresh`: fetch and authenticate the LOTL (through its pivots) and every list it points
// to, keep every version in the store, move what is in force only forward, and report.
#include <unistd.h>

#include <cstdio>
#include <memory>

#include "service/cli/commands.h"
#include "service/cli/output.h"
#include "service/cli/refresh_report.h"
#include "service/cli/trust_source.h"
#include "service/json/trust_state_json.h"
#include "tsl/refresh.h"

namespace assay::service::cli {
namespace {

struct RefreshFlags {
  TrustSourceFlags source;
  bool json = false;
};

// Progress on a terminal: one line rewritten in place on stderr.
std::function<void(const tsl::RefreshProgress&)> terminal_progress(bool enabled) {
  if (!enabled) return {};
  return [](const tsl::RefreshProgress& p) {
    std::string host = p.current;
    if (auto s = host.find("://"); s != std::string::npos) host = host.substr(s + 3);
    if (auto s = host.find('/'); s != std::string::npos) host = host.substr(0, s);
    std::fprintf(stderr, "\r\033[K[%zu/%zu] %.1f MB  %s", p.done, p.total, static_cast<double>(p.bytes) / 1e6, host.c_str());
    std::fflush(stderr);
  };
}

int run_refresh(const RefreshFlags& flags) {
  auto config = resolve_config(flags.source);
  if (!config) return print_error("refresh", config.error()), kExitUsage;
  auto source = open_trust_source(*config, flags.source.offline ? FetchMode::kStoreOnly : FetchMode::kNetworkOrMirror);
  if (!source) return print_error("refresh", source.error()), kExitUsage;

  const bool show_progress = !flags.json && ::isatty(STDERR_FILENO) == 1;
  tsl::Refresher refresher(source->fetcher(), *source->store);
  bool all_lotls_authenticated = true;
  boost::json::array runs;
  for (const auto& lotl_url : source->config.lotl_urls) {
    tsl::RefreshOptions options = refresh_options(*source, lotl_url);
    options.progress = terminal_progress(show_progress);
    auto state = refresher.refresh(options);
    if (show_progress) std::fprintf(stderr, "\r\033[K");
    if (!state) return print_error("refresh", state.error()), kExitUsage;
    all_lotls_authenticated = all_lotls_authenticated && (*state)->lotl_authenticated();
    if (flags.json) {
      runs.push_back(json::trust_state_json(**state));
    } else {
      print_refresh_report(**state);
    }
  }
  if (flags.json) print_json(runs.size() == 1 ? runs[0] : boost::json::value(std::move(runs)));
  return all_lotls_authenticated ? kExitOk : kExitFindings;
}

}  // namespace

void add_refresh_command(CLI::App& app, CommandRegistry& registry) {
  auto flags = std::make_shared<RefreshFlags>();
  auto* cmd = app.add_subcommand(
      "refresh", "Fetch and authenticate the LOTL (through its pivots) and every list it points to; keep every version");
  add_trust_source_options(cmd, flags->source);
  cmd->add_flag("--json", flags->json, "Print JSON instead of a table");
  cmd->footer(
      "Exit codes: 0 the LOTL in force is authenticated, 1 it is not, 2 usage or store errors.\n"
      "Example: assay refresh --mirror ../shared/corpus/eu-2026-08/urls.tsv --oj ../shared/corpus/oj-2019 \\\n"
      "           --trust-time 2026-08-21T00:00:00Z --store /tmp/s");
  cmd->callback([flags, &registry] { registry.set_exit_code(run_refresh(*flags)); });
}

}  // namespace assay::service::cli
