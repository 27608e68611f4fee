// The PAdES part of the sample federation (issue 18), under `signatures-pades/`: signed PDFs
// written by samples/internal/pades_builder (plain bytes, no PDF library) and signed with the key
// of the qualified end entity `esig-qscd` (QESig per the scenario table), time-stamped by the
// sample TSA: approval and certification signatures, PAdES-BASELINE-B to -LTA (DSS dictionary,
// document time-stamp), two signatures, permitted and forbidden changes after DocMDP/FieldMDP
// signatures, one file per attack class of the PDF signature research (incremental saving,
// signature wrapping, universal signature forgery, shadow hide / replace / hide-and-replace), a
// tampered covered byte, and hostile files; the hand-written `expected-validation-pades.tsv`
// (the columns of expected-validation-cades-asic.tsv). Nothing here uses validation/ code.
//
// Also the generators of the benchmark PDFs (any signer, e.g. one a benchmark issues itself).
#pragma once

#include <string>
#include <vector>

#include "engine/crypto/private_key.h"
#include "engine/error.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"
#include "samples/internal/pki.h"
#include "samples/internal/validation_samples.h"

namespace assay::samples {

inline constexpr const char* kPadesFolder = "signatures-pades/";

// One row of expected-validation-pades.tsv; the same meaning as CadesAsicExpectation (document
// under signatures-pades/, detached always "-", `crl` = the federation's CRLs as in the CAdES
// table, `none` = only what the PDF embeds — its DSS). One row per signature, in the order of
// the signatures in the file (by ByteRange offset); a file with several signatures has one row
// each whose rule ends in "#N", N the 1-based index. Document time-stamps have no row (they are
// reported with the document). indication "ERROR": validate_document refuses the file.
struct PadesExpectation {
  std::string document, detached, at, revocation_data, indication, subindication, qualification, rule;
};

std::vector<PadesExpectation> pades_expectations(engine::UtcTime now);

// Signs every sample PDF and writes it (and the TSV) via `add`.
engine::Result<void> add_pades_samples(const Pki& pki, engine::UtcTime now, const AddFile& add);

// The signer of a benchmark PDF: a key, its certificate and the chain to put in the CMS.
struct PdfSigner {
  const engine::Certificate* certificate = nullptr;
  const engine::PrivateKey* key = nullptr;
  std::vector<engine::CertificatePtr> chain;
  engine::UtcTime signed_at{};
};

// About 5 MB in 100 pages of text, one PAdES-BASELINE-B approval signature (ETSI.CAdES.detached)
// over all of it: the large-document benchmark.
engine::Result<std::string> benchmark_large_pdf(const PdfSigner& signer);
// 20 revisions: a one-page document, then ten times a form fill followed by a PAdES-BASELINE-B
// approval signature (10 signatures, each over the revision that ends with it).
engine::Result<std::string> benchmark_many_revisions_pdf(const PdfSigner& signer);

}  // namespace assay::samples
