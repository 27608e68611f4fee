// XAdES (EN 319 132-1) documents through validate_document: the XML reader, XML-DSig reference
// resolution and verification, the XAdES properties and time-stamps, and EN 319 102-1 validation
// against the sample federation's lists.
#include "fuzz/support/federation_trust.h"
#include "fuzz/support/fuzz_target.h"

ASSAY_FUZZ_TARGET(xades) {
  assay::fuzz::validate_with_federation(assay::fuzz::as_text(data, size));
  return 0;
}
