// X.509 certificates (RFC 5280) as every input path reads them: one DER certificate, PEM / base64
// text (CLI files, API bodies), and the QCStatements extension (ETSI EN 319 412-5) on its own,
// since its syntax sits deep inside a certificate. The self-signature check decodes the key.
#include "engine/x509/certificate.h"
#include "engine/x509/qc_statements.h"
#include "fuzz/support/fuzz_target.h"

ASSAY_FUZZ_TARGET(x509) {
  using namespace assay::engine;
  const auto bytes = assay::fuzz::as_text(data, size);
  if (auto certificate = Certificate::parse_der(bytes)) {
    const auto& c = **certificate;
    (void)c.qc_statements();
    (void)c.subject_emails();
    (void)c.verify_signed_by(c);
    (void)c.issued_by_name(c);
    (void)c.openssl_x509();
  }
  if (auto chain = Certificate::parse_pem_chain(bytes)) {
    for (const auto& c : *chain) (void)c->fingerprint_hex();
  }
  Findings findings;
  (void)parse_qc_statements(bytes, findings);
  return 0;
}
