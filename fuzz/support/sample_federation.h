// The committed sample federation (samples/federation), refreshed once per process into a
// temporary store the way `assay serve` does it (tsl::Refresher over a MirrorFetcher), and the
// handler Context over it: the HTTP target's server. Built on first use; lives until exit (the
// store folder is removed then). (The signature targets use federation_trust.h, below service/.)
#pragma once

#include "fuzz/support/federation_trust.h"
#include "service/http/context.h"

namespace assay::fuzz {

struct SampleFederation {
  service::http::Context context;  // every seam wired as in `assay serve`; refresh disabled
  service::http::BundlePtr bundle;
  engine::UtcTime trust_time{};
};

// Aborts (a fuzzing setup error, not a finding) when the sample federation does not refresh.
const SampleFederation& sample_federation();

}  // namespace assay::fuzz
