// The JAdES part of the sample federation (TS 119 182-1): signatures by the qualified
// certificate `esig-qscd` (XA, QC + QSCD, listed under xa-qc-esig) in the compact and JSON
// serialisations at the levels B, T, LT and LTA, a tampered payload and a detached payload
// (sigD ObjIdByURIHash) with its content, a tampered copy and none; written under
// signatures/jades/ with the hand-written expected-validation-jades.tsv. Time-stamps come from
// the sample TSA, the OCSP response embedded in rVals from xa-ocsp-responder. Internal to
// assay_samples.
#pragma once

#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/time.h"
#include "samples/internal/pki.h"
#include "samples/internal/validation_samples.h"

namespace assay::samples {

// One row of expected-validation-jades.tsv: validating `document` (with `detached` as its
// detached content, "-" for none) at `at`, offline, against the trusted lists (anchor
// oj/old-anchor.pem, trust time = generation time), with only the revocation data the document
// embeds, gives `level`, `indication` / `subindication` ("-" when none) and `qualification`.
struct JadesExpectation {
  std::string level;
  std::string document;
  std::string detached;
  std::string at;
  std::string indication;
  std::string subindication;
  std::string qualification;
  std::string rule;
};

std::vector<JadesExpectation> jades_expectations(const std::string& now);

// Signs the documents (fresh signatures each run) and adds them and the expectations.
engine::Result<void> add_jades_samples(const Pki& pki, engine::UtcTime now, const AddFile& add);

}  // namespace assay::samples
