// Authentication of a trusted list: the enveloped XML-DSig / XAdES signature verified under the
// strict policy (tsl::check_signature, engine/xmldsig) and the trust half (tsl::judge_list), as
// a refresh does for every downloaded list.
#include "engine/time.h"
#include "fuzz/support/fuzz_target.h"
#include "tsl/authentication.h"

ASSAY_FUZZ_TARGET(tl_signature) {
  using namespace assay;
  auto loaded = tsl::load_list("fuzz.xml", std::string(fuzz::as_text(data, size)));
  if (!loaded) return 0;
  const auto signature = tsl::check_signature(*loaded);
  tsl::SignerSet trusted;
  if (signature.signer) trusted.add_certificate(signature.signer);  // also reach the checks after the signer matches
  (void)tsl::judge_list(*loaded, signature, trusted, *engine::parse_utc_time("2026-01-15T00:00:00Z"));
  return 0;
}
