// Inputs of the signature-validation benchmarks (issue 15, "Performance"), generated at start-up
// (setup, never measured) with a one-level test PKI made here (RSA-2048, like most qualified
// certificates): a CA that is the explicit trust anchor, signs the signer's OCSP response and the
// CRL covering its TSA unit, and issues the signer and the TSA unit certificates.
//
//   - `baseline_b`: XAdES-BASELINE-B enveloped signature (engine/xmldsig/signer.h) over a 10 KB
//     document; validated with `anchor` and `ocsp_der` supplied by the caller.
//   - `lta`: the same document signed XAdES-BASELINE-LTA with everything embedded: a
//     SignatureTimeStamp, CertificateValues (CA, TSA), RevocationValues (the signer's OCSP
//     response, the CA's CRL) and an XAdES 1.4.1 ArchiveTimeStamp; validated with `anchor` only.
//
// Time-stamp imprints are taken from the XAdES reader itself (validation/xades), the same code
// that checks them, so the tokens cover exactly what validation recomputes.
#pragma once

#include <string>

#include "engine/error.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"

namespace assay::bench {

struct SignatureBenchInputs {
  engine::CertificatePtr anchor;  // the CA (explicit anchor, `--anchor`)
  std::string ocsp_der;           // "good" for the signer, in force at `at`
  std::string document;           // the unsigned 10 KB document
  std::string baseline_b;         // XAdES-BASELINE-B
  std::string lta;                // XAdES-BASELINE-LTA
  engine::UtcTime signing_time{};
  engine::UtcTime at{};  // validation time of both
};

// Builds every input (keys are fresh). kInternal naming the step that failed.
engine::Result<SignatureBenchInputs> make_signature_inputs();

// The same inputs for the whole process (built once; exits with a message on failure).
const SignatureBenchInputs& signature_inputs_or_exit();

}  // namespace assay::bench
