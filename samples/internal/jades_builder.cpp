#include "samples/internal/jades_builder.h"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <iterator>

#include "engine/base64.h"

namespace assay::samples {

namespace bj = boost::json;
using engine::jws::base64url_encode;

engine::Result<JwsSigned> sign_jades(const JadesSpec& spec) {
  if (spec.key == nullptr || spec.x5c.empty()) {
    return engine::fail(engine::Code::kInvalidArgument, "a JAdES signature needs a key and its certificate");
  }
  bj::object h;
  h["alg"] = std::string(engine::jws::algorithm_name(spec.alg));
  bj::array x5c;
  for (const auto& c : spec.x5c) x5c.emplace_back(engine::base64_encode(c->der()));
  h["x5c"] = std::move(x5c);
  if (spec.x5t_s256) {
    const auto& fp = spec.x5c.front()->sha256_fingerprint();
    h["x5t#S256"] = base64url_encode(std::string_view(reinterpret_cast<const char*>(fp.data()), fp.size()));
  }
  bj::array crit;
  if (spec.signing_time) {
    h["sigT"] = *spec.signing_time;
    crit.emplace_back("sigT");
  }
  if (!spec.b64) {
    h["b64"] = false;
    crit.emplace_back("b64");
  }
  std::string payload_part;
  std::string serialised_payload;
  if (spec.detached == JadesSpec::Detached::kNone) {
    payload_part = spec.b64 ? base64url_encode(spec.payload) : spec.payload;
    serialised_payload = payload_part;
  } else {
    bj::object sigd;
    bj::array pars, hash_v;
    for (const auto& [name, bytes] : spec.detached_objects) {
      pars.emplace_back(name);
      if (spec.detached == JadesSpec::Detached::kObjIdByUri) {
        payload_part += spec.b64 ? base64url_encode(bytes) : bytes;
      } else {
        hash_v.emplace_back(base64url_encode(*engine::jws::digest("SHA-256", bytes)));
      }
    }
    const bool by_hash = spec.detached == JadesSpec::Detached::kObjIdByUriHash;
    sigd["mId"] = by_hash ? "http://uri.etsi.org/19182/ObjIdByURIHash" : "http://uri.etsi.org/19182/ObjIdByURI";
    sigd["pars"] = std::move(pars);
    if (by_hash) {
      sigd["hashM"] = "S256";
      sigd["hashV"] = std::move(hash_v);
    }
    h["sigD"] = std::move(sigd);
    crit.emplace_back("sigD");
  }
  for (const auto& m : spec.extra) {
    h[m.key()] = m.value();
    // RFC 7515 4.1.11: registered names never go in crit; extensions do.
    static constexpr std::string_view kRegistered[] = {"alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit"};
    const bool listed = std::find(crit.begin(), crit.end(), bj::value(m.key())) != crit.end();
    if (!listed && std::find(std::begin(kRegistered), std::end(kRegistered), std::string_view(m.key())) == std::end(kRegistered)) {
      crit.emplace_back(m.key());
    }
  }
  if (!crit.empty() && !spec.extra.contains("crit")) h["crit"] = std::move(crit);
  JwsSigned out;
  out.protected_b64 = base64url_encode(bj::serialize(h));
  out.payload = serialised_payload;
  out.signing_input = out.protected_b64 + "." + payload_part;
  auto signature = engine::jws::sign(spec.alg, *spec.key, out.signing_input);
  if (!signature) return std::unexpected(signature.error());
  out.signature_b64 = base64url_encode(*signature);
  return out;
}

std::string compact(const JwsSigned& s) { return s.protected_b64 + "." + s.payload + "." + s.signature_b64; }

namespace {
bj::object signature_object(const JwsSigned& s, const std::vector<std::string>& etsi_u) {
  bj::object o;
  o["protected"] = s.protected_b64;
  if (!etsi_u.empty()) {
    bj::array a;
    for (const auto& e : etsi_u) a.emplace_back(e);
    o["header"] = bj::object{{"etsiU", std::move(a)}};
  }
  o["signature"] = s.signature_b64;
  return o;
}
}  // namespace

std::string flattened(const JwsSigned& s, const std::vector<std::string>& etsi_u) {
  bj::object o = signature_object(s, etsi_u);
  if (!s.payload.empty()) o["payload"] = s.payload;
  return bj::serialize(o);
}

std::string general(const std::vector<std::pair<JwsSigned, std::vector<std::string>>>& signatures) {
  bj::object o;
  if (!signatures.empty() && !signatures.front().first.payload.empty()) o["payload"] = signatures.front().first.payload;
  bj::array list;
  for (const auto& [s, etsi_u] : signatures) list.emplace_back(signature_object(s, etsi_u));
  o["signatures"] = std::move(list);
  return bj::serialize(o);
}

std::string etsiu_element(std::string_view name, const bj::value& value) {
  bj::object o;
  o[name] = value;
  return base64url_encode(bj::serialize(o));
}

bj::value timestamp_container(std::string_view token_der) {
  return bj::object{{"tstTokens", bj::array{bj::object{{"val", engine::base64_encode(token_der)}}}}};
}

std::string archive_timestamp_input(const JwsSigned& s, const std::vector<std::string>& earlier_elements) {
  std::string out = s.signing_input + "." + s.signature_b64;
  for (const auto& e : earlier_elements) out += e;
  return out;
}

engine::Result<std::string> counter_signature(const JwsSigned& parent, JadesSpec spec) {
  auto value = engine::jws::base64url_decode(parent.signature_b64);
  if (!value) return engine::fail(engine::Code::kInvalidArgument, "the parent's signature is not base64url");
  spec.payload = std::move(*value);
  spec.detached = JadesSpec::Detached::kNone;
  auto signed_ = sign_jades(spec);
  if (!signed_) return std::unexpected(signed_.error());
  signed_->payload.clear();  // detached: the verifier takes the parent's signature value
  return compact(*signed_);
}

}  // namespace assay::samples
