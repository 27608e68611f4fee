#include "tsl/qualification/snapshot_sources.h"

namespace assay::tsl {

SnapshotInput snapshot_input(const FederationAuthentication& run, UtcTime trust_time) {
  SnapshotInput in;
  in.trust_time = trust_time;
  if (run.lotl_document && run.lotl.lotl.authenticated()) {
    in.lotl = SnapshotListInput{run.lotl_url, run.lotl_document->list, "authenticated", run.lotl.lotl.findings};
  }
  for (const auto& l : run.lists) {
    if (!l.loaded || !l.authentication.authenticated()) continue;
    in.lists.push_back({l.url, l.loaded->list, std::string(auth_status_name(l.authentication.status)), l.authentication.findings});
  }
  return in;
}

SnapshotInput snapshot_input(const TrustState& state) {
  SnapshotInput in;
  in.trust_time = state.trust_time;
  if (state.lotl_authenticated()) {
    in.lotl = SnapshotListInput{state.lotl.url, state.lotl.in_force->list, "authenticated",
                                state.lotl.in_force_authentication.findings};
  }
  for (const auto& l : state.lists) {
    if (!l.in_force || !l.in_force_authentication.authenticated()) continue;
    in.lists.push_back({l.url, l.in_force->list, std::string(auth_status_name(l.in_force_authentication.status)),
                        l.in_force_authentication.findings});
  }
  return in;
}

}  // namespace assay::tsl
