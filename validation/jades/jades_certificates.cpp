// EN 319 102-1 5.2.3 for JAdES: which certificate signed. Candidates are the x5c certificates
// (RFC 7515 4.1.6, signed in the protected header) and the etsiU xVals; the signed reference is
// x5t#S256 (RFC 7515 4.1.8), x5t#o or sigX5ts (TS 119 182-1 5.2.2), with kid as IssuerSerial
// (TS 119 182-1 5.1.4).
#include <algorithm>
#include <string>

#include "engine/jws/jws.h"
#include "validation/jades/internal/jades_parts.h"
#include "validation/jades/jades_findings.h"

namespace assay::validation::jades::internal {
namespace {

namespace bj = boost::json;

struct CertRef {
  std::string digest_name;  // "SHA-256"
  std::string digest;       // bytes
};

// "http://www.w3.org/2001/04/xmlenc#sha256" → "SHA-256" (RFC 6931 digest URIs, TS 119 182-1 5.2.2).
std::string digest_from_uri(std::string_view uri) {
  if (uri.ends_with("#sha1")) return "SHA-1";
  if (uri.ends_with("#sha224")) return "SHA-224";
  if (uri.ends_with("#sha256")) return "SHA-256";
  if (uri.ends_with("#sha384")) return "SHA-384";
  if (uri.ends_with("#sha512")) return "SHA-512";
  return std::string(uri);
}

std::optional<CertRef> other_hash(const bj::value& v) {
  if (!v.is_object()) return std::nullopt;
  const auto* alg = v.get_object().if_contains("digAlg");
  const auto* val = v.get_object().if_contains("digVal");
  if (alg == nullptr || val == nullptr || !alg->is_string() || !val->is_string()) return std::nullopt;
  auto bytes = engine::jws::base64url_decode(val->get_string());
  if (!bytes) return std::nullopt;
  return CertRef{digest_from_uri(alg->get_string()), std::move(*bytes)};
}

// The signed certificate references, x5t#S256 first. Malformed ones are findings.
std::vector<CertRef> references(const bj::object& h, const JwsParts& parts, engine::Findings& f) {
  std::vector<CertRef> refs;
  const std::string where = parts.where.empty() ? "" : parts.where + " ";
  if (const auto* v = h.if_contains("x5t#S256")) {
    auto bytes = v->is_string() ? engine::jws::base64url_decode(v->get_string()) : std::nullopt;
    if (!bytes || bytes->size() != 32) {
      add_error(f, finding::kHeaderParameterMalformed, "x5t#S256 is not a base64url SHA-256 digest (RFC 7515 4.1.8)",
                where + "header x5t#S256");
    } else {
      refs.push_back({"SHA-256", std::move(*bytes)});
    }
  }
  if (const auto* v = h.if_contains("x5t#o")) {
    auto r = other_hash(*v);
    if (!r) {
      add_error(f, finding::kHeaderParameterMalformed, "x5t#o needs digAlg and a base64url digVal (TS 119 182-1 5.2.2.2)",
                where + "header x5t#o");
    } else {
      refs.push_back(std::move(*r));
    }
  }
  if (const auto* v = h.if_contains("sigX5ts")) {
    if (!v->is_array() || v->get_array().empty()) {
      add_error(f, finding::kHeaderParameterMalformed, "sigX5ts is not a non-empty array (TS 119 182-1 5.2.2.3)",
                where + "header sigX5ts");
    } else {
      for (const auto& e : v->get_array()) {
        auto r = other_hash(e);
        if (!r) {
          add_error(f, finding::kHeaderParameterMalformed, "a sigX5ts entry needs digAlg and digVal", where + "header sigX5ts");
        } else {
          refs.push_back(std::move(*r));
        }
      }
    }
  }
  const int kinds = int(h.contains("x5t#S256")) + int(h.contains("x5t#o")) + int(h.contains("sigX5ts"));
  if (kinds > 1) {
    add_warning(f, finding::kSigningCertificateReferenceMultiple,
                "more than one of x5t#S256, x5t#o and sigX5ts is present (TS 119 182-1 5.2.2: one of them)", where + "header");
  }
  return refs;
}

bool matches(const CertRef& r, const engine::Certificate& c) {
  if (r.digest_name == "SHA-256") return std::string_view(reinterpret_cast<const char*>(c.sha256_fingerprint().data()), 32) == r.digest;
  const auto d = engine::jws::digest(r.digest_name, c.der());
  return d && *d == r.digest;
}

std::string der_length(std::size_t n) {
  if (n < 0x80) return std::string(1, static_cast<char>(n));
  std::string bytes;
  for (; n > 0; n >>= 8) bytes.insert(bytes.begin(), static_cast<char>(n & 0xff));
  return std::string(1, static_cast<char>(0x80 | bytes.size())) + bytes;
}

std::string tlv(unsigned char tag, const std::string& content) {
  return std::string(1, static_cast<char>(tag)) + der_length(content.size()) + content;
}

// RFC 5035 IssuerSerial ::= SEQUENCE { issuer GeneralNames (directoryName [4]), serialNumber }.
std::string issuer_serial(const engine::Certificate& c) {
  return tlv(0x30, tlv(0x30, tlv(0xA4, c.issuer().der)) + c.serial_der());
}

}  // namespace

void identify_signing_certificate(const bj::object& h, const JwsParts& parts, const SignedPart& signed_part,
                                  SignatureUnderValidation& out) {
  auto& f = out.format_check.findings;
  const std::string where = parts.where.empty() ? "" : parts.where + " ";
  std::vector<engine::CertificatePtr> x5c;
  if (const auto* v = h.if_contains("x5c")) {
    if (!v->is_array()) {
      add_error(f, finding::kHeaderParameterMalformed, "x5c is not an array (RFC 7515 4.1.6)", where + "header x5c");
    } else {
      for (const auto& e : v->get_array()) {
        // RFC 7515 4.1.6: standard base64 (not base64url) DER.
        auto der = e.is_string() ? base64_std(e.get_string()) : std::nullopt;
        auto c = der ? engine::Certificate::parse_der(*der) : engine::fail(engine::Code::kMalformed, "not base64");
        if (!c) {
          add_warning(f, finding::kCertificateUnreadable, "an x5c certificate is unreadable: " + c.error().message(),
                      where + "header x5c");
          continue;
        }
        x5c.push_back(*c);
      }
    }
  }
  // x5c first (signed), then what the unsigned xVals added.
  out.certificates.insert(out.certificates.begin(), x5c.begin(), x5c.end());

  const auto refs = references(h, parts, f);
  auto& a = out.attributes;
  a.signing_certificate_reference_present = !refs.empty();
  if (!refs.empty()) a.signing_certificate_digest_algorithm = refs.front().digest_name;
  const auto named = [&](const engine::Certificate& c) {
    return std::any_of(refs.begin(), refs.end(), [&](const CertRef& r) { return matches(r, c); });
  };

  // VALIDATION.md ISC: try the best candidate first (one a reference names, else the first x5c
  // certificate, RFC 7515 4.1.6), then the others; the one the value verifies with is the
  // signing certificate. Bounded, so that a header with many certificates costs little.
  constexpr std::size_t kMaxCandidates = 16;
  std::vector<engine::CertificatePtr> candidates;
  const auto consider = [&](const engine::CertificatePtr& c) {
    if (candidates.size() < kMaxCandidates && std::find(candidates.begin(), candidates.end(), c) == candidates.end()) {
      candidates.push_back(c);
    }
  };
  for (const auto& c : out.certificates) {
    if (!refs.empty() && named(*c)) consider(c);
  }
  const bool best_is_named = !candidates.empty();
  if (!x5c.empty()) consider(x5c.front());
  for (const auto& c : out.certificates) consider(c);

  // A plain value and a flag: GCC 12 misreads an optional used across the loop below.
  const auto* alg_member = h.if_contains("alg");
  const auto parsed_alg = alg_member != nullptr && alg_member->is_string()
                              ? engine::jws::parse_algorithm(alg_member->get_string())
                              : std::nullopt;
  const bool have_alg = parsed_alg.has_value();
  const engine::jws::Algorithm alg = parsed_alg.value_or(engine::jws::Algorithm::kES256);
  const auto signature = engine::jws::base64url_decode(parts.signature_b64);
  if (!signature || signature->empty()) {
    add_error(f, finding::kSignatureValueMalformed, "the JWS Signature is not base64url without padding (RFC 7515 2)",
              where + "signature");
  }
  // Without an accepted alg, a decodable value and a complete signing input (a missing detached
  // object) the value cannot be checked: CV reports why.
  const bool checkable = have_alg && signature && !signature->empty() && !signed_part.signing_input.empty();
  engine::CertificatePtr chosen;
  if (checkable) {
    for (const auto& c : candidates) {
      auto valid = engine::jws::verify(alg, *c, signed_part.signing_input, *signature);
      if (valid.value_or(false)) {
        chosen = c;
        out.signature_value_checked = true;
        out.signature_value_valid = true;
        break;
      }
    }
  }
  if (!chosen && (best_is_named || !x5c.empty() || candidates.size() == 1)) {
    chosen = candidates.front();  // nothing verifies: the best candidate, whose value is then wrong
    if (checkable) {
      auto valid = engine::jws::verify(alg, *chosen, signed_part.signing_input, *signature);
      out.signature_value_checked = valid.has_value();
      out.signature_value_valid = valid.value_or(false);
    }
  }
  if (!chosen) {
    add_warning(f, finding::kSigningCertificateNotFound, "no certificate of the signature is the signing certificate",
                where + "header");
    return;
  }
  out.signing_certificate = chosen;
  // 5.2.3.4 (ISC CertDigestMatch): some signed reference names the identified certificate.
  a.signing_certificate_digest_matches = !refs.empty() && named(*chosen);
  if (const auto* kid = h.if_contains("kid")) {
    // TS 119 182-1 5.1.4: kid, when it is base64 of an IssuerSerial, must name the signer.
    auto der = kid->is_string() ? base64_std(kid->get_string()) : std::nullopt;
    if (der && !der->empty() && static_cast<unsigned char>((*der)[0]) == 0x30) {
      a.signing_certificate_issuer_serial_present = true;
      a.signing_certificate_issuer_serial_matches = *der == issuer_serial(*chosen);
    }
  }
}

}  // namespace assay::validation::jades::internal
