// TS 119 182-1 5.1 and 5.2: the protected header of a JAdES signature — algorithm, crit, b64,
// the payload (attached or detached through sigD) and the signed JAdES components.
#include <algorithm>
#include <array>

#include <boost/json/serialize.hpp>

#include "engine/digest.h"
#include "engine/jws/jws.h"
#include "engine/time.h"
#include "validation/jades/internal/jades_parts.h"
#include "validation/jades/jades_findings.h"

namespace assay::validation::jades::internal {
namespace {

namespace bj = boost::json;

constexpr std::string_view kObjIdByUri = "http://uri.etsi.org/19182/ObjIdByURI";
constexpr std::string_view kObjIdByUriHash = "http://uri.etsi.org/19182/ObjIdByURIHash";

// RFC 7515 4.1 / RFC 7518 4.1 registered names: crit must not list them (RFC 7515 4.1.11).
constexpr std::array<std::string_view, 12> kRegisteredNames{"alg", "jku", "jwk", "kid", "x5u", "x5c",
                                                             "x5t", "x5t#S256", "typ", "cty", "crit", "enc"};
// The extensions this reader understands, so may appear in crit (RFC 7797 b64, TS 119 182-1 5.1 / 5.2).
constexpr std::array<std::string_view, 12> kUnderstood{"b64",   "sigT",  "sigD",   "x5t#o",  "sigX5ts", "srCms",
                                                        "sigPl", "srAts", "adoTst", "sigPId", "sigPSt",  "iat"};
// JAdES signed components which TS 119 182-1 5.1.2 / 5.2 want listed in crit.
constexpr std::array<std::string_view, 10> kJadesSigned{"sigT",  "sigD",  "x5t#o", "sigX5ts", "srCms",
                                                         "sigPl", "srAts", "adoTst", "sigPId", "b64"};

template <std::size_t N>
bool in(const std::array<std::string_view, N>& set, std::string_view name) {
  return std::find(set.begin(), set.end(), name) != set.end();
}

std::string subject_of(const JwsParts& parts, std::string_view name) {
  return (parts.where.empty() ? std::string() : parts.where + " ") + "header " + std::string(name);
}

// RFC 7515 4.1.11: crit lists extensions the recipient must understand; all must be present.
void check_crit(const JwsParts& parts, const bj::object& header, engine::Findings& f) {
  const auto* crit = header.if_contains("crit");
  std::vector<std::string> listed;
  if (crit != nullptr) {
    if (!crit->is_array() || crit->get_array().empty()) {
      add_error(f, finding::kCritMalformed, "crit is not a non-empty array of names (RFC 7515 4.1.11)", subject_of(parts, "crit"));
      return;
    }
    for (const auto& v : crit->get_array()) {
      if (!v.is_string()) {
        add_error(f, finding::kCritMalformed, "crit holds a value that is not a name", subject_of(parts, "crit"));
        return;
      }
      const std::string name(v.get_string());
      if (std::find(listed.begin(), listed.end(), name) != listed.end()) {
        add_error(f, finding::kCritMalformed, "crit lists \"" + name + "\" twice", subject_of(parts, "crit"));
      } else if (in(kRegisteredNames, name)) {
        add_error(f, finding::kCritMalformed, "crit lists the registered name \"" + name + "\" (RFC 7515 4.1.11)",
                  subject_of(parts, "crit"));
      } else if (!in(kUnderstood, name)) {
        add_error(f, finding::kCritUnknown, "crit requires the extension \"" + name + "\", which assay does not implement",
                  subject_of(parts, "crit"));
      } else if (!header.contains(name)) {
        add_error(f, finding::kCritMalformed, "crit lists \"" + name + "\", which the protected header lacks",
                  subject_of(parts, "crit"));
      }
      listed.push_back(name);
    }
  }
  for (const auto& member : header) {
    const std::string_view name(member.key().data(), member.key().size());
    if (in(kJadesSigned, name) && std::find(listed.begin(), listed.end(), name) == listed.end()) {
      // RFC 7797 6 makes an unlisted b64 an error; TS 119 182-1 5.1.2 lists the JAdES ones too.
      if (name == "b64") {
        add_error(f, finding::kCritIncomplete, "b64 is present but not listed in crit (RFC 7797 6)", subject_of(parts, "crit"));
      } else {
        add_warning(f, finding::kCritIncomplete, "\"" + std::string(name) + "\" is not listed in crit (TS 119 182-1 5.1.2)",
                    subject_of(parts, "crit"));
      }
    }
  }
}

std::string json_text(const bj::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  return bj::serialize(v);
}

const bj::string* string_member(const bj::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  return v != nullptr && v->is_string() ? &v->get_string() : nullptr;
}

// "S256" (TS 119 182-1 5.2.8 hashM) → "SHA-256".
std::string hash_name(std::string_view m) {
  if (m == "S256") return "SHA-256";
  if (m == "S384") return "SHA-384";
  if (m == "S512") return "SHA-512";
  return {};
}

// Percent-decoding of a sigD "pars" entry (RFC 3986 2.1), for matching file names.
std::string percent_decoded(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = engine::hex_digit_value(s[i + 1]);
      const int lo = engine::hex_digit_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

const DetachedObject* find_detached(const JadesReadOptions& options, std::string_view name) {
  const std::string decoded = percent_decoded(name);
  for (const auto& d : options.detached) {
    if (d.name == name || d.name == decoded) return &d;
  }
  return nullptr;
}

ScopeEntry detached_scope(const std::string& name, const std::string& bytes) {
  return ScopeEntry{name, "detached", "The detached content '" + name + "'", engine::sha256(bytes)};
}

// TS 119 182-1 5.2.8: sigD names detached data objects; the payload part of the signing input
// is built from them (ObjIdByURI) or the signature covers their digests (ObjIdByURIHash).
void read_sigd(const JwsParts& parts, const bj::value& sigd, bool b64, const JadesReadOptions& options, SignedPart& sp,
               SignatureUnderValidation& out) {
  auto& f = out.format_check.findings;
  const std::string subject = subject_of(parts, "sigD");
  if (!sigd.is_object()) {
    add_error(f, finding::kSigDMalformed, "sigD is not an object", subject);
    return;
  }
  const auto& o = sigd.get_object();
  const auto* mid = string_member(o, "mId");
  const auto* pars = o.if_contains("pars");
  if (mid == nullptr || pars == nullptr || !pars->is_array() || pars->get_array().empty()) {
    add_error(f, finding::kSigDMalformed, "sigD needs mId and a non-empty pars array (TS 119 182-1 5.2.8)", subject);
    return;
  }
  std::vector<std::string> names;
  for (const auto& p : pars->get_array()) {
    if (!p.is_string()) {
      add_error(f, finding::kSigDMalformed, "a sigD pars entry is not a string", subject);
      return;
    }
    names.emplace_back(p.get_string());
  }
  if (parts.payload_present && !parts.payload.empty()) {
    add_error(f, finding::kSigDMalformed, "sigD is present but the payload is not detached (TS 119 182-1 5.2.8)", subject);
  }
  if (*mid == kObjIdByUri) {
    std::string payload;
    bool all_found = true;
    for (const auto& name : names) {
      const DetachedObject* d = find_detached(options, name);
      SignedReference r{"", name, "http://uri.etsi.org/19182/ObjIdByURI", out.digest_algorithm, d != nullptr, d != nullptr,
                        d != nullptr ? "covered by the signature value" : "no detached content of that name was given"};
      out.references.push_back(r);
      if (d == nullptr) {
        all_found = false;
        continue;
      }
      out.scope.push_back(detached_scope(name, d->bytes));
      payload += b64 ? engine::jws::base64url_encode(d->bytes) : d->bytes;
    }
    if (all_found) {
      sp.signing_input = parts.protected_b64 + "." + payload;
      sp.payload_for_content_tst = payload;
    }
    return;
  }
  if (*mid == kObjIdByUriHash) {
    const auto* hash_m = string_member(o, "hashM");
    const auto* hash_v = o.if_contains("hashV");
    const std::string digest = hash_m != nullptr ? hash_name(*hash_m) : "";
    if (digest.empty() || hash_v == nullptr || !hash_v->is_array() || hash_v->get_array().size() != names.size()) {
      add_error(f, finding::kSigDMalformed,
                "ObjIdByURIHash needs hashM (S256, S384, S512) and one hashV per pars entry (TS 119 182-1 5.2.8.3.4)", subject);
      return;
    }
    std::string concatenated;
    for (std::size_t i = 0; i < names.size(); ++i) {
      const auto& hv = hash_v->get_array()[i];
      const auto expected = hv.is_string() ? engine::jws::base64url_decode(hv.get_string()) : std::nullopt;
      const DetachedObject* d = find_detached(options, names[i]);
      SignedReference r{"", names[i], "http://uri.etsi.org/19182/ObjIdByURIHash", digest, d != nullptr, false, ""};
      if (!expected) {
        add_error(f, finding::kSigDMalformed, "hashV[" + std::to_string(i) + "] is not base64url", subject);
        r.message = "the signed digest is unreadable";
      } else if (d == nullptr) {
        r.message = "no detached content of that name was given";
      } else {
        const auto actual = engine::jws::digest(digest, d->bytes);
        r.intact = actual && *actual == *expected;
        r.message = r.intact ? "" : "the " + digest + " digest of the detached content differs from hashV";
        out.scope.push_back(detached_scope(names[i], d->bytes));
        concatenated += b64 ? engine::jws::base64url_encode(d->bytes) : d->bytes;
      }
      out.references.push_back(r);
    }
    // The JWS payload is empty: the signature covers the digests in the header.
    sp.signing_input = parts.protected_b64 + ".";
    sp.payload_for_content_tst = concatenated;
    return;
  }
  // Another mechanism (TS 119 182-1 5.2.8.2 HttpHeaders, or a private one): well-formed, but
  // assay cannot rebuild what it signs, so the signed data counts as not found.
  add_warning(f, finding::kSigDMechanismUnsupported,
              "sigD mechanism " + std::string(*mid) + " is not supported (ObjIdByURI and ObjIdByURIHash are)", subject);
  for (const auto& name : names) {
    out.references.push_back(SignedReference{"", name, std::string(*mid), out.digest_algorithm, false, false,
                                             "the sigD mechanism " + std::string(*mid) + " is not supported"});
  }
}

// RFC 7515 Appendix F: detached content without sigD, by external agreement: one given file.
void read_detached_without_sigd(const JwsParts& parts, bool b64, const JadesReadOptions& options, SignedPart& sp,
                                SignatureUnderValidation& out) {
  add_warning(out.format_check.findings, finding::kDetachedWithoutSigD,
              "the payload is detached and sigD does not name it (TS 119 182-1 5.2.8)", subject_of(parts, "sigD"));
  if (options.detached.size() != 1) {
    out.references.push_back(SignedReference{"", "", "payload", out.digest_algorithm, false, false,
                                             "the payload is detached; give exactly one detached file"});
    return;
  }
  const auto& d = options.detached.front();
  out.references.push_back(SignedReference{"", d.name, "payload", out.digest_algorithm, true, true, "covered by the signature value"});
  out.scope.push_back(detached_scope(d.name, d.bytes));
  const std::string payload = b64 ? engine::jws::base64url_encode(d.bytes) : d.bytes;
  sp.signing_input = parts.protected_b64 + "." + payload;
  sp.payload_for_content_tst = payload;
}

void read_attached(const JwsParts& parts, bool b64, SignedPart& sp, SignatureUnderValidation& out) {
  std::string bytes = parts.payload;
  if (b64) {
    auto decoded = engine::jws::base64url_decode(parts.payload);
    if (!decoded) {
      add_error(out.format_check.findings, finding::kPayloadMalformed,
                "the payload is not base64url without padding (RFC 7515 2)", subject_of(parts, "payload"));
    } else {
      bytes = std::move(*decoded);
    }
  }
  out.references.push_back(SignedReference{"", "", "payload", out.digest_algorithm, true, true, "covered by the signature value"});
  out.scope.push_back(ScopeEntry{"the payload", "full",
                                 "The JWS payload (" + std::to_string(bytes.size()) + " bytes)", engine::sha256(bytes)});
  sp.signing_input = parts.protected_b64 + "." + parts.payload;
  sp.payload_for_content_tst = parts.payload;
}

// TS 119 182-1 5.2: the signed JAdES qualifying components into the format-neutral attributes.
void read_components(const JwsParts& parts, const bj::object& h, SignatureUnderValidation& out) {
  auto& f = out.format_check.findings;
  auto& a = out.attributes;
  // TS 119 182-1 (v1.2.1) 5.1.11: iat, the claimed signing time in seconds since the epoch
  // (RFC 7519 2 NumericDate), replaces the older sigT (5.2.1, RFC 3339 UTC). iat wins when both.
  if (const auto* v = h.if_contains("sigT")) {
    auto t = v->is_string() ? engine::parse_utc_time(v->get_string()) : engine::fail(engine::Code::kMalformed, "");
    if (t && v->get_string().ends_with("Z")) {
      a.signing_time = *t;
    } else {
      add_error(f, finding::kSigningTimeMalformed, "sigT is not a UTC date-time (TS 119 182-1 5.2.1)", subject_of(parts, "sigT"));
    }
  }
  if (const auto* v = h.if_contains("iat")) {
    // Up to the year 9999; a fraction or a negative value is no NumericDate JAdES accepts.
    constexpr std::int64_t kMax = 253402300799;
    const std::optional<std::int64_t> seconds = v->is_int64() ? std::optional(v->get_int64())
                                                : v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(kMax)
                                                    ? std::optional(static_cast<std::int64_t>(v->get_uint64()))
                                                    : std::nullopt;
    if (!seconds || *seconds < 0 || *seconds > kMax) {
      add_error(f, finding::kSigningTimeMalformed, "iat is not a NumericDate in seconds (RFC 7519 2)", subject_of(parts, "iat"));
    } else {
      a.signing_time = engine::UtcTime(std::chrono::seconds(*seconds));
    }
  }
  if (const auto* v = h.if_contains("cty")) a.data_object_formats.push_back(json_text(*v));
  if (const auto* v = h.if_contains("srCms"); v != nullptr && v->is_array()) {
    for (const auto& c : v->get_array()) {
      const auto* id = c.is_object() && c.get_object().contains("commId") ? &c.get_object().at("commId") : nullptr;
      if (id != nullptr && id->is_object() && id->get_object().contains("id")) id = &id->get_object().at("id");
      a.commitment_types.push_back(id != nullptr ? json_text(*id) : json_text(c));
    }
  } else if (v != nullptr) {
    add_warning(f, finding::kHeaderParameterMalformed, "srCms is not an array", subject_of(parts, "srCms"));
  }
  if (const auto* v = h.if_contains("srAts"); v != nullptr && v->is_object()) {
    if (const auto* claimed = v->get_object().if_contains("claimed"); claimed != nullptr && claimed->is_array()) {
      for (const auto& c : claimed->get_array()) {
        const auto* attr = c.is_object() ? c.get_object().if_contains("attr") : nullptr;
        a.claimed_roles.push_back(json_text(attr != nullptr ? *attr : c));
      }
    }
  }
  if (const auto* v = h.if_contains("sigPl"); v != nullptr && v->is_object()) {
    std::string place;
    for (std::string_view k : {"addressLocality", "addressRegion", "postalCode", "addressCountry"}) {
      if (const auto* s = string_member(v->get_object(), k)) place += (place.empty() ? "" : ", ") + std::string(*s);
    }
    a.production_place = place;
  }
  if (const auto* v = h.if_contains("sigPId")) {
    const auto* id = v->is_object() ? string_member(v->get_object(), "id") : nullptr;
    if (id == nullptr) {
      add_error(f, finding::kHeaderParameterMalformed, "sigPId has no id (TS 119 182-1 5.2.7)", subject_of(parts, "sigPId"));
    } else {
      a.signature_policy_id = std::string(*id);
    }
  }
}

}  // namespace

SignedPart read_signed_header(const JwsParts& parts, const bj::object& h, const JadesReadOptions& options,
                              SignatureUnderValidation& out) {
  SignedPart sp;
  auto& f = out.format_check.findings;
  // RFC 7515 4.1.1 / TS 119 182-1 5.1.2: alg; only the asymmetric RFC 7518 algorithms.
  const auto* alg = string_member(h, "alg");
  const auto parsed = alg != nullptr ? engine::jws::parse_algorithm(*alg) : std::nullopt;
  if (!parsed) {
    add_error(f, finding::kAlgorithmUnsupported,
              alg == nullptr ? "the protected header has no alg"
                             : "alg \"" + std::string(std::string_view(*alg).substr(0, 32)) +
                                   "\" is not an accepted signature algorithm (RS256/384/512, PS256/384/512, ES256/384/512; "
                                   "never none or HMAC)",
              subject_of(parts, "alg"));
    out.signature_algorithm = alg != nullptr ? std::string(std::string_view(*alg).substr(0, 32)) : "";
  } else {
    out.signature_algorithm = std::string(engine::jws::description(*parsed));
    out.digest_algorithm = std::string(engine::jws::digest_name(*parsed));
  }
  // RFC 7515 7.2.1: protected and unprotected names are disjoint.
  if (parts.unprotected) {
    for (const auto& m : *parts.unprotected) {
      if (h.contains(m.key())) {
        add_error(f, finding::kHeaderNamesNotDisjoint,
                  "\"" + std::string(m.key()) + "\" is in both the protected and the unprotected header (RFC 7515 7.2.1)",
                  subject_of(parts, m.key()));
      }
    }
    if (parts.unprotected->contains("crit") || parts.unprotected->contains("b64")) {
      add_error(f, finding::kCritMalformed, "crit and b64 belong in the protected header (RFC 7515 4.1.11, RFC 7797 3)",
                subject_of(parts, "crit"));
    }
  }
  check_crit(parts, h, f);
  // RFC 7797 3: b64 false → the payload is used as is in the signing input.
  sp.b64 = true;
  if (const auto* v = h.if_contains("b64")) {
    if (!v->is_bool()) {
      add_error(f, finding::kB64Malformed, "b64 is not a boolean (RFC 7797 3)", subject_of(parts, "b64"));
    } else {
      sp.b64 = v->get_bool();
    }
  }
  if (const auto* sigd = h.if_contains("sigD")) {
    read_sigd(parts, *sigd, sp.b64, options, sp, out);
  } else if (!parts.payload_present) {
    read_detached_without_sigd(parts, sp.b64, options, sp, out);
  } else {
    read_attached(parts, sp.b64, sp, out);
  }
  read_components(parts, h, out);
  return sp;
}

}  // namespace assay::validation::jades::internal
