// `assay serve`: the HTTP service (service/http). Opens the trust source like `assay refresh`,
// starts the server at once (/ready answers 503 until the first authenticated refresh), refreshes
// in the background, and stops gracefully on SIGINT/SIGTERM.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>

#include "service/cli/commands.h"
#include "service/cli/output.h"
#include "service/cli/trust_source.h"
#include "service/http/handler.h"
#include "service/http/metrics.h"
#include "service/http/openapi.h"
#include "service/http/refresh_service.h"
#include "service/http/server.h"
#include "engine/net/http_fetcher.h"
#include "tsl/refresh.h"
#include "validation/online/mirror_online_source.h"
#include "validation/online/store_online_source.h"

namespace assay::service::cli {
namespace {

struct ServeFlags {
  TrustSourceFlags source;
  std::string listen;
  std::size_t max_request_body = std::size_t{8} << 20;
  std::size_t max_connections = 512;
  std::size_t max_connections_per_peer = 128;
  std::size_t max_inflight = 256;
  unsigned workers = 0;
  double request_timeout_seconds = 30;
  double header_timeout_seconds = 10;
  std::string audit_dir;  // the console's Audits page lists the evidence packages in it
  bool online = false;            // fetch revocation data the request does not give
  std::string revocation_mirror;  // --revocation-mirror (default with --online: the --mirror map)
};

// `--online`: what the validation endpoints fetch when a request's revocation data does not
// settle a certificate's status (as `assay certificates validate --online`): through the
// revocation mirror map when one is named (then nothing else is fetched), else from the network.
struct OnlineRevocation {
  std::unique_ptr<engine::net::HttpFetcher> http;
  std::unique_ptr<validation::OnlineSource> source;
};

engine::Result<OnlineRevocation> open_online(const ServeFlags& flags, const TrustSource& trust) {
  OnlineRevocation out;
  auto options = validation::online_fetcher_options();
  if (!trust.config.ca_bundle.empty()) options.ca_bundle = trust.config.ca_bundle;
  out.http = std::make_unique<engine::net::HttpFetcher>(options);
  const std::string map = !flags.revocation_mirror.empty() ? flags.revocation_mirror : trust.config.mirror;
  auto now = [] { return engine::system_now(); };  // the wall clock dates the fetch records
  if (map.empty()) {
    out.source = std::make_unique<validation::StoreOnlineSource>(*out.http, trust.store.get(), now);
    return out;
  }
  auto mirrored = validation::MirrorOnlineSource::open(map, out.http.get(), trust.store.get(), now);
  if (!mirrored) return std::unexpected(std::move(mirrored.error()).with_context("--revocation-mirror"));
  out.source = std::move(*mirrored);
  return out;
}

void log_line(const std::string& line) {
  std::fprintf(stderr, "%s assay serve: %s\n", engine::format_utc_time(engine::system_now()).c_str(), line.c_str());
  std::fflush(stderr);
}

int run_serve(const ServeFlags& flags) {
  auto config = resolve_config(flags.source);
  if (!config) return print_error("serve", config.error()), kExitUsage;
  if (config->lotl_urls.size() != 1) {
    print_error("serve", engine::Error(engine::Code::kInvalidArgument, "serve takes exactly one LOTL URL"));
    return kExitUsage;
  }
  auto source = open_trust_source(*config, flags.source.offline ? FetchMode::kStoreOnly : FetchMode::kNetworkOrMirror);
  if (!source) return print_error("serve", source.error()), kExitUsage;
  auto address = http::parse_listen_address(flags.listen.empty() ? source->config.listen : flags.listen);
  if (!address) return print_error("serve", address.error()), kExitUsage;
  if (!flags.revocation_mirror.empty() && !flags.online) {
    print_error("serve", engine::Error(engine::Code::kInvalidArgument, "--revocation-mirror needs --online"));
    return kExitUsage;
  }
  OnlineRevocation online;
  if (flags.online) {
    auto opened = open_online(flags, *source);
    if (!opened) return print_error("serve", opened.error()), kExitUsage;
    online = std::move(*opened);
  }

  // Block SIGINT/SIGTERM in the threads started from here on (refresh, pool): the main thread,
  // which runs the server's signal_set, unblocks them again before serving.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  const bool pinned_time = !source->config.trust_time.empty() && source->config.trust_time != "now";
  const engine::UtcTime pinned = source->trust_time;
  // The trust time of refreshes and the instant of readiness and "at" answers: one clock.
  const auto trust_clock = [pinned_time, pinned] { return pinned_time ? pinned : engine::system_now(); };
  http::SnapshotHolder holder;
  http::Metrics metrics;
  tsl::Refresher refresher(source->fetcher(), *source->store);

  http::RefreshServiceOptions refresh;
  refresh.refresh = refresh_options(*source, source->config.lotl_urls.front());
  refresh.trust_time = trust_clock;
  refresh.wall_clock = [] { return engine::system_now(); };
  refresh.interval = std::chrono::seconds(static_cast<long>(source->config.refresh_interval_seconds));
  refresh.min_pause = std::min(refresh.interval, std::chrono::seconds(60));
  refresh.log = log_line;
  http::RefreshService refresh_service(refresher, holder, &metrics, refresh);

  http::Context context;
  context.snapshots = &holder;
  context.store = source->store.get();
  context.now = trust_clock;
  context.trigger_refresh = [&refresh_service] { return refresh_service.trigger(); };
  context.refresh_token = source->config.refresh_token;
  context.readiness_min_fraction = source->config.readiness_min_fraction;
  context.qualify = http::engine_qualify();
  context.validate_certificate = http::engine_validate_certificate(online.source.get());
  context.validate_signatures = http::engine_validate_signatures(online.source.get());
  context.validate_certificate_report = http::engine_validate_certificate_report(online.source.get());
  context.metrics = &metrics;
  context.openapi_yaml = std::string(http::openapi_yaml());
  context.audit_dir = flags.audit_dir;

  http::ServerOptions options;
  options.host = address->first;
  options.port = address->second;
  options.max_body_bytes = flags.max_request_body;
  options.max_connections = flags.max_connections;
  options.max_connections_per_peer = flags.max_connections_per_peer;
  options.header_timeout = std::chrono::milliseconds(static_cast<long>(flags.header_timeout_seconds * 1000));
  options.max_inflight = flags.max_inflight;
  options.workers = flags.workers != 0 ? flags.workers : std::max(2u, std::thread::hardware_concurrency());
  options.request_timeout = std::chrono::milliseconds(static_cast<long>(flags.request_timeout_seconds * 1000));
  options.handle_signals = true;
  http::Server server(context, options);
  auto bound = server.listen();
  if (!bound) return print_error("serve", bound.error()), kExitUsage;
  std::printf("assay serve: listening on http://%s/\n", bound->c_str());
  std::fflush(stdout);
  log_line("serving " + refresh.refresh.lotl_url + (pinned_time ? " at pinned trust time " + source->config.trust_time : "") +
           "; first refresh running in the background (/ready is 503 until it authenticates)");
  if (flags.online) {
    const std::string map = !flags.revocation_mirror.empty() ? flags.revocation_mirror : source->config.mirror;
    log_line("online: revocation data a request does not give is fetched " +
             (map.empty() ? std::string("from the network") : "through the mirror map " + map));
  }

  refresh_service.start();
  pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
  server.run();  // returns after SIGINT/SIGTERM once in-flight requests are answered
  log_line("stopped accepting; in-flight requests answered");
  if (!refresh_service.stop(std::chrono::seconds(5))) {
    // A refresh cannot be interrupted; the store is crash-safe (blobs before rows, WAL), so leave
    // without unwinding what the refresh thread still uses.
    log_line("a refresh is still running; exiting without waiting for it");
    std::fflush(stdout);
    std::_Exit(kExitOk);
  }
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App& app, CommandRegistry& registry) {
  auto flags = std::make_shared<ServeFlags>();
  auto* cmd = app.add_subcommand("serve", "Serve the trust-list, timeline and qualification HTTP API (refreshing in the background)");
  add_trust_source_options(cmd, flags->source);
  cmd->add_option("--audit-dir", flags->audit_dir, "A folder of evidence packages (*.asice) the console's Audits page lists")
      ->check(CLI::ExistingDirectory);
  cmd->add_flag("--online", flags->online,
                "Validation endpoints (/api/v1 and the DSS-compatible ones) fetch the revocation data a request does not "
                "give: CRL distribution points, AIA OCSP responders, caIssuers (as `certificates validate --online`); "
                "stored and recorded in the store");
  cmd->add_option("--revocation-mirror", flags->revocation_mirror,
                  "With --online: a mirror map (url<TAB>file) to fetch revocation data through instead of the network; "
                  "a target ending in '/' is a folder of pre-produced OCSP responses (*.ocsp) answered by CertID "
                  "(default: the --mirror map, if any)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--listen", flags->listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 = any free port)");
  cmd->add_option("--max-request-body", flags->max_request_body, "Largest request body in bytes (default 8 MiB)")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30));
  cmd->add_option("--max-connections", flags->max_connections, "Open connections at once; beyond: 503 (default 512)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--max-connections-per-peer", flags->max_connections_per_peer,
                  "Open connections from one address; beyond: 503 (default 128; raise it behind a proxy)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--max-inflight", flags->max_inflight, "Worker requests queued or running; beyond: 429 (default 256)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--workers", flags->workers, "Worker threads for CPU-bound routes (default: cores, at least 2)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--request-timeout", flags->request_timeout_seconds, "Seconds to receive a request body (default 30)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--header-timeout", flags->header_timeout_seconds,
                  "Seconds from connecting (or the previous response) to a complete request header (default 10)")
      ->check(CLI::PositiveNumber);
  cmd->footer(
      "Routes: /api/v1/... (see /api/v1/openapi.yaml), /health, /ready, /metrics, / (web page).\n"
      "Example: assay serve --mirror samples/federation/urls.tsv --oj samples/federation/oj/old-anchor.pem \\\n"
      "           --lotl-url https://federation.assay.invalid/lotl.xml --trust-time 2026-01-15T00:00:00Z --store /tmp/s\n"
      "         [--online --revocation-mirror samples/federation/revocation-urls.tsv]");
  cmd->callback([flags, &registry] { registry.set_exit_code(run_serve(*flags)); });
}

}  // namespace assay::service::cli
