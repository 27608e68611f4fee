// The committed sample federation (samples/federation), refreshed once per process into a
// temporary store the way `assay serve` does it (tsl::Refresher over a MirrorFetcher), for the
// targets that need trust: the HTTP handler and the signature validation targets. Built on
// first use; lives until exit (the store folder is removed then).
#pragma once

#include <string>

#include "service/http/context.h"

namespace assay::fuzz {

// The source tree (ASSAY_SOURCE_DIR), for samples/federation.
std::string source_dir();

struct SampleFederation {
  service::http::Context context;  // every seam wired as in `assay serve`; refresh disabled
  service::http::BundlePtr bundle;
  engine::UtcTime trust_time{};
};

// Aborts (a fuzzing setup error, not a finding) when the sample federation does not refresh.
const SampleFederation& sample_federation();

}  // namespace assay::fuzz

namespace assay::fuzz {

// validate_document through the signature validation seam of `assay serve` and `assay validate`
// (service/http/context.h engine_validate_signatures): the federation's lists as anchors and for
// qualification, the real time-stamp validation, one detached file "content.txt".
void validate_with_federation(std::string_view document);

}  // namespace assay::fuzz
