// The DSS REST request DTOs (VALIDATION-APIS.md §1.3, §1.8), read strictly: every key DSS
// defines is accepted with null allowed, an unknown key is an error (as Jackson's default), and
// a key assay cannot honour (an XML validation policy, a cryptographic suite, detached content
// given as a digest, evidence records) is an error that says so — never silently ignored.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/time.h"

namespace assay::service::dss {

// A RemoteDocument: {"bytes": base64, "digestAlgorithm": null, "name": string}.
struct RemoteDocument {
  std::string name;
  std::string bytes;
};

// DataToValidateDTO (validateSignature, getOriginalDocuments).
struct SignatureValidationRequest {
  RemoteDocument signed_document;
  std::vector<RemoteDocument> original_documents;  // detached content; name = the reference URI
  std::optional<engine::UtcTime> validation_time;  // null = now
  std::optional<std::string> signature_id;         // getOriginalDocuments only
};

// CertificateToValidateDTO (validateCertificate). `certificates` holds the certificate first,
// then certificateChain, DER.
struct CertificateValidationRequest {
  std::vector<std::string> certificates;
  std::optional<engine::UtcTime> validation_time;
};

// kMalformed for a body that is not such a DTO (the message names the key), kUnsupported for a
// key assay cannot honour. `max_documents` bounds originalDocuments / certificateChain.
engine::Result<SignatureValidationRequest> parse_signature_validation_request(std::string_view body,
                                                                              std::size_t max_documents);
engine::Result<CertificateValidationRequest> parse_certificate_validation_request(std::string_view body,
                                                                                  std::size_t max_certificates);

}  // namespace assay::service::dss
