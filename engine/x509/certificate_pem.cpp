// Certificate::parse_pem_chain: PEM blocks, single DER, or bare base64 DER (RFC 7468).
#include <cctype>

#include "engine/base64.h"
#include "engine/x509/certificate.h"
#include "engine/x509/internal/der.h"

namespace assay::engine {
namespace {

bool blank(std::string_view s) {
  for (const char c : s) {
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// One DER SEQUENCE, nothing after it (the framing of a certificate; its contents are parse_der's).
bool one_sequence(std::string_view der) {
  auto seq = der::read_single(der, der::kSequence);
  return seq.has_value();
}

}  // namespace

Result<std::vector<std::string>> Certificate::pem_chain_der(std::string_view text) {
  if (blank(text)) return fail(Code::kNotFound, "no certificate: input is empty");
  std::vector<std::string> out;
  // A DER certificate starts with SEQUENCE; PEM and base64 never start with 0x30 followed by a
  // long-form length byte, so the first byte decides.
  if (static_cast<unsigned char>(text[0]) == 0x30 && text.size() > 1 &&
      (static_cast<unsigned char>(text[1]) & 0x80) != 0) {
    if (!one_sequence(text)) return fail(Code::kMalformed, "not one DER certificate");
    out.emplace_back(text);
    return out;
  }
  static constexpr std::string_view kBegin = "-----BEGIN ";
  std::size_t pos = text.find(kBegin);
  if (pos == std::string_view::npos) {
    auto bytes = base64_decode(text);
    if (!bytes || !one_sequence(*bytes)) return fail(Code::kMalformed, "neither PEM, DER nor base64 DER");
    out.push_back(std::move(*bytes));
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
      if (!one_sequence(*bytes)) return fail(Code::kMalformed, "PEM block " + std::to_string(index) + " is not one DER certificate");
      out.push_back(std::move(*bytes));
    }
    ++index;
    pos = text.find(kBegin, body_end + end_marker.size());
  }
  if (out.empty()) return fail(Code::kNotFound, "no CERTIFICATE block in the PEM text");
  return out;
}

Result<std::vector<CertificatePtr>> Certificate::parse_pem_chain(std::string_view text) {
  auto blobs = pem_chain_der(text);
  if (!blobs) return std::unexpected(std::move(blobs.error()));
  std::vector<CertificatePtr> out;
  for (std::size_t i = 0; i < blobs->size(); ++i) {
    auto c = parse_der((*blobs)[i]);
    if (!c) return std::unexpected(std::move(c.error()).with_context("certificate " + std::to_string(i + 1) + " of " + std::to_string(blobs->size())));
    out.push_back(std::move(*c));
  }
  return out;
}

}  // namespace assay::engine
