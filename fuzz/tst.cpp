// RFC 3161 time-stamp tokens: the token reader, the TSTInfo on its own, and the time-stamp
// validation every signature time-stamp goes through (imprint, signer, signature, TSA path);
// without anchors, as for a signature whose time-stamp unit is not on any list.
#include "engine/cms/timestamp_token.h"
#include "fuzz/support/fuzz_target.h"
#include "validation/signature/timestamp_validation.h"

ASSAY_FUZZ_TARGET(tst) {
  using namespace assay;
  const auto bytes = fuzz::as_text(data, size);
  if (auto token = engine::cms::TimestampToken::parse_der(bytes)) (void)(*token)->signing_certificate();
  (void)engine::cms::parse_tst_info(bytes);
  (void)validation::validate_timestamp(bytes, "covered bytes", validation::TimestampValidationContext{});
  return 0;
}
