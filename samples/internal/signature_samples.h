// The signature part of the sample federation: signed XML documents (XAdES baseline B, T, LT and
// LTA; enveloped, enveloping and detached) with known EN 319 102-1 answers, under
// `signatures/`: a qualified and a non-qualified signer, signers revoked before and after
// signing, an expired signer covered by long-term data, a signer under a withdrawn CA service,
// tampered content and signature-wrapping attacks; the signer certificates
// (`signatures/signers/`) and the hand-written `expected-signatures.tsv`.
//
// The signatures are made with engine/xmldsig/template_signer from XAdES templates written here
// as text (EN 319 132-1 properties); the time-stamps come from the sample TSA
// (timestamps.h), the revocation data from the sample CAs and OCSP responder. Nothing here uses
// validation/ code: the documents and the expectations are independent of the validator they
// test. Internal to assay_samples.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/time.h"
#include "engine/x509/revocation_builder.h"
#include "samples/internal/pki.h"
#include "samples/internal/xades_templates.h"
#include "samples/internal/validation_samples.h"

namespace assay::samples {

// One signer certificate of the signature samples (file signatures/signers/<id>.pem).
struct SignerSpec {
  std::string id;
  std::string issuer;  // authority id
  std::string not_before;
  std::string not_after;
  bool qualified = false;   // QcCompliance + QcSSCD + QcType esign, else QcType esign only
  std::string revoked_at;   // "" = never revoked (keyCompromise otherwise)
  std::string summary;
};

// One row of expected-signatures.tsv: validating `document` (with the detached content file
// `detached`, "-" for none) at `at` through validation::validate_document, with the trusted
// lists of the federation (anchor oj/old-anchor.pem, trust time = generation time), offline;
// revocation data `crl` = every CRL under revocation/ given by the caller, `none` = only what
// the signature embeds. `qualification` is the TS 119 172-4 label as DSS names it.
struct SignatureExpectation {
  std::string document;
  std::string detached;
  std::string at;
  std::string revocation_data;
  std::string indication;
  std::string subindication;  // "-" when TOTAL_PASSED
  std::string qualification;
  std::string rule;
};

enum class SignatureLevel { kB, kT, kLT, kLTA };
// What is done to a document after signing.
enum class SampleAttack { kNone, kTamperedContent, kTamperedDetached, kDuplicateId, kMovedId, kWrappedSignedProperties };

// One signed document (signatures/<id>.xml, and <id>.txt for detached content).
struct SignatureDocumentSpec {
  std::string id;
  std::string signer;  // SignerSpec::id
  xades_text::Packaging packaging = xades_text::Packaging::kEnveloped;
  SignatureLevel level = SignatureLevel::kB;
  std::string signed_at;  // SigningTime; the time-stamps and revocation data follow it
  SampleAttack attack = SampleAttack::kNone;
  std::string summary;
};

std::vector<SignerSpec> signature_signers();
std::vector<SignatureDocumentSpec> signature_documents();
std::vector<SignatureExpectation> signature_expectations();

// The signer keys and certificates of one run, by SignerSpec::id.
using Signers = std::map<std::string, KeyAndCertificate>;

// Issues the signer certificates (fresh keys). Their revocations go into `revocations` (CA id ->
// entries, for the CRLs add_validation_samples writes), and every issuing CA gets an entry so
// that its CRL is written.
engine::Result<Signers> issue_signature_signers(
    const Pki& pki, std::map<std::string, std::vector<engine::RevokedCertificate>>& revocations);

// The README section on the signed documents: conventions of expected-signatures.tsv, the
// signers, how the documents were made. A pure function of the tables.
std::string signature_readme_section();

// Signs every sample document and writes it (with its detached content, the signer
// certificates and expected-signatures.tsv) through `add`.
engine::Result<void> add_signature_samples(const Pki& pki, const Signers& signers, engine::UtcTime now, const AddFile& add);

}  // namespace assay::samples
