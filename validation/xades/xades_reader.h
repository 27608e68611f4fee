// Reading XAdES signatures (ETSI EN 319 132-1, and the older ETSI TS 101 903 v1.3.2 / v1.4.1
// forms) into SignatureUnderValidation, the format-neutral input of the EN 319 102-1 processes
// (validation/signature/signature_input.h).
//
// The engine (engine/xmldsig/general_verifier.h) resolves references, canonicalises and checks
// digests and the SignatureValue; this layer maps its facts to the model and reads the XAdES
// properties: signing-certificate identification (EN 319 102-1 5.2.3), signed properties
// (SigningTime, SigningCertificate v1 / V2 with IssuerSerial(V2), SignaturePolicyIdentifier,
// DataObjectFormat, CommitmentTypeIndication, SignerRole(V2), SignatureProductionPlace(V2),
// content time-stamps) and unsigned ones (SignatureTimeStamp, CertificateValues,
// RevocationValues, AttrAuthoritiesCertValues, AttributeRevocationValues, TimeStampValidationData,
// ArchiveTimeStamp, legacy C/X/XL references), with the bytes each time-stamp's imprint covers
// (xades_timestamps.h), and the level reached. It decides no indication.
#pragma once

#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/finding.h"
#include "engine/xml/document.h"
#include "engine/xmldsig/general_verifier.h"
#include "validation/signature/signature_input.h"

namespace assay::validation::xades {

struct XadesReadOptions {
  // Detached content (file name → bytes); nothing a reference names is ever fetched.
  std::vector<engine::xmldsig::DetachedContent> detached;
};

// Every signature of one document. Counter-signatures sit in their parent's
// `counter_signatures`, not at the top level. Document-level problems (duplicate Ids, too many
// signatures) are in `findings` and also copied into each signature's format check.
struct XadesDocument {
  std::vector<SignatureUnderValidation> signatures;
  engine::Findings findings;
};

// Reads `document`. A document without signatures gives an empty list (not an error). Errors
// only for unexpected library failures (kInternal). Reads the document only (thread-safe).
engine::Result<XadesDocument> read_xades(const engine::xml::Document& document, const XadesReadOptions& options = {});

// Parses `bytes` with the engine's secure XML parser first (kMalformed / kUnsupported /
// kResourceExhausted for unusable input, see engine/xml/document.h).
engine::Result<XadesDocument> read_xades(std::string_view bytes, const XadesReadOptions& options = {});

}  // namespace assay::validation::xades
