#include "fuzz/support/sample_federation.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "engine/net/mirror_fetcher.h"
#include "engine/store/store.h"
#include "service/cli/trust_inputs.h"
#include "service/http/handler.h"
#include "service/http/metrics.h"
#include "service/http/openapi.h"
#include "tsl/refresh.h"

namespace assay::fuzz {
namespace {

namespace fs = std::filesystem;

constexpr char kLotlUrl[] = "https://federation.assay.invalid/lotl.xml";
constexpr char kTrustTime[] = "2026-01-15T00:00:00Z";

[[noreturn]] void setup_failed(const std::string& what) {
  std::fprintf(stderr, "fuzz setup: %s\n", what.c_str());
  std::abort();
}

// Owns what the context points to; removes the store folder at exit.
struct Holder {
  fs::path dir;
  std::unique_ptr<engine::store::Store> store;
  service::http::SnapshotHolder snapshots;
  service::http::Metrics metrics;
  SampleFederation federation;

  Holder() {
    dir = fs::temp_directory_path() / ("assay-fuzz-" + std::to_string(::getpid()));
    std::error_code ignored;
    fs::remove_all(dir, ignored);
    fs::create_directories(dir);
    auto opened = engine::store::Store::open(dir / "store");
    if (!opened) setup_failed(opened.error().message());
    store = std::move(*opened);
    const fs::path samples = fs::path(source_dir()) / "samples" / "federation";
    auto fetcher = engine::net::MirrorFetcher::open(samples / "urls.tsv", nullptr);
    if (!fetcher) setup_failed(fetcher.error().message());
    auto anchors = service::cli::read_signer_set({(samples / "oj" / "old-anchor.pem").string()});
    if (!anchors) setup_failed(anchors.error().message());
    const auto at = *engine::parse_utc_time(kTrustTime);
    tsl::Refresher refresher(**fetcher, *store);
    tsl::RefreshOptions options;
    options.lotl_url = kLotlUrl;
    options.anchors = *anchors;
    options.trust_time = at;
    options.threads = 1;
    options.clock = [at] { return at; };
    auto state = refresher.refresh(options);
    if (!state) setup_failed(state.error().message());
    snapshots.publish(service::http::make_bundle(*state));

    auto& c = federation.context;
    c.snapshots = &snapshots;
    c.store = store.get();
    c.now = [at] { return at; };
    c.metrics = &metrics;
    c.trigger_refresh = [] { return false; };  // never refresh from a fuzzed request
    c.refresh_token = "fuzz-token";
    c.qualify = service::http::engine_qualify();
    c.validate_certificate = service::http::engine_validate_certificate();
    c.validate_certificate_report = service::http::engine_validate_certificate_report();
    c.validate_signatures = service::http::engine_validate_signatures();
    c.openapi_yaml = std::string(service::http::openapi_yaml());
    federation.bundle = snapshots.current();
    federation.trust_time = at;
  }
  ~Holder() {
    store.reset();
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

}  // namespace

const SampleFederation& sample_federation() {
  static Holder holder;
  return holder.federation;
}

}  // namespace assay::fuzz
