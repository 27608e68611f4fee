#include "service/dss/dss_requests.h"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <chrono>

#include "engine/base64.h"
#include "service/json/strict_parse.h"

namespace assay::service::dss {

namespace {

using boost::json::object;
using boost::json::value;

engine::Result<const object*> as_object(const value& v, std::string_view what) {
  if (!v.is_object()) return engine::fail(engine::Code::kMalformed, std::string(what) + " must be a JSON object");
  return &v.as_object();
}

// Refuses keys outside `known`, as DSS's Jackson configuration does.
engine::Result<void> only_keys(const object& o, std::string_view what, std::initializer_list<std::string_view> known) {
  for (const auto& [key, v] : o) {
    (void)v;
    if (std::find(known.begin(), known.end(), std::string_view(key)) == known.end()) {
      return engine::fail(engine::Code::kMalformed, "unknown key \"" + std::string(key) + "\" in " + std::string(what));
    }
  }
  return {};
}

bool is_null(const object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v == nullptr || v->is_null();
}

// DSS writes a Date as epoch milliseconds and reads milliseconds or ISO-8601.
engine::Result<std::optional<engine::UtcTime>> read_time(const object& o, std::string_view key) {
  if (is_null(o, key)) return std::optional<engine::UtcTime>{};
  const value& v = o.at(key);
  if (v.is_int64() || v.is_uint64()) {
    const auto ms = v.is_int64() ? v.as_int64() : static_cast<std::int64_t>(v.as_uint64());
    return std::optional<engine::UtcTime>(
        std::chrono::time_point_cast<std::chrono::seconds>(engine::UtcTime{} + std::chrono::milliseconds(ms)));
  }
  if (v.is_string()) {
    bool assumed_utc = false;
    auto t = engine::parse_utc_time(v.as_string(), &assumed_utc);
    if (t && !assumed_utc) return std::optional<engine::UtcTime>(*t);
  }
  return engine::fail(engine::Code::kMalformed,
                      std::string(key) + " must be epoch milliseconds or an ISO-8601 instant with a zone");
}

engine::Result<RemoteDocument> read_document(const value& v, std::string_view what) {
  auto o = as_object(v, what);
  if (!o) return std::unexpected(o.error());
  if (auto k = only_keys(**o, what, {"bytes", "digestAlgorithm", "name"}); !k) return std::unexpected(k.error());
  if (!is_null(**o, "digestAlgorithm")) {
    return engine::fail(engine::Code::kUnsupported,
                        std::string(what) +
                            ": detached content given as a digest (digestAlgorithm) is not supported; send the bytes");
  }
  RemoteDocument d;
  if (const auto* name = (*o)->if_contains("name"); name != nullptr && !name->is_null()) {
    if (!name->is_string()) return engine::fail(engine::Code::kMalformed, std::string(what) + ".name must be a string");
    d.name = name->as_string();
  }
  const auto* bytes = (*o)->if_contains("bytes");
  if (bytes == nullptr || !bytes->is_string()) {
    return engine::fail(engine::Code::kMalformed, std::string(what) + ".bytes must be a base64 string");
  }
  auto decoded = engine::base64_decode(bytes->as_string());
  if (!decoded) return engine::fail(engine::Code::kMalformed, std::string(what) + ".bytes is not valid base64");
  d.bytes = std::move(*decoded);
  return d;
}

constexpr std::array<std::string_view, 17> kTokenExtraction{
    "NONE",
    "EXTRACT_ALL",
    "EXTRACT_CERTIFICATES_ONLY",
    "EXTRACT_TIMESTAMPS_ONLY",
    "EXTRACT_REVOCATION_DATA_ONLY",
    "EXTRACT_EVIDENCE_RECORDS_ONLY",
    "EXTRACT_CERTIFICATES_AND_TIMESTAMPS",
    "EXTRACT_CERTIFICATES_AND_EVIDENCE_RECORDS",
    "EXTRACT_CERTIFICATES_AND_TIMESTAMPS_AND_EVIDENCE_RECORDS",
    "EXTRACT_CERTIFICATES_AND_REVOCATION_DATA",
    "EXTRACT_CERTIFICATES_AND_TIMESTAMPS_AND_REVOCATION_DATA",
    "EXTRACT_CERTIFICATES_AND_REVOCATION_DATA_AND_EVIDENCE_RECORDS",
    "EXTRACT_TIMESTAMPS_AND_REVOCATION_DATA",
    "EXTRACT_TIMESTAMPS_AND_EVIDENCE_RECORDS",
    "EXTRACT_REVOCATION_DATA_AND_EVIDENCE_RECORDS",
    "EXTRACT_TIMESTAMPS_AND_REVOCATION_DATA_AND_EVIDENCE_RECORDS",
    "EXTRACT_CERTIFICATES_AND_TIMESTAMPS_AND_REVOCATION_DATA_AND_EVIDENCE_RECORDS",
};

// The keys every DTO shares that assay cannot honour when set: an XML policy and a TS 119 322
// cryptographic suite (assay's policy is its own, configured on the server).
engine::Result<void> common_keys(const object& o) {
  if (!is_null(o, "policy")) {
    return engine::fail(engine::Code::kUnsupported,
                        "policy: a DSS XML validation policy is not supported; the server's validation policy applies");
  }
  if (!is_null(o, "cryptographicSuite")) {
    return engine::fail(engine::Code::kUnsupported,
                        "cryptographicSuite: a TS 119 322 suite is not supported; the server's validation policy applies");
  }
  if (!is_null(o, "tokenExtractionStrategy")) {
    const auto& v = o.at("tokenExtractionStrategy");
    if (!v.is_string() || std::find(kTokenExtraction.begin(), kTokenExtraction.end(), std::string_view(v.as_string())) ==
                              kTokenExtraction.end()) {
      return engine::fail(engine::Code::kMalformed, "tokenExtractionStrategy is not a DSS TokenExtractionStrategy name");
    }
  }
  return {};
}

engine::Result<object> parse_body(std::string_view body) {
  auto parsed = json::parse_strict(body);
  if (!parsed) return std::unexpected(parsed.error());
  auto o = as_object(*parsed, "the request body");
  if (!o) return std::unexpected(o.error());
  return **o;
}

}  // namespace

engine::Result<SignatureValidationRequest> parse_signature_validation_request(std::string_view body,
                                                                              std::size_t max_documents) {
  auto o = parse_body(body);
  if (!o) return std::unexpected(o.error());
  if (auto k = only_keys(*o, "DataToValidateDTO",
                         {"signedDocument", "originalDocuments", "policy", "cryptographicSuite", "validationTime",
                          "evidenceRecords", "tokenExtractionStrategy", "signatureId"});
      !k) {
    return std::unexpected(k.error());
  }
  if (auto c = common_keys(*o); !c) return std::unexpected(c.error());
  if (const auto* er = o->if_contains("evidenceRecords"); er != nullptr && !er->is_null()) {
    if (!er->is_array()) return engine::fail(engine::Code::kMalformed, "evidenceRecords must be an array or null");
    if (!er->as_array().empty()) {
      return engine::fail(engine::Code::kUnsupported, "evidenceRecords: detached evidence records are not supported");
    }
  }
  SignatureValidationRequest request;
  const auto* signed_document = o->if_contains("signedDocument");
  if (signed_document == nullptr || signed_document->is_null()) {
    return engine::fail(engine::Code::kMalformed, "signedDocument is required");
  }
  auto doc = read_document(*signed_document, "signedDocument");
  if (!doc) return std::unexpected(doc.error());
  request.signed_document = std::move(*doc);
  if (const auto* originals = o->if_contains("originalDocuments"); originals != nullptr && !originals->is_null()) {
    if (!originals->is_array()) return engine::fail(engine::Code::kMalformed, "originalDocuments must be an array or null");
    if (originals->as_array().size() > max_documents) {
      return engine::fail(engine::Code::kResourceExhausted,
                          "at most " + std::to_string(max_documents) + " originalDocuments per request");
    }
    std::size_t i = 0;
    for (const auto& d : originals->as_array()) {
      auto original = read_document(d, "originalDocuments[" + std::to_string(i++) + "]");
      if (!original) return std::unexpected(original.error());
      request.original_documents.push_back(std::move(*original));
    }
  }
  auto at = read_time(*o, "validationTime");
  if (!at) return std::unexpected(at.error());
  request.validation_time = *at;
  if (!is_null(*o, "signatureId")) {
    if (!o->at("signatureId").is_string()) return engine::fail(engine::Code::kMalformed, "signatureId must be a string");
    request.signature_id = std::string(o->at("signatureId").as_string());
  }
  return request;
}

engine::Result<CertificateValidationRequest> parse_certificate_validation_request(std::string_view body,
                                                                                  std::size_t max_certificates) {
  auto o = parse_body(body);
  if (!o) return std::unexpected(o.error());
  if (auto k = only_keys(*o, "CertificateToValidateDTO",
                         {"certificate", "certificateChain", "validationTime", "policy", "cryptographicSuite",
                          "tokenExtractionStrategy"});
      !k) {
    return std::unexpected(k.error());
  }
  if (auto c = common_keys(*o); !c) return std::unexpected(c.error());
  CertificateValidationRequest request;
  auto read_certificate = [&](const value& v, const std::string& what) -> engine::Result<void> {
    auto co = as_object(v, what);
    if (!co) return std::unexpected(co.error());
    if (auto k = only_keys(**co, what, {"encodedCertificate"}); !k) return std::unexpected(k.error());
    const auto* enc = (*co)->if_contains("encodedCertificate");
    if (enc == nullptr || !enc->is_string()) {
      return engine::fail(engine::Code::kMalformed, what + ".encodedCertificate must be base64 DER");
    }
    auto der = engine::base64_decode(enc->as_string());
    if (!der || der->empty()) return engine::fail(engine::Code::kMalformed, what + ".encodedCertificate is not valid base64");
    request.certificates.push_back(std::move(*der));
    return {};
  };
  const auto* certificate = o->if_contains("certificate");
  if (certificate == nullptr || certificate->is_null()) return engine::fail(engine::Code::kMalformed, "certificate is required");
  if (auto r = read_certificate(*certificate, "certificate"); !r) return std::unexpected(r.error());
  if (const auto* chain = o->if_contains("certificateChain"); chain != nullptr && !chain->is_null()) {
    if (!chain->is_array()) return engine::fail(engine::Code::kMalformed, "certificateChain must be an array or null");
    if (chain->as_array().size() + 1 > max_certificates) {
      return engine::fail(engine::Code::kResourceExhausted,
                          "at most " + std::to_string(max_certificates) + " certificates per request");
    }
    std::size_t i = 0;
    for (const auto& c : chain->as_array()) {
      if (auto r = read_certificate(c, "certificateChain[" + std::to_string(i++) + "]"); !r) return std::unexpected(r.error());
    }
  }
  auto at = read_time(*o, "validationTime");
  if (!at) return std::unexpected(at.error());
  request.validation_time = *at;
  return request;
}

}  // namespace assay::service::dss
