// The literal tables of the signature samples (signature_samples.h): signers, documents,
// expectations and the README section. Pure functions; the expectations are written by hand.
#include <cctype>

#include "samples/internal/signature_samples.h"

namespace assay::samples {
namespace {

using xades_text::Packaging;

constexpr const char* kSigned2025 = "2025-06-01T10:00:00Z";
constexpr const char* kSigned2024 = "2024-06-01T10:00:00Z";

}  // namespace

std::vector<SignatureDocumentSpec> signature_documents() {
  std::vector<SignatureDocumentSpec> out;
  const std::pair<SignatureLevel, std::string> levels[] = {
      {SignatureLevel::kB, "b"}, {SignatureLevel::kT, "t"}, {SignatureLevel::kLT, "lt"}, {SignatureLevel::kLTA, "lta"}};
  const std::pair<Packaging, std::string> packagings[] = {
      {Packaging::kEnveloped, "enveloped"}, {Packaging::kEnveloping, "enveloping"}, {Packaging::kDetached, "detached"}};
  for (const auto& [level, l] : levels) {
    for (const auto& [packaging, p] : packagings) {
      std::string upper = l;
      for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.push_back({l + "-" + p, "qualified", packaging, level, kSigned2025, SampleAttack::kNone,
                     "XAdES-BASELINE-" + upper + ", " + p + ", qualified signer"});
    }
  }
  using P = Packaging;
  const std::vector<SignatureDocumentSpec> others = {
      {"non-qualified-b", "non-qualified", P::kEnveloped, SignatureLevel::kB, kSigned2025, SampleAttack::kNone,
       "B-B by a non-qualified signer (CA/PKC service)"},
      {"revoked-before-signing-b", "revoked-early", P::kEnveloped, SignatureLevel::kB, kSigned2025, SampleAttack::kNone,
       "B-B signed 2025-06-01 by a signer revoked 2025-04-01"},
      {"revoked-before-signing-t", "revoked-early", P::kEnveloped, SignatureLevel::kT, kSigned2025, SampleAttack::kNone,
       "B-T, signature time-stamp 2025-06-01 after the revocation 2025-04-01"},
      {"revoked-after-signing-b", "revoked-late", P::kEnveloped, SignatureLevel::kB, kSigned2025, SampleAttack::kNone,
       "B-B signed 2025-06-01 by a signer revoked 2025-10-01, no proof of existence"},
      {"revoked-after-signing-t", "revoked-late", P::kEnveloped, SignatureLevel::kT, kSigned2025, SampleAttack::kNone,
       "B-T, signature time-stamp 2025-06-01 before the revocation 2025-10-01"},
      {"expired-t", "expired", P::kEnveloped, SignatureLevel::kT, kSigned2024, SampleAttack::kNone,
       "B-T signed 2024-06-01 by a signer expired 2025-01-01, no revocation data in the signature"},
      {"expired-lta", "expired", P::kEnveloped, SignatureLevel::kLTA, kSigned2024, SampleAttack::kNone,
       "B-LTA signed 2024-06-01 by a signer expired 2025-01-01, OCSP and archive time-stamp of 2024-06-01"},
      {"withdrawn-ca-signed-before-lta", "withdrawn-ca", P::kEnveloped, SignatureLevel::kLTA, kSigned2024, SampleAttack::kNone,
       "B-LTA signed 2024-06-01 under a CA/QC service withdrawn 2025-03-01"},
      {"withdrawn-ca-signed-after-lta", "withdrawn-ca", P::kEnveloped, SignatureLevel::kLTA, kSigned2025, SampleAttack::kNone,
       "B-LTA signed 2025-06-01 under a CA/QC service withdrawn 2025-03-01"},
      {"tampered-content", "qualified", P::kEnveloped, SignatureLevel::kB, kSigned2025, SampleAttack::kTamperedContent,
       "B-B whose invoice amount was changed after signing"},
      {"tampered-detached", "qualified", P::kDetached, SignatureLevel::kB, kSigned2025, SampleAttack::kTamperedDetached,
       "detached B-B whose content file was changed after signing"},
      {"wrapping-duplicate-id", "qualified", P::kEnveloping, SignatureLevel::kB, kSigned2025, SampleAttack::kDuplicateId,
       "enveloping B-B with a forged second ds:Object carrying the signed Id"},
      {"wrapping-moved-id", "qualified", P::kSameDocument, SignatureLevel::kB, kSigned2025, SampleAttack::kMovedId,
       "B-B over #invoice; the Id was moved from the signed invoice to a forged one"},
      {"wrapping-signed-properties", "qualified", P::kEnveloped, SignatureLevel::kB, kSigned2025, SampleAttack::kWrappedSignedProperties,
       "B-B whose signed SignedProperties were moved to another ds:Object and replaced by unsigned forged ones"},
  };
  out.insert(out.end(), others.begin(), others.end());
  return out;
}


std::vector<SignerSpec> signature_signers() {
  return {
      {"qualified", "xa-qc-esig-ca", "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z", true, "",
       "QC for eSig on a QSCD under xa-qc-esig (granted), never revoked"},
      {"non-qualified", "xa-pkc-ca", "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z", false, "",
       "QcType esign without QcCompliance under the CA/PKC service xa-pkc"},
      {"revoked-early", "xa-qc-esig-ca", "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z", true, "2025-04-01T00:00:00Z",
       "QC for eSig on a QSCD, revoked 2025-04-01 (keyCompromise)"},
      {"revoked-late", "xa-qc-esig-ca", "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z", true, "2025-10-01T00:00:00Z",
       "QC for eSig on a QSCD, revoked 2025-10-01 (keyCompromise)"},
      {"expired", "xa-qc-esig-ca", "2023-01-01T00:00:00Z", "2025-01-01T00:00:00Z", true, "",
       "QC for eSig on a QSCD, expired 2025-01-01, never revoked"},
      {"withdrawn-ca", "xa-qc-withdrawn-ca", "2024-01-01T00:00:00Z", "2027-01-01T00:00:00Z", true, "",
       "QC for eSig on a QSCD under xa-qc-withdrawn (withdrawn 2025-03-01)"},
  };
}


// Written by hand from EN 319 102-1 (5.3 basic, 5.5 with time and long-term data, 5.6 archival)
// and TS 119 172-4 as described in docs/signature-validation.md; never computed by the validator.
std::vector<SignatureExpectation> signature_expectations() {
  const std::string now = "2026-01-15T00:00:00Z";
  std::vector<SignatureExpectation> out;
  for (const std::string level : {"b", "t"}) {
    for (const std::string p : {"enveloped", "enveloping", "detached"}) {
      const std::string doc = level + "-" + p;
      out.push_back({doc, p == "detached" ? doc + ".txt" : "-", now, "crl", "TOTAL_PASSED", "-", "QESig", "baseline-" + level});
    }
  }
  for (const std::string level : {"lt", "lta"}) {
    for (const std::string p : {"enveloped", "enveloping", "detached"}) {
      const std::string doc = level + "-" + p;
      out.push_back({doc, p == "detached" ? doc + ".txt" : "-", now, "none", "TOTAL_PASSED", "-", "QESig",
                     "baseline-" + level + "-embedded-data"});
    }
  }
  const std::vector<SignatureExpectation> rest = {
      {"b-detached", "-", now, "crl", "INDETERMINATE", "SIGNED_DATA_NOT_FOUND", "Indeterminate QESig", "detached-content-missing"},
      {"non-qualified-b", "-", now, "crl", "TOTAL_PASSED", "-", "AdESig", "non-qualified-signer"},
      {"revoked-before-signing-b", "-", now, "crl", "INDETERMINATE", "REVOKED_NO_POE", "Indeterminate QESig", "revoked-no-poe"},
      {"revoked-before-signing-t", "-", now, "crl", "INDETERMINATE", "REVOKED_NO_POE", "Indeterminate QESig",
       "revoked-before-best-signature-time"},
      {"revoked-after-signing-b", "-", now, "crl", "INDETERMINATE", "REVOKED_NO_POE", "Indeterminate QESig", "revoked-no-poe"},
      {"revoked-after-signing-t", "-", now, "crl", "TOTAL_PASSED", "-", "QESig", "revoked-after-best-signature-time"},
      // The CRLs of 2026 were issued after the expiry and may have dropped the entry (RFC 5280 3.3):
      // no revocation status, and the signature time-stamp does not help (5.5.4 step 5).
      {"expired-t", "-", now, "crl", "INDETERMINATE", "OUT_OF_BOUNDS_NO_POE", "Indeterminate QESig", "expired-status-unknown"},
      {"expired-lta", "-", now, "none", "TOTAL_PASSED", "-", "QESig", "expired-covered-by-long-term-data"},
      {"withdrawn-ca-signed-before-lta", "-", now, "none", "TOTAL_PASSED", "-", "QESig", "past-signature-validation"},
      {"withdrawn-ca-signed-before-lta", "-", "2024-07-01T00:00:00Z", "none", "TOTAL_PASSED", "-", "QESig",
       "anchor-before-sunset"},
      {"withdrawn-ca-signed-after-lta", "-", now, "none", "INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND_NO_POE",
       "Indeterminate AdESig", "signed-after-withdrawal"},
      {"tampered-content", "-", now, "crl", "TOTAL_FAILED", "HASH_FAILURE", "Not AdES but QC with QSCD", "hash-failure"},
      {"tampered-detached", "tampered-detached.txt", now, "crl", "TOTAL_FAILED", "HASH_FAILURE", "Not AdES but QC with QSCD",
       "hash-failure-detached"},
      // XML 1.0 3.3.1 (validity constraint ID): an Id value occurs once; a document that repeats
      // the signed Id is not a conformant XML-DSig signature (5.2.2 FC), before any digest.
      {"wrapping-duplicate-id", "-", now, "crl", "TOTAL_FAILED", "FORMAT_FAILURE", "Not AdES but QC with QSCD",
       "wrapping-duplicate-id"},
      {"wrapping-moved-id", "-", now, "crl", "TOTAL_FAILED", "HASH_FAILURE", "Not AdES but QC with QSCD", "wrapping-moved-id"},
      // EN 319 132-1 4.3 / 6.3: the SignedProperties read must be covered by a reference (5.2.2 FC,
      // TOTAL_FAILED / FORMAT_FAILURE in EN 319 102-1 table 5).
      {"wrapping-signed-properties", "-", now, "crl", "TOTAL_FAILED", "FORMAT_FAILURE", "Not AdES but QC with QSCD",
       "wrapping-unsigned-properties"},
  };
  out.insert(out.end(), rest.begin(), rest.end());
  return out;
}


std::string signature_readme_section() {
  std::string out = "\n## Signed documents (`signatures/`)\n\n";
  out += "XAdES signatures (EN 319 132-1) made with engine/xmldsig/template_signer from text templates\n";
  out += "(`samples/internal/xades_templates.cpp`): signed SigningTime, SigningCertificateV2 and DataObjectFormat;\n";
  out += "T adds a SignatureTimeStamp (sample TSA `tsa-qtst`, one minute after signing, over the exclusive-C14N\n";
  out += "ds:SignatureValue); LT adds CertificateValues and RevocationValues (an OCSP response for the signer and\n";
  out += "the CRL of the TSA's CA, both issued 30 minutes after signing); LTA adds an ArchiveTimeStamp (one hour\n";
  out += "after signing, EN 319 132-1 5.5.2.2 input). Keys are ECDSA P-256. A detached signature's content is the\n";
  out += "`.txt` file of the same name, which its reference names.\n\n";
  out += "Conventions of `expected-signatures.tsv`: validate `document` (with `detached`, `-` for none) through\n";
  out += "`validation::validate_document` at `at`, the trusted lists of this federation as the only anchors (anchor\n";
  out += "`oj/old-anchor.pem`, trust time as above), the default policy, offline; `revocation_data` `crl` = every\n";
  out += "CRL under `revocation/` given by the caller, `none` = only what the signature embeds. `indication` and\n";
  out += "`subindication` are EN 319 102-1's (`-` when TOTAL_PASSED), `qualification` the TS 119 172-4 label as\n";
  out += "DSS names it (at best-signature-time). Written by hand from EN 319 102-1 and docs/signature-validation.md.\n";
  out += "Tampered documents and wrapping attacks are never TOTAL_PASSED.\n\n";
  out += "Signers (`signatures/signers/<id>.pem`, signer + issuing CA):\n\n";
  for (const auto& s : signature_signers()) out += "- `" + s.id + "` (" + s.issuer + "): " + s.summary + "\n";
  out += "\nDocuments:\n\n";
  for (const auto& d : signature_documents()) out += "- `signatures/" + d.id + ".xml` (signer `" + d.signer + "`): " + d.summary + "\n";
  return out;
}


}  // namespace assay::samples
