// `assay refresh`: authenticate the LOTL (through its pivots) and every list it points to, from
// a mirror map of local files, and report each list's status.
#include <cstdio>
#include <memory>

#include "engine/net/mirror_fetcher.h"
#include "service/cli/commands.h"
#include "service/cli/output.h"
#include "service/cli/trust_inputs.h"
#include "service/json/authentication_json.h"
#include "tsl/federation_authentication.h"

namespace assay::service::cli {
namespace {

// The EU LOTL location; also the default of the built-in EU configuration.
constexpr char kEuLotlUrl[] = "https://ec.europa.eu/tools/lotl/eu-lotl.xml";

struct RefreshOptions {
  std::string mirror;
  std::vector<std::string> oj;
  std::string lotl_url = kEuLotlUrl;
  std::string trust_time;
  unsigned threads = 2;
  std::size_t max_pivots = 10;
  bool json = false;
};

// Adapts a Fetcher to the synchronous DocumentSource the tsl layer takes.
tsl::DocumentSource source_from(engine::net::Fetcher& fetcher) {
  return [&fetcher](const std::string& url) { return engine::net::fetch_body(fetcher, url); };
}

std::string short_fp(const std::string& fp) { return fp.size() > 16 ? fp.substr(0, 16) + "…" : fp; }

std::string finding_ids(const engine::Findings& findings) {
  std::string out;
  for (const auto& f : findings) {
    if (f.severity == engine::Severity::kInfo) continue;
    std::string id = f.id;
    if (auto dot = id.rfind('.'); dot != std::string::npos) id = id.substr(dot + 1);
    if (out.find(id) != std::string::npos) continue;
    out += (out.empty() ? "" : ",") + id;
  }
  return out.empty() ? "-" : out;
}

void print_table(const tsl::FederationAuthentication& run, engine::UtcTime trust_time) {
  const auto& lotl = run.lotl.lotl;
  std::printf("trust time %s\n", engine::format_utc_time(trust_time).c_str());
  std::printf("LOTL %s\n", run.lotl_url.c_str());
  if (run.lotl_document) {
    std::printf("  sequence %llu, sha256 %s\n",
                static_cast<unsigned long long>(run.lotl_document->list->scheme.sequence_number),
                run.lotl_document->list->sha256.c_str());
  }
  for (const auto& p : run.lotl.pivots) {
    std::printf("  pivot %-4llu %-20s signer %s%s  %s\n", static_cast<unsigned long long>(p.sequence),
                std::string(tsl::auth_status_name(p.verdict)).c_str(), short_fp(p.signer_sha256).c_str(),
                p.restarted_from_anchors ? " (OJ anchor)" : "", p.url.c_str());
  }
  std::printf("  status %s: %s\n", std::string(tsl::auth_status_name(lotl.status)).c_str(), lotl.detail.c_str());
  if (run.lists.empty()) return;
  std::printf("\n%-4s %8s  %-20s %-28s %s\n", "terr", "sequence", "status", "findings", "url");
  int ok = 0;
  for (const auto& l : run.lists) {
    if (l.authentication.authenticated()) ++ok;
    std::printf("%-4s %8llu  %-20s %-28s %s\n", l.territory().c_str(), static_cast<unsigned long long>(l.sequence()),
                std::string(tsl::auth_status_name(l.authentication.status)).c_str(),
                finding_ids(l.authentication.findings).c_str(), l.url.c_str());
    if (!l.authentication.authenticated()) std::printf("      %s\n", l.authentication.detail.c_str());
  }
  std::printf("\n%d of %zu lists authenticated\n", ok, run.lists.size());
}

int run_refresh(const RefreshOptions& o) {
  auto trust_time = parse_instant(o.trust_time, "--trust-time");
  if (!trust_time) return print_error("refresh", trust_time.error()), kExitUsage;
  auto anchors = read_signer_set(o.oj);
  if (!anchors) return print_error("--oj", anchors.error()), kExitUsage;
  if (anchors->empty()) return print_error("refresh", engine::Error(engine::Code::kInvalidArgument, "--oj gave no anchors")), kExitUsage;
  auto mirror = engine::net::MirrorFetcher::open(o.mirror, nullptr);
  if (!mirror) return print_error("--mirror", mirror.error()), kExitUsage;

  tsl::FederationOptions options;
  options.lotl.trust_time = *trust_time;
  options.lotl.max_pivots = o.max_pivots;
  options.threads = o.threads;
  const auto run = tsl::authenticate_federation(o.lotl_url, *anchors, source_from(**mirror), options);
  if (o.json) {
    print_json(json::federation_json(run, *trust_time));
  } else {
    print_table(run, *trust_time);
  }
  return run.lotl.lotl.authenticated() ? kExitOk : kExitFindings;
}

}  // namespace

void add_refresh_command(CLI::App& app, CommandRegistry& registry) {
  auto o = std::make_shared<RefreshOptions>();
  auto* cmd = app.add_subcommand("refresh", "Authenticate the LOTL (through its pivots) and every list it points to");
  cmd->add_option("--mirror", o->mirror, "Mirror map: a TSV of url<TAB>file (files relative to the map)")->required();
  cmd->add_option("--oj", o->oj, "Official Journal anchors: certificate files, directories of them, or SHA-256 fingerprints")
      ->required();
  cmd->add_option("--lotl-url", o->lotl_url, "URL of the LOTL")->capture_default_str();
  add_trust_time_option(cmd, o->trust_time);
  cmd->add_option("--threads", o->threads, "Lists authenticated concurrently")->capture_default_str()->check(CLI::Range(1, 64));
  cmd->add_option("--max-pivots", o->max_pivots, "Most pivot LOTLs to walk")->capture_default_str();
  cmd->add_flag("--json", o->json, "Print JSON instead of a table");
  cmd->callback([o, &registry] { registry.set_exit_code(run_refresh(*o)); });
}

}  // namespace assay::service::cli
