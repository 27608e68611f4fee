// Certificate::parse_pem_chain: PEM blocks, single DER, or bare base64 DER (RFC 7468).
#include <cctype>

#include "engine/base64.h"
#include "engine/x509/certificate.h"

namespace assay::engine {
namespace {

bool blank(std::string_view s) {
  for (const char c : s) {
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

Result<std::vector<CertificatePtr>> Certificate::parse_pem_chain(std::string_view text) {
  if (blank(text)) return fail(Code::kNotFound, "no certificate: input is empty");
  std::vector<CertificatePtr> out;
  // A DER certificate starts with SEQUENCE; PEM and base64 never start with 0x30 followed by a
  // long-form length byte, so the first byte decides.
  if (static_cast<unsigned char>(text[0]) == 0x30 && text.size() > 1 &&
      (static_cast<unsigned char>(text[1]) & 0x80) != 0) {
    auto c = parse_der(text);
    if (!c) return std::unexpected(std::move(c.error()));
    out.push_back(std::move(*c));
    return out;
  }
  static constexpr std::string_view kBegin = "-----BEGIN ";
  std::size_t pos = text.find(kBegin);
  if (pos == std::string_view::npos) {
    auto bytes = base64_decode(text);
    if (!bytes) return fail(Code::kMalformed, "neither PEM, DER nor base64 DER");
    auto c = parse_der(*bytes);
    if (!c) return std::unexpected(std::move(c.error()).with_context("base64 certificate"));
    out.push_back(std::move(*c));
    return out;
  }
  int index = 0;
  while (pos != std::string_view::npos) {
    const std::size_t label_start = pos + kBegin.size();
    const std::size_t label_end = text.find("-----", label_start);
    if (label_end == std::string_view::npos) return fail(Code::kMalformed, "unterminated PEM header");
    const std::string_view label = text.substr(label_start, label_end - label_start);
    const std::string end_marker = "-----END " + std::string(label) + "-----";
    const std::size_t body_start = label_end + 5;
    const std::size_t body_end = text.find(end_marker, body_start);
    if (body_end == std::string_view::npos) {
      return fail(Code::kMalformed, "PEM block " + std::to_string(index) + " (" + std::string(label) + ") has no END line");
    }
    if (label == "CERTIFICATE" || label == "X509 CERTIFICATE") {
      auto bytes = base64_decode(text.substr(body_start, body_end - body_start));
      if (!bytes) return fail(Code::kMalformed, "PEM block " + std::to_string(index) + " is not valid base64");
      auto c = parse_der(*bytes);
      if (!c) return std::unexpected(std::move(c.error()).with_context("PEM block " + std::to_string(index)));
      out.push_back(std::move(*c));
    }
    ++index;
    pos = text.find(kBegin, body_end + end_marker.size());
  }
  if (out.empty()) return fail(Code::kNotFound, "no CERTIFICATE block in the PEM text");
  return out;
}

}  // namespace assay::engine
