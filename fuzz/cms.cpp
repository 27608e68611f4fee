// CMS SignedData (RFC 5652) and CAdES (EN 319 122-1) reading: the SignedData parser, the
// strict-DER check, and the CAdES reader validate_document uses for CMS input.
#include "engine/cms/signed_data.h"
#include "fuzz/support/fuzz_target.h"
#include "validation/cades/cades_reader.h"

ASSAY_FUZZ_TARGET(cms) {
  using namespace assay;
  const auto bytes = fuzz::as_text(data, size);
  (void)engine::cms::SignedData::parse_der(bytes);
  (void)engine::cms::is_strict_der(bytes);
  (void)validation::cades::looks_like_cms_signed_data(bytes);
  validation::cades::CadesReadOptions options;
  options.detached.push_back({"content.txt", "detached content"});
  (void)validation::cades::read_cades(bytes, options);
  return 0;
}
