// JAdES (TS 119 182-1) signatures: the JWS reader (compact, flattened and general JSON), then
// validate_document against the sample federation's lists.
#include "fuzz/support/federation_trust.h"
#include "fuzz/support/fuzz_target.h"
#include "validation/jades/jades_reader.h"

ASSAY_FUZZ_TARGET(jades) {
  const auto bytes = assay::fuzz::as_text(data, size);
  (void)assay::validation::jades::read_jades(bytes);
  assay::fuzz::validate_with_federation(bytes);
  return 0;
}
