// make_bundle: the TrustSnapshot of a refresh's authenticated in-force lists, published together
// with the TrustState it came from.
#include "service/http/context.h"

namespace assay::service::http {
namespace {

std::optional<tsl::SnapshotListInput> snapshot_input(const tsl::ListState& l) {
  if (!l.in_force || !l.in_force_authentication.authenticated()) return std::nullopt;
  return tsl::SnapshotListInput{l.url, l.in_force->list, std::string(tsl::auth_status_name(l.in_force_authentication.status)),
                                l.in_force_authentication.findings};
}

bool confirmed(const tsl::ListState& l) {
  return l.outcome == tsl::RefreshOutcome::kUpdated || l.outcome == tsl::RefreshOutcome::kUnchanged;
}

}  // namespace

BundlePtr make_bundle(std::shared_ptr<const tsl::TrustState> state, const TrustSnapshotBundle* previous) {
  auto bundle = std::make_shared<TrustSnapshotBundle>();
  if (previous != nullptr) bundle->last_good = previous->last_good;
  tsl::SnapshotInput input;
  input.trust_time = state->trust_time;
  // Only an authenticated LOTL lends its authority to the lists; without it nothing is trusted.
  if (state->lotl_authenticated()) {
    input.lotl = snapshot_input(state->lotl);
    for (const auto& l : state->lists) {
      if (auto in = snapshot_input(l)) input.lists.push_back(std::move(*in));
    }
  }
  if (confirmed(state->lotl)) bundle->last_good[state->lotl.url] = state->refreshed_at;
  for (const auto& l : state->lists) {
    if (confirmed(l)) bundle->last_good[l.url] = state->refreshed_at;
  }
  bundle->snapshot = tsl::TrustSnapshot::build(std::move(input));
  bundle->state = std::move(state);
  return bundle;
}

}  // namespace assay::service::http
