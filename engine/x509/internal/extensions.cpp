#include "engine/x509/internal/extensions.h"

#include <array>

#include "engine/x509/internal/der.h"

namespace assay::engine::x509_internal {
namespace {

struct NamedOid {
  std::string_view oid;
  std::string_view name;
  std::string_view digest;
};

constexpr std::array<NamedOid, 18> kSignatureAlgorithms{{
    {"1.2.840.113549.1.1.4", "md5WithRSAEncryption", "MD5"},
    {"1.2.840.113549.1.1.5", "sha1WithRSAEncryption", "SHA-1"},
    {"1.2.840.113549.1.1.14", "sha224WithRSAEncryption", "SHA-224"},
    {"1.2.840.113549.1.1.11", "sha256WithRSAEncryption", "SHA-256"},
    {"1.2.840.113549.1.1.12", "sha384WithRSAEncryption", "SHA-384"},
    {"1.2.840.113549.1.1.13", "sha512WithRSAEncryption", "SHA-512"},
    {"1.2.840.113549.1.1.10", "RSASSA-PSS", "SHA-1"},  // digest refined from the parameters
    {"1.2.840.10045.4.1", "ecdsa-with-SHA1", "SHA-1"},
    {"1.2.840.10045.4.3.1", "ecdsa-with-SHA224", "SHA-224"},
    {"1.2.840.10045.4.3.2", "ecdsa-with-SHA256", "SHA-256"},
    {"1.2.840.10045.4.3.3", "ecdsa-with-SHA384", "SHA-384"},
    {"1.2.840.10045.4.3.4", "ecdsa-with-SHA512", "SHA-512"},
    {"1.3.101.112", "Ed25519", ""},
    {"1.3.101.113", "Ed448", ""},
    {"1.2.840.10040.4.3", "dsa-with-SHA1", "SHA-1"},
    {"2.16.840.1.101.3.4.3.2", "dsa-with-SHA256", "SHA-256"},
    {"2.16.840.1.101.3.4.3.10", "ecdsa-with-SHA3-256", "SHA3-256"},
    {"2.16.840.1.101.3.4.3.14", "id-rsassa-pkcs1-v1_5-with-sha3-256", "SHA3-256"},
}};

constexpr std::array<NamedOid, 6> kDigests{{
    {"1.3.14.3.2.26", "SHA-1", ""},
    {"2.16.840.1.101.3.4.2.4", "SHA-224", ""},
    {"2.16.840.1.101.3.4.2.1", "SHA-256", ""},
    {"2.16.840.1.101.3.4.2.2", "SHA-384", ""},
    {"2.16.840.1.101.3.4.2.3", "SHA-512", ""},
    {"2.16.840.1.101.3.4.2.8", "SHA3-256", ""},
}};

struct KeyAlgorithm {
  std::string_view oid;
  std::string_view name;
  int bits;
};

constexpr std::array<KeyAlgorithm, 6> kKeyAlgorithms{{
    {"1.2.840.113549.1.1.1", "RSA", 0},
    {"1.2.840.113549.1.1.10", "RSASSA-PSS", 0},
    {"1.2.840.10045.2.1", "EC", 0},
    {"1.3.101.112", "Ed25519", 256},
    {"1.3.101.113", "Ed448", 456},
    {"1.2.840.10040.4.1", "DSA", 0},
}};

constexpr std::array<KeyAlgorithm, 8> kCurves{{
    {"1.2.840.10045.3.1.7", "P-256", 256},
    {"1.3.132.0.34", "P-384", 384},
    {"1.3.132.0.35", "P-521", 521},
    {"1.3.132.0.10", "secp256k1", 256},
    {"1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1", 256},
    {"1.3.36.3.3.2.8.1.1.9", "brainpoolP320r1", 320},
    {"1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1", 384},
    {"1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1", 512},
}};

// Bit length of an unsigned big-endian INTEGER's contents.
int integer_bits(std::string_view v) {
  while (!v.empty() && v[0] == '\0') v.remove_prefix(1);
  if (v.empty()) return 0;
  int bits = static_cast<int>(v.size()) * 8;
  for (auto top = static_cast<std::uint8_t>(v[0]); (top & 0x80) == 0; top <<= 1) --bits;
  return bits;
}

std::optional<std::vector<std::string>> oid_sequence(std::string_view v) {
  auto seq = der::read_single(v, der::kSequence);
  if (!seq) return std::nullopt;
  std::vector<std::string> out;
  der::Reader r(seq->value);
  while (!r.empty()) {
    der::Tlv t;
    if (!r.read(der::kOid, t)) return std::nullopt;
    auto o = der::oid_text(t.value);
    if (!o) return std::nullopt;
    out.push_back(std::move(*o));
  }
  return out;
}

// GeneralNames: collects uniformResourceIdentifier [6] values, skips other forms.
bool collect_uris(std::string_view general_names_contents, std::vector<std::string>& out) {
  der::Reader r(general_names_contents);
  while (!r.empty()) {
    der::Tlv gn;
    if (!r.next(gn)) return false;
    if (gn.tag == der::context(6)) out.emplace_back(gn.value);
  }
  return true;
}

}  // namespace

std::optional<std::uint16_t> parse_key_usage(std::string_view v) {
  auto bs = der::read_single(v, der::kBitString);
  if (!bs || bs->value.empty()) return std::nullopt;
  const auto unused = static_cast<std::uint8_t>(bs->value[0]);
  const std::string_view bytes = bs->value.substr(1);
  if (unused > 7 || (bytes.empty() && unused != 0)) return std::nullopt;
  std::uint16_t bits = 0;
  for (std::size_t i = 0; i < bytes.size() && i < 2; ++i) {
    const auto b = static_cast<std::uint8_t>(bytes[i]);
    for (unsigned k = 0; k < 8; ++k) {
      const unsigned n = static_cast<unsigned>(i) * 8 + k;
      if (n <= 8 && (b & (0x80u >> k))) bits = static_cast<std::uint16_t>(bits | (1u << n));
    }
  }
  return bits;
}

std::optional<BasicConstraints> parse_basic_constraints(std::string_view v) {
  auto seq = der::read_single(v, der::kSequence);
  if (!seq) return std::nullopt;
  BasicConstraints bc;
  bc.present = true;
  der::Reader r(seq->value);
  der::Tlv t;
  if (r.read_optional(der::kBoolean, t)) {
    if (t.value.size() != 1) return std::nullopt;
    bc.ca = t.value[0] != '\0';
  }
  if (r.read_optional(der::kInteger, t)) {
    auto n = der::small_integer(t.value);
    if (!n) return std::nullopt;
    bc.path_length = *n;
  }
  if (!r.ok() || !r.empty()) return std::nullopt;
  return bc;
}

std::optional<std::vector<std::string>> parse_ext_key_usage(std::string_view v) { return oid_sequence(v); }

std::optional<std::vector<std::string>> parse_policies(std::string_view v) {
  auto seq = der::read_single(v, der::kSequence);
  if (!seq) return std::nullopt;
  std::vector<std::string> out;
  der::Reader r(seq->value);
  while (!r.empty()) {
    der::Tlv info, id;
    if (!r.read(der::kSequence, info)) return std::nullopt;
    der::Reader ir(info.value);
    if (!ir.read(der::kOid, id)) return std::nullopt;
    auto o = der::oid_text(id.value);
    if (!o) return std::nullopt;
    out.push_back(std::move(*o));
  }
  return out;
}

std::optional<std::string> parse_subject_key_id(std::string_view v) {
  auto t = der::read_single(v, der::kOctetString);
  if (!t) return std::nullopt;
  return std::string(t->value);
}

std::optional<std::string> parse_authority_key_id(std::string_view v, bool& has_key_id) {
  has_key_id = false;
  auto seq = der::read_single(v, der::kSequence);
  if (!seq) return std::nullopt;
  der::Reader r(seq->value);
  std::string id;
  while (!r.empty()) {
    der::Tlv t;
    if (!r.next(t)) return std::nullopt;
    if (t.tag == der::context(0)) {
      has_key_id = true;
      id = std::string(t.value);
    }
  }
  return id;
}

std::optional<std::vector<std::string>> parse_crl_distribution_points(std::string_view v) {
  auto seq = der::read_single(v, der::kSequence);
  if (!seq) return std::nullopt;
  std::vector<std::string> out;
  der::Reader r(seq->value);
  while (!r.empty()) {
    der::Tlv dp, name, full;
    if (!r.read(der::kSequence, dp)) return std::nullopt;
    der::Reader dr(dp.value);
    // distributionPoint [0] { fullName [0] GeneralNames | nameRelativeToCRLIssuer [1] }
    if (dr.read_optional(der::context_constructed(0), name)) {
      der::Reader nr(name.value);
      if (nr.read_optional(der::context_constructed(0), full) && !collect_uris(full.value, out)) return std::nullopt;
      if (!nr.ok()) return std::nullopt;
    }
    if (!dr.ok()) return std::nullopt;
  }
  return out;
}

bool parse_authority_info_access(std::string_view v, std::vector<std::string>& ocsp,
                                 std::vector<std::string>& ca_issuers) {
  auto seq = der::read_single(v, der::kSequence);
  if (!seq) return false;
  der::Reader r(seq->value);
  while (!r.empty()) {
    der::Tlv ad, method, location;
    if (!r.read(der::kSequence, ad)) return false;
    der::Reader ar(ad.value);
    if (!ar.read(der::kOid, method) || !ar.next(location) || !ar.empty()) return false;
    auto m = der::oid_text(method.value);
    if (!m) return false;
    if (location.tag != der::context(6)) continue;  // only URIs are useful to fetchers
    if (*m == kOidOcsp) ocsp.emplace_back(location.value);
    if (*m == kOidCaIssuers) ca_issuers.emplace_back(location.value);
  }
  return true;
}

std::optional<SignatureAlgorithm> parse_signature_algorithm(std::string_view der_bytes) {
  auto seq = der::read_single(der_bytes, der::kSequence);
  if (!seq) return std::nullopt;
  der::Reader r(seq->value);
  der::Tlv id;
  if (!r.read(der::kOid, id)) return std::nullopt;
  auto oid = der::oid_text(id.value);
  if (!oid) return std::nullopt;
  SignatureAlgorithm out;
  out.der = std::string(der_bytes);
  out.oid = *oid;
  out.name = *oid;
  for (const auto& a : kSignatureAlgorithms) {
    if (a.oid == *oid) {
      out.name = a.name;
      out.digest = a.digest;
    }
  }
  if (out.name == "RSASSA-PSS") {
    // RSASSA-PSS-params: hashAlgorithm [0] AlgorithmIdentifier DEFAULT sha1 (RFC 4055 3.1).
    der::Tlv params, hash, alg, hash_oid;
    if (r.read_optional(der::kSequence, params)) {
      der::Reader pr(params.value);
      if (pr.read_optional(der::context_constructed(0), hash)) {
        der::Reader hr(hash.value);
        if (hr.read(der::kSequence, alg)) {
          der::Reader algr(alg.value);
          if (algr.read(der::kOid, hash_oid)) {
            auto h = der::oid_text(hash_oid.value);
            for (const auto& d : kDigests) {
              if (h && d.oid == *h) out.digest = d.name;
            }
          }
        }
      }
    }
  }
  return out;
}

std::optional<PublicKeyInfo> parse_public_key_info(std::string_view der_bytes) {
  auto seq = der::read_single(der_bytes, der::kSequence);
  if (!seq) return std::nullopt;
  der::Reader r(seq->value);
  der::Tlv alg, key, id, params;
  if (!r.read(der::kSequence, alg) || !r.read(der::kBitString, key) || !r.empty()) return std::nullopt;
  der::Reader ar(alg.value);
  if (!ar.read(der::kOid, id)) return std::nullopt;
  auto oid = der::oid_text(id.value);
  if (!oid || key.value.empty()) return std::nullopt;
  PublicKeyInfo out;
  out.der = std::string(der_bytes);
  out.algorithm_oid = *oid;
  out.algorithm = *oid;
  for (const auto& k : kKeyAlgorithms) {
    if (k.oid == *oid) {
      out.algorithm = k.name;
      out.bits = k.bits;
    }
  }
  der::Tlv any_params;
  {
    der::Reader pr = ar;
    if (pr.next(any_params)) out.parameters_der = std::string(any_params.whole);
  }
  const std::string_view key_bytes = key.value.substr(1);
  if (out.algorithm == "RSA" || out.algorithm == "RSASSA-PSS") {
    // RSAPublicKey ::= SEQUENCE {modulus INTEGER, publicExponent INTEGER} (RFC 8017 A.1.1)
    if (auto rsa = der::read_single(key_bytes, der::kSequence)) {
      der::Reader kr(rsa->value);
      der::Tlv modulus;
      if (kr.read(der::kInteger, modulus)) out.bits = integer_bits(modulus.value);
    }
  } else if (out.algorithm == "EC") {
    if (ar.read_optional(der::kOid, params)) {
      auto curve = der::oid_text(params.value);
      if (curve) {
        out.curve = *curve;
        for (const auto& c : kCurves) {
          if (c.oid == *curve) {
            out.curve = c.name;
            out.bits = c.bits;
          }
        }
      }
    }
  } else if (out.algorithm == "DSA") {
    // Dss-Parms ::= SEQUENCE {p INTEGER, q INTEGER, g INTEGER}
    if (ar.read_optional(der::kSequence, params)) {
      der::Reader pr(params.value);
      der::Tlv p;
      if (pr.read(der::kInteger, p)) out.bits = integer_bits(p.value);
    }
  }
  return out;
}

}  // namespace assay::engine::x509_internal
