// Building a TrustSnapshot's input from what authentication produced: a federation run
// (authenticate_federation) or a refresh's TrustState (the store's in-force lists). Only
// authenticated lists are given to the snapshot; the others are left out (and the caller's
// authentication report says why). Pure functions.
#pragma once

#include "tsl/federation_authentication.h"
#include "tsl/refresh.h"
#include "tsl/trust_snapshot.h"

namespace assay::tsl {

// The authenticated national lists of `run` and its LOTL (when authenticated).
SnapshotInput snapshot_input(const FederationAuthentication& run, UtcTime trust_time);

// The in-force, authenticated lists of `state` and its LOTL in force.
SnapshotInput snapshot_input(const TrustState& state);

}  // namespace assay::tsl
