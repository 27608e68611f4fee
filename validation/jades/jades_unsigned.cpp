// TS 119 182-1 5.2.8 (adoTst) and 5.3 (etsiU): time-stamps with the bytes each imprint covers,
// and the validation data (xVals, rVals, tstVD).
#include <boost/json/serialize.hpp>

#include "engine/json/strict_json.h"
#include "engine/jws/jws.h"
#include "validation/jades/internal/jades_parts.h"
#include "validation/jades/jades_findings.h"

namespace assay::validation::jades::internal {
namespace {

namespace bj = boost::json;
using Kind = EmbeddedTimestamp::Kind;

// A pkiOb (TS 119 182-1 5.4.3): {"val": base64, "encoding"?: URI}; a bare string is accepted too.
std::optional<std::string> pki_object(const bj::value& v) {
  if (v.is_string()) return base64_std(v.get_string());
  if (!v.is_object()) return std::nullopt;
  const auto* val = v.get_object().if_contains("val");
  if (val == nullptr || !val->is_string()) return std::nullopt;
  return base64_std(val->get_string());
}

// A tstContainer (TS 119 182-1 5.4.2): {"tstTokens": [{"val": base64 DER}...], "canonAlg"?}.
void read_timestamps(const bj::value& container, Kind kind, const std::string& covered, const std::string& subject,
                     SignatureUnderValidation& out) {
  const auto* tokens = container.is_object() ? container.get_object().if_contains("tstTokens") : nullptr;
  if (tokens == nullptr || !tokens->is_array() || tokens->get_array().empty()) {
    add_warning(out.format_check.findings, finding::kTimestampUnreadable,
                "the time-stamp container has no tstTokens array (TS 119 182-1 5.4.2)", subject);
    return;
  }
  for (std::size_t i = 0; i < tokens->get_array().size(); ++i) {
    EmbeddedTimestamp t;
    t.kind = kind;
    t.id = subject + "[" + std::to_string(i) + "]";
    auto der = pki_object(tokens->get_array()[i]);
    if (!der || der->empty()) {
      t.findings.push_back({std::string(finding::kTimestampUnreadable), engine::Severity::kWarning,
                            "a time-stamp token is not base64 DER", t.id});
    } else {
      t.token_der = std::move(*der);
    }
    t.covered_bytes = covered;
    out.timestamps.push_back(std::move(t));
  }
}

void read_certificate_values(const bj::value& v, const std::string& subject, SignatureUnderValidation& out) {
  if (!v.is_array()) {
    add_warning(out.format_check.findings, finding::kValidationDataUnreadable, "xVals is not an array", subject);
    return;
  }
  for (const auto& e : v.get_array()) {
    const auto* cert = e.is_object() ? e.get_object().if_contains("x509Cert") : nullptr;
    if (cert == nullptr) continue;  // otherCert: nothing assay can use
    auto der = pki_object(*cert);
    auto c = der ? engine::Certificate::parse_der(*der) : engine::fail(engine::Code::kMalformed, "not base64");
    if (!c) {
      add_warning(out.format_check.findings, finding::kValidationDataUnreadable,
                  "an xVals certificate is unreadable: " + c.error().message(), subject);
      continue;
    }
    out.certificates.push_back(*c);
  }
}

void read_revocation_values(const bj::value& v, const std::string& subject, SignatureUnderValidation& out) {
  if (!v.is_object()) {
    add_warning(out.format_check.findings, finding::kValidationDataUnreadable, "rVals is not an object", subject);
    return;
  }
  const auto take = [&](std::string_view name, std::vector<std::string>& into) {
    const auto* list = v.get_object().if_contains(name);
    if (list == nullptr) return;
    if (!list->is_array()) {
      add_warning(out.format_check.findings, finding::kValidationDataUnreadable, std::string(name) + " is not an array", subject);
      return;
    }
    for (const auto& e : list->get_array()) {
      auto der = pki_object(e);
      if (!der || der->empty()) {
        add_warning(out.format_check.findings, finding::kValidationDataUnreadable,
                    "a " + std::string(name) + " entry is not base64 DER", subject);
        continue;
      }
      into.push_back(std::move(*der));
    }
  };
  take("crlVals", out.crls);
  take("ocspVals", out.ocsp_responses);
}

// One etsiU element: its text as it contributes to later archive time-stamps, and its object.
struct Element {
  std::string text;
  std::optional<bj::object> object;
};

std::vector<Element> elements(const bj::value& etsi_u, const std::string& subject, SignatureUnderValidation& out) {
  std::vector<Element> list;
  auto& f = out.format_check.findings;
  if (!etsi_u.is_array()) {
    add_error(f, finding::kUnsignedMalformed, "etsiU is not an array (TS 119 182-1 5.3)", subject);
    return list;
  }
  bool strings = false, objects = false;
  for (const auto& e : etsi_u.get_array()) {
    Element el;
    if (e.is_string()) {
      // Base64url-encoded JSON object (TS 119 182-1 5.3: all elements in one form).
      strings = true;
      el.text = std::string(e.get_string());
      auto decoded = engine::jws::base64url_decode(el.text);
      engine::json::StrictJsonLimits limits;
      limits.max_depth = kMaxJsonDepth;
      auto json = decoded ? engine::json::parse_strict(*decoded, limits) : engine::fail(engine::Code::kMalformed, "");
      if (json && json->is_object()) el.object = std::move(json->get_object());
    } else if (e.is_object()) {
      objects = true;
      el.text = bj::serialize(e);
      el.object = e.get_object();
    }
    if (!el.object || el.object->size() != 1) {
      add_error(f, finding::kUnsignedMalformed, "an etsiU element is not one JSON object with one component", subject);
      el.object.reset();
    }
    list.push_back(std::move(el));
  }
  if (strings && objects) {
    add_error(f, finding::kUnsignedMixedEncoding, "etsiU mixes base64url and clear JSON elements (TS 119 182-1 5.3)", subject);
  }
  return list;
}

// TS 119 182-1 5.3.2: cSig holds one counter-signature, a JAdES signature in compact (a string)
// or flattened JSON (an object) serialisation, over the JWS Signature Value of this signature.
void read_csig(const JwsParts& parent, const bj::value& value, const std::string& at,
                                       SignatureUnderValidation& out) {
  if (parent.counter_depth >= kMaxCounterSignatureDepth) {
    add_warning(out.format_check.findings, finding::kCounterSignatureUnreadable,
                "counter-signatures nested deeper than " + std::to_string(kMaxCounterSignatureDepth) + " are not read", at);
    return;
  }
  auto parent_signature = engine::jws::base64url_decode(parent.signature_b64);
  if (!parent_signature) return;  // the signature itself is unreadable: reported by its own check
  std::string text;
  if (value.is_string()) {
    text = std::string(value.get_string());
  } else if (value.is_object()) {
    text = bj::serialize(value);
  } else {
    add_warning(out.format_check.findings, finding::kCounterSignatureUnreadable,
                "cSig is neither a compact JWS nor a flattened JSON JWS (TS 119 182-1 5.3.2)", at);
    return;
  }
  std::string serialization;
  auto parts = split_serialization(text, serialization);
  if (!parts || parts->size() != 1) {
    add_warning(out.format_check.findings, finding::kCounterSignatureUnreadable,
                "cSig does not hold one JWS: " + (parts ? std::string("several signatures") : parts.error().message()), at);
    return;
  }
  JwsParts& counter = parts->front();
  counter.counter_depth = parent.counter_depth + 1;
  counter.where = at + " cSig";
  out.counter_signatures.push_back(read_counter_signature(counter, *parent_signature));
}

}  // namespace

void read_content_timestamps(const bj::object& h, const JwsParts& parts, const SignedPart& sp, SignatureUnderValidation& out) {
  // TS 119 182-1 5.2.8.1: adoTst covers the JWS payload as in the signing input (or the
  // detached data objects, concatenated as sigD's mechanism does).
  if (const auto* v = h.if_contains("adoTst")) {
    read_timestamps(*v, Kind::kContent, sp.payload_for_content_tst,
                    (parts.where.empty() ? "" : parts.where + " ") + "header adoTst", out);
  }
}

UnsignedFacts read_unsigned(const JwsParts& parts, const SignedPart& sp, SignatureUnderValidation& out) {
  UnsignedFacts facts;
  if (!parts.unprotected) return facts;
  const std::string where = parts.where.empty() ? "" : parts.where + " ";
  for (const auto& m : *parts.unprotected) {
    if (m.key() != "etsiU" && (m.key() == "sigT" || m.key() == "x5t#S256" || m.key() == "sigD" || m.key() == "sigX5ts")) {
      // Signed components outside the protected header are not signed at all.
      add_error(out.format_check.findings, finding::kHeaderParameterMalformed,
                "\"" + std::string(m.key()) + "\" must be in the protected header (TS 119 182-1 5.1)",
                where + "unprotected header");
    }
  }
  const auto* etsi_u = parts.unprotected->if_contains("etsiU");
  if (etsi_u == nullptr) return facts;
  const std::string subject = where + "etsiU";
  // TS 119 182-1 5.3.4: sigTst covers the base64url JWS Signature as written.
  const std::string& signature_text = parts.signature_b64;
  // 5.3.6 (our reading, as DSS builds it): arcTst covers header '.' payload '.' signature, then
  // every etsiU element before it, each as written.
  std::string archive_input = sp.signing_input + "." + signature_text;
  const auto list = elements(*etsi_u, subject, out);
  bool clear_json = false;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& el = list[i];
    const std::string at = subject + "[" + std::to_string(i) + "]";
    if (el.object) {
      const auto& [name_view, value] = *el.object->begin();
      const std::string name(name_view);
      clear_json = clear_json || (!el.text.empty() && el.text.front() == '{');
      if (name == "sigTst") {
        facts.signature_timestamp = true;
        read_timestamps(value, Kind::kSignature, signature_text, at + " sigTst", out);
      } else if (name == "arcTst") {
        facts.archive_timestamp = true;
        if (clear_json) {
          add_warning(out.format_check.findings, finding::kArchiveTimestampClearJson,
                      "the archive time-stamp covers clear-JSON etsiU elements; assay hashes their compact "
                      "serialisation, which need not be the producer's canonical form",
                      at);
        }
        const auto* inner = value.is_object() ? value.get_object().if_contains("tstContainer") : nullptr;
        read_timestamps(inner != nullptr ? *inner : value, Kind::kArchive, archive_input, at + " arcTst", out);
      } else if (name == "xVals" || name == "axVals") {
        facts.certificate_values = true;  // xVals or axVals (TS 119 182-1 6, LT)
        read_certificate_values(value, at, out);
      } else if (name == "rVals" || name == "arVals") {
        facts.revocation_values = facts.revocation_values || name == "rVals";
        read_revocation_values(value, at, out);
      } else if (name == "tstVD" || name == "anyValData") {
        if (value.is_object()) {
          facts.certificate_values = facts.certificate_values || value.get_object().contains("xVals");
          facts.revocation_values = facts.revocation_values || value.get_object().contains("rVals");
          if (const auto* x = value.get_object().if_contains("xVals")) read_certificate_values(*x, at + " tstVD", out);
          if (const auto* r = value.get_object().if_contains("rVals")) read_revocation_values(*r, at + " tstVD", out);
        }
      } else if (name == "cSig") {
        read_csig(parts, value, at, out);
      } else {
        add_warning(out.format_check.findings, finding::kUnsignedUnknown, "unknown etsiU component \"" + name + "\"", at);
      }
    }
    archive_input += el.text;
  }
  return facts;
}

}  // namespace assay::validation::jades::internal
