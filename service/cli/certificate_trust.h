// The trust side of `assay certificates validate` (and of `assay qualify`'s path validation):
// the trust-source flags `qualify` has (--config, --store, --mirror, --oj, --lotl-url,
// --trust-time, ...; --offline = lists from the store only and no revocation fetching), plus
// --online (fetch CRLs, OCSP responses and caIssuers certificates, stored in the store), turned
// into a TrustedListAnchors provider and, when online, a StoreOnlineSource. With --mirror,
// online fetches go through the mirror map too (a URL missing from it fails: the mirror
// replaces the network, as for the lists).
#pragma once

#include <CLI/CLI.hpp>

#include <memory>

#include "engine/net/fetcher.h"
#include "service/cli/trust_source.h"
#include "validation/online/mirror_online_source.h"
#include "validation/online/store_online_source.h"
#include "validation/trusted_list_anchors.h"

namespace assay::service::cli {

struct CertificateTrustFlags {
  TrustSourceFlags source;
  bool online = false;
};

// Adds the trust-source flags and --online (which excludes --offline).
void add_certificate_trust_options(CLI::App* command, CertificateTrustFlags& flags);

// Whether the trusted lists are a trust source for this run: a trust source was named
// (--config, --store, --mirror, --oj, --lotl-url) or no explicit anchor was given.
bool uses_trusted_lists(const CertificateTrustFlags& flags, bool has_explicit_anchors);

// What a validation needs from the trust source. `anchors` null when the lists are not used;
// `online` null when offline. Owns the store and fetchers the online source borrows.
struct CertificateTrust {
  LoadedTrust lists;
  std::shared_ptr<const validation::TrustedListAnchors> anchors;
  std::unique_ptr<engine::store::Store> online_store;  // when the lists are not loaded
  std::unique_ptr<engine::net::Fetcher> online_fetcher;  // HTTP
  std::unique_ptr<validation::OnlineSource> online;      // a StoreOnlineSource, or a MirrorOnlineSource with --mirror
};

// Loads the lists (when `with_lists`) and opens the online source (when --online). Errors as
// load_trust_snapshot(), or from opening the store.
engine::Result<CertificateTrust> open_certificate_trust(const CertificateTrustFlags& flags, bool with_lists);

}  // namespace assay::service::cli
