// The sample federation's time-stamping authority as a token factory: the TSA unit `tsa-qtst`
// (listed under XA's TSA/QTST service `xa-tsa-qtst`, granted since 2017-01-01; see
// expected-tsa.tsv) signs RFC 3161 tokens with the key generated for this run. Keys are never
// written out, so sample documents carrying time-stamps (signature, archive, content
// time-stamps) must be made in the same run as the PKI, through this function.
// Internal to assay_samples.
#pragma once

#include <string>
#include <string_view>

#include "engine/error.h"
#include "engine/time.h"
#include "samples/internal/pki.h"

namespace assay::samples {

// The id of the sample TSA unit in Pki::end_entities and of its issuing CA in Pki::authorities.
inline constexpr std::string_view kSampleTsa = "tsa-qtst";
inline constexpr std::string_view kSampleTsaIssuer = "xa-pkc-ca";

// A TimeStampToken (DER) by the sample TSA over `covered_bytes` (SHA-256 imprint) at `gen_time`,
// with ESSCertIDv2, the TSA certificate and its issuing CA certificate embedded. `serial_hex`
// should be unique per token of a run. kInternal when the PKI lacks the TSA.
engine::Result<std::string> sample_timestamp(const Pki& pki, std::string_view covered_bytes, engine::UtcTime gen_time,
                                             std::string serial_hex);

}  // namespace assay::samples
