// ZIP containers and ASiC (EN 319 162-1): the ZIP reader with its limits, the ASiC reader
// (mimetype, manifests, signatures), then validate_document against the sample federation.
#include "engine/zip/zip_archive.h"
#include "fuzz/support/federation_trust.h"
#include "fuzz/support/fuzz_target.h"
#include "validation/asic/asic_reader.h"

ASSAY_FUZZ_TARGET(asic) {
  const auto bytes = assay::fuzz::as_text(data, size);
  (void)assay::engine::zip::read_zip(bytes);
  if (auto asic = assay::validation::asic::read_asic(bytes)) assay::fuzz::validate_with_federation(bytes);
  return 0;
}
