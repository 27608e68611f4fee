// The CAdES and ASiC part of the sample federation (issue 16), under `signatures-cades-asic/`:
// CAdES signatures (attached and detached, BASELINE-B to -LTA, a tampered detached content),
// ASiC-S and ASiC-E containers with CAdES and with XAdES signatures, a container with a tampered
// member, one with an extra unsigned file and a zip bomb, time-stamp-only ASiC-S containers and
// ASiC-E containers with a time-stamped ASiCArchiveManifest, all signed with the key of the
// qualified end entity `esig-qscd` (QESig per the scenario table), time-stamped by the sample
// TSA; and the hand-written `expected-validation-cades-asic.tsv` (the columns of
// expected-signatures.tsv: document, detached, at, revocation_data, indication, subindication,
// qualification, rule; then object: signature / document-timestamp). Nothing here uses validation/ code. Internal to assay_samples.
#pragma once

#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/time.h"
#include "samples/internal/pki.h"
#include "samples/internal/validation_samples.h"

namespace assay::samples {

inline constexpr const char* kCadesAsicFolder = "signatures-cades-asic/";

// One row of expected-validation-cades-asic.tsv: validating `document` (under the folder) with
// the detached file `detached` ("-" for none) at `at` through validation::validate_document, the
// federation's trusted lists as anchors (trust time = generation time), offline, with the
// federation's CRLs (`crl`: revocation/*.crl and signatures-cades-asic/*.crl, the latter the CRL
// of the sample TSA's CA) or only what the document embeds (`none`). indication "ERROR": the
// document is refused as unusable input (validate_document returns an error).
// `object` says what the row is about: "signature" (the document's one signature: a main
// indication, the signature qualification) or "document-timestamp" (its one document time-stamp,
// e.g. an ASiC-S META-INF/timestamp.tst or an ASiCArchiveManifest's: PASSED / FAILED /
// INDETERMINATE, and "QTSA" / "TSA").
struct CadesAsicExpectation {
  std::string document, detached, at, revocation_data, indication, subindication, qualification, rule;
  std::string object = "signature";
};

std::vector<CadesAsicExpectation> cades_asic_expectations(engine::UtcTime now);

// Signs every document above and writes it (with the detached contents and the TSV) via `add`.
engine::Result<void> add_cades_asic_samples(const Pki& pki, engine::UtcTime now, const AddFile& add);

}  // namespace assay::samples
