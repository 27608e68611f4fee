// The committed sample federation (samples/federation) authenticated once per process from its
// mirror map, at the pinned trust time: the trust the signature validation targets validate
// against. Validation layer only (no store, no service), so those targets build before
// service/. (The HTTP target uses sample_federation.h: the same federation behind `assay serve`.)
#pragma once

#include <string>
#include <string_view>

#include "engine/time.h"
#include "tsl/trust_snapshot.h"
#include "validation/trusted_list_anchors.h"

namespace assay::fuzz {

// The source tree (ASSAY_SOURCE_DIR), for samples/federation.
std::string source_dir();

struct FederationTrust {
  tsl::TrustSnapshotPtr snapshot;
  std::shared_ptr<const validation::TrustedListAnchors> anchors;
  engine::UtcTime trust_time{};
};

// Aborts (a fuzzing setup error, not a finding) when the federation does not authenticate.
const FederationTrust& federation_trust();

// validate_document with the context `assay validate` and POST /api/v1/signatures/validation
// build (service/http/api_signature_validation.cpp engine_validate_signatures): anchors from the
// federation's lists, qualification from its snapshot, the real time-stamp validation, a
// revocation checker over the signature's embedded data; one detached file "content.txt".
void validate_with_federation(std::string_view document);

}  // namespace assay::fuzz
