// RFC 7515 7: the compact and JSON serialisations, split into the texts the signing input and
// the headers are made of.
#include <algorithm>
#include <cctype>

#include "engine/base64.h"
#include "engine/json/strict_json.h"
#include "engine/jws/jws.h"
#include "validation/jades/internal/jades_parts.h"
#include "validation/jades/jades_findings.h"

namespace assay::validation::jades::internal {
namespace {

namespace bj = boost::json;

std::string_view trim(std::string_view s) {
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

engine::Result<std::vector<JwsParts>> split_compact(std::string_view text) {
  // RFC 7515 7.1: three parts, two dots. RFC 7797 5.2: an unencoded payload may not hold '.'.
  const auto first = text.find('.');
  const auto last = text.rfind('.');
  if (first == std::string_view::npos || first == last) {
    return engine::fail(engine::Code::kMalformed, "a compact JWS has three parts separated by '.' (RFC 7515 7.1)");
  }
  if (text.find('.', first + 1) != last) {
    return engine::fail(engine::Code::kMalformed, "a compact JWS has exactly three parts (RFC 7515 7.1)");
  }
  JwsParts p;
  p.protected_b64 = std::string(text.substr(0, first));
  p.payload = std::string(text.substr(first + 1, last - first - 1));
  p.payload_present = !p.payload.empty();
  p.signature_b64 = std::string(text.substr(last + 1));
  return std::vector<JwsParts>{std::move(p)};
}

// One signature object of the JSON serialisations: "protected", "header", "signature".
engine::Result<JwsParts> read_signature_object(const bj::object& o, std::string where) {
  JwsParts p;
  p.where = std::move(where);
  const std::string at = p.where.empty() ? "" : " in " + p.where;
  if (const auto* v = o.if_contains("protected")) {
    if (!v->is_string()) return engine::fail(engine::Code::kMalformed, "\"protected\" is not a string" + at);
    p.protected_b64 = std::string(v->get_string());
  }
  const auto* sig = o.if_contains("signature");
  if (sig == nullptr || !sig->is_string()) {
    return engine::fail(engine::Code::kMalformed, "\"signature\" is missing or not a string" + at + " (RFC 7515 7.2.1)");
  }
  p.signature_b64 = std::string(sig->get_string());
  if (const auto* h = o.if_contains("header")) {
    if (!h->is_object()) return engine::fail(engine::Code::kMalformed, "\"header\" is not an object" + at);
    p.unprotected = h->get_object();
  }
  return p;
}

engine::Result<std::vector<JwsParts>> split_json(std::string_view text, std::string& serialization) {
  engine::json::StrictJsonLimits limits;
  limits.max_depth = kMaxJsonDepth;
  limits.max_bytes = kMaxDocumentBytes;
  auto parsed = engine::json::parse_strict(text, limits);
  if (!parsed) return std::unexpected(std::move(parsed.error()).with_context("reading the JWS JSON serialisation"));
  if (!parsed->is_object()) return engine::fail(engine::Code::kMalformed, "a JWS JSON serialisation is an object (RFC 7515 7.2)");
  const bj::object& root = parsed->get_object();
  std::string payload;
  bool payload_present = false;
  if (const auto* v = root.if_contains("payload")) {
    if (!v->is_string()) return engine::fail(engine::Code::kMalformed, "\"payload\" is not a string (RFC 7515 7.2.1)");
    payload = std::string(v->get_string());
    payload_present = true;
  }
  std::vector<JwsParts> out;
  if (const auto* sigs = root.if_contains("signatures")) {
    // RFC 7515 7.2.1: general syntax; "signature" etc. must then not appear at the top level.
    if (root.contains("signature") || root.contains("protected") || root.contains("header")) {
      return engine::fail(engine::Code::kMalformed,
                          "a JWS mixes the general (\"signatures\") and flattened syntax (RFC 7515 7.2.2)");
    }
    if (!sigs->is_array()) return engine::fail(engine::Code::kMalformed, "\"signatures\" is not an array");
    const auto& array = sigs->get_array();
    if (array.size() > kMaxSignatures) {
      return engine::fail(engine::Code::kResourceExhausted, "the JWS holds " + std::to_string(array.size()) +
                                                                " signatures (limit " + std::to_string(kMaxSignatures) + ")");
    }
    serialization = "general JSON";
    for (std::size_t i = 0; i < array.size(); ++i) {
      const std::string where = "signatures[" + std::to_string(i) + "]";
      if (!array[i].is_object()) return engine::fail(engine::Code::kMalformed, where + " is not an object");
      auto p = read_signature_object(array[i].get_object(), where);
      if (!p) return std::unexpected(p.error());
      out.push_back(std::move(*p));
    }
  } else {
    serialization = "flattened JSON";
    auto p = read_signature_object(root, "");
    if (!p) return std::unexpected(p.error());
    out.push_back(std::move(*p));
  }
  for (auto& p : out) {
    p.payload = payload;
    p.payload_present = payload_present;
  }
  return out;
}

}  // namespace

void add_error(engine::Findings& findings, std::string_view id, std::string message, std::string subject) {
  findings.push_back({std::string(id), engine::Severity::kError, std::move(message), std::move(subject)});
}

void add_warning(engine::Findings& findings, std::string_view id, std::string message, std::string subject) {
  findings.push_back({std::string(id), engine::Severity::kWarning, std::move(message), std::move(subject)});
}

std::optional<std::string> base64_std(std::string_view text) {
  // RFC 4648 4 without white space (TS 119 182-1 5.4.3 "val"); engine::base64_decode would
  // skip XML white space, which JSON strings have no reason to hold.
  if (std::any_of(text.begin(), text.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); })) {
    return std::nullopt;
  }
  return engine::base64_decode(text);
}

engine::Result<std::vector<JwsParts>> split_serialization(std::string_view bytes, std::string& serialization) {
  if (bytes.size() > kMaxDocumentBytes) {
    return engine::fail(engine::Code::kResourceExhausted, "the JWS has " + std::to_string(bytes.size()) +
                                                              " bytes (limit " + std::to_string(kMaxDocumentBytes) + ")");
  }
  const std::string_view text = trim(bytes);
  if (text.starts_with("{")) return split_json(text, serialization);
  serialization = "compact";
  return split_compact(text);
}

std::optional<bj::object> decode_protected_header(const JwsParts& parts, engine::Findings& findings) {
  const std::string subject = parts.where.empty() ? "protected header" : parts.where + " protected header";
  if (parts.protected_b64.empty()) {
    // TS 119 182-1 5.1: a JAdES signature has its signed header parameters in the protected header.
    add_error(findings, finding::kProtectedHeaderMissing, "the JWS has no protected header", subject);
    return std::nullopt;
  }
  if (parts.protected_b64.size() > kMaxProtectedHeaderBytes / 3 * 4 + 4) {
    add_error(findings, finding::kProtectedHeaderMalformed,
              "the protected header exceeds " + std::to_string(kMaxProtectedHeaderBytes) + " bytes", subject);
    return std::nullopt;
  }
  auto decoded = engine::jws::base64url_decode(parts.protected_b64);
  if (!decoded) {
    add_error(findings, finding::kProtectedHeaderMalformed,
              "the protected header is not base64url without padding (RFC 7515 2)", subject);
    return std::nullopt;
  }
  engine::json::StrictJsonLimits limits;
  limits.max_depth = kMaxJsonDepth;
  limits.max_bytes = kMaxProtectedHeaderBytes;
  auto json = engine::json::parse_strict(*decoded, limits);
  if (!json) {
    add_error(findings, finding::kProtectedHeaderMalformed, "the protected header is not strict JSON: " + json.error().message(),
              subject);
    return std::nullopt;
  }
  if (!json->is_object()) {
    add_error(findings, finding::kProtectedHeaderMalformed, "the protected header is not a JSON object (RFC 7515 4)", subject);
    return std::nullopt;
  }
  return std::move(json->get_object());
}

}  // namespace assay::validation::jades::internal
