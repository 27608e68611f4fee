#include "validation/jades/jades_reader.h"

#include <algorithm>
#include <cctype>

#include "engine/digest.h"
#include "engine/jws/jws.h"
#include "validation/jades/internal/jades_parts.h"
#include "validation/jades/jades_findings.h"

namespace assay::validation::jades {
namespace {

using namespace internal;

// TS 119 182-1 6: JAdES-BASELINE-B needs the claimed signing time (iat, or sigT before
// 2025-07-15) and a signed signing-certificate reference (x5t#S256 / x5t#o / sigX5ts); T adds
// sigTst, LT the validation data (xVals / rVals, also in tstVD), LTA arcTst. Otherwise the
// DSS name JSON-NOT-ETSI; validation data or archive time-stamps without sigTst: "JAdES".
std::string detect_level(const SignatureUnderValidation& s, const UnsignedFacts& u) {
  const bool b = s.attributes.signing_time.has_value() && s.attributes.signing_certificate_reference_present;
  const bool values = u.certificate_values || u.revocation_values;
  const bool t = u.signature_timestamp;
  if (!b) return "JSON-NOT-ETSI";
  if (u.archive_timestamp && values && t) return "JAdES-BASELINE-LTA";
  if (values && t) return "JAdES-BASELINE-LT";
  if (t) return "JAdES-BASELINE-T";
  if (!u.archive_timestamp && !values) return "JAdES-BASELINE-B";
  return "JAdES";
}

SignatureUnderValidation read_one(const JwsParts& parts, const JadesReadOptions& options) {
  SignatureUnderValidation s;
  s.format = SignatureFormat::kJAdES;
  s.id = "S-" + engine::sha256_hex(parts.protected_b64 + "." + parts.signature_b64).substr(0, 16);
  if (auto sig = engine::jws::base64url_decode(parts.signature_b64)) s.signature_value_sha256 = engine::sha256(*sig);
  auto header = decode_protected_header(parts, s.format_check.findings);
  if (!header) {
    s.level = "JSON-NOT-ETSI";
    return s;  // FORMAT_FAILURE: nothing signed can be read
  }
  const SignedPart sp = read_signed_header(parts, *header, options, s);
  read_content_timestamps(*header, parts, sp, s);
  const UnsignedFacts unsigned_facts = read_unsigned(parts, sp, s);
  identify_signing_certificate(*header, parts, sp, s);
  s.level = detect_level(s, unsigned_facts);
  return s;
}

}  // namespace

namespace internal {

SignatureUnderValidation read_counter_signature(const JwsParts& parts, const std::string& parent_signature) {
  // The countersigned signature value is the counter-signature's detached payload (its JWS
  // signing input is protected '.' BASE64URL(value), or the value itself with b64 false).
  JadesReadOptions options;
  options.detached.push_back(DetachedObject{"the countersigned signature value", parent_signature});
  SignatureUnderValidation s = read_one(parts, options);
  // Detached without sigD is what a counter-signature is, not a finding.
  std::erase_if(s.format_check.findings,
                [](const engine::Finding& f) { return f.id == finding::kDetachedWithoutSigD; });
  for (auto& entry : s.scope) {
    if (entry.kind != "detached") continue;
    entry.kind = "counter-signature";
    entry.description = "The countersigned signature value";
  }
  return s;
}

}  // namespace internal

bool looks_like_jws(std::string_view bytes) noexcept {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  const auto first = std::find_if(bytes.begin(), bytes.end(), [](char c) { return !std::isspace(static_cast<unsigned char>(c)); });
  const std::string_view rest = bytes.substr(static_cast<std::size_t>(first - bytes.begin()));
  // A JSON serialisation is an object; a compact one starts with BASE64URL('{"') = "eyJ".
  return rest.starts_with("{") || rest.starts_with("eyJ");
}

engine::Result<JadesDocument> read_jades(std::string_view bytes, const JadesReadOptions& options) {
  JadesDocument doc;
  auto parts = split_serialization(bytes, doc.serialization);
  if (!parts) return std::unexpected(std::move(parts.error()).with_context("reading a JAdES signature"));
  for (const auto& p : *parts) doc.signatures.push_back(read_one(p, options));
  return doc;
}

}  // namespace assay::validation::jades
