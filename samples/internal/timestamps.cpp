#include "samples/internal/timestamps.h"

#include "engine/cms/timestamp_builder.h"

namespace assay::samples {

engine::Result<std::string> sample_timestamp(const Pki& pki, std::string_view covered_bytes, engine::UtcTime gen_time,
                                             std::string serial_hex) {
  const auto tsa = pki.end_entities.find(std::string(kSampleTsa));
  const auto issuer = pki.authorities.find(std::string(kSampleTsaIssuer));
  if (tsa == pki.end_entities.end() || issuer == pki.authorities.end()) {
    return engine::fail(engine::Code::kInternal, "sample PKI without the TSA unit or its CA");
  }
  engine::cms::TimestampTokenSpec spec;
  spec.covered_bytes = std::string(covered_bytes);
  spec.gen_time = gen_time;
  spec.serial_hex = std::move(serial_hex);
  spec.accuracy = engine::cms::Accuracy{1, 0, 0};
  spec.extra_certificates = {issuer->second.certificate};
  return engine::cms::build_timestamp_token(spec, *tsa->second.certificate, tsa->second.key);
}

}  // namespace assay::samples
