// What the PAdES sample files share: the signer, the TSA, the validation data for a DSS, CMS
// makers and the sample contract page. Internal to assay_samples (pades_*.cpp).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "engine/cms/cades_builder.h"
#include "samples/internal/pades_document.h"
#include "samples/internal/pades_samples.h"

namespace assay::samples {

struct PadesKit {
  PdfSigner signer;                            // esig-qscd, chain = its CA
  engine::UtcTime now{}, signed_at{};
  engine::cms::Tsa tsa;                        // the sample TSA (a fresh serial per token)
  std::string tsa_crl, ocsp;                   // CRL of the TSA's CA; OCSP "good" for the signer
  std::vector<std::string> dss_certificates;   // the signer's CA, the TSA and its CA (DER)
};

using PutPdf = std::function<void(const std::string& name, std::string bytes, const std::string& what)>;

// CAdES for ETSI.CAdES.detached (EN 319 142-1 6.3: no signing-time attribute, the claimed time is
// /M), with a signature-time-stamp when `tsa` is given (PAdES-BASELINE-T).
pdf::CmsMaker cades_maker(const PdfSigner& signer, const engine::cms::Tsa* tsa = nullptr);
// PKCS #7 for adbe.pkcs7.detached (ISO 32000-1 12.8.3.3): signing-time allowed, kept.
pdf::CmsMaker pkcs7_maker(const PdfSigner& signer);
// A document time-stamp (ETSI.RFC3161): the token itself is the /Contents.
pdf::CmsMaker timestamp_maker(const engine::cms::Tsa& tsa);

// The content stream of a text page, one line per entry, from the top.
std::string text_page(const std::vector<std::string>& lines);
// The one-page sample contract ("Amount: 100.00 EUR" among its lines).
pdf::Document contract(const std::string& title);
// An approval (or, with p, certification) signature's options at kit.signed_at.
pdf::SignOptions signature_options(const PadesKit& kit, const std::string& field, int docmdp_p = 0);

// The attack samples and the hostile files (pades_attacks.cpp, pades_hostile.cpp).
engine::Result<void> add_pades_attack_samples(const PadesKit& kit, const PutPdf& put);
engine::Result<void> add_pades_hostile_samples(const PadesKit& kit, const PutPdf& put);
// FieldMDP timing and metadata changes after signing (pades_change_samples.cpp).
engine::Result<void> add_pades_change_samples(const PadesKit& kit, const PutPdf& put);

}  // namespace assay::samples
