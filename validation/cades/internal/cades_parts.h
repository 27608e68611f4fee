// validation/cades-private: the pieces of read_cades (cades_reader.cpp drives them).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/cms/signed_data.h"
#include "validation/signature/signature_input.h"

namespace assay::validation::cades::internal {

// The content a SignerInfo's message-digest covers: the eContent, a detached file, or (for a
// countersignature) the parent's signature value; `available` false when detached and not given.
struct SignedContent {
  bool available = false;
  std::string_view bytes;
  std::string name;  // "" for the encapsulated content
};

// EN 319 122-1 5.2 signed attributes into `out.attributes` (signing-certificate handled by the
// reader); malformed ones are FORMAT_FAILURE findings.
void read_signed_attributes(const engine::cms::SignerInfo& signer, SignatureUnderValidation& out);

// certificate-values and revocation-values (RFC 5126 6.3.3 / 6.3.4), appended to `out`.
void read_validation_values(const engine::cms::SignerInfo& signer, SignatureUnderValidation& out);

// content-time-stamp, signature-time-stamp, archive-time-stamp-v3 (and the legacy forms, reported
// as unsupported), each with the bytes its imprint covers.
void read_timestamps(const engine::cms::SignedData& signed_data, const engine::cms::SignerInfo& signer,
                     const SignedContent& content, SignatureUnderValidation& out);

// EN 319 122-1 6 (CAdES-BASELINE-B/T/LT/LTA), else RFC 5126 forms; "CMS" without CAdES attributes.
std::string detect_level(const engine::cms::SignedData& signed_data, const engine::cms::SignerInfo& signer,
                         const SignatureUnderValidation& signature);

}  // namespace assay::validation::cades::internal
