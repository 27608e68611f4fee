// Reading CAdES signatures (ETSI EN 319 122-1 baseline B/T/LT/LTA, and the older RFC 5126 /
// TS 101 733 forms BES/EPES/T/C/X/X-L/A) from a CMS SignedData into SignatureUnderValidation, the
// format-neutral input of the EN 319 102-1 processes (validation/signature/signature_input.h).
//
// engine/cms parses the SignedData strictly (BER input is normalised to DER first, refused inside
// the signed attributes), checks content-type, message-digest and the signature value of each
// SignerInfo, and decodes the CAdES attributes; this layer identifies the signing certificate
// (sid + signing-certificate(-v2), EN 319 102-1 5.2.3), maps the signed attributes (signing-time,
// signature-policy-identifier, commitment-type-indication, content-hints, signer-attributes(-v2),
// content-time-stamp) and the unsigned ones (signature-time-stamp, certificate-values,
// revocation-values, archive-time-stamp-v3 with ats-hash-index-v3, countersignatures), with the
// bytes each time-stamp's imprint covers, and the level reached. It decides no indication, and
// never uses OpenSSL's chain building: certificates go to the EN 319 102-1 processes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/finding.h"
#include "validation/signature/signature_input.h"

namespace assay::validation::cades {

// A detached content candidate: the name the scope reports and its bytes (viewed, not copied).
struct DetachedData {
  std::string name;
  std::string_view bytes;
};

struct CadesReadOptions {
  // Detached content (RFC 5652 5.2: eContent absent). With several candidates, the one whose
  // digest the first SignerInfo's message-digest names is used.
  std::vector<DetachedData> detached;
};

// Every SignerInfo of the SignedData, in order; countersignatures in their parent's
// `counter_signatures`. Document-level findings (BER normalisation) are also copied into each
// signature's format check.
struct CadesDocument {
  std::vector<SignatureUnderValidation> signatures;
  engine::Findings findings;
};

// kMalformed when `bytes` is not a CMS ContentInfo holding SignedData (truncated, broken BER),
// kUnsupported for another content type, kResourceExhausted over the limits (64 MiB, 64
// SignerInfos, 256 certificates). Never throws; thread-safe.
engine::Result<CadesDocument> read_cades(std::string_view bytes, const CadesReadOptions& options = {});

// True when `bytes` start like a DER/BER ContentInfo of type id-signedData (RFC 5652 3), the
// test validate_document uses to pick this reader.
bool looks_like_cms_signed_data(std::string_view bytes) noexcept;

}  // namespace assay::validation::cades
