// OCSP responses (RFC 6960 4.2): the response, its embedded certificates, the responder id and
// the signature check against each embedded certificate (as the revocation checker does).
#include "engine/x509/ocsp_response.h"
#include "fuzz/support/fuzz_target.h"

ASSAY_FUZZ_TARGET(ocsp) {
  using namespace assay::engine;
  auto response = OcspResponse::parse_der(assay::fuzz::as_text(data, size));
  if (!response) return 0;
  const auto& r = **response;
  for (std::size_t i = 0; i < r.certificates().size() && i < 4; ++i) {
    const auto& signer = *r.certificates()[i];
    if (r.responder_matches(signer)) (void)r.verify_signed_by(signer);
  }
  return 0;
}
