#include "service/cli/certificate_trust.h"

#include "engine/net/http_fetcher.h"

namespace assay::service::cli {

void add_certificate_trust_options(CLI::App* command, CertificateTrustFlags& flags) {
  add_trust_source_options(command, flags.source);
  auto* online = command->add_flag("--online", flags.online,
                                   "Fetch missing revocation data (CRL distribution points, AIA OCSP) and issuer "
                                   "certificates (AIA caIssuers); stored and recorded in the store");
  if (auto* offline = command->get_option_no_throw("--offline")) {
    offline->description("Fetch nothing: lists from the store, revocation data only from --crl/--ocsp (default)");
    online->excludes(offline);
  }
}

bool uses_trusted_lists(const CertificateTrustFlags& flags, bool has_explicit_anchors) {
  const auto& s = flags.source;
  const bool named = !s.config_path.empty() || !s.store.empty() || !s.mirror.empty() || !s.oj.empty() ||
                     !s.lotl_urls.empty();
  return named || !has_explicit_anchors;
}

engine::Result<CertificateTrust> open_certificate_trust(const CertificateTrustFlags& flags, bool with_lists) {
  CertificateTrust out;
  if (with_lists) {
    auto lists = load_trust_snapshot(flags.source);
    if (!lists) return std::unexpected(lists.error());
    out.lists = std::move(*lists);
    out.anchors = validation::TrustedListAnchors::build(out.lists.snapshot);
  }
  if (!flags.online) return out;
  engine::store::Store* store = out.lists.source ? out.lists.source->store.get() : nullptr;
  if (store == nullptr) {
    auto opened = open_configured_store(flags.source);
    if (!opened) return std::unexpected(opened.error());
    out.online_store = std::move(*opened);
    store = out.online_store.get();
  }
  auto options = validation::online_fetcher_options();
  if (!flags.source.ca_bundle.empty()) options.ca_bundle = flags.source.ca_bundle;
  out.online_fetcher = std::make_unique<engine::net::HttpFetcher>(options);
  engine::net::Fetcher* fetcher = out.online_fetcher.get();
  auto config = resolve_config(flags.source);
  if (!config) return std::unexpected(config.error());
  // The wall clock, read here in service/, dates the fetch records.
  auto now = [] { return engine::system_now(); };
  if (!config->mirror.empty()) {
    // Through the mirror map; its folder lines are OCSP responders answering pre-produced
    // responses by CertID (validation/online/mirror_online_source.h).
    auto mirror = validation::MirrorOnlineSource::open(config->mirror, out.online_fetcher.get(), store, now);
    if (!mirror) return std::unexpected(std::move(mirror.error()).with_context("mirror map"));
    out.online = std::move(*mirror);
    return out;
  }
  out.online = std::make_unique<validation::StoreOnlineSource>(*fetcher, store, now);
  return out;
}

}  // namespace assay::service::cli
