// The one-level EC P-256 test PKI of the CAdES / ASiC and PAdES benchmarks (setup, never
// measured): a root that is the explicit trust anchor, a signer it issues (valid 2024–2030), and
// the signer's "good" OCSP response produced 2025-05-01, in force until 2025-06-01. Keys are
// fresh every run.
#pragma once

#include <string>

#include "engine/crypto/private_key.h"
#include "engine/error.h"
#include "engine/x509/certificate.h"

namespace assay::bench {

struct BenchPki {
  engine::PrivateKey root_key;
  engine::PrivateKey signer_key;
  engine::CertificatePtr root;
  engine::CertificatePtr signer;
  std::string signer_ocsp_good;  // DER OCSPResponse, signed by the root
};

// kInternal naming the step that failed.
engine::Result<BenchPki> make_bench_pki();

}  // namespace assay::bench
